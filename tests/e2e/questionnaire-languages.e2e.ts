/**
 * A questionnaire in another language than the interface's (issue [8], ADR 0035), in Chromium
 * with JavaScript on and off: the English-only sample answered from the French interface to its
 * results stays English (survey-core's « Yes » and error messages too), and its texts carry
 * `lang="en"` while the page and its own words stay French (RGAA 8.7); the German-only sample
 * (survey.json's `locale`) is German.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { checkState } from './a11y-checks';
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

async function start(id: string, onIntro?: (page: Page) => Promise<void>): Promise<Page> {
	const { page } = await openPage(browser);
	await visit(page, `${baseURL}/diagnostics/${id}`);
	await onIntro?.(page);
	await submit(page, page.getByRole('button', { name: 'Commencer le diagnostic' }));
	return page;
}

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

describe(`a questionnaire in its own language (${javaScriptEnabled ? 'JavaScript on' : 'JavaScript off'})`, () => {
	test('English-only, from the French interface to its results', async () => {
		const page = await start('sample-english', async (intro) => {
			// The intro says in which language the questions are, and marks the package's words.
			expect(await intro.locator('[data-questions-language]').textContent()).toContain(
				'questions en anglais'
			);
			expect(await h1(intro).getAttribute('lang')).toBe('en');
			await checkState(intro, 'intro of an English questionnaire, French interface');
		});
		expect(await page.locator('html').getAttribute('lang')).toBe('fr');
		expect(await h1(page).textContent()).toBe('Everyday habits');
		expect(await h1(page).getAttribute('lang')).toBe('en');
		expect(await page.locator('.diagnostic-title').getAttribute('lang')).toBe('en');
		// The questions in English, marked; the interface's words inside them marked back.
		const questions = page.locator('form .questions');
		expect(await questions.getAttribute('lang')).toBe('en');
		expect(await questions.getByRole('radio', { name: 'Yes' }).count()).toBe(1);
		const required = questions.locator('[data-question="sharing"] .visually-hidden', {
			hasText: 'réponse obligatoire'
		});
		expect(await required.getAttribute('lang')).toBe('fr');
		// The interface stays French.
		expect(await page.getByRole('button', { name: 'Suivant' }).count()).toBe(1);
		await checkState(page, 'English questionnaire, French interface');

		// survey-core's message, in the questionnaire's language.
		await next(page);
		const summary = page.locator('.error-summary li').first();
		await expect.poll(() => summary.textContent()).toContain('Response required.');
		expect(await summary.getAttribute('lang')).toBe('en');

		await page.getByRole('radio', { name: 'Often' }).check();
		await page.getByRole('radio', { name: 'Yes' }).check();
		await next(page);
		await expect.poll(() => h1(page).textContent()).toBe('Learning');
		await page.getByRole('radio', { name: 'Never' }).check();
		await next(page);

		await page.locator('#resultats-domaines').waitFor();
		expect(await page.locator('html').getAttribute('lang')).toBe('fr');
		const area = page.locator('#resultats-domaines tr[data-area="W"] th');
		expect(await area.textContent()).toBe('Everyday tools');
		expect(await area.getAttribute('lang')).toBe('en');
		const step = page.locator('.steps li').first();
		expect(await step.textContent()).toContain('I learn new tools from online tutorials.');
		expect(await step.getAttribute('lang')).toBe('en');
		await checkState(page, 'English questionnaire, results on the French interface');
	});

	test('German-only (survey.json’s locale): German texts and survey-core words', async () => {
		const page = await start('sample-german');
		expect(await h1(page).textContent()).toBe('Alltägliche Gewohnheiten');
		expect(await h1(page).getAttribute('lang')).toBe('de');
		expect(await page.locator('form .questions').getAttribute('lang')).toBe('de');
		expect(await page.getByRole('radio', { name: 'Ja' }).count()).toBe(1);
		await page.close();
	});
});
