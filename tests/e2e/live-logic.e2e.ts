/**
 * SurveyJS logic in the page (issue [8]), in Chromium with JavaScript on and off, on the
 * logique-vivante fixture: a required follow-up on the same page is never a dead end; with
 * JavaScript it appears as the person answers; without, it appears after the page is sent, with
 * a sentence saying so, never a refusal about a question the person could not see. Read-only
 * questions (`enableIf`), choices shown by a condition, folded panels, `setValueIf` and a page
 * shown by a condition follow the answers.
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

const FOLLOW_UP = 'À quelle fréquence animez-vous une classe virtuelle ?';
const questionNames = (page: Page) =>
	page
		.locator('[data-question]')
		.evaluateAll((els) => els.map((e) => e.getAttribute('data-question')));

/** The step shown (with JavaScript, once the submission's answer is applied). */
const heading = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();

async function start(): Promise<{ page: Page; link: string }> {
	const { page } = await openPage(browser);
	await visit(page, `${baseURL}/diagnostics/logique-vivante`);
	await submit(page, page.getByRole('button', { name: 'Commencer le diagnostic' }));
	return { page, link: page.url() };
}

const stored = async (link: string) =>
	(await (await fetch(`${link}/donnees.json`)).json()).attempts[0].answers;

describe(`live logic (${javaScriptEnabled ? 'JavaScript on' : 'JavaScript off'})`, () => {
	test('a required follow-up on the same page is never a dead end', async () => {
		const { page, link } = await start();
		expect(await questionNames(page)).toEqual(['distance', 'outils', 'precision']);
		// Read-only until « oui »: shown, not editable.
		await expect
			.poll(() => page.getByRole('checkbox', { name: 'Une visioconférence' }).isDisabled())
			.toBe(true);
		await page.getByRole('radio', { name: 'Oui' }).check();
		if (javaScriptEnabled) {
			// Re-evaluated as the person answers: the follow-up, the tools and the panel appear.
			await expect
				.poll(() => questionNames(page))
				.toEqual(['distance', 'frequence', 'outils', 'precision', 'enregistre', 'plateforme']);
			await expect
				.poll(() => page.getByRole('checkbox', { name: 'Une visioconférence' }).isEnabled())
				.toBe(true);
			expect(await page.getByRole('group', { name: /^À quelle fréquence/ }).count()).toBe(1);
			await checkState(page, 'live logic: follow-up shown');
		} else {
			await next(page);
			// Still the same page: new questions, said in a sentence; no error about them.
			expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Votre profil');
			expect(await page.getByRole('status').first().textContent()).toContain(
				`de nouvelles questions sont apparues sur cette page\u00a0: « ${FOLLOW_UP} »`
			);
			expect(await page.locator('.q-error').count()).toBe(0);
			expect(await questionNames(page)).toEqual([
				'distance',
				'frequence',
				'outils',
				'precision',
				'enregistre',
				'plateforme'
			]);
			await checkState(page, 'no-JS logic: new questions said');
		}
		// A choice shown by another answer (`visibleIf` on the choice).
		expect(await page.getByRole('checkbox', { name: 'Un tableau blanc partagé' }).count()).toBe(0);
		await page.getByRole('radio', { name: 'Souvent' }).check();
		if (!javaScriptEnabled) {
			await next(page);
			expect(await page.getByRole('status').first().textContent()).toContain('apparu');
		}
		await expect
			.poll(() => page.getByRole('checkbox', { name: 'Un tableau blanc partagé' }).count())
			.toBe(1);
		// The folded panel opens (a native disclosure); setValueIf fills the platform.
		await page.locator('summary', { hasText: 'Pour aller plus loin' }).click();
		await page
			.getByRole('group', { name: 'Enregistrez-vous vos séances ?' })
			.getByRole('radio', { name: 'Oui' })
			.check();
		if (javaScriptEnabled) {
			await expect
				.poll(() => page.getByLabel('Plateforme principale').inputValue())
				.toBe('à préciser');
		}
		await next(page);
		await expect.poll(() => heading(page)).toBe('Suite');
		expect(await stored(link)).toMatchObject({
			distance: 'oui',
			frequence: 'souvent',
			enregistre: true,
			plateforme: 'à préciser'
		});
		await page.context().close();
	});

	test('requiredIf and a page shown by a condition follow the answers', async () => {
		const { page, link } = await start();
		await page.getByRole('radio', { name: 'Non' }).check();
		if (javaScriptEnabled) {
			// « Précisez » becomes required as soon as « Non » is chosen.
			await expect
				.poll(() => page.getByLabel(/^Précisez votre contexte/).getAttribute('required'))
				.not.toBeNull();
		}
		await next(page);
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Votre profil');
		expect(await page.locator('[data-question="precision"] .q-error').textContent()).toContain(
			'obligatoire'
		);
		await page.getByLabel(/^Précisez votre contexte/).fill('Je forme en présentiel.');
		await next(page);
		// The page « Suite » is shown only to those who train at a distance.
		await expect.poll(() => heading(page)).toBe('Pour finir');
		expect(await page.locator('#progress-label').textContent()).toContain('2');
		// A text between questions: its markup kept (entities, emphasis, the link), its script not.
		const intro = page.locator('[data-question="rappel"]');
		expect(await intro.textContent()).toContain('Dernière étape\u00a0: trois questions');
		expect(
			await intro.getByRole('link', { name: 'article D. 6313-3-1 du Code du travail' }).count()
		).toBe(1);
		expect(await intro.locator('script').count()).toBe(0);
		expect(await intro.textContent()).not.toContain('alert');
		// The browser's own number control, the rating's end labels, « other » with its text.
		expect(await page.getByLabel(/^Heures de formation/).getAttribute('type')).toBe('number');
		expect(await page.locator('[data-question="utilite"]').textContent()).toContain('Pas du tout');
		await page.getByRole('radio', { name: /^Autre/ }).check();
		await page.getByLabel('Précisez').fill('Un tuteur');
		await page.getByLabel(/^Heures de formation/).fill('14');
		await page.getByLabel(/^Heures de formation/).blur();
		if (javaScriptEnabled) {
			// The computed value follows as the person answers.
			await expect
				.poll(() => page.locator('[data-question="jours"] output').textContent())
				.toBe('2');
		}
		await checkState(page, `types: the last page (${javaScriptEnabled ? 'JS' : 'no JS'})`);
		await next(page);
		await expect.poll(() => heading(page)).not.toBe('Pour finir');
		expect(await stored(link)).toMatchObject({
			distance: 'non',
			conseil: 'other',
			'conseil-Comment': 'Un tuteur',
			heures: 14
		});
		await page.context().close();
	});
});
