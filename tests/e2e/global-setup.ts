/**
 * Runs the production build (`node build`, as `npm start` does) on a free loopback port with
 * an empty data folder and the test-only questionnaires of QUESTIONNAIRES_DIR. At teardown, the
 * whole server log of the run is checked (log-check.ts): JSON lines only, and no canary value,
 * token or cookie value seen by the tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { ROOT, TEST_QUESTIONNAIRES } from '../helpers/paths';
import { logProblems } from './log-check';

declare module 'vitest' {
	export interface ProvidedContext {
		baseURL: string;
		/** File receiving everything the server prints, for the no-token-in-logs check. */
		serverLog: string;
		/** The server's DATA_DIR, to count what it stored. */
		dataDir: string;
		/** File the tests append the tokens and cookie values they see to (log-check.ts). */
		seenSecrets: string;
	}
}

/** The accessibility contact the test server is configured with. */
export const STATEMENT_CONTACT = 'accessibilite@reperes.example';

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = createServer();
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address() as { port: number };
			srv.close(() => resolve(port));
		});
		srv.on('error', reject);
	});
}

/**
 * Starts `node build` and resolves once it answers, or rejects with its output. `closed`
 * resolves once the process has exited and everything it printed is in `logFile`.
 */
export async function startServer(
	env: Record<string, string>,
	logFile?: string
): Promise<{ url: string; child: ChildProcess; closed: Promise<void> }> {
	if (!existsSync(path.join(ROOT, 'build', 'index.js'))) {
		throw new Error('No production build: run `npm run build` first (npm test does it).');
	}
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const child = spawn(process.execPath, ['build'], {
		cwd: ROOT,
		env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), ORIGIN: url, ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	const log = logFile ? createWriteStream(logFile) : undefined;
	for (const stream of [child.stdout, child.stderr]) {
		stream?.on('data', (d) => {
			output += d;
			log?.write(d);
		});
	}
	const closed = new Promise<void>((resolve) =>
		child.once('close', () => (log ? log.end(resolve) : resolve()))
	);
	const deadline = Date.now() + 20_000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output}`);
		try {
			if ((await fetch(url)).ok) return { url, child, closed };
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	child.kill();
	throw new Error(`server did not answer within 20 s:\n${output}`);
}

export default async function setup(project: TestProject) {
	const dataDir = await mkdtemp(path.join(tmpdir(), 'reperes-e2e-'));
	const serverLog = path.join(dataDir, 'server.log');
	const seenSecrets = path.join(dataDir, 'seen-secrets.txt');
	const { url, child, closed } = await startServer(
		{
			DATA_DIR: path.join(dataDir, 'data'),
			QUESTIONNAIRES_DIR: TEST_QUESTIONNAIRES,
			ACCESSIBILITY_CONTACT: STATEMENT_CONTACT
		},
		serverLog
	);
	project.provide('baseURL', url);
	project.provide('serverLog', serverLog);
	project.provide('dataDir', path.join(dataDir, 'data'));
	project.provide('seenSecrets', seenSecrets);
	return async () => {
		child.kill('SIGTERM');
		await closed;
		try {
			const secrets = (await readFile(seenSecrets, 'utf8').catch(() => '')).split('\n');
			const problems = logProblems(await readFile(serverLog, 'utf8'), secrets);
			if (problems.length > 0) {
				// vitest only prints what a teardown throws: the exit code is what fails the run.
				process.exitCode = 1;
				throw new Error(
					`The server log of ${project.name} breaks LOG-02 / CAP-04 (${problems.length} problem(s)):\n${problems.join('\n')}`
				);
			}
		} finally {
			await rm(dataDir, { recursive: true, force: true });
		}
	};
}
