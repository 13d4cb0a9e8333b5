/**
 * A dynamic panel (`paneldynamic`, ADR 0034) in Chromium, JavaScript on and off, on the corpus
 * questionnaire tests/fixtures/surveyjs-corpus/paneldynamic.json: panels are added up to the
 * most there may be and removed by real submit buttons (the page comes back with the change),
 * each panel is a group named by its title, answers are kept across the changes, and the
 * questionnaire goes on to its results. Runs its own server on that package.
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { checkState } from './a11y-checks';
import { javaScriptEnabled, openPage, submit, visit } from './browser';
import { corpusServer } from './corpus-server';

const corpus = corpusServer(['paneldynamic']);

const panel = (page: Page, title: string) => page.getByRole('group', { name: title, exact: true });
const panelTitles = (page: Page) =>
	page.locator('[data-panel-index] > legend').evaluateAll((els) => els.map((e) => e.textContent));

async function settled(page: Page): Promise<void> {
	if (javaScriptEnabled) await page.locator('form[data-live="idle"]').waitFor();
}

/** Answers a panel: its title, « Non » to « À distance ? », and a duration. */
async function fill(page: Page, title: string, intitule: string, duree: string): Promise<void> {
	const group = panel(page, title);
	const text = group.getByRole('textbox', { name: /^Intitulé/ });
	await text.fill(intitule);
	await text.blur();
	await settled(page);
	await group.getByRole('radio', { name: 'Non' }).check();
	await settled(page);
	await group.getByRole('combobox', { name: /^Durée/ }).selectOption(duree);
	await settled(page);
}

const add = (page: Page) =>
	page.getByRole('button', {
		name: 'Ajouter une formation – Les formations que vous avez animées cette année'
	});

describe(`dynamic panels (${javaScriptEnabled ? 'JavaScript on' : 'JavaScript off'})`, () => {
	test('panels are added and removed, answers kept, and the results reached', async () => {
		const { page } = await openPage(corpus.browser);
		await visit(page, `${corpus.url}/diagnostics/paneldynamic`);
		await submit(page, page.getByRole('button', { name: 'Commencer le diagnostic' }));
		const link = page.url();
		expect(await panelTitles(page)).toEqual(['Formation 1']);
		// The least panels there may be: none can be removed.
		expect(await page.getByRole('button', { name: /^Supprimer cette formation/ }).count()).toBe(0);
		await checkState(page, 'dynamic panels: one panel');

		await fill(page, 'Formation 1', 'Tableur', 'jour');
		await submit(page, add(page));
		await expect.poll(() => panelTitles(page)).toEqual(['Formation 1', 'Formation 2']);
		// What was typed before the page came back is kept.
		expect(
			await panel(page, 'Formation 1')
				.getByRole('textbox', { name: /^Intitulé/ })
				.inputValue()
		).toBe('Tableur');
		await fill(page, 'Formation 2', 'Accueil', 'semaine');
		await submit(page, add(page));
		await expect
			.poll(() => panelTitles(page))
			.toEqual(['Formation 1', 'Formation 2', 'Formation 3']);
		// The most there may be: none can be added.
		expect(await add(page).count()).toBe(0);
		await fill(page, 'Formation 3', 'Bureautique', 'semaine');
		// A question outside the panels follows their count (`{formations.length} > 1`).
		expect(await page.getByRole('textbox', { name: /^Qu’avez-vous retenu/ }).count()).toBe(1);
		await checkState(page, 'dynamic panels: three panels');

		// Each « remove » button names its panel.
		await submit(
			page,
			page.getByRole('button', { name: 'Supprimer cette formation – Formation 2' })
		);
		await expect.poll(() => panelTitles(page)).toEqual(['Formation 1', 'Formation 2']);
		expect(
			await panel(page, 'Formation 2')
				.getByRole('textbox', { name: /^Intitulé/ })
				.inputValue()
		).toBe('Bureautique');
		expect(await add(page).count()).toBe(1);

		await submit(page, page.getByRole('button', { name: 'Suivant' }));
		await expect.poll(() => page.locator('h1').textContent()).toBe('Pour finir');
		await page.getByRole('radio', { name: 'Oui' }).check();
		await settled(page);
		await submit(page, page.getByRole('button', { name: 'Terminer et voir mes résultats' }));
		await expect.poll(() => page.locator('h1').textContent()).toBe('Vos résultats');
		const answers = (await (await fetch(`${link}/donnees.json`)).json()).attempts[0].answers;
		expect(answers.formations).toEqual([
			{ intitule: 'Tableur', distance: 'non', duree: 'jour' },
			{ intitule: 'Bureautique', distance: 'non', duree: 'semaine' }
		]);
		await page.context().close();
	});

	test('a panel’s required question left empty is named by the panel and the question', async () => {
		const { page } = await openPage(corpus.browser);
		await visit(page, `${corpus.url}/diagnostics/paneldynamic`);
		await submit(page, page.getByRole('button', { name: 'Commencer le diagnostic' }));
		await submit(page, page.getByRole('button', { name: 'Suivant' }));
		expect(await page.locator('h1').textContent()).toBe('Vos dernières formations');
		await expect
			.poll(() => page.locator('[data-question="formations"] .q-error').textContent())
			.toContain('Formation 1 – Intitulé\u00a0:');
		await checkState(page, 'dynamic panels: an error in a panel');
		await page.context().close();
	});
});
