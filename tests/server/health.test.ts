/**
 * /healthz on the production server: 200 {"status":"ok"} while the store is open, never cached,
 * nothing else disclosed, not slowed down by the lookup limiter; on PostgreSQL, 503 as soon as the
 * database stops answering.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { startServer } from '../e2e/global-setup';
import { stopServer } from '../helpers/http';
import { postgresUnavailable, startPostgres } from '../helpers/postgres';

const children: ChildProcess[] = [];
const dirs: string[] = [];
const postgres = await startPostgres();
afterAll(async () => {
	for (const child of children) await stopServer(child);
	await postgres?.stop();
	await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function health(url: string) {
	const response = await fetch(`${url}/healthz`);
	return {
		status: response.status,
		cache: response.headers.get('cache-control'),
		type: response.headers.get('content-type'),
		body: await response.text()
	};
}

describe('/healthz, embedded store', () => {
	test('200 {"status":"ok"}, no-store, and never refused by the lookup limiter', async () => {
		const dataDir = await mkdtemp(path.join(tmpdir(), 'reperes-health-'));
		dirs.push(dataDir);
		const { url, child } = await startServer({
			DATA_DIR: dataDir,
			LOOKUP_FAILURES_PER_10_MIN: '2'
		});
		children.push(child);
		expect(await health(url)).toEqual({
			status: 200,
			cache: 'no-store',
			type: 'application/json',
			body: '{"status":"ok"}'
		});
		// This address has used up its failed lookups: links answer 429, health checks still 200.
		for (let i = 0; i < 3; i++) await fetch(`${url}/p/${'x'.repeat(22)}`);
		expect((await fetch(`${url}/p/${'y'.repeat(22)}`)).status).toBe(429);
		const many = await Promise.all(Array.from({ length: 50 }, () => health(url)));
		expect(new Set(many.map((h) => h.status))).toEqual(new Set([200]));
	});
});

if (!postgres) {
	test(`/healthz on PostgreSQL NOT RUN: ${postgresUnavailable()}`, () => {
		expect(process.env.CI, 'CI must run the PostgreSQL tests').toBeFalsy();
	});
} else {
	describe('/healthz, PostgreSQL', () => {
		test('200 while the database answers, 503 with nothing disclosed once it is down', async () => {
			const { url, child } = await startServer({
				DATABASE_URL: await postgres.createDatabase(),
				DATABASE_POOL_TIMEOUT_MS: '1000'
			});
			children.push(child);
			expect(await health(url)).toMatchObject({ status: 200, body: '{"status":"ok"}' });
			await postgres.stop();
			const down = await health(url);
			expect(down).toEqual({
				status: 503,
				cache: 'no-store',
				type: 'application/json',
				body: '{"status":"unavailable"}'
			});
			// The app itself keeps running and says so again when asked.
			expect((await health(url)).status).toBe(503);
			expect(child.exitCode).toBeNull();
		});
	});
}
