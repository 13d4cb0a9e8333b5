/**
 * The budget contract (ADR 0023): the same behaviour, checked the same way, in memory and on a
 * real PostgreSQL server, where two pools stand for two app instances on one database. Checking
 * and counting is one step: however many tries arrive at once, no more than the budget pass.
 * Without PostgreSQL on the machine, its half reports « NOT RUN » (and fails in CI).
 */
import pg from 'pg';
import { afterAll, describe, expect, test } from 'vitest';
import { memoryBudgetStore, type BudgetRule, type BudgetStore } from '$lib/server/security/budget';
import { openPostgres } from '$lib/server/storage/postgres-backend';
import { postgresBudgetStore } from '$lib/server/storage/postgres-budgets';
import { postgresUnavailable, startPostgres, type TestPostgres } from '../helpers/postgres';

const server: TestPostgres | null = await startPostgres();
const closing: (() => Promise<void>)[] = [];
afterAll(async () => {
	for (const close of closing) await close();
	await server?.stop();
});

if (!server) {
	test(`PostgreSQL budgets NOT RUN: ${postgresUnavailable() ?? 'server did not start'}`, () => {
		expect(process.env.CI, 'CI must run the PostgreSQL contract').toBeFalsy();
	});
}

interface Opened {
	/** Two stores on the same counts: two app instances (the same store in memory). */
	stores: [BudgetStore, BudgetStore];
	/** Everything the store wrote, as text; null in memory. */
	rawText(): Promise<string | null>;
}

interface Kind {
	name: string;
	fresh(): Promise<Opened>;
}

const memoryKind: Kind = {
	name: 'memory',
	async fresh() {
		const store = memoryBudgetStore();
		return { stores: [store, store], rawText: async () => null };
	}
};

function postgresKind(db: TestPostgres): Kind {
	return {
		name: 'postgres',
		async fresh() {
			const url = await db.createDatabase();
			const open = async () => {
				const backend = await openPostgres({ url, poolSize: 20, poolTimeoutMs: 10_000 });
				closing.push(() => backend.close());
				return postgresBudgetStore(backend.pool);
			};
			const [a, b] = [await open(), await open()];
			return {
				stores: [a, b],
				async rawText() {
					const client = new pg.Client({ connectionString: url });
					await client.connect();
					try {
						const r = await client.query<{ row: string }>(
							'SELECT t::text AS row FROM budget_tries t'
						);
						return r.rows.map((x) => x.row).join('\n');
					} finally {
						await client.end();
					}
				}
			};
		}
	};
}

const kinds: Kind[] = [memoryKind, ...(server ? [postgresKind(server)] : [])];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const rule = (name: string, max: number, windowMs = 60_000): BudgetRule => ({
	name,
	max,
	windowMs
});

