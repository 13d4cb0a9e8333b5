/**
 * Fault injection for the tests of unexpected errors (LOG-01). The routes under /test-faults
 * answer 404, like any unknown path, unless the server was started with REPERES_TEST_FAULTS=1.
 */
import { error } from '@sveltejs/kit';
import { readConfig } from './config';

const enabled = readConfig().testFaults;

/** Whether fault injection is on. */
export const testFaultsEnabled = (): boolean => enabled;

/** Answers 404 unless fault injection is on. */
export function requireTestFaults(): void {
	if (!enabled) error(404, 'Not found');
}

/**
 * The error a test makes the server throw: its message looks like what must never reach a
 * response (SQL, a file path), so that tests can check it stays in the log.
 */
export function injectedFault(where: string): Error {
	return new Error(`injected fault (${where}): SELECT token_hash FROM participations -- /srv/data`);
}
