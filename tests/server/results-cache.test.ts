/**
 * A cached results page never outlives the data it shows (issue 11, point 10; ADR 0010, 0024).
 * A retake B's results compare it with the earlier attempt A (« Évolution du score par domaine —
 * Avant / Maintenant »). Once B's page is cached, deleting A — from A's own link, or by the
 * retention purge, on this instance or on another one sharing the PostgreSQL database — leaves
 * B's page without A's scores on every instance.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, test } from 'vitest';
import { startServer } from '../e2e/global-setup';
import { stopServer } from '../helpers/http';
import { miniPages, post } from '../helpers/participant';
import { TEST_QUESTIONNAIRES } from '../helpers/paths';
import { postgresUnavailable, startPostgres } from '../helpers/postgres';

const database = await startPostgres();
const children: ChildProcess[] = [];
const dirs: string[] = [];
afterAll(async () => {
	for (const child of children) await stopServer(child);
	await database?.stop();
	for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

const lastSegment = (r: Response) => r.headers.get('location')!.split('/').at(-1)!;

/** Answers every page of exemple-mini on `url` (tutoring area at `b`: 0, 1 or 2). */
async function answerAll(url: string, token: string, b: number): Promise<void> {
	for (const page of miniPages(b)) {
		const saved = await post(url, `/p/${token}?/save`, [
			['page', page.page],
			['nav', 'next'],
			...page.fields
		]);
		expect(saved.status, `page ${page.page}`).toBe(303);
	}
}

/** Completes A, retakes it as B and completes B; returns both private links' tokens. */
async function attempts(url: string): Promise<{ a: string; b: string }> {
	const started = await post(url, '/diagnostics/exemple-mini?/start', []);
	expect(started.status).toBe(303);
	const a = lastSegment(started);
	await answerAll(url, a, 0);
	const retaken = await post(url, `/p/${a}?/retake`, []);
	expect(retaken.status).toBe(303);
	const b = lastSegment(retaken);
	await answerAll(url, b, 2);
	return { a, b };
}

const page = async (url: string, token: string) => {
	const response = await fetch(`${url}/p/${token}`);
	expect(response.status).toBe(200);
	return response.text();
};

/** B's page compares it with A: the table of changes and A's score (0 in tutoring) are there. */
const COMPARISON = 'id="evolution"';
const CAPTION = 'Évolution du score par domaine';

/** Opens B's results twice (rendered, then from the cache) and checks they compare with A. */
async function cacheComparison(url: string, b: string): Promise<void> {
	for (let i = 0; i < 2; i++) {
		const html = await page(url, b);
		expect(html).toContain(COMPARISON);
		expect(html).toContain(CAPTION);
	}
}

const deleteFromLink = async (url: string, token: string) => {
	const deleted = await post(url, `/p/${token}/supprimer`, [['confirmer', 'oui']]);
	expect(deleted.status).toBe(303);
};

/** B's page as each server shows it now: no comparison left. */
async function expectNoComparison(urls: string[], b: string): Promise<void> {
	for (const url of urls) {
		for (const route of [`/p/${b}`, `/en/p/${b}`]) {
			const html = await (await fetch(`${url}${route}`)).text();
			expect(html, `${url}${route}`).toContain('id="overall-title"');
			expect(html, `${url}${route}`).not.toContain(COMPARISON);
			expect(html, `${url}${route}`).not.toContain(CAPTION);
		}
	}
}

describe('embedded store', () => {
	test('deleting A from its own link: B’s cached page no longer shows A’s scores', async () => {
		const dir = await mkdtemp(path.join(tmpdir(), 'reperes-results-cache-'));
		dirs.push(dir);
		const { url, child } = await startServer({
			QUESTIONNAIRES_DIR: TEST_QUESTIONNAIRES,
			DATA_DIR: dir
		});
		children.push(child);
		const { a, b } = await attempts(url);
		await cacheComparison(url, b);
		await (await fetch(`${url}/en/p/${b}`)).text();
		await deleteFromLink(url, a);
		expect((await fetch(`${url}/p/${a}`)).status).toBe(404);
		await expectNoComparison([url], b);
	});
});

if (!database) {
	test(`results cache across instances on PostgreSQL NOT RUN: ${postgresUnavailable()}`, () => {
		expect(process.env.CI, 'CI must run the PostgreSQL tests').toBeFalsy();
	});
} else {
	describe('two instances on one PostgreSQL database, each with its own cache', () => {
		test('A deleted from its link on one instance: B’s page cached on the other no longer shows it', async () => {
			const env = {
				DATABASE_URL: await database.createDatabase(),
				QUESTIONNAIRES_DIR: TEST_QUESTIONNAIRES
			};
			const [x, y] = await Promise.all([startServer(env), startServer(env)]);
			children.push(x.child, y.child);
			const { a, b } = await attempts(x.url);
			await cacheComparison(x.url, b);
			await cacheComparison(y.url, b);
			await deleteFromLink(y.url, a);
			await expectNoComparison([x.url, y.url], b);
		});

		test('A deleted by the retention purge of another instance: B’s cached page no longer shows it', async () => {
			const databaseUrl = await database.createDatabase();
			const env = { DATABASE_URL: databaseUrl, QUESTIONNAIRES_DIR: TEST_QUESTIONNAIRES };
			const x = await startServer(env);
			children.push(x.child);
			const { a, b } = await attempts(x.url);
			await cacheComparison(x.url, b);
			// A was completed long ago (its completion only: nothing else about it changes).
			const client = new pg.Client({ connectionString: databaseUrl });
			await client.connect();
			try {
				const moved = await client.query(
					`UPDATE participations SET completed_at = completed_at - interval '800 days'
					WHERE previous_id IS NULL AND status = 'completed'`
				);
				expect(moved.rowCount).toBe(1);
			} finally {
				await client.end();
			}
			// Another instance starts: its purge (at start) deletes A.
			const z = await startServer(env);
			children.push(z.child);
			await expect.poll(async () => (await fetch(`${z.url}/p/${a}`)).status).toBe(404);
			await expectNoComparison([x.url], b);
		});
	});
}
