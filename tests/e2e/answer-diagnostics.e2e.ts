/**
 * Answers each diagnostic to the end in Chromium (with or without JavaScript, per project)
 * and checks that the results tables equal the engine's result for the same answers, and that
 * every free-text field on the way carries the personal-data hint (PRIV-03).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { scoreAnswers } from '$lib/scoring/score';
import { buildResultView } from '../../src/routes/p/[token]/result-view';
import { SCORED_PACKAGES, loadById } from '../helpers/packages';
import { javaScriptEnabled, launch, openPage, submit, visit } from './browser';
import { answerToTheEnd, expectedTable, random, tableCells } from './journey-helpers';
import { fieldsWithoutPersonalDataHint } from './privacy-checks';

const baseURL = inject('baseURL');
let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
});

describe.each(SCORED_PACKAGES)(
	`answering %s (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`,
	async (id) => {
		const { pkg, model } = await loadById(id);

		test('home → intro → every page → results equal to the engine', async () => {
			const { page, external } = await openPage(browser);
			await visit(page, baseURL);
			await page.getByRole('link', { name: pkg.manifest.title.fr }).click();
			await page.waitForURL(`**/diagnostics/${id}`);
			if (javaScriptEnabled) await page.waitForSelector('html[data-hydrated="true"]');
			await submit(page, page.getByRole('button', { name: 'Commencer le diagnostic' }));
			expect(page.url()).toMatch(/\/p\/[A-Za-z0-9_-]{22}$/);

			const pick = random(id.length * 97 + (javaScriptEnabled ? 1 : 2));
			let textFields = 0;
			const answers = await answerToTheEnd(page, pick, 12, async () => {
				const { fields, withoutHint } = await fieldsWithoutPersonalDataHint(page);
				expect(withoutHint, `free-text fields without the hint, ${page.url()}`).toEqual([]);
				textFields += fields;
			});
			await expect.poll(() => page.locator('h1').textContent()).toBe('Vos résultats');
			// The bundled diagnostics end with a comment field (exemple-mini's depends on an answer).
			if (id !== 'exemple-mini') expect(textFields).toBeGreaterThan(0);

			const view = buildResultView(pkg, scoreAnswers(model, answers), 'fr');
			expect(await tableCells(page, view)).toEqual(expectedTable(view));
			expect(external).toEqual([]);
			await page.context().close();
		});
	}
);

describe(`journey details (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, () => {
	test('the home page lists bundled diagnostics and those of QUESTIONNAIRES_DIR', async () => {
		const { page } = await openPage(browser);
		await visit(page, baseURL);
		await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('fr');
		for (const id of SCORED_PACKAGES) {
			const { pkg } = await loadById(id);
			await expect(page.getByRole('link', { name: pkg.manifest.title.fr }).count()).resolves.toBe(
				1
			);
		}
		await page.context().close();
	});

	test('an incomplete page is refused with a readable error, then the journey resumes elsewhere', async () => {
		const { page } = await openPage(browser);
		await visit(page, `${baseURL}/diagnostics/exemple-mini`);
		await submit(page, page.getByRole('button', { name: 'Commencer le diagnostic' }));
		const link = page.url();
		await submit(page, page.getByRole('button', { name: 'Suivant' }));
		const summary = page.getByRole('alert');
		await expect.poll(() => summary.textContent()).toContain("J'anime des classes virtuelles.");
		await expect
			.poll(() => summary.textContent())
			.toContain('La réponse à cette question est obligatoire.');
		if (javaScriptEnabled) {
			await expect
				.poll(() => page.evaluate(() => document.activeElement?.className ?? ''))
				.toContain('error-summary');
		}
		await page.getByLabel('Souvent').check();
		await submit(page, page.getByRole('button', { name: 'Suivant' }));
		await expect.poll(() => page.locator('h1').textContent()).toBe('Accompagnement');

		// The private link opens the same step in another browser context ("another device").
		const other = await openPage(browser);
		await visit(other.page, link);
		await expect.poll(() => other.page.locator('h1').textContent()).toBe('Accompagnement');
		await expect
			.poll(() => other.page.locator('#progress-label').textContent())
			.toContain('Partie 2 sur 2');
		// visibleIf: the comment shows because the first answer was "Souvent".
		await expect.poll(() => other.page.getByLabel('Une remarque ?').count()).toBe(1);
		await other.page.context().close();
		await page.context().close();
	});

	test('an unknown private link answers 404', async () => {
		const response = await fetch(`${baseURL}/p/AAAAAAAAAAAAAAAAAAAAAA`);
		expect(response.status).toBe(404);
	});
});
