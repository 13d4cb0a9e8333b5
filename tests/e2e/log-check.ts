/**
 * What the server's log must never hold (LOG-02, CAP-04), checked over the whole log of each
 * browser-test run at teardown (global-setup.ts) and in server tests: every line is a JSON
 * object (adapter-node's own start line aside), and no line holds a canary value typed in the
 * browser, a link, cookie or passphrase token seen during the run, or anything shaped like one.
 */
import { appendFileSync } from 'node:fs';
import { inject } from 'vitest';

/** Every value the tests type in free text, names and passphrases starts with this. */
export const CANARY_PREFIX = 'CANARY-';

/** Canary values for the browser tests: typed, stored, never logged. */
export const CANARY = {
	/** Free text: comments, notes. */
	text: 'CANARY-TXT-9a1',
	/** Names: campaigns, client organisations, choice fields. */
	org: 'CANARY-ORG-7f3',
	/** A participant's free identifier, an action's owner. */
	person: 'CANARY-ID-2e5',
	/** A campaign passphrase (10 characters at least). */
	pass: 'CANARY-PASS-4c8e2d61'
} as const;

/**
 * The one line adapter-node prints itself, once the server listens: it is not ours to format,
 * holds only the address given in HOST and PORT, and is accepted as it is (ADR 0019).
 */
const ADAPTER_START = /^Listening on https?:\/\/[^\s]+$/;

/** 22 URL-safe characters with both cases: a 128-bit token (names and events have one case). */
const TOKEN_SHAPED =
	/(?<![A-Za-z0-9_-])(?=[A-Za-z0-9_-]*[a-z])(?=[A-Za-z0-9_-]*[A-Z])[A-Za-z0-9_-]{22}(?![A-Za-z0-9_-])/;

/** The string values of a parsed log line, however deep. */
function strings(value: unknown): string[] {
	if (typeof value === 'string') return [value];
	if (Array.isArray(value)) return value.flatMap(strings);
	if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
	return [];
}

/** Everything wrong with a log's text, one message per problem with its line number. */
export function logProblems(text: string, secrets: Iterable<string>): string[] {
	const known = [...new Set(secrets)].filter((s) => s.length >= 8);
	const problems: string[] = [];
	for (const [i, line] of text.split('\n').entries()) {
		if (line.trim() === '') continue;
		const at = `line ${i + 1}`;
		const shown = line.length > 160 ? `${line.slice(0, 160)}…` : line;
		if (line.includes(CANARY_PREFIX)) problems.push(`${at} holds a canary value: ${shown}`);
		if (known.some((s) => line.includes(s))) {
			problems.push(`${at} holds a token seen during the run: ${shown}`);
		}
		if (ADAPTER_START.test(line)) continue;
		let parsed: unknown;
		try {
			parsed = JSON.parse(line);
		} catch {
			problems.push(`${at} is not JSON: ${shown}`);
			continue;
		}
		if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
			problems.push(`${at} is not a JSON object: ${shown}`);
		} else if (strings(parsed).some((s) => TOKEN_SHAPED.test(s))) {
			problems.push(`${at} holds something shaped like a token: ${shown}`);
		}
	}
	return problems;
}

/** Link tokens in a URL or any text: private links, management links, their sub-pages. */
export function tokensIn(text: string): string[] {
	return [...text.matchAll(/\/(?:p|campagnes)\/([A-Za-z0-9_-]{22})(?![A-Za-z0-9_-])/g)].map(
		(m) => m[1]!
	);
}

/**
 * Remembers secrets seen by a browser test (tokens, cookie values) for the teardown's check of
 * the log. Outside the browser tests (no file provided) it does nothing.
 */
export function rememberSecrets(values: Iterable<string>): void {
	const file = inject('seenSecrets') as string | undefined;
	const list = [...values].filter(Boolean);
	if (!file || list.length === 0) return;
	appendFileSync(file, `${list.join('\n')}\n`);
}
