/**
 * REQ-04 against the production server: protocol oddities never crash it (same process, the
 * next request answers 200), never answer 5xx, and never redirect to another host; paths with
 * an empty segment (`//evil.example/x`) are refused (GHSA-pfhg-q3qv-9q6r, ADR 0017).
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer } from '../e2e/global-setup';
import { send, stopServer, type Sent } from '../helpers/http';

let url: string;
let child: ChildProcess;
let dataDir: string;
let pid: number;

beforeAll(async () => {
	dataDir = await mkdtemp(path.join(tmpdir(), 'reperes-odd-'));
	({ url, child } = await startServer({ DATA_DIR: dataDir }));
	pid = child.pid!;
});
afterAll(async () => {
	await stopServer(child);
	await rm(dataDir, { recursive: true, force: true });
});

const TEXT = { 'content-type': 'text/plain' };

const ODD: [string, Sent][] = [
	['// path', { path: '//evil.example/x' }],
	['// path with dot segments', { path: '//evil.example/%2e%2e' }],
	['// path with a final slash', { path: '//evil.example/' }],
	['// path, data request', { path: '//evil.example/__data.json' }],
	['// path, HEAD', { path: '//evil.example/x', method: 'HEAD' }],
	['\\ read as /', { path: '/\\evil.example/' }],
	['// after the locale', { path: '/en//evil.example/' }],
	['// inside a path', { path: '/p//evil.example' }],
	['GET with a body', { path: '/', headers: TEXT, body: 'hello' }],
	['GET with a chunked body', { path: '/', headers: TEXT, body: 'hello', chunked: true }],
	['HEAD with a body', { path: '/', method: 'HEAD', headers: TEXT, body: 'hello' }],
	['TRACE', { path: '/', method: 'TRACE' }],
	['TRACE on a static file', { path: '/favicon.svg', method: 'TRACE' }],
	['bad percent-encoding', { path: '/p/%E0%A4%A' }],
	['bad percent-encoding, data request', { path: '/p/%E0%A4%A/__data.json' }],
	['percent-encoded NUL', { path: '/p/%00' }],
	['long URL (8 KB)', { path: `/p/${'a'.repeat(8_000)}` }],
	['very long URL (100 KB)', { path: `/${'a'.repeat(100_000)}` }],
	['long query', { path: `/?${'x=1&'.repeat(2_000)}` }]
];

describe('protocol oddities', () => {
	test.each(ODD)('%s', async (_, request) => {
		const answer = await send(url, request);
		expect(answer.status).toBeLessThan(500);
		const location = answer.headers.location;
		if (location) expect(new URL(location, url).origin).toBe(url);
		// TRACE must not echo the request (cross-site tracing).
		if (request.method === 'TRACE') expect(answer.body).not.toContain('TRACE /');
		// Still the same process, still answering.
		expect(child.exitCode).toBeNull();
		expect(child.pid).toBe(pid);
		expect((await send(url, { path: '/' })).status).toBe(200);
	});

	test('paths with an empty segment are not found, without a redirect', async () => {
		for (const path of [
			'//evil.example/x',
			'//evil.example/',
			'/en//evil.example/',
			'/\\evil.example/'
		]) {
			const answer = await send(url, { path, headers: { accept: 'text/html' } });
			expect(answer.status, path).toBe(404);
			expect(answer.headers.location, path).toBeUndefined();
		}
	});
});
