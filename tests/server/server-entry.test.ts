/**
 * `node build` runs Repères' server entry (server/index.js), which runs adapter-node's own server
 * (ADR 0017): what adapter-node does is still done, e.g. a request in flight at SIGTERM is
 * answered before the store is closed, and a Unix socket (SOCKET_PATH) is served, with the
 * security headers.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { startServer } from '../e2e/global-setup';
import { stopServer } from '../helpers/http';
import { ROOT } from '../helpers/paths';

const dirs: string[] = [];
afterAll(async () => {
	for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});
async function tempDir(): Promise<string> {
	const dir = await mkdtemp(path.join(tmpdir(), 'reperes-entry-'));
	dirs.push(dir);
	return dir;
}
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('adapter-node’s server, kept', () => {
	test('SIGTERM: the request in flight is answered, then the store is closed and the process ends', async () => {
		const dataDir = await tempDir();
		const { url, child } = await startServer({ DATA_DIR: dataDir });
		try {
			expect(existsSync(path.join(dataDir, 'reperes.lock'))).toBe(true);
			const exit = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
			const { hostname, port } = new URL(url);
			const answer = new Promise<number>((resolve, reject) => {
				const req = request(
					{
						host: hostname,
						port,
						method: 'POST',
						path: '/campagnes/nouvelle',
						headers: {
							origin: url,
							'content-type': 'application/x-www-form-urlencoded',
							accept: 'text/html',
							// Not kept alive: the process may end as soon as the answer is sent.
							connection: 'close'
						}
					},
					(res) => {
						res.resume();
						res.on('end', () => resolve(res.statusCode!));
					}
				);
				req.on('error', reject);
				// Half the form now, the rest once the server has been asked to stop.
				req.write('name=Campagne%20tardive&diagnostics=e-formateur');
				void pause(300).then(() => {
					child.kill('SIGTERM');
					return pause(500).then(() => req.end('&k=3'));
				});
			});
			expect(await answer).toBe(303);
			expect(await exit).toBe(0);
			// `sveltekit:shutdown` reached the app: the store let go of its folder.
			expect(existsSync(path.join(dataDir, 'reperes.lock'))).toBe(false);
		} finally {
			await stopServer(child);
		}
	});

	test('SOCKET_PATH: served on a Unix socket, with the security headers', async () => {
		const dir = await tempDir();
		const socketPath = path.join(dir, 'reperes.sock');
		const child = spawn(process.execPath, ['build'], {
			cwd: ROOT,
			env: {
				...process.env,
				SOCKET_PATH: socketPath,
				ORIGIN: 'http://localhost:3000',
				DATA_DIR: path.join(dir, 'data')
			},
			stdio: 'ignore'
		});
		try {
			const get = () =>
				new Promise<{ status: number; nosniff: unknown }>((resolve, reject) => {
					const req = request({ socketPath, path: '/favicon.svg' }, (res) => {
						res.resume();
						resolve({ status: res.statusCode!, nosniff: res.headers['x-content-type-options'] });
					});
					req.on('error', reject);
					req.end();
				});
			let answer: Awaited<ReturnType<typeof get>> | null = null;
			for (let i = 0; i < 100 && !answer; i++) {
				await pause(100);
				answer = await get().catch(() => null);
			}
			expect(answer).toEqual({ status: 200, nosniff: 'nosniff' });
		} finally {
			await stopServer(child);
		}
	});
});
