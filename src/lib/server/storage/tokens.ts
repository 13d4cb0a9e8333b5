/**
 * Capability tokens for private links: 128 random bits, only their hash is stored, so a copy
 * of the data file cannot be used to open anyone's results.
 */
import { createHash, randomBytes } from 'node:crypto';

/** A new token (22 URL-safe characters) and the hash to store. */
export function newToken(): { token: string; hash: string } {
	const token = randomBytes(16).toString('base64url');
	return { token, hash: hashToken(token) };
}

/** The stored form of a token. */
export function hashToken(token: string): string {
	return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Whether a string has the shape of a token (cheap check before any lookup). */
export function isTokenShaped(value: string): boolean {
	return /^[A-Za-z0-9_-]{22}$/.test(value);
}

/**
 * A token derived from another for one purpose (e.g. the retake of an attempt): whoever holds
 * the first can compute it, which grants nothing more, and the same request gives the same link.
 */
export function derivedToken(token: string, purpose: string): string {
	return createHash('sha256')
		.update(`${purpose}\0${token}`, 'utf8')
		.digest()
		.subarray(0, 16)
		.toString('base64url');
}

/**
 * The private link a start form leads to. Each rendering of the form carries a fresh random
 * `attempt`; the link derives from it, so a double click, a reload or a replay of the same form
 * lands on the same participation. Without an attempt, a new random link (forms refuse a malformed one first, ADR 0018).
 */
export function tokenForAttempt(attempt: unknown, purpose: string): string {
	return typeof attempt === 'string' && isTokenShaped(attempt)
		? derivedToken(attempt, purpose)
		: newToken().token;
}
