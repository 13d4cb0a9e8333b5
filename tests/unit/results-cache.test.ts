import { describe, expect, test } from 'vitest';
import { MAX_ENTRIES, cacheKey, cached, forget, keep } from '$lib/server/results-cache';

const page = (body: string) =>
	new Response(body, { status: 200, headers: { 'content-type': 'text/html', 'x-test': 'kept' } });

describe('results page cache', () => {
	test('a kept page is served again with its headers; the key includes the URL and the update time', async () => {
		const url = new URL('http://127.0.0.1/p/abc?gratuit=1');
		const key = cacheKey('p1', '2026-11-23T06:00:00.000Z', url);
		expect(cached(key)).toBeUndefined();
		const first = await keep(key, page('<p>résultats</p>'));
		expect(await first.text()).toBe('<p>résultats</p>');
		const hit = cached(key)!;
		expect(await hit.text()).toBe('<p>résultats</p>');
		expect(hit.headers.get('x-test')).toBe('kept');
		expect(cached(cacheKey('p1', '2026-11-23T07:00:00.000Z', url))).toBeUndefined();
		expect(
			cached(cacheKey('p1', '2026-11-23T06:00:00.000Z', new URL('http://127.0.0.1/p/abc')))
		).toBeUndefined();
	});

	test('deleting a participation forgets its pages', async () => {
		const key = cacheKey('p2', 't', new URL('http://127.0.0.1/en/p/xyz'));
		await keep(key, page('x'));
		forget('p2');
		expect(cached(key)).toBeUndefined();
	});

	test('the cache is bounded: the least recently used page goes first', async () => {
		const key = (i: number) => cacheKey(`q${i}`, 't', new URL('http://127.0.0.1/p/t'));
		for (let i = 0; i <= MAX_ENTRIES; i++) {
			await keep(key(i), page(String(i)));
			if (i === 0) expect(cached(key(0))).toBeDefined();
		}
		expect(cached(key(0))).toBeUndefined();
		expect(cached(key(MAX_ENTRIES))).toBeDefined();
	});
});
