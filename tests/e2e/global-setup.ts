/**
 * Runs the production build (`node build`, as `npm start` does) on a free loopback port with
 * an empty data folder and the test-only questionnaires of QUESTIONNAIRES_DIR. At teardown, the
 * whole server log of the run is checked (log-check.ts): JSON lines only, and no canary value,
 * token or cookie value seen by the tests.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { TEST_QUESTIONNAIRES } from '../helpers/paths';
import { startServer } from '../helpers/server';
import { logProblems } from './log-check';

// Where the tests have always found them; the benchmarks import them from helpers/server.ts,
// which does not load vitest.
export { freePort, startServer } from '../helpers/server';

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
