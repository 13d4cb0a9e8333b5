/**
 * OUT-02 in Chromium: the Content-Security-Policy stops scripts that lack the page's own nonce,
 * and results pages served from the cache (a fresh nonce on every hit, ADR 0017) still work.
 * The suite-wide check that no page meets a violation is tests/e2e/setup.ts.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { javaScriptEnabled, launch, openPage, takeCspViolations } from './browser';
import { radarData } from './journey-helpers';
import { miniPages, post } from '../helpers/participant';

const baseURL = inject('baseURL');
const mode = javaScriptEnabled ? 'JavaScript on' : 'JavaScript off';
let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
});

const nonceOf = (policy: string | undefined | null) => /'nonce-([^']+)'/.exec(policy ?? '')?.[1];

type Marks = { __injected?: string; __replayed?: string; __added?: string };

describe(`Content-Security-Policy (${mode})`, () => {
	// Scripts must be able to run for their blocking to mean anything: JavaScript is on here.
	test('an inline script without the page’s nonce never runs; the page’s own scripts do', async () => {
		const { page } = await openPage(browser, { javaScript: true });
		// The nonce another answer carried, as a page replayed from a cache would hold it.
		const earlier = nonceOf((await fetch(baseURL)).headers.get('content-security-policy'));
		expect(earlier).toBeDefined();
		// The server's real answer, headers included, with two scripts slipped into its HTML.
		await page.route(`${baseURL}/`, async (route) => {
			const response = await route.fetch();
			const html = (await response.text()).replace(
				'</body>',
				`<script>window.__injected = 'ran'</script>` +
					`<script nonce="${earlier}">window.__replayed = 'ran'</script></body>`
			);
			await route.fulfill({ response, body: html });
		});
		const answer = await page.goto(`${baseURL}/`);
		expect(nonceOf(answer!.headers()['content-security-policy'])).not.toBe(earlier);
		await page.waitForSelector('html[data-hydrated="true"]');
		// And one added by a script at run time.
		await page.evaluate(() => {
			const script = document.createElement('script');
			script.textContent = "window.__added = 'ran'";
			document.body.append(script);
		});
		const marks = await page.evaluate(() => {
			const w = window as unknown as Marks;
			return [w.__injected ?? 'blocked', w.__replayed ?? 'blocked', w.__added ?? 'blocked'];
		});
		expect(marks).toEqual(['blocked', 'blocked', 'blocked']);

		// Each was reported, as an event and in the console: the suite-wide check sees them.
		const seen = await takeCspViolations();
		expect(seen.filter((v) => v.seenAs === 'event').map((v) => v.detail.split(' ')[0])).toEqual([
			'script-src-elem',
			'script-src-elem',
			'script-src-elem'
		]);
		expect(seen.filter((v) => v.seenAs === 'console')).toHaveLength(3);
		for (const v of seen) expect(v.url).toBe(`${baseURL}/`);
		await page.context().close();
	});

	test('a results page served from the cache gets a new nonce each time and still works', async () => {
		const started = await post(baseURL, '/diagnostics/exemple-mini?/start', [
			// Token-shaped, as the form's own (a malformed attempt is refused, ADR 0018).
			['attempt', `csp-e2e-${mode.replace(/\W/g, '')}`.padEnd(22, 'A')]
		]);
		const link = `${baseURL}${started.headers.get('location')}`;
		for (const { page, fields } of miniPages(2)) {
			const saved = await post(baseURL, `${new URL(link).pathname}?/save`, [
				['page', page],
				['nav', 'next'],
				...fields
			]);
			expect(saved.status).toBe(303);
		}
		const { page } = await openPage(browser);
		const nonces = new Set<string>();
		// The first visit renders and keeps the page; the next ones are served from the cache.
		for (let visit = 0; visit < 3; visit++) {
			const answer = await page.goto(link);
			nonces.add(nonceOf(answer!.headers()['content-security-policy'])!);
			await page.locator('#resultats-domaines').waitFor();
			// Hydrated: the page's scripts all ran under the nonce.
			if (javaScriptEnabled) await page.waitForSelector('html[data-hydrated="true"]');
			// The radar is drawn by the server, inline SVG: no script, no inline style needed.
			expect((await radarData(page)).series[0]!.values).toContain(100);
		}
		expect(nonces.size).toBe(3);
		await page.context().close();
	});
});
