/**
 * Unexpected errors on the production server (LOG-01). With REPERES_TEST_FAULTS=1, routes under
 * /test-faults fail on purpose: the answer shows a generic message and an id, never the stack,
 * the SQL or the path the error carries, and the log has the same id with the stack as one JSON
 * line. An error no request catches is logged, then the process exits 1 and starts again on the
 * same data with nothing acknowledged lost. Without the variable, those routes do not exist.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { startServer } from '../e2e/global-setup';
import { stopServer } from '../helpers/http';
import { post } from '../helpers/participant';

const children: ChildProcess[] = [];
const dirs: string[] = [];
afterAll(async () => {
	for (const child of children) await stopServer(child);
	await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** What the injected fault carries and no response may show. */
const SECRETS = [
	'injected fault',
	'SELECT',
	'token_hash',
	'/srv/data',
	'build/server',
	'.js:',
	'    at '
];

async function server(env: Record<string, string>) {
	const dir = await mkdtemp(path.join(tmpdir(), 'reperes-faults-'));
	dirs.push(dir);
	const logFile = path.join(dir, 'server.log');
	const dataDir = path.join(dir, 'data');
	const started = await startServer({ DATA_DIR: dataDir, ...env }, logFile);
	children.push(started.child);
	return { ...started, dataDir, logFile };
}

interface LogLine {
	event: string;
	level: string;
	id?: string;
	stack?: string | null;
	route?: string | null;
}

/** The server's JSON log lines (adapter-node's own "Listening on" line is plain text). */
async function logLines(file: string): Promise<LogLine[]> {
	const text = await readFile(file, 'utf8');
	return text
		.split('\n')
		.filter((l) => l.startsWith('{'))
		.map((l) => JSON.parse(l) as LogLine);
}

/** Waits for the log line of an event with this id (the log file is written asynchronously). */
async function logged(file: string, event: string, id?: string): Promise<LogLine> {
	const deadline = Date.now() + 5000;
	for (;;) {
		const line = (await logLines(file)).find(
			(l) => l.event === event && (id === undefined || l.id === id)
		);
		if (line) return line;
		if (Date.now() > deadline) throw new Error(`no ${event} ${id ?? ''} in ${file}`);
		await new Promise((r) => setTimeout(r, 50));
	}
}

const exit = (child: ChildProcess) =>
	new Promise<number | null>((resolve) => {
		if (child.exitCode !== null) resolve(child.exitCode);
		else child.once('exit', (code) => resolve(code));
	});

describe('an error in a request', () => {
	test('the page shows a generic message and an id; the log has the id with the stack', async () => {
		const { url, logFile } = await server({ REPERES_TEST_FAULTS: '1' });
		for (const [prefix, text] of [
			['', 'Référence de l’erreur'],
			['/en', 'Error reference']
		] as const) {
			const response = await fetch(`${url}${prefix}/test-faults`, {
				headers: { accept: 'text/html' }
			});
			expect(response.status).toBe(500);
			const html = await response.text();
			expect(html).toContain(text);
			const id = /<code data-error-id="">([^<]+)<\/code>/.exec(html)?.[1];
			expect(id).toMatch(UUID);
			for (const secret of SECRETS) expect(html).not.toContain(secret);
			const line = await logged(logFile, 'request.unexpected_error', id);
			expect(line).toMatchObject({ level: 'error', route: '/test-faults' });
			expect(line.stack).toContain('injected fault (page load): SELECT token_hash');
			expect(line.stack).toMatch(/\n {4}at /);
		}
	});

	test('JSON answers are exactly {message, id}: for an endpoint and for page data', async () => {
		const { url, logFile } = await server({ REPERES_TEST_FAULTS: '1' });
		const endpoint = await fetch(`${url}/test-faults/endpoint`, {
			headers: { accept: 'application/json' }
		});
		expect(endpoint.status).toBe(500);
		const body = (await endpoint.json()) as { message: string; id: string };
		expect(body).toEqual({ message: 'Internal Error', id: expect.stringMatching(UUID) });
		const line = await logged(logFile, 'request.unexpected_error', body.id);
		expect(line.route).toBe('/test-faults/[kind]');
		expect(line.stack).toContain('injected fault (endpoint)');

		// What a client-side navigation receives (the browser test renders it).
		const data = await (await fetch(`${url}/test-faults/__data.json`)).text();
		for (const secret of SECRETS) expect(data).not.toContain(secret);
		const error = (JSON.parse(data) as { nodes: ({ error?: unknown } | null)[] }).nodes.find(
			(n) => n?.error
		)?.error as { message: string; id: string };
		expect(error).toEqual({ message: 'Internal Error', id: expect.stringMatching(UUID) });
		await logged(logFile, 'request.unexpected_error', error.id);

		// The server goes on serving.
		expect((await fetch(`${url}/healthz`)).status).toBe(200);
	});
});

describe('an error no request catches', () => {
	test.each([
		['rejection', 'process.unhandled_rejection', 'unhandled rejection'],
		['exception', 'process.uncaught_exception', 'uncaught exception']
	])(
		'%s: logged with its stack, exit 1, restarted on the same data with nothing lost',
		async (kind, event, what) => {
			const { url, child, dataDir, logFile } = await server({ REPERES_TEST_FAULTS: '1' });
			const started = await post(url, '/diagnostics/e-formateur?/start', []);
			expect(started.status).toBe(303);
			const link = started.headers.get('location')!;

			expect((await fetch(`${url}/test-faults/${kind}`)).status).toBe(202);
			expect(await exit(child)).toBe(1);
			const line = await logged(logFile, event);
			expect(line.level).toBe('error');
			expect(line.id).toMatch(UUID);
			expect(line.stack).toContain(`injected fault (${what})`);

			// What a supervisor does: start it again. The lock of the dead process is taken over.
			const begin = Date.now();
			const again = await startServer({ DATA_DIR: dataDir });
			children.push(again.child);
			expect((await fetch(`${again.url}/healthz`)).status).toBe(200);
			expect(Date.now() - begin).toBeLessThan(10_000);
			expect((await fetch(`${again.url}${link}`)).status).toBe(200);
		}
	);
});

describe('without REPERES_TEST_FAULTS', () => {
	test('the fault routes do not exist and nothing is injected', async () => {
		const { url, child, logFile } = await server({});
		for (const route of [
			'/test-faults',
			'/test-faults/endpoint',
			'/test-faults/rejection',
			'/test-faults/hook'
		]) {
			expect((await fetch(`${url}${route}`)).status, route).toBe(404);
		}
		expect((await fetch(`${url}/test-faults/exception`)).status).toBe(404);
		await new Promise((r) => setTimeout(r, 300));
		expect(child.exitCode).toBeNull();
		expect((await fetch(`${url}/healthz`)).status).toBe(200);
		const text = await readFile(logFile, 'utf8');
		expect(text).not.toContain('injected fault');
		expect(text).not.toContain('unexpected_error');
	});
});
