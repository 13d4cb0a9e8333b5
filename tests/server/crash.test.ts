/**
 * The production server killed with SIGKILL while it writes, 20 times over: the data always
 * loads again and no acknowledged write is missing. A second server on the same data folder is
 * refused with a clear message.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { freePort, startServer } from '../e2e/global-setup';
import { ROOT } from '../helpers/paths';
import { hashToken } from '$lib/server/storage/tokens';
import { openLowdb } from '$lib/server/storage/lowdb-backend';

const dirs: string[] = [];
afterAll(async () => {
	await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});
const exited = (child: ChildProcess) =>
	child.exitCode !== null || child.signalCode !== null
		? Promise.resolve()
		: new Promise((r) => child.once('exit', r));

/**
 * Starts participations as fast as it can, 8 at a time, and kills the server once `ackedBefore`
 * have been acknowledged plus `delayMs` (so that writes are in flight whatever the machine's
 * speed); returns the tokens acknowledged (303).
 */
async function load(
	url: string,
	child: ChildProcess,
	ackedBefore: number,
	delayMs: number
): Promise<string[]> {
	const acknowledged: string[] = [];
	let stopped = false;
	let armed = false;
	const arm = () => {
		if (armed || acknowledged.length < ackedBefore) return;
		armed = true;
		setTimeout(() => {
			child.kill('SIGKILL');
			stopped = true;
		}, delayMs);
	};
	const worker = async () => {
		while (!stopped) {
			try {
				const response = await fetch(`${url}/diagnostics/e-formateur?/start`, {
					method: 'POST',
					redirect: 'manual',
					headers: {
						origin: url,
						'content-type': 'application/x-www-form-urlencoded',
						accept: 'text/html'
					},
					body: ''
				});
				if (response.status === 303) {
					acknowledged.push(response.headers.get('location')!.split('/').at(-1)!);
					arm();
				}
			} catch {
				// the server was killed: this request was never acknowledged
				if (child.exitCode !== null || child.signalCode !== null) stopped = true;
			}
		}
	};
	await Promise.all(Array.from({ length: 8 }, worker));
	return acknowledged;
}

describe('kill -9 under write load', () => {
	test('20 cycles: the data loads and every acknowledged start is there', async () => {
		const dataDir = await mkdtemp(path.join(tmpdir(), 'reperes-crash-'));
		dirs.push(dataDir);
		const acknowledged: string[] = [];
		for (let cycle = 0; cycle < 20; cycle++) {
			const { url, child } = await startServer({ DATA_DIR: dataDir });
			await fetch(`${url}/diagnostics/e-formateur`); // warm: the route's code is loaded
			// Kill at a different moment each cycle, while writes are in flight.
			acknowledged.push(...(await load(url, child, 1 + (cycle % 4), (cycle * 37) % 250)));
			await exited(child);
		}
		expect(acknowledged.length).toBeGreaterThan(20);

		// The data loads: the server starts on it and opens acknowledged links.
		const { url, child } = await startServer({ DATA_DIR: dataDir });
		try {
			for (const token of acknowledged.filter((_, i) => i % 50 === 0)) {
				expect((await fetch(`${url}/p/${token}`)).status, token).toBe(200);
			}
		} finally {
			child.kill('SIGTERM');
			await exited(child);
		}
		// Every acknowledged start is stored (only token hashes are), read as the store reads it.
		const store = await openLowdb(dataDir);
		try {
			const missing: string[] = [];
			for (const t of acknowledged) {
				if (!(await store.participations.byTokenHash(hashToken(t)))) missing.push(t);
			}
			expect(missing).toEqual([]);
		} finally {
			await store.close();
		}
	}, 180_000);
});

describe('one server per data folder', () => {
	test('a second server on the same DATA_DIR exits with a clear message', async () => {
		const dataDir = await mkdtemp(path.join(tmpdir(), 'reperes-lock-'));
		dirs.push(dataDir);
		const first = await startServer({ DATA_DIR: dataDir });
		try {
			const port = await freePort();
			const second = spawn(process.execPath, ['build'], {
				cwd: ROOT,
				env: {
					...process.env,
					HOST: '127.0.0.1',
					PORT: String(port),
					ORIGIN: `http://127.0.0.1:${port}`,
					DATA_DIR: dataDir
				},
				stdio: ['ignore', 'pipe', 'pipe']
			});
			let output = '';
			second.stderr.on('data', (d) => (output += d));
			second.stdout.on('data', (d) => (output += d));
			const code = await new Promise((r) => second.once('exit', r));
			expect(code).toBe(1);
			expect(output).toContain('données déjà ouvertes');
			expect(output).toContain(`processus ${first.child.pid}`);
			// The first one still serves.
			expect((await fetch(first.url)).status).toBe(200);
		} finally {
			first.child.kill('SIGTERM');
			await exited(first.child);
		}
	});
});
