/**
 * Rate limits of failed lookups against the production server (CAP-05, ADM-03, ADR 0018):
 * a training room behind one address is never blocked by its own successful lookups; guessing
 * links, codes or passphrases is stopped with 429 and Retry-After, passphrases on a tighter
 * budget of their own; the limiter keys on the client address as adapter-node gives it; reaching
 * a budget is logged once, with a pseudonym of the address and nothing typed.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { startServer } from '../e2e/global-setup';
import {
	createCampaign,
	createProtectedCampaign,
	miniPages,
	post,
	unlock
} from '../helpers/participant';
import { TEST_QUESTIONNAIRES } from '../helpers/paths';

/** A server of its own for one test; stopped and removed afterwards. */
async function withServer<T>(
	env: Record<string, string>,
	run: (url: string, log: () => Promise<string>) => Promise<T>
): Promise<T> {
	const root = await mkdtemp(path.join(tmpdir(), 'reperes-limits-'));
	const logFile = path.join(root, 'server.log');
	const { url, child } = await startServer(
		{ DATA_DIR: path.join(root, 'data'), QUESTIONNAIRES_DIR: TEST_QUESTIONNAIRES, ...env },
		logFile
	);
	try {
		return await run(url, () => readFile(logFile, 'utf8'));
	} finally {
		const exited = new Promise((r) => child.once('exit', r));
		child.kill('SIGTERM');
		await exited;
		await rm(root, { recursive: true, force: true });
	}
}

const WRONG_LINKS = ['AAAAAAAAAAAAAAAAAAAAAA', 'BBBBBBBBBBBBBBBBBBBBBB', 'CCCCCCCCCCCCCCCCCCCCCC'];
const PASSPHRASE = 'une phrase assez longue';

describe('a training room behind one address', () => {
	test('40 people join with the code and answer: never a 429, even with a few typos', async () => {
		// A code looked up holds one try of the budget until it turns out right (ADR 0023): 40
		// people at once and 4 typos need 44.
		await withServer({ LOOKUP_FAILURES_PER_10_MIN: '45' }, async (url) => {
			const { code } = await createCampaign(url, [
				['name', 'Salle de formation'],
				['diagnostics', 'exemple-mini'],
				['k', '3']
			]);
			const statuses: number[] = [];
			// Four people mistype the code first: four failures.
			for (const typo of ['ACDE-FGHJ', 'XXXX-XXXX', `${code.slice(0, 7)}Q`, 'ACDEFGH']) {
				statuses.push(
					(await fetch(`${url}/rejoindre?code=${typo}`, { redirect: 'manual' })).status
				);
			}
			await Promise.all(
				Array.from({ length: 40 }, async () => {
					const form = await fetch(`${url}/rejoindre?code=${code}`, { redirect: 'manual' });
					statuses.push(form.status);
					statuses.push((await fetch(`${url}/rejoindre/${code}`)).status);
					const joined = await post(url, `/rejoindre/${code}`, [['consent', 'oui']]);
					statuses.push(joined.status);
					const token = joined.headers.get('location')!.split('/').at(-1)!;
					for (const { page, fields } of miniPages(1)) {
						statuses.push((await fetch(`${url}/p/${token}`)).status);
						const saved = await post(url, `/p/${token}?/save`, [
							['page', page],
							['nav', 'next'],
							...fields
						]);
						statuses.push(saved.status);
					}
					statuses.push((await fetch(`${url}/p/${token}`)).status);
					statuses.push((await fetch(`${url}/p/${token}/donnees.json`)).status);
				})
			);
			expect(statuses.filter((s) => s === 429)).toEqual([]);
			expect(statuses.length).toBe(4 + 40 * 9);
			// Those 364 successful lookups did not count: the budget still has exactly 41 tries.
			for (let i = 0; i < 41; i++) {
				expect((await fetch(`${url}/p/${String(i).padStart(22, 'A')}`)).status).toBe(404);
			}
			const blocked = await fetch(`${url}/p/${WRONG_LINKS[1]}`);
			expect(blocked.status).toBe(429);
			expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
		});
	}, 120_000);

	test('the default budget lets a room make dozens of mistakes', async () => {
		await withServer({}, async (url) => {
			const statuses: number[] = [];
			for (let i = 0; i < 60; i++) {
				statuses.push(
					(await fetch(`${url}/rejoindre?code=ZZZZ-ZZ${i}`, { redirect: 'manual' })).status
				);
			}
			expect(statuses.filter((s) => s === 429)).toEqual([]);
			expect((await fetch(`${url}/p/${WRONG_LINKS[0]}`)).status).toBe(429);
		});
	});
});

