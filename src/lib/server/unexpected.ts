/**
 * Unexpected errors (security notes LOG-01): a request that fails on a bug gets a generic
 * message and a correlation id, and the same id goes to the log with the stack; an error no
 * request catches (a rejected promise nobody awaits, an exception in a timer) is logged, then
 * the process exits non-zero for its supervisor to restart it. Nothing acknowledged is lost by
 * that exit: every change is on disk or in the database before it is acknowledged.
 */
import { randomUUID } from 'node:crypto';
import { log, type LogValue } from './log';

/** The message every unexpected error answers with: no detail of what went wrong. */
export const GENERIC_MESSAGE = 'Internal Error';

/** What a log line may say about an error: its kind, message and stack (never its data). */
function describe(error: unknown): Record<string, LogValue> {
	if (error instanceof Error) {
		return { error: error.name, message: error.message, stack: error.stack ?? null };
	}
	return { error: typeof error, message: String(error), stack: null };
}

/**
 * Logs an error a request ran into and returns what the response may show: the generic message
 * and the id to quote. `route` is the route id (`/p/[token]`), never the path with its token.
 */
export function reportRequestError(
	error: unknown,
	request: { method: string; route: string | null; status: number }
): { message: string; id: string } {
	const id = randomUUID();
	log('error', 'request.unexpected_error', {
		id,
		status: request.status,
		method: request.method,
		route: request.route,
		...describe(error)
	});
	return { message: GENERIC_MESSAGE, id };
}

let installed = false;

/** Installs the last-resort handlers: log the error as one JSON line, then exit with code 1. */
export function exitOnUncaughtErrors(): void {
	if (installed) return;
	installed = true;
	const fatal = (event: string) => (error: unknown) => {
		log('error', event, { id: randomUUID(), ...describe(error) });
		// stderr is synchronous for files and pipes on Linux: the line is out before the exit.
		process.exit(1);
	};
	process.on('unhandledRejection', fatal('process.unhandled_rejection'));
	process.on('uncaughtException', fatal('process.uncaught_exception'));
}
