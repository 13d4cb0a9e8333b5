import { describe, expect, test } from 'vitest';
import { MAX_ENTRIES, cacheKey, cached, forget, keep } from '$lib/server/results-cache';

const page = (body: string) =>
	new Response(body, { status: 200, headers: { 'content-type': 'text/html', 'x-test': 'kept' } });

describe('results page cache', () => {
	test('a kept page is served again with its headers; the key includes the URL and the update time', async () => {
		const url = new URL('http://127.0.0.1/p/abc?gratuit=1');
		const key = cacheKey({ id: 'p1', updatedAt: '2026-11-23T06:00:00.000Z' }, undefined, url);
		expect(cached(key)).toBeUndefined();
		const first = await keep(key, page('<p>résultats</p>'));
		expect(await first.text()).toBe('<p>résultats</p>');
		const hit = cached(key)!;
		expect(await hit.text()).toBe('<p>résultats</p>');
		expect(hit.headers.get('x-test')).toBe('kept');
		expect(
			cached(cacheKey({ id: 'p1', updatedAt: '2026-11-23T07:00:00.000Z' }, undefined, url))
		).toBeUndefined();
		expect(
			cached(
				cacheKey(
					{ id: 'p1', updatedAt: '2026-11-23T06:00:00.000Z' },
					undefined,
					new URL('http://127.0.0.1/p/abc')
				)
			)
		).toBeUndefined();
	});

	test('a retake’s page is keyed by the earlier attempt too: once it is gone, the key changes', async () => {
		const url = new URL('http://127.0.0.1/p/b');
		const a = { id: 'pa', updatedAt: '2026-11-23T06:00:00.000Z' };
		const b = { id: 'pb', updatedAt: '2026-11-24T06:00:00.000Z' };
		await keep(cacheKey(b, a, url), page('Avant / Maintenant'));
		expect(cached(cacheKey(b, a, url))).toBeDefined();
		// What another instance computes once A is deleted: no previous attempt, another key.
		expect(cached(cacheKey(b, undefined, url))).toBeUndefined();
		expect(
			cached(cacheKey(b, { ...a, updatedAt: '2026-11-25T06:00:00.000Z' }, url))
		).toBeUndefined();
		// In this instance, deleting A also frees B's page.
		forget('pa');
		expect(cached(cacheKey(b, a, url))).toBeUndefined();
	});

	test('deleting a participation forgets its pages', async () => {
		const key = cacheKey(
			{ id: 'p2', updatedAt: 't' },
			undefined,
			new URL('http://127.0.0.1/en/p/xyz')
		);
		await keep(key, page('x'));
		forget('p2');
		expect(cached(key)).toBeUndefined();
	});

	test('the cache is bounded: the least recently used page goes first', async () => {
		const key = (i: number) =>
			cacheKey({ id: `q${i}`, updatedAt: 't' }, undefined, new URL('http://127.0.0.1/p/t'));
		for (let i = 0; i <= MAX_ENTRIES; i++) {
			await keep(key(i), page(String(i)));
			if (i === 0) expect(cached(key(0))).toBeDefined();
		}
		expect(cached(key(0))).toBeUndefined();
		expect(cached(key(MAX_ENTRIES))).toBeDefined();
	});
});

describe('a cached page never reuses a CSP nonce (ADR 0017)', () => {
	const NONCE = 'uDy+f5JnEAAg09VEAjuZSg==';
	const CSP = `default-src 'self'; script-src 'self' 'nonce-${NONCE}'; style-src 'self'`;
	const rendered = () =>
		new Response(
			`<link rel="modulepreload" href="./a.js"><script nonce="${NONCE}">start()</script>` +
				`<p>Le texte ${NONCE} cité n’est pas un attribut.</p>`,
			{
				status: 200,
				headers: {
					'content-type': 'text/html',
					'content-security-policy': CSP,
					etag: '"abc"',
					'content-length': '120'
				}
			}
		);
	const nonceOf = (response: Response) =>
		/'nonce-([^']+)'/.exec(response.headers.get('content-security-policy')!)![1]!;

	test('each hit has a new nonce, the same in its header and in its nonce attributes', async () => {
		const key = cacheKey({ id: 'n1', updatedAt: 't' }, undefined, new URL('http://127.0.0.1/p/n1'));
		const first = await keep(key, rendered());
		expect(nonceOf(first)).toBe(NONCE);
		const seen = new Set([NONCE]);
		for (let i = 0; i < 3; i++) {
			const hit = cached(key)!;
			const nonce = nonceOf(hit);
			expect(seen.has(nonce)).toBe(false);
			seen.add(nonce);
			expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
			const body = await hit.text();
			expect(body).toContain(`<script nonce="${nonce}">start()</script>`);
			expect(body).not.toContain(`nonce="${NONCE}"`);
			// Only nonce attributes change; the rest of the page is served as rendered.
			expect(body).toContain(`<p>Le texte ${NONCE} cité n’est pas un attribut.</p>`);
			expect(hit.headers.get('content-security-policy')).toBe(
				CSP.replace(`'nonce-${NONCE}'`, `'nonce-${nonce}'`)
			);
			// They described the first body only.
			expect(hit.headers.get('etag')).toBeNull();
			expect(hit.headers.get('content-length')).toBeNull();
		}
	});

	test('a page without a nonce is served as it was kept', async () => {
		const key = cacheKey({ id: 'n2', updatedAt: 't' }, undefined, new URL('http://127.0.0.1/p/n2'));
		await keep(key, page('<p>sans script</p>'));
		const hit = cached(key)!;
		expect(hit.headers.get('content-security-policy')).toBeNull();
		expect(await hit.text()).toBe('<p>sans script</p>');
	});
});