describe('guessing', () => {
	test('wrong passphrases: a budget of five per address, then 429 with Retry-After', async () => {
		await withServer({ ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1' }, async (url, log) => {
			const token = await createProtectedCampaign(url, PASSPHRASE);
			const tryFrom = (passphrase: string, from: string) =>
				unlock(url, token, passphrase, { 'x-forwarded-for': from });
			const guesses = ['motdepasse1', 'azertyuiop', 'soleil2027!', 'formation-lyon', 'p@ssphrase'];
			for (const guess of guesses) {
				const wrong = await tryFrom(guess, '198.51.100.7');
				expect(wrong.status).toBe(400);
				expect(await wrong.text()).toContain('Phrase secrète incorrecte');
			}
			const blocked = await tryFrom(PASSPHRASE, '198.51.100.7');
			expect(blocked.status).toBe(429);
			expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(800);
			expect((await blocked.text()).replace(/\u00a0/g, ' ')).toContain(
				'Trop de phrases secrètes erronées'
			);
			// Another address is not blocked, and links still open from the first one.
			expect((await tryFrom(PASSPHRASE, '198.51.100.8')).status).toBe(303);
			const page = await fetch(`${url}/campagnes/${token}`, {
				headers: { 'x-forwarded-for': '198.51.100.7' }
			});
			expect(page.status).toBe(200);
			// Each wrong one logged, the limit once: a pseudonym of the address, no passphrase tried.
			const events = (await log())
				.split('\n')
				.filter((l) => l.startsWith('{'))
				.map((l) => JSON.parse(l) as Record<string, unknown>);
			const where = '/campagnes/[token]?/unlock';
			expect(events.filter((e) => e.event === 'lookup.failed' && e.where === where)).toHaveLength(
				5
			);
			expect(events.filter((e) => e.event === 'lookup.limited')).toEqual([
				{
					time: expect.any(String),
					level: 'warn',
					event: 'lookup.limited',
					where,
					client: expect.stringMatching(/^[A-Za-z0-9_-]{12}$/),
					retryAfter: expect.any(Number)
				}
			]);
			const everything = await log();
			for (const secret of [...guesses, PASSPHRASE, '198.51.100.7', token]) {
				expect(everything).not.toContain(secret);
			}
		});
	});

	test('wrong links and codes beyond the budget: 429, logged without what was tried', async () => {
		await withServer({ LOOKUP_FAILURES_PER_10_MIN: '3' }, async (url, log) => {
			const tried = [`/p/${WRONG_LINKS[0]}`, `/campagnes/${WRONG_LINKS[1]}`, '/rejoindre/ACDEFGHJ'];
			for (const route of tried) expect((await fetch(`${url}${route}`)).status).toBe(404);
			for (const route of [`/p/${WRONG_LINKS[2]}`, '/rejoindre?code=ACDE-FGHK']) {
				const blocked = await fetch(`${url}${route}`);
				if (route.startsWith('/p/')) {
					expect(blocked.status).toBe(429);
					expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(500);
				} else expect(await blocked.text()).toContain('Trop de liens ou de codes erronés');
			}
			const events = (await log())
				.split('\n')
				.filter((l) => l.startsWith('{'))
				.map((l) => JSON.parse(l) as Record<string, unknown>)
				.filter((e) => e.event === 'lookup.limited');
			expect(events).toEqual([
				{
					time: expect.any(String),
					level: 'warn',
					event: 'lookup.limited',
					where: '/rejoindre/[code]',
					client: expect.stringMatching(/^[A-Za-z0-9_-]{12}$/),
					retryAfter: expect.any(Number)
				}
			]);
			const everything = await log();
			for (const value of [...WRONG_LINKS, 'ACDEFGHJ', 'ACDE-FGHK']) {
				expect(everything).not.toContain(value);
			}
			expect(JSON.stringify(events)).not.toContain('127.0.0.1');
		});
	});
});

describe('the limiter keys on the client address adapter-node gives', () => {
	test('behind a proxy (ADDRESS_HEADER), each client has its own budget', async () => {
		await withServer(
			{ LOOKUP_FAILURES_PER_10_MIN: '2', ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1' },
			async (url) => {
				const from = (address: string, route: string) =>
					fetch(`${url}${route}`, { headers: { 'x-forwarded-for': address } });
				expect((await from('203.0.113.1', `/p/${WRONG_LINKS[0]}`)).status).toBe(404);
				expect((await from('203.0.113.1', `/p/${WRONG_LINKS[1]}`)).status).toBe(404);
				expect((await from('203.0.113.1', `/p/${WRONG_LINKS[2]}`)).status).toBe(429);
				expect((await from('203.0.113.2', `/p/${WRONG_LINKS[2]}`)).status).toBe(404);
				// The proxy's right-most entry is the client: what a client prepends is not.
				expect((await from('10.0.0.9, 203.0.113.1', `/p/${WRONG_LINKS[2]}`)).status).toBe(429);
			}
		);
	});

	test('without a proxy, a forged X-Forwarded-For changes nothing', async () => {
		await withServer({ LOOKUP_FAILURES_PER_10_MIN: '2' }, async (url) => {
			const statuses: number[] = [];
			for (const [i, link] of WRONG_LINKS.entries()) {
				const response = await fetch(`${url}/p/${link}`, {
					headers: { 'x-forwarded-for': `203.0.113.${i + 10}` }
				});
				statuses.push(response.status);
			}
			expect(statuses).toEqual([404, 404, 429]);
		});
	});
});
