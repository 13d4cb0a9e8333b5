/**
 * Submissions are idempotent (production server, embedded store): a double click, a reload or
 * a replay of a start, join or final submit creates one record and leads to the same link.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer } from '../e2e/global-setup';
import { createCampaign, miniPages, post } from '../helpers/participant';
import { TEST_QUESTIONNAIRES } from '../helpers/paths';

let url: string;
let child: ChildProcess;
let dataDir: string;

beforeAll(async () => {
	dataDir = await mkdtemp(path.join(tmpdir(), 'reperes-idempotent-'));
	({ url, child } = await startServer({
		DATA_DIR: dataDir,
		QUESTIONNAIRES_DIR: TEST_QUESTIONNAIRES
	}));
});
afterAll(async () => {
	const exited = new Promise((r) => child.once('exit', r));
	child.kill('SIGTERM');
	await exited;
	await rm(dataDir, { recursive: true, force: true });
});

/** Participation documents on disk (the store writes each before acknowledging it). */
async function stored(): Promise<number> {
	const root = path.join(dataDir, 'participations');
	const shards = await readdir(root).catch(() => [] as string[]);
	const files = await Promise.all(shards.map((s) => readdir(path.join(root, s))));
	return files.flat().filter((f) => f.endsWith('.json')).length;
}

/** The start attempt a form carries, and the page's cache policy. */
async function attemptOf(page: string): Promise<{ attempt: string; cache: string | null }> {
	const response = await fetch(`${url}${page}`);
	const attempt = /name="attempt" value="([A-Za-z0-9_-]{22})"/.exec(await response.text())?.[1];
	expect(attempt, `attempt field on ${page}`).toBeDefined();
	return { attempt: attempt!, cache: response.headers.get('cache-control') };
}

const location = (r: Response) => r.headers.get('location');

describe('idempotent submissions', () => {
	test('a doubled or replayed start creates one participation and leads to one link', async () => {
		const before = await stored();
		const { attempt, cache } = await attemptOf('/diagnostics/exemple-mini');
		// The form leads to a private link: no cache may keep it for someone else.
		expect(cache).toContain('no-store');
		expect(cache).toContain('private');
		const start = () => post(url, '/diagnostics/exemple-mini?/start', [['attempt', attempt]]);
		const [a, b] = await Promise.all([start(), start()]);
		const replay = await start();
		expect([a.status, b.status, replay.status]).toEqual([303, 303, 303]);
		expect(location(b)).toBe(location(a));
		expect(location(replay)).toBe(location(a));
		expect(await stored()).toBe(before + 1);

		// Another rendering of the page is another attempt; no attempt at all, a new link each time.
		const other = await attemptOf('/diagnostics/exemple-mini');
		expect(other.attempt).not.toBe(attempt);
		const fresh = await post(url, '/diagnostics/exemple-mini?/start', [['attempt', other.attempt]]);
		expect(location(fresh)).not.toBe(location(a));
		const bare1 = await post(url, '/diagnostics/exemple-mini?/start', []);
		const bare2 = await post(url, '/diagnostics/exemple-mini?/start', []);
		expect(location(bare1)).not.toBe(location(bare2));
		expect(await stored()).toBe(before + 4);
		// A forged attempt is malformed: refused, nothing created.
		const forged = await post(url, '/diagnostics/exemple-mini?/start', [['attempt', 'forged']]);
		expect(forged.status).toBe(400);
		expect(await stored()).toBe(before + 4);
	});

	test('a doubled join creates one participation in the campaign', async () => {
		const { code } = await createCampaign(url, [
			['name', 'Campagne idempotente'],
			['diagnostics', 'exemple-mini'],
			['k', '3']
		]);
		const before = await stored();
		const { attempt, cache } = await attemptOf(`/rejoindre/${code}`);
		expect(cache).toContain('no-store');
		const join = () =>
			post(url, `/rejoindre/${code}`, [
				['consent', 'oui'],
				['attempt', attempt]
			]);
		const [a, b] = await Promise.all([join(), join()]);
		expect([a.status, b.status]).toEqual([303, 303]);
		expect(location(b)).toBe(location(a));
		expect(await stored()).toBe(before + 1);
	});

	test('a doubled or replayed final submit completes once and shows the same results', async () => {
		const started = await post(url, '/diagnostics/exemple-mini?/start', []);
		const link = location(started)!;
		const token = link.split('/').at(-1)!;
		const [outils] = miniPages(2);
		expect(
			(
				await post(url, `/p/${token}?/save`, [
					['page', 'outils'],
					['nav', 'next'],
					...outils!.fields
				])
			).status
		).toBe(303);
		const final = (b: string) =>
			post(url, `/p/${token}?/save`, [
				['page', 'accompagnement'],
				['nav', 'next'],
				['suivi[relance]', b],
				['suivi[planning]', b]
			]);
		const [first, second] = await Promise.all([final('2'), final('2')]);
		expect([location(first), location(second)]).toEqual([link, link]);
		const data = async () =>
			(
				(await (await fetch(`${url}/p/${token}/donnees.json`)).json()) as {
					attempts: { completedAt: string; answers: Record<string, unknown> }[];
				}
			).attempts;
		const done = await data();
		expect(done).toHaveLength(1);
		expect(done[0]!.completedAt).toEqual(expect.any(String));

		// A replay later, even with other answers, changes nothing and lands on the same results.
		const replay = await final('0');
		expect(replay.status).toBe(303);
		expect(location(replay)).toBe(link);
		expect(await data()).toEqual(done);
		expect(done[0]!.answers).toMatchObject({ suivi: { relance: 2, planning: 2 } });
	});
});
