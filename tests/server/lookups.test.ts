/**
 * Guessing links and codes is rate-limited per address (production server, low limit for the
 * test): wrong lookups answer 404 until the limit, then 429 with Retry-After.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { startServer } from '../e2e/global-setup';

describe('failed lookups are rate-limited', () => {
	test('private links, management links and codes share one budget per address', async () => {
		const dataDir = await mkdtemp(path.join(tmpdir(), 'reperes-lookups-'));
		const { url, child } = await startServer({
			DATA_DIR: dataDir,
			LOOKUP_FAILURES_PER_10_MIN: '4'
		});
		try {
			const statuses: number[] = [];
			for (const guess of [
				'/p/AAAAAAAAAAAAAAAAAAAAAA',
				'/campagnes/BBBBBBBBBBBBBBBBBBBBBB',
				'/rejoindre/ACDEFGHJ',
				'/p/CCCCCCCCCCCCCCCCCCCCCC/donnees.json'
			]) {
				statuses.push((await fetch(`${url}${guess}`)).status);
			}
			expect(statuses).toEqual([404, 404, 404, 404]);
			const blocked = await fetch(`${url}/p/DDDDDDDDDDDDDDDDDDDDDD`);
			expect(blocked.status).toBe(429);
			expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
			expect(await blocked.text()).toContain('Réessayez');
			// Pages that are not lookups are never blocked.
			expect((await fetch(url)).status).toBe(200);
			// The code form says so too, without looking the code up.
			const form = await (await fetch(`${url}/rejoindre?code=ACDE-FGHJ`)).text();
			expect(form).toContain('Trop de liens ou de codes erronés');
		} finally {
			const exited = new Promise((r) => child.once('exit', r));
			child.kill('SIGTERM');
			await exited;
			await rm(dataDir, { recursive: true, force: true });
		}
	});
});
