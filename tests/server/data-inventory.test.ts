/**
 * PRIV-01: what the running app actually stores is what docs/data-inventory.md documents. A
 * campaign (every option), participations (in progress, completed and shared, retaken, deleted)
 * and a guided session with its plan are written through the production server, on the
 * embedded store and on PostgreSQL; every key read back from the files and from the table rows
 * must be on the documented allow-list, none may be named like an address, a user agent or an
 * e-mail, and the client's user agent and address must appear nowhere.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, test } from 'vitest';
import { startServer } from '../e2e/global-setup';
import { loadById } from '../helpers/packages';
import { ROOT, TEST_QUESTIONNAIRES } from '../helpers/paths';
import { postgresUnavailable, startPostgres } from '../helpers/postgres';
import { readDocuments, type DocumentFolder } from '../helpers/store-documents';

/** The test client's user agent: it must not be stored anywhere. */
const USER_AGENT = 'Reperes-inventory-test/1.0 (UA-CANARY-5d1c)';
/** Keys that would mean an address, a browser or an e-mail is stored. */
const FORBIDDEN =
	/^(ip|ips|ipaddress|ip_address|address|remoteaddress|remote_address|ua|useragent|user_agent|user-agent|email|e-mail|mail|courriel)$/i;

// ---- The allow-list, read from the documentation ----

/** The backticked names in a Markdown table cell. */
const names = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);

/** Table rows (cells) under each `### heading` of the inventory. */
function tablesByHeading(markdown: string): Map<string, string[][]> {
	const tables = new Map<string, string[][]>();
	let heading = '';
	for (const line of markdown.split('\n')) {
		if (line.startsWith('### ')) heading = line.slice(4).trim();
		else if (heading && /^\|(?!\s*-)/.test(line)) {
			const cells = line.split('|').slice(1, -1);
			const rows = tables.get(heading) ?? [];
			// The first row is the header.
			if (tables.has(heading)) rows.push(cells);
			tables.set(heading, rows);
		}
	}
	return tables;
}

/** A documented path as a regular expression: `*` is one key; a final `.*` covers what is below. */
function pattern(documented: string): RegExp {
	const open = documented.endsWith('.*');
	const stem = open ? documented.slice(0, -2) : documented;
	const body = stem
		.split('.')
		.map((segment) =>
			segment === '*' ? '[^.\\[\\]]+' : segment.replace(/[[\]]/g, (c) => `\\${c}`)
		)
		.join('\\.');
	return new RegExp(`^${body}${open ? '\\.[^.\\[\\]]+(?:[.[].*)?' : ''}$`);
}

type RecordKind = 'participation' | 'campaign' | 'guidedSession' | 'deleted' | 'file' | 'lock';

interface Inventory {
	records: Record<RecordKind, RegExp[]>;
	/** Per PostgreSQL table: column → the record field it holds (`(rest)`: the record's root). */
	tables: Record<string, Record<string, string | null>>;
}

async function readInventory(): Promise<Inventory> {
	const tables = tablesByHeading(
		await readFile(path.join(ROOT, 'docs', 'data-inventory.md'), 'utf8')
	);
	const record = (heading: string) =>
		(tables.get(heading) ?? []).flatMap((r) => names(r[0]!)).map(pattern);
	const table = (name: string) =>
		Object.fromEntries(
			(tables.get(`Table \`${name}\``) ?? []).map((r) => [
				names(r[0]!)[0]!,
				r[1]!.includes('(rest)') ? '' : (names(r[1]!)[0] ?? null)
			])
		);
	return {
		records: {
			participation: record('Participation'),
			campaign: record('Campaign'),
			guidedSession: record('Guided session'),
			deleted: record('Deletion'),
			file: record('Store file'),
			lock: record('Lock file')
		},
		tables: Object.fromEntries(
			[
				'participations',
				'campaigns',
				'guided_sessions',
				'deleted_participations',
				'budget_tries',
				'pseudonym_keys',
				'reperes_migrations'
			].map((t) => [t, table(t)])
		)
	};
}

// ---- What is stored ----

/** Every path of a value: containers and leaves, lists as `[]`. */
function paths(value: unknown, prefix = ''): string[] {
	const here = prefix ? [prefix] : [];
	if (Array.isArray(value)) return [...here, ...value.flatMap((v) => paths(v, `${prefix}[]`))];
	if (value && typeof value === 'object') {
		return [
			...here,
			...Object.entries(value).flatMap(([k, v]) => paths(v, prefix ? `${prefix}.${k}` : k))
		];
	}
	return here;
}