describe.each(kinds)('budgets in $name', (kind) => {
	test('admits up to the budget, then refuses with the wait until the oldest try leaves', async () => {
		const { stores } = await kind.fresh();
		const [store] = stores;
		const three = rule('lookups', 3);
		const admitted = [];
		for (let i = 0; i < 3; i++) admitted.push(await store.admit(three, '203.0.113.7'));
		expect(admitted.map((a) => a.admitted && a.remaining)).toEqual([2, 1, 0]);
		const refused = await store.admit(three, '203.0.113.7');
		expect(refused.admitted).toBe(false);
		expect(refused.retryAfter).toBeGreaterThanOrEqual(59);
		expect(refused.retryAfter).toBeLessThanOrEqual(60);
		// Another client, and another budget of the same client, are untouched.
		expect((await store.admit(three, '203.0.113.8')).admitted).toBe(true);
		expect((await store.admit(rule('starts', 3), '203.0.113.7')).admitted).toBe(true);
	});

	test('a try given back makes room for one more, and only one', async () => {
		const { stores } = await kind.fresh();
		const [store, other] = stores;
		const two = rule('passphrases', 2);
		const first = await store.admit(two, 'room');
		const second = await store.admit(two, 'room');
		expect(second.admitted).toBe(true);
		if (!first.admitted) throw new Error('first try refused');
		expect((await other.admit(two, 'room')).admitted).toBe(false);
		await store.refund(two, 'room', first.ticket);
		expect((await other.admit(two, 'room')).admitted).toBe(true);
		expect((await store.admit(two, 'room')).admitted).toBe(false);
	});

	test('tries leave the window', async () => {
		const { stores } = await kind.fresh();
		const [store] = stores;
		const short = rule('lookups', 1, 700);
		expect((await store.admit(short, 'c')).admitted).toBe(true);
		const refused = await store.admit(short, 'c');
		expect(refused).toEqual({ admitted: false, retryAfter: 1 });
		await sleep(900);
		expect((await store.admit(short, 'c')).admitted).toBe(true);
	});

	test.each([
		[5, 100],
		[60, 300]
	])(
		'a budget of %i, %i concurrent tries over two instances: exactly the budget passes',
		async (max, tries) => {
			const { stores } = await kind.fresh();
			const burst = rule('lookups', max);
			const outcomes = await Promise.all(
				Array.from({ length: tries }, (_, i) => stores[i % 2]!.admit(burst, '198.51.100.9'))
			);
			expect(outcomes.filter((o) => o.admitted)).toHaveLength(max);
			const remaining = outcomes.flatMap((o) => (o.admitted ? [o.remaining] : []));
			expect(remaining.sort((a, b) => a - b)).toEqual(Array.from({ length: max }, (_, i) => i));
			for (const o of outcomes.filter((o) => !o.admitted)) {
				expect(o.retryAfter).toBeGreaterThanOrEqual(59);
			}
		},
		60_000
	);

	test('concurrent tries that turn out valid are all given back', async () => {
		const { stores } = await kind.fresh();
		const budget = rule('lookups', 10);
		// Four failures spent, then 6 valid tries at a time, 60 in all, each given back.
		for (let i = 0; i < 4; i++) await stores[0].admit(budget, 'room');
		for (let round = 0; round < 10; round++) {
			const outcomes = await Promise.all(
				Array.from({ length: 6 }, async (_, i) => {
					const store = stores[i % 2]!;
					const a = await store.admit(budget, 'room');
					if (a.admitted) await store.refund(budget, 'room', a.ticket);
					return a.admitted;
				})
			);
			expect(outcomes).toEqual(Array(6).fill(true));
		}
		const left = [];
		for (let i = 0; i < 7; i++) left.push((await stores[1].admit(budget, 'room')).admitted);
		expect(left).toEqual([true, true, true, true, true, true, false]);
	});

	test('clients whose tries have all left their window are forgotten', async () => {
		const opened = await kind.fresh();
		const [store] = opened.stores;
		await store.admit(rule('lookups', 5, 300), 'gone');
		await store.admit(rule('starts', 5, 60_000), 'staying');
		await sleep(500);
		expect(await store.prune()).toBe(1);
		expect(await store.prune()).toBe(0);
		const text = await opened.rawText();
		if (text !== null) {
			expect(text.split('\n')).toHaveLength(1);
			expect(text).toContain('starts');
		}
	});

	test('the client is never stored as given', async () => {
		const opened = await kind.fresh();
		await opened.stores[0].admit(rule('lookups', 5), '203.0.113.77');
		await opened.stores[1].admit(rule('lookups', 5), '2001:db8:7:7::/64');
		const text = await opened.rawText();
		if (text === null) return expect(kind.name).toBe('memory');
		expect(text).not.toContain('203.0.113');
		expect(text).not.toContain('2001:db8');
		// Both instances hash alike: one row per client.
		expect(text.split('\n')).toHaveLength(2);
	});
});

describe('budgets in memory', () => {
	test('follow the clock they are given', async () => {
		let now = 1_000_000;
		const store = memoryBudgetStore(() => now);
		const three = rule('lookups', 3, 60_000);
		for (let i = 0; i < 3; i++) {
			expect((await store.admit(three, 'c')).admitted).toBe(true);
			now += 10_000;
		}
		// The first try (t = 0) leaves the window at 60 s; it is now 30 s.
		expect(await store.admit(three, 'c')).toEqual({ admitted: false, retryAfter: 30 });
		now += 30_001;
		expect((await store.admit(three, 'c')).admitted).toBe(true);
		expect(await store.admit(three, 'c')).toEqual({ admitted: false, retryAfter: 10 });
	});
});
