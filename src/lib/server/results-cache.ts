/**
 * A small in-memory cache of rendered results pages (ADR 0010). A completed participation's
 * results never change; rendering them is most of a results request's cost. Entries are keyed
 * by participation, its last update and the exact URL (locale and filters), so a retake, a
 * deletion or a new filter never meets a stale page; the store is still consulted first.
 */

interface Entry {
	body: string;
	headers: [string, string][];
}

/** Most entries kept; about 50 KB each. */
export const MAX_ENTRIES = 200;
const entries = new Map<string, Entry>();

/** The cache key of a results page. */
export const cacheKey = (participationId: string, updatedAt: string, url: URL) =>
	`${participationId}|${updatedAt}|${url.pathname}${url.search}`;

/** A fresh Response for a cached page, or undefined. */
export function cached(key: string): Response | undefined {
	const entry = entries.get(key);
	if (!entry) return undefined;
	// Refresh its place: the map's order is the eviction order.
	entries.delete(key);
	entries.set(key, entry);
	return new Response(entry.body, { status: 200, headers: entry.headers });
}

/** Keeps a rendered page; returns an equivalent Response (the original body is consumed). */
export async function keep(key: string, response: Response): Promise<Response> {
	const body = await response.text();
	const headers = [...response.headers.entries()];
	entries.set(key, { body, headers });
	if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
	return new Response(body, { status: response.status, headers });
}

/** Forgets every page of a participation (after a deletion). */
export function forget(participationId: string): void {
	for (const key of entries.keys()) if (key.startsWith(`${participationId}|`)) entries.delete(key);
}
