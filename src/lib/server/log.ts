/**
 * The server's log: one JSON object per line (UTC time, level, event name, then fields), so that
 * values can never forge a line and every line can be parsed. Log events and counts, never
 * answers, free text, names, tokens or secrets (security notes LOG-02).
 */

import { createHmac, randomBytes } from 'node:crypto';

export type LogLevel = 'info' | 'warn' | 'error';

/** A field value: what a log line may carry (no objects: nothing is dumped by accident). */
export type LogValue = string | number | boolean | null;

/** Where lines go; tests replace it to read them. */
let sink: (line: string, level: LogLevel) => void = (line, level) => {
	if (level === 'info') process.stdout.write(`${line}\n`);
	else process.stderr.write(`${line}\n`);
};

/** Writes one event. */
export function log(level: LogLevel, event: string, fields: Record<string, LogValue> = {}): void {
	sink(JSON.stringify({ time: new Date().toISOString(), level, event, ...fields }), level);
}

/** Sends log lines elsewhere (tests); returns a function that puts the previous sink back. */
export function redirectLog(to: (line: string, level: LogLevel) => void): () => void {
	const previous = sink;
	sink = to;
	return () => {
		sink = previous;
	};
}

/** Key of this process's pseudonyms: random at start and never written, so none can be reversed. */
const PSEUDONYM_KEY = randomBytes(32);

/**
 * A short keyed hash of a value that must not be logged (a client address): lines of one server
 * process about the same client can be told together, without the value itself (LOG-02).
 */
export function pseudonym(value: string): string {
	return createHmac('sha256', PSEUDONYM_KEY).update(value).digest('base64url').slice(0, 12);
}
