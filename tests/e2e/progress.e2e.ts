/**
 * The progress line after a page is refused as incomplete (issue [6] point 14), in Chromium with
 * JavaScript on and off: the answers given on the refused page are saved, and the line counts
 * them (it said 0 % with JavaScript, the enhanced refusal keeping the figure of the page's first
 * load).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { javaScriptEnabled, launch, openPage, submit, visit } from './browser';
import { next } from './journey-helpers';

const baseURL = inject('baseURL');
let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
});

const plain = (text: string | null) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ');

describe(`progress after an incomplete page (${javaScriptEnabled ? 'JavaScript on' : 'JavaScript off'})`, () => {
	test('counts the answers the refused page saved', async () => {
		const { page } = await openPage(browser);
		await visit(page, `${baseURL}/diagnostics/exemple-mini`);
		await submit(page, page.getByRole('button', { name: 'Commencer le diagnostic' }));
		const link = page.url();
		expect(plain(await page.locator('#progress-label').textContent())).toContain('0 %');
		// Two of exemple-mini's six scored items, the required first question left out.
		const progress = async () => plain(await page.locator('#progress-label').textContent());
		await page.getByRole('radio', { name: '4', exact: true }).check();
		if (javaScriptEnabled) {
			// Saved while answering: the line follows the autosave.
			await expect.poll(progress).toContain('17 % des items notés ont une réponse');
		}
		await page.getByLabel('H5P').check();
		await next(page);
		await expect.poll(async () => page.getByRole('alert').count()).toBeGreaterThan(0);
		const stored = await (await fetch(`${link}/donnees.json`)).json();
		expect(stored.attempts[0].answers).toEqual({ aisance_quiz: 4, outils_quiz: ['h5p'] });
		expect(await progress()).toContain('33 % des items notés ont une réponse');
		expect(await page.locator('progress').getAttribute('value')).toBe('33');
		await page.context().close();
	});
});
