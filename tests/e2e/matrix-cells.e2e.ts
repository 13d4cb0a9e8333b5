/**
 * Matrices of cells (ADR 0037) in Chromium, JavaScript on and off, on the corpus questionnaires
 * matrixdropdown.json and matrixdynamic.json: each row is a group named by its row, each cell a
 * control named by its column; a column and a row shown by an answer follow it; a required cell
 * left empty is named by its row and column; rows of a dynamic matrix are added and removed by
 * real submit buttons, answers kept; what is stored is what SurveyJS keeps.
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { checkState } from './a11y-checks';
import { javaScriptEnabled, openPage, submit, visit } from './browser';
import { corpusServer } from './corpus-server';

const corpus = corpusServer(['matrixdropdown', 'matrixdynamic']);

const row = (page: Page, title: string) => page.getByRole('group', { name: title, exact: true });
const rowTitles = (page: Page) =>
	page.locator('[data-panel-index] > legend').evaluateAll((els) => els.map((e) => e.textContent));

async function settled(page: Page): Promise<void> {
	if (javaScriptEnabled) await page.locator('form[data-live="idle"]').waitFor();
}

async function start(page: Page, id: string): Promise<string> {
	await visit(page, `${corpus.url}/diagnostics/${id}`);
	await submit(page, page.getByRole('button', { name: 'Commencer le diagnostic' }));
	return page.url();
}

const stored = async (link: string) =>
	(await (await fetch(`${link}/donnees.json`)).json()).attempts[0];

describe(`matrices of cells (${javaScriptEnabled ? 'JavaScript on' : 'JavaScript off'})`, () => {
	test('a matrix of lists: cells by row and column, a column and a row that follow an answer, a required cell named', async () => {
		const { page } = await openPage(browser());
		const link = await start(page, 'matrixdropdown');
		expect(await rowTitles(page)).toEqual(['Classe virtuelle']);
		const visio = row(page, 'Classe virtuelle');
		expect(await visio.getByRole('group', { name: /^Usages/ }).count()).toBe(0);
		await checkState(page, 'matrix of lists: one row');

		// A required cell left empty: the page comes back naming the row and the column.
		await submit(page, page.getByRole('button', { name: 'Terminer et voir mes résultats' }));
		await expect
			.poll(() => page.locator('[data-question="outils"] .q-error').first().textContent())
			.toContain('Classe virtuelle – Fréquence');
		await checkState(page, 'matrix of lists: a required cell left empty');

		// « Oui » shows the « Usages » column and the « Plateforme » row (JavaScript: at once;
		// without: once the page is sent, with a sentence saying so).
		await page
			.getByRole('group', { name: /^Animez-vous des formations hybrides/ })
			.getByRole('radio', { name: 'Oui' })
			.check();
		await settled(page);
		if (!javaScriptEnabled)
			await submit(page, page.getByRole('button', { name: 'Terminer et voir mes résultats' }));
		await expect.poll(() => rowTitles(page)).toEqual(['Classe virtuelle', 'Plateforme (LMS)']);
		await row(page, 'Classe virtuelle')
			.getByRole('combobox', { name: /^Fréquence/ })
			.selectOption('2');
		await settled(page);
		await row(page, 'Classe virtuelle').getByRole('radio', { name: 'À l’aise' }).check();
		await settled(page);
		await row(page, 'Classe virtuelle').getByRole('checkbox', { name: 'Suivi' }).check();
		await settled(page);
		const note = row(page, 'Plateforme (LMS)').getByRole('textbox', { name: /^Remarque/ });
		await note.fill('Moodle');
		await note.blur();
		await settled(page);
		await row(page, 'Plateforme (LMS)')
			.getByRole('combobox', { name: /^Fréquence/ })
			.selectOption('1');
		await settled(page);
		await row(page, 'Plateforme (LMS)').getByRole('radio', { name: 'Non' }).check();
		await settled(page);
		await checkState(page, 'matrix of lists: two rows answered');
		await submit(page, page.getByRole('button', { name: 'Terminer et voir mes résultats' }));
		await expect.poll(() => page.locator('h1').textContent()).toBe('Vos résultats');
		expect((await stored(link)).answers).toEqual({
			hybride: true,
			outils: {
				visio: { frequence: 2, maitrise: 'aise', usages: ['suivi'] },
				lms: { frequence: 1, note: 'Moodle', forme: false }
			}
		});
		await page.context().close();
	});

	test('a dynamic matrix: rows added and removed, answers kept', async () => {
		const { page } = await openPage(browser());
		const link = await start(page, 'matrixdynamic');
		await page.getByRole('radio', { name: 'Environ la moitié' }).check();
		await settled(page);
		if (!javaScriptEnabled)
			await submit(page, page.getByRole('button', { name: 'Terminer et voir mes résultats' }));
		const add = page.getByRole('button', {
			name: 'Ajouter un module – Les modules que vous proposez à distance'
		});
		await expect.poll(() => add.count()).toBe(1);
		expect(await rowTitles(page)).toEqual(['Ligne 1']);
		// The least rows there may be: none can be removed.
		expect(await page.getByRole('button', { name: /^Retirer ce module/ }).count()).toBe(0);
		const title = (n: number) => `Ligne ${n}`;
		const fill = async (n: number, text: string, mode: string) => {
			const box = row(page, title(n)).getByRole('textbox', { name: /^Intitulé/ });
			await box.fill(text);
			await box.blur();
			await settled(page);
			await row(page, title(n))
				.getByRole('combobox', { name: /^Modalité/ })
				.selectOption(mode);
			await settled(page);
		};
		await fill(1, 'Accueil', 'synchrone');
		await submit(page, add);
		await expect.poll(() => rowTitles(page)).toEqual([title(1), title(2)]);
		expect(
			await row(page, title(1))
				.getByRole('textbox', { name: /^Intitulé/ })
				.inputValue()
		).toBe('Accueil');
		await fill(2, 'Tableur', 'asynchrone');
		await submit(page, add);
		await expect.poll(() => rowTitles(page)).toEqual([title(1), title(2), title(3)]);
		// The most there may be: none can be added.
		expect(await add.count()).toBe(0);
		await fill(3, 'Bilan', 'synchrone');
		await checkState(page, 'dynamic matrix: three rows');
		await submit(page, page.getByRole('button', { name: `Retirer ce module – ${title(2)}` }));
		await expect.poll(() => rowTitles(page)).toEqual([title(1), title(2)]);
		expect(
			await row(page, title(2))
				.getByRole('textbox', { name: /^Intitulé/ })
				.inputValue()
		).toBe('Bilan');
		await submit(page, page.getByRole('button', { name: 'Terminer et voir mes résultats' }));
		await expect.poll(() => page.locator('h1').textContent()).toBe('Vos résultats');
		expect((await stored(link)).answers).toEqual({
			part: 'moitie',
			modules: [
				{ intitule: 'Accueil', modalite: 'synchrone' },
				{ intitule: 'Bilan', modalite: 'synchrone' }
			]
		});
		await page.context().close();
	});
});

const browser = () => corpus.browser;
