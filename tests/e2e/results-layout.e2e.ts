/**
 * The results page reads in two screens (issue [7]): at 1280×800 the overall level on the whole
 * scale, the radar, the actions (PDF, retake, share) and the three priorities, each with its
 * next step and best resource, end within 1,600 px; the actions within the first screen. On a
 * 375×740 phone the level and its scale come first, the actions right after them, then the
 * radar and the priorities. Everything else follows, each part reached from « Sur cette page »,
 * complete without JavaScript. Before this layout (bfd5e00) the PDF action sat at about 7,700 px.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { checkState } from './a11y-checks';
import { javaScriptEnabled, launch, openPage } from './browser';
import { answerDiagnostic } from './journey-helpers';
import { edgesAt, type Edges } from './layout-checks';

const baseURL = inject('baseURL');
let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
});

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 740 };

const SUMMARY = {
	level: '#overall-title',
	scale: '.level-scale [aria-current="true"]',
	radar: '[data-radar] svg',
	retake: 'form[action="?/retake"] button',
	share: '.actions a[href="#private-link"]',
	...(javaScriptEnabled ? { print: '.actions button[aria-describedby="print-hint"]' } : {}),
	...Object.fromEntries(
		[1, 2, 3].flatMap((n) => [
			[`priority ${n}`, `[data-priority]:nth-child(${n})`],
			[`priority ${n}: next step`, `[data-priority]:nth-child(${n}) .steps`],
			[`priority ${n}: best resource`, `[data-priority]:nth-child(${n}) [data-best-resource]`]
		])
	)
};

async function results(id: string, seed: number): Promise<Page> {
	const { page } = await openPage(browser);
	await answerDiagnostic(page, baseURL, id, seed);
	expect(await page.locator('h1').textContent()).toBe('Vos résultats');
	return page;
}

const pageHeight = (page: Page) => page.evaluate(() => document.documentElement.scrollHeight);

describe(`the results page in two screens (${javaScriptEnabled ? 'JavaScript on' : 'JavaScript off'})`, () => {
	test.each([
		{ id: 'e-formateur', seed: 41 },
		{ id: 'maturite-of', seed: 42 }
	])('$id: level, scale, radar, actions and three priorities first', async ({ id, seed }) => {
		const page = await results(id, seed);
		expect(await page.locator('[data-priority]').count(), 'three priorities').toBe(3);

		const desktop = await edgesAt(page, SUMMARY, DESKTOP);
		for (const [name, edges] of Object.entries(desktop)) {
			expect(edges, `${name} shown at 1280 px`).not.toBeNull();
			expect(edges!.bottom, `${name} within two 1280×800 screens`).toBeLessThanOrEqual(1600);
		}
		for (const action of ['retake', 'share', ...(javaScriptEnabled ? ['print'] : [])]) {
			expect(desktop[action]!.bottom, `${action} within the first screen`).toBeLessThanOrEqual(800);
		}
		expect(desktop.level!.bottom, 'the level within the first screen').toBeLessThanOrEqual(800);

		const phone = await edgesAt(page, SUMMARY, PHONE);
		const at = (name: string): Edges => {
			expect(phone[name], `${name} shown at 375 px`).not.toBeNull();
			return phone[name]!;
		};
		expect(
			at('scale').bottom,
			'the level on its scale within the first phone screen'
		).toBeLessThanOrEqual(740);
		expect(at('retake').bottom, 'the actions within two phone screens').toBeLessThanOrEqual(1480);
		// On a phone: the level, the actions, the radar, then the priorities.
		expect(at('level').top).toBeLessThan(at('retake').top);
		expect(at('retake').top).toBeLessThan(at('radar').top);
		expect(at('radar').bottom).toBeLessThanOrEqual(at('priority 1').top);

		// Figures for the closing note.
		await page.setViewportSize(DESKTOP);
		const tall = await pageHeight(page);
		await page.setViewportSize(PHONE);
		const phoneTall = await pageHeight(page);
		const action = javaScriptEnabled ? 'print' : 'retake';
		console.log(
			`[results layout] ${id} (${javaScriptEnabled ? 'js' : 'nojs'}): page ${tall} px at 1280 ` +
				`(${(tall / 800).toFixed(1)} screens), ${phoneTall} px at 375 (${(phoneTall / 740).toFixed(1)} screens); ` +
				`${action} button bottom ${desktop[action]!.bottom} px at 1280, ${phone[action]!.bottom} px at 375; ` +
				`third priority bottom ${desktop['priority 3']!.bottom} px at 1280`
		);
		await page.setViewportSize(DESKTOP);

		// Everything else follows, each part reached from « Sur cette page », in the page's order.
		const targets = await page
			.locator('.on-page a')
			.evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
		expect(targets).toEqual(
			expect.arrayContaining(['#domaines', '#reco-title', '#detail-title', '#methode', '#donnees'])
		);
		const tops: number[] = [];
		for (const target of targets) {
			const element = page.locator(target);
			expect(await element.count(), `${target} exists`).toBe(1);
			tops.push(await element.evaluate((el) => el.getBoundingClientRect().top + window.scrollY));
		}
		expect(tops, 'the parts in the order of the list').toEqual([...tops].sort((a, b) => a - b));
		// Complete without JavaScript too: the tables, the advice and the method are in the page.
		expect(await page.locator('#resultats-domaines tbody tr').count()).toBeGreaterThan(0);
		// The competence tables: one closed disclosure per area, every competence in it.
		const details = page.locator('details.area-detail');
		expect(await details.count()).toBe(await page.locator('#resultats-domaines tbody tr').count());
		expect(await page.locator('details.area-detail[open]').count()).toBe(0);
		expect(await page.locator('details.area-detail [data-competence]').count()).toBe(
			await page.locator('[data-competence]').count()
		);
		expect(await page.locator('[data-competence]').count()).toBeGreaterThan(0);
		expect(await page.locator('[data-recommendations]').count()).toBeGreaterThan(0);
		// A link to an anchor moves there.
		await page.locator('.on-page a[href="#methode"]').click();
		await expect.poll(() => page.evaluate(() => location.hash)).toBe('#methode');
		await checkState(page, `results of ${id}, laid out`);
		await page.context().close();
	});
});
