/**
 * Guessing links and codes is rate-limited per address (production server, low limit for the
 * test): wrong lookups answer 404 until the limit, then 429 with Retry-After. Each failure is
 * logged with its route and a pseudonym of the address, the limit once when it is reached; the
 * values tried never are.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { startServer } from '../e2e/global-setup';
import { logEvents } from '../helpers/server-log';

describe('failed lookups are rate-limited', () => {
	test('private links, management links and codes share one budget per address', async () => {
		const dataDir = await mkdtemp(path.join(tmpdir(), 'reperes-lookups-'));
		const logFile = path.join(dataDir, 'server.log');
		const { url, child } = await startServer(
			{ DATA_DIR: path.join(dataDir, 'data'), LOOKUP_FAILURES_PER_10_MIN: '4' },
			logFile
		);
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

			const lookupEvents = async () =>
				(await logEvents(logFile)).filter((e) => String(e.event).startsWith('lookup.'));
			await expect.poll(async () => (await lookupEvents()).length).toBe(5);
			const events = await lookupEvents();
			// adapter-node's own start line gives the listening address; our lines never do.
			const text = (await readFile(logFile, 'utf8'))
				.split('\n')
				.filter((l) => l.startsWith('{'))
				.join('\n');
			expect(events.map((e) => [e.event, e.where])).toEqual([
				['lookup.failed', '/p/[token]'],
				['lookup.failed', '/campagnes/[token]'],
				['lookup.failed', '/rejoindre/[code]'],
				['lookup.failed', '/p/[token]/donnees.json'],
				['lookup.limited', '/p/[token]/donnees.json']
			]);
			expect(new Set(events.map((e) => e.client)).size).toBe(1);
			expect(events[4]!.retryAfter).toBeGreaterThan(0);
			for (const tried of [
				'AAAAAAAAAAAAAAAAAAAAAA',
				'BBBBBBBBBBBBBBBBBBBBBB',
				'ACDEFGHJ',
				'127.0.0.1'
			]) {
				expect(text).not.toContain(tried);
			}
		} finally {
			const exited = new Promise((r) => child.once('close', r));
			child.kill('SIGTERM');
			await exited;
			await rm(dataDir, { recursive: true, force: true });
		}
	});
});
