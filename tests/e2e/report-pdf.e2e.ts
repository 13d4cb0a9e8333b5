/**
 * The participant's report (issue [7]): the results page printed to A4 by Chromium, with
 * JavaScript on and off. Two pages for a full e-formateur result, three at most for maturite-of;
 * every area name whole in the text and on the radar; the radar at least half the page wide;
 * the areas table and each priority on one page; the date and the diagnostic's version printed.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { localize } from '$lib/diagnostic/localized';
import { loadById } from '../helpers/packages';
import { javaScriptEnabled, launch, openPage } from './browser';
import { answerDiagnostic, radarData } from './journey-helpers';
import { checkPrintedReport } from './report-checks';

const baseURL = inject('baseURL');
let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
});

const mode = javaScriptEnabled ? 'js' : 'nojs';

/** Answers a whole diagnostic with the seeded answers; leaves `page` on its results. */
async function results(id: string, seed: number): Promise<Page> {
	const { page } = await openPage(browser);
	await answerDiagnostic(page, baseURL, id, seed);
	expect(await page.locator('h1').textContent()).toBe('Vos résultats');
	return page;
}

describe(`the printed results (${javaScriptEnabled ? 'JavaScript on' : 'JavaScript off'})`, () => {
	test.each([
		{ id: 'e-formateur', maxPages: 2, seed: 31 },
		{ id: 'maturite-of', maxPages: 3, seed: 32 }
	])('$id: at most $maxPages A4 pages, radar and labels whole', async ({ id, maxPages, seed }) => {
		const { pkg } = await loadById(id);
		const page = await results(id, seed);
		const areas = pkg.framework.areas.map((a) => localize(a.name, 'fr'));
		// Every area name whole on the radar itself (not only in the table).
		expect((await radarData(page)).axes).toEqual(areas);
		const dated = (await page.locator('[data-report-date]').innerText()).trim();
		expect(dated).toContain(`version ${pkg.manifest.version} du diagnostic`);
		expect(dated).toMatch(/terminé le \d{1,2} \S+ \d{4}/);
		expect(await page.locator('[data-priority]').count(), 'priorities').toBeGreaterThan(0);
		await checkPrintedReport(browser, page, {
			name: `results-${id}-${mode}`,
			maxPages,
			whole: [...areas, dated],
			// Each priority on one page; the table of areas with its headers on every page it runs on.
			together: ['[data-priority]'],
			tables: ['#resultats-domaines']
		});
		await page.context().close();
	});
});
