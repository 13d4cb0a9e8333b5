/**
 * A small in-memory cache of rendered results pages (ADR 0010). A completed participation's
 * results never change; rendering them is most of a results request's cost. Entries are keyed
 * by every participation the page shows — the attempt, and the earlier one a retake is compared
 * with — each with its last update, and by the exact URL (locale and filters): a retake, a
 * deletion or a new filter never meets a stale page; the store is still consulted first. The
 * key, not an eviction, is what makes a deletion take effect, so that it does on every instance
 * sharing one database, each with its own cache (ADR 0024).
 *
 * A page carries the CSP nonce of the response it was rendered for: every hit is served with a
 * fresh one, in the Content-Security-Policy header and in the page's nonce attributes alike, so
 * that no nonce is ever sent twice (ADR 0017).
 */
import { randomBytes } from 'node:crypto';

interface Entry {
	body: string;
	headers: [string, string][];
	/** The nonce the page was rendered with, or null when it has none. */
	nonce: string | null;
}

/** Most entries kept; about 50 KB each. */
export const MAX_ENTRIES = 200;
const entries = new Map<string, Entry>();

// Kit writes nonces as base64 of 16 random bytes.
const NONCE_SOURCE = /'nonce-([A-Za-z0-9+/]+={0,2})'/;

/** What the cache key reads of a participation shown on the page. */
interface Shown {
	id: string;
	updatedAt: string;
}

/**
 * The cache key of a results page: the attempt, the earlier attempt it is compared with as the
 * store holds it now (absent once deleted), and the URL. Ids hold no `@` or `|`.
 */
export const cacheKey = (attempt: Shown, previous: Shown | undefined, url: URL) =>
	`${attempt.id}@${attempt.updatedAt}|${previous ? `${previous.id}@${previous.updatedAt}` : '-'}|${url.pathname}${url.search}`;

/** A fresh Response for a cached page, with a nonce of its own, or undefined. */
export function cached(key: string): Response | undefined {
	const entry = entries.get(key);
	if (!entry) return undefined;
	// Refresh its place: the map's order is the eviction order.
	entries.delete(key);
	entries.set(key, entry);
	if (!entry.nonce) return new Response(entry.body, { status: 200, headers: entry.headers });
	const old = entry.nonce;
	const nonce = randomBytes(16).toString('base64');
	const body = entry.body.replaceAll(`nonce="${old}"`, `nonce="${nonce}"`);
	const headers = entry.headers.map(([name, value]): [string, string] => [
		name,
		name === 'content-security-policy'
			? value.replaceAll(`'nonce-${old}'`, `'nonce-${nonce}'`)
			: value
	]);
	return new Response(body, { status: 200, headers });
}

/** Keeps a rendered page; returns an equivalent Response (the original body is consumed). */
export async function keep(key: string, response: Response): Promise<Response> {
	const body = await response.text();
	const headers = [...response.headers.entries()];
	const nonce = NONCE_SOURCE.exec(response.headers.get('content-security-policy') ?? '')?.[1];
	entries.set(key, {
		body,
		// Both describe the first body only: a hit's body differs by its nonce.
		headers: headers.filter(([name]) => name !== 'etag' && name !== 'content-length'),
		nonce: nonce ?? null
	});
	if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
	return new Response(body, { status: response.status, headers });
}

/**
 * Forgets every page showing a participation, its own and those of later attempts compared
 * with it (after a deletion: frees the memory at once; the key already changed).
 */
export function forget(participationId: string): void {
	const shown = `${participationId}@`;
	for (const key of entries.keys()) {
		if (key.startsWith(shown) || key.includes(`|${shown}`)) entries.delete(key);
	}
}