/** Every key of a value, however deep (map keys included). */
function keys(value: unknown): string[] {
	if (Array.isArray(value)) return value.flatMap(keys);
	if (value && typeof value === 'object') {
		return Object.entries(value).flatMap(([k, v]) => [k, ...keys(v)]);
	}
	return [];
}

/** What a stored record holds that the inventory does not list, or that names an address. */
function undocumented(kind: string, value: unknown, allowed: RegExp[]): string[] {
	return [
		...paths(value)
			.filter((p) => !allowed.some((a) => a.test(p)))
			.map((p) => `${kind}: ${p} is not in docs/data-inventory.md`),
		...keys(value)
			.filter((k) => FORBIDDEN.test(k))
			.map((k) => `${kind}: key ${k} stores an address, a browser or an e-mail`)
	];
}

// ---- Driving the app ----

const children: ChildProcess[] = [];
const dirs: string[] = [];
const pgServer = await startPostgres();
afterAll(async () => {
	for (const child of children) {
		if (child.exitCode !== null) continue;
		const closed = new Promise((r) => child.once('close', r));
		child.kill('SIGTERM');
		await closed;
	}
	for (const d of dirs) await rm(d, { recursive: true, force: true });
	await pgServer?.stop();
});

/** A browser-like client of the server: same origin, its own user agent, a cookie jar of one. */
function client(url: string) {
	let cookie = '';
	const send = async (route: string, fields?: [string, string][]) => {
		const response = await fetch(`${url}${route}`, {
			method: fields ? 'POST' : 'GET',
			redirect: 'manual',
			headers: {
				'user-agent': USER_AGENT,
				accept: 'text/html',
				...(fields ? { origin: url, 'content-type': 'application/x-www-form-urlencoded' } : {}),
				...(cookie ? { cookie } : {})
			},
			body: fields ? new URLSearchParams(fields) : undefined
		});
		const set = response.headers.get('set-cookie');
		if (set) cookie = set.split(';')[0]!;
		return response;
	};
	const last = (r: Response) => r.headers.get('location')!.split('/').at(-1)!;
	return {
		get: (route: string) => send(route),
		post: (route: string, fields: [string, string][]) => send(route, fields),
		/** Posts a form and expects the redirect of a success; returns the last part of its target. */
		async ok(route: string, fields: [string, string][]): Promise<string> {
			const response = await send(route, fields);
			expect(response.status, route).toBe(303);
			return last(response);
		}
	};
}

/** Everything the app writes, once each: through its forms, as a browser without JavaScript. */
async function useEverything(url: string): Promise<void> {
	const app = client(url);
	const management = await app.ok('/campagnes/nouvelle', [
		['name', 'Formateurs du réseau Sud'],
		['diagnostics', 'exemple-mini'],
		['k', '3'],
		['groupLabel', 'Site'],
		['groupOptions', 'Lyon\nNantes'],
		['identifierLabel', 'Session'],
		['target.exemple-mini.A', 'expert'],
		['target.exemple-mini.A.1', 'confirme'],
		['passphrase', 'une phrase secrète assez longue'],
		['opensOn', '2020-01-01'],
		['closesOn', '2099-12-31']
	]);
	await app.ok(`/campagnes/${management}?/unlock`, [
		['passphrase', 'une phrase secrète assez longue']
	]);
	await app.ok(`/campagnes/${management}?/openWave`, []);
	const dashboard = await (await app.get(`/campagnes/${management}`)).text();
	const code = /data-code[^>]*>([A-Z0-9-]+)</.exec(dashboard)![1]!.replace('-', '');

	/** Answers exemple-mini to the end; `low`: the lowest answers (resources are recommended). */
	const answer = async (base: string, comment: string, low = false) => {
		await app.ok(`${base}?/save`, [
			['page', 'outils'],
			['nav', 'next'],
			['classe_virtuelle', low ? 'jamais' : 'souvent'],
			['aisance_quiz', low ? '1' : '4'],
			['outils_quiz', low ? 'papier' : 'h5p'],
			['difficulte_quiz', low ? 'true' : 'false']
		]);
		await app.ok(`${base}?/save`, [
			['page', 'accompagnement'],
			['nav', 'next'],
			['suivi[relance]', '0'],
			['suivi[planning]', low ? '0' : '1'],
			...(low ? [] : [['remarque', comment] as [string, string]])
		]);
	};
	// Joined, completed, shared, then retaken.
	const joined = await app.ok(`/rejoindre/${code}`, [
		['group', 'Lyon'],
		['identifier', 'S-12'],
		['consent', 'oui']
	]);
	await answer(`/p/${joined}`, 'Une remarque libre.');
	await app.ok(`/p/${joined}?/share`, [['partager', 'oui']]);
	const again = await app.ok(`/p/${joined}?/retake`, []);
	await answer(`/p/${again}`, 'Une autre remarque.');
	// Started alone and left half-way; another one deleted (a tombstone).
	const alone = await app.ok('/diagnostics/exemple-mini?/start', []);
	const stayed = await app.post(`/p/${alone}?/save`, [
		['page', 'outils'],
		['nav', 'stay'],
		['classe_virtuelle', 'jamais']
	]);
	expect(stayed.status).toBe(200);
	const gone = await app.ok('/diagnostics/exemple-mini?/start', []);
	await app.ok(`/p/${gone}/supprimer`, [['confirmer', 'oui']]);

	// A guided session with notes, ratings and an action plan.
	const sessions = `/campagnes/${management}/accompagnements`;
	const session = await app.ok(`${sessions}?/open`, [
		['client', 'Organisme Horizon'],
		['diagnostic', 'exemple-mini']
	]);
	await answer(`${sessions}/${session}`, '', true);
	await app.ok(`${sessions}/${session}?/assess`, [
		['note.A', 'Les outils existent.'],
		['rating.A', 'expert'],
		['note.B', ''],
		['rating.B', '']
	]);
	await app.ok(`${sessions}/${session}?/addAction`, [
		['title', 'Former l’équipe aux quiz'],
		['target', 'A'],
		['owner', 'Direction pédagogique'],
		['dueOn', '2027-03-31'],
		['status', 'doing'],
		['resources', 'h5p']
	]);
}

