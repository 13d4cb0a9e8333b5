/**
 * REQ-02, stalled bodies, against the production server: a request body that arrives slower than
 * BODY_TIMEOUT allows (here 1 s, set for the test; 60 s by default) is cut: the client gets
 * 408 and the connection is closed, and nothing of the partial body is written. A post that
 * arrives at once still works. (Node's own limit, requestTimeout, held such a socket for 5 min.)
 */
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer } from '../e2e/global-setup';
import { stopServer } from '../helpers/http';
import { post } from '../helpers/participant';

let url: string;
let child: ChildProcess;
let dataDir: string;
let log = '';

beforeAll(async () => {
	dataDir = await mkdtemp(path.join(tmpdir(), 'reperes-body-timeout-'));
	({ url, child } = await startServer({ DATA_DIR: dataDir, BODY_TIMEOUT: '1' }));
	child.stdout?.on('data', (d) => (log += d));
	child.stderr?.on('data', (d) => (log += d));
});
afterAll(async () => {
	await stopServer(child);
	await rm(dataDir, { recursive: true, force: true });
});

/** A digest of every file of the store's folder, names and contents. */
async function storeDigest(dir: string): Promise<string> {
	const hash = createHash('sha256');
	const files = (await readdir(dir, { recursive: true, withFileTypes: true }))
		.filter((e) => e.isFile() && e.name !== 'reperes.lock')
		.map((e) => path.join(e.parentPath, e.name))
		.sort();
	for (const file of files) hash.update(path.relative(dir, file)).update(await readFile(file));
	return hash.digest('hex');
}

/** A campaign creation the server would accept, were it all there. */
const FORM = 'name=Campagne%20lente&diagnostics=e-formateur&k=3';

/**
 * Sends a form post's headers at once, then its body one byte every 400 ms (about 20 s for
 * FORM, far slower than the 1 s allowed), and reads what the server answers until it closes the
 * connection or the body is all sent and answered.
 */
function trickle(chunked: boolean, pathname = '/campagnes/nouvelle'): Promise<string> {
	const { hostname, port } = new URL(url);
	return new Promise((resolve, reject) => {
		const socket = connect(Number(port), hostname);
		let answer = '';
		let timer: NodeJS.Timeout | undefined;
		socket.on('data', (d) => (answer += d));
		socket.on('error', () => undefined); // a reset after the answer: what was read counts
		socket.on('close', () => {
			clearTimeout(timer);
			resolve(answer);
		});
		socket.on('connect', () => {
			socket.write(
				[
					`POST ${pathname} HTTP/1.1`,
					`Host: ${hostname}:${port}`,
					`Origin: ${url}`,
					'Content-Type: application/x-www-form-urlencoded',
					'Accept: text/html',
					chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${FORM.length}`,
					'Connection: close',
					'',
					''
				].join('\r\n')
			);
			let sent = 0;
			const next = () => {
				if (socket.destroyed) return;
				if (sent === FORM.length) {
					if (chunked) socket.write('0\r\n\r\n');
					return;
				}
				const byte = FORM[sent++]!;
				socket.write(chunked ? `1\r\n${byte}\r\n` : byte);
				timer = setTimeout(next, 400);
			};
			next();
		});
		socket.setTimeout(60_000, () => reject(new Error('no answer and no close within 60 s')));
	});
}

describe('a body slower than BODY_TIMEOUT', () => {
	test.each([
		['with Content-Length', false],
		['chunked', true]
	])(
		'%s: 408, connection closed, nothing written',
		async (_, chunked) => {
			const before = await storeDigest(dataDir);
			const answer = await trickle(chunked);
			expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 408 Request Timeout');
			expect(answer.toLowerCase()).toContain('connection: close');
			expect(answer).toContain('Envoi trop lent');
			expect(await storeDigest(dataDir)).toBe(before);
			// The server goes on answering, and says in its log what it cut (without the path).
			expect((await post(url, '/campagnes/nouvelle', [...new URLSearchParams(FORM)])).status).toBe(
				303
			);
			expect(log).toContain('"event":"request.body_timeout"');
			expect(log).not.toContain('campagnes/nouvelle');
			// A client's slowness, not a bug of the app.
			expect(log).not.toContain('request.unexpected_error');
		},
		60_000
	);

	test('under /en/ the answer is in English', async () => {
		const answer = await trickle(false, '/en/campagnes/nouvelle');
		expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 408 Request Timeout');
		expect(answer).toContain('Form sent too slowly');
	}, 60_000);
});

test('a post that arrives at once is not cut', async () => {
	const before = await storeDigest(dataDir);
	const created = await post(url, '/campagnes/nouvelle', [...new URLSearchParams(FORM)]);
	expect(created.status).toBe(303);
	expect(await storeDigest(dataDir)).not.toBe(before);
});

test('a BODY_TIMEOUT that is not a whole number of seconds stops the start, saying why', async () => {
	for (const value of ['soixante', '0', '1.5', '-3']) {
		await expect(startServer({ DATA_DIR: dataDir, BODY_TIMEOUT: value }), value).rejects.toThrow(
			`BODY_TIMEOUT «\u00a0${value}\u00a0» n’est pas un nombre entier de secondes`
		);
	}
});

test('many posts on one kept-alive connection leave no listener behind', async () => {
	// Each request's timer listens to its socket's close: once done, it must stop listening,
	// else a kept-alive socket gathers listeners until Node warns of a leak.
	const agent = new Agent({ keepAlive: true, maxSockets: 1 });
	const body = 'name=&diagnostics=e-formateur&k=3'; // refused (no name): nothing is written, the form comes back
	const sockets = new Set<unknown>();
	try {
		for (let i = 0; i < 15; i++) {
			const status = await new Promise<number>((resolve, reject) => {
				const req = request(
					`${url}/campagnes/nouvelle`,
					{
						method: 'POST',
						agent,
						headers: {
							origin: url,
							'content-type': 'application/x-www-form-urlencoded',
							'content-length': Buffer.byteLength(body)
						}
					},
					(res) => {
						res.resume();
						res.on('end', () => resolve(res.statusCode ?? 0));
					}
				);
				req.on('socket', (s) => sockets.add(s));
				req.on('error', reject);
				req.end(body);
			});
			expect(status).toBeLessThan(300);
		}
	} finally {
		agent.destroy();
	}
	expect(sockets.size).toBe(1);
	await new Promise((r) => setTimeout(r, 200));
	expect(log).not.toContain('MaxListenersExceededWarning');
});