/** Problems common to both stores: answer keys, the client's user agent and address. */
function textProblems(text: string): string[] {
	return [
		...(text.includes(USER_AGENT) || text.includes('UA-CANARY')
			? ['the user agent is stored']
			: []),
		...(/127\.0\.0\.1|::ffff:|"::1"/.test(text) ? ['a client address is stored'] : [])
	];
}

async function stop(child: ChildProcess) {
	const closed = new Promise((r) => child.once('close', r));
	child.kill('SIGTERM');
	await closed;
}

describe('what is stored is what docs/data-inventory.md lists', async () => {
	const inventory = await readInventory();
	const { pkg } = await loadById('exemple-mini');
	const questionNames = new Set(
		pkg.survey.pages.flatMap((p) => (p.elements ?? []).map((e) => e.name))
	);

	test('the allow-list is read from the documentation', () => {
		expect(inventory.records.participation.length).toBeGreaterThan(20);
		expect(inventory.records.campaign.length).toBeGreaterThan(20);
		expect(inventory.records.guidedSession.length).toBeGreaterThan(10);
		expect(Object.keys(inventory.tables.participations!)).toContain('token_hash');
		// A path that is not documented is refused.
		expect(undocumented('x', { id: 'a', ip: '203.0.113.7' }, inventory.records.deleted)).toEqual([
			'x: ip is not in docs/data-inventory.md',
			'x: key ip stores an address, a browser or an e-mail'
		]);
	});

	test('embedded store: every key of every file', async () => {
		const dir = await mkdtemp(path.join(tmpdir(), 'reperes-inventory-'));
		dirs.push(dir);
		const { url, child } = await startServer({
			DATA_DIR: dir,
			QUESTIONNAIRES_DIR: TEST_QUESTIONNAIRES
		});
		children.push(child);
		await useEverything(url);
		// While the server runs, the lock file says who holds the folder.
		const lock = JSON.parse(await readFile(path.join(dir, 'reperes.lock'), 'utf8'));
		await stop(child);

		// The folder holds the main file and one folder per kind of record, nothing else.
		expect((await readdir(dir)).sort()).toEqual([
			'campaigns',
			'deleted',
			'guided-sessions',
			'participations',
			'reperes.json'
		]);
		const main = JSON.parse(await readFile(path.join(dir, 'reperes.json'), 'utf8'));
		const read = (folder: DocumentFolder) => readDocuments(dir, folder);
		const documents = await read('participations');
		const campaignDocs = await read('campaigns');
		const sessionDocs = await read('guided-sessions');
		const tombstones = await read('deleted');
		expect(documents).toHaveLength(4);
		expect(campaignDocs).toHaveLength(1);
		expect(sessionDocs).toHaveLength(1);
		expect(tombstones).toHaveLength(1);
		const { records } = inventory;
		const problems = [
			...undocumented('reperes.json', main, records.file),
			...undocumented('reperes.lock', lock, records.lock),
			...campaignDocs.flatMap((c) => undocumented('campaign', c, records.campaign)),
			...sessionDocs.flatMap((s) => undocumented('guided session', s, records.guidedSession)),
			...tombstones.flatMap((d) => undocumented('deletion', d, records.deleted)),
			...documents.flatMap((p) => undocumented('participation', p, records.participation)),
			...documents.flatMap((p) =>
				Object.keys((p as { answers: object }).answers)
					.filter((k) => !questionNames.has(k))
					.map((k) => `participation: answer ${k} is not a question of the diagnostic`)
			)
		];
		const text = [
			await readFile(path.join(dir, 'reperes.json'), 'utf8'),
			JSON.stringify(lock),
			...[...documents, ...campaignDocs, ...sessionDocs, ...tombstones].map((d) =>
				JSON.stringify(d)
			)
		].join('\n');
		expect([...problems, ...textProblems(text)]).toEqual([]);
	});

	if (!pgServer) {
		test(`PostgreSQL inventory NOT RUN: ${postgresUnavailable()}`, () => {
			expect(process.env.CI, 'CI must run the PostgreSQL tests').toBeFalsy();
		});
	} else {
		test('PostgreSQL: every column of every table, every key of every jsonb value', async () => {
			const databaseUrl = await pgServer.createDatabase();
			const { url, child } = await startServer({
				DATABASE_URL: databaseUrl,
				QUESTIONNAIRES_DIR: TEST_QUESTIONNAIRES
			});
			children.push(child);
			await useEverything(url);
			await stop(child);

			const db = new pg.Client({ connectionString: databaseUrl });
			await db.connect();
			const problems: string[] = [];
			const texts: string[] = [];
			try {
				const tables = (
					await db.query<{ tablename: string }>(
						"SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
					)
				).rows.map((r) => r.tablename);
				expect(tables.sort()).toEqual(Object.keys(inventory.tables).sort());
				const recordOf: Record<string, RegExp[]> = {
					participations: inventory.records.participation,
					campaigns: inventory.records.campaign,
					guided_sessions: inventory.records.guidedSession,
					deleted_participations: inventory.records.deleted,
					budget_tries: [],
					pseudonym_keys: [],
					reperes_migrations: []
				};
				let rows = 0;
				for (const table of tables) {
					const documented = inventory.tables[table]!;
					const columns = (
						await db.query<{ column_name: string }>(
							"SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1",
							[table]
						)
					).rows.map((r) => r.column_name);
					for (const c of columns.filter((c) => !(c in documented))) {
						problems.push(`${table}.${c} is not in docs/data-inventory.md`);
					}
					for (const row of (await db.query(`SELECT * FROM "${table}"`)).rows as Record<
						string,
						unknown
					>[]) {
						rows++;
						texts.push(JSON.stringify(row));
						for (const [column, value] of Object.entries(row)) {
							const holds = documented[column];
							if (holds === null || holds === undefined || value === null) continue;
							// A jsonb value is the record field's own value: its paths start there.
							const json = value instanceof Date || typeof value !== 'object' ? 'leaf' : value;
							const found = json === 'leaf' ? [holds] : paths(json, holds);
							for (const p of found.filter((p) => p !== '')) {
								if (!recordOf[table]!.some((a) => a.test(p))) {
									problems.push(`${table}.${column}: ${p} is not in docs/data-inventory.md`);
								}
							}
							if (json !== 'leaf') {
								for (const k of keys(json).filter((k) => FORBIDDEN.test(k))) {
									problems.push(
										`${table}.${column}: key ${k} stores an address, a browser or an e-mail`
									);
								}
							}
						}
					}
				}
				expect(rows).toBeGreaterThan(8);
				const answers = (
					await db.query<{ name: string }>(
						'SELECT jsonb_object_keys(answers) AS name FROM participations'
					)
				).rows.map((r) => r.name);
				for (const k of answers.filter((k) => !questionNames.has(k))) {
					problems.push(`participations.answers: ${k} is not a question of the diagnostic`);
				}
			} finally {
				await db.end();
			}
			expect([...problems, ...textProblems(texts.join('\n'))]).toEqual([]);
		});
	}
});
