/**
 * A SurveyJS `ranking` in Chromium, JavaScript on and off, on the corpus questionnaire
 * rank-tagbox: with JavaScript the options move by the keyboard (« Monter » buttons named
 * after their option, focus kept on the option moved, its new position said politely), and the
 * order is saved as SurveyJS keeps it; without, each option gets its number, and numbers with
 * ties or gaps are said beside the question, everything given kept (the positions and the rest
 * of the page). A condition on the first option ranked and one on a tagbox follow the answers.
 * Axe finds nothing on the pages seen.
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { checkState } from './a11y-checks';
import { javaScriptEnabled, openPage, submit, visit } from './browser';
import { corpusServer } from './corpus-server';

const ID = 'rank-tagbox';
const corpus = corpusServer([ID]);

const TEXTS: Record<string, string> = {
	outils: 'Maîtriser les outils',
	pedagogie: 'Repenser la pédagogie',
	accessibilite: 'Rendre les contenus accessibles',
	evaluation: 'Évaluer autrement'
};

const stored = async (link: string): Promise<Record<string, unknown>> =>
	(await (await fetch(`${link}/donnees.json`)).json()).attempts[0].answers;

const questionNames = (page: Page) =>
	page
		.locator('[data-question]')
		.evaluateAll((els) => els.map((e) => e.getAttribute('data-question')));

/** The ranking's options in the order shown. */
const shownOrder = (page: Page) =>
	page
		.locator('[data-question="priorites"]')
		.locator('li[data-key], select')
		.evaluateAll((els) =>
			els.map((e) => (e as HTMLElement).dataset.key ?? (e as HTMLSelectElement).name.slice(10, -1))
		);

const idle = (page: Page) => page.locator('form[data-live="idle"]').waitFor();

async function start(): Promise<{ page: Page; link: string }> {
	const { page } = await openPage(corpus.browser);
	await visit(page, `${corpus.url}/diagnostics/${ID}`);
	await submit(page, page.getByRole('button', { name: 'Commencer le diagnostic' }));
	return { page, link: page.url() };
}

describe(`a ranking (${javaScriptEnabled ? 'JavaScript on' : 'JavaScript off'})`, () => {
	test(
		javaScriptEnabled
			? 'is put in order with the keyboard, and saved as SurveyJS keeps it'
			: 'is put in order by numbers; ties and gaps are said, nothing given is lost',
		async () => {
			const { page, link } = await start();
			expect(await shownOrder(page)).toEqual(['outils', 'pedagogie', 'evaluation']);
			await checkState(page, 'ranking: first page');
			const next = () =>
				submit(
					page,
					page.getByRole('button', { name: /^(Suivant|Terminer et voir mes résultats)$/ })
				);

			if (javaScriptEnabled) {
				// Not ranked yet, the options are in the question's order, a choice shown by another
				// answer among them; nothing is saved for it, as in SurveyJS before a move.
				await page.getByRole('radio', { name: 'À distance' }).check();
				await expect
					.poll(() => shownOrder(page))
					.toEqual(['outils', 'pedagogie', 'accessibilite', 'evaluation']);
				await idle(page);
				expect((await stored(link)).priorites).toBeUndefined();

				// « Repenser la pédagogie » to the top: one press of its « Monter » button.
				await page.getByRole('button', { name: `Monter « ${TEXTS.pedagogie} »` }).focus();
				await page.keyboard.press('Enter');
				await expect
					.poll(() => shownOrder(page))
					.toEqual(['pedagogie', 'outils', 'accessibilite', 'evaluation']);
				// At the top it cannot go up: the focus stays with it, on « Descendre ».
				// The focus follows once the list is redrawn (a tick after the order changes).
				await expect
					.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
					.toBe(`Descendre « ${TEXTS.pedagogie} »`);
				await expect
					.poll(() => page.getByRole('status').filter({ hasText: 'maintenant' }).textContent())
					.toBe(`« ${TEXTS.pedagogie} » est maintenant en position 1 sur 4.`);

				// « Évaluer autrement » up twice: the focus stays on its « Monter ».
				await page.getByRole('button', { name: `Monter « ${TEXTS.evaluation} »` }).focus();
				await page.keyboard.press('Enter');
				// A person presses again once the focus is back on the button (the list is redrawn).
				await expect
					.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
					.toBe(`Monter « ${TEXTS.evaluation} »`);
				await page.keyboard.press('Enter');
				await expect
					.poll(() => shownOrder(page))
					.toEqual(['pedagogie', 'evaluation', 'outils', 'accessibilite']);
				await expect
					.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
					.toBe(`Monter « ${TEXTS.evaluation} »`);
				await idle(page);
				await expect
					.poll(async () => (await stored(link)).priorites)
					.toEqual(['pedagogie', 'evaluation', 'outils', 'accessibilite']);

				// Ranked, a choice a condition hides leaves the order, and comes back at its end.
				await page.getByRole('radio', { name: 'En présentiel' }).check();
				await expect.poll(() => shownOrder(page)).toEqual(['pedagogie', 'evaluation', 'outils']);
				await idle(page);
				expect((await stored(link)).priorites).toEqual(['pedagogie', 'evaluation', 'outils']);
				await page.getByRole('radio', { name: 'À distance' }).check();
				await expect
					.poll(() => shownOrder(page))
					.toEqual(['pedagogie', 'evaluation', 'outils', 'accessibilite']);
				await idle(page);

				// A tagbox is a group of checkboxes; a condition on it follows at once.
				await page.getByRole('checkbox', { name: 'Moodle' }).check();
				await expect.poll(() => questionNames(page)).toContain('moodle');
				await idle(page);
				await checkState(page, 'ranking: ranked with the keyboard');
			} else {
				// Two options at position 1, one without: said beside the question.
				const position = (key: string) => page.getByRole('combobox', { name: TEXTS[key] });
				await position('outils').selectOption('1');
				await position('pedagogie').selectOption('1');
				await page.getByRole('checkbox', { name: 'Teams' }).check();
				await next();
				expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Vos priorités');
				const errors = await page.locator('[data-question="priorites"] .q-error').textContent();
				expect(errors).toContain(
					`« ${TEXTS.outils} » et « ${TEXTS.pedagogie} » ont la même position (1)`
				);
				expect(errors).toContain(`Position manquante pour « ${TEXTS.evaluation} »`);
				// Nothing given is lost: the positions as chosen, the rest of the page saved.
				expect(await position('outils').inputValue()).toBe('1');
				expect(await position('pedagogie').inputValue()).toBe('1');
				expect(await position('evaluation').inputValue()).toBe('');
				expect(await page.getByRole('checkbox', { name: 'Teams' }).isChecked()).toBe(true);
				expect((await stored(link)).outils).toEqual(['teams']);
				expect((await stored(link)).priorites).toBeUndefined();
				await checkState(page, 'ranking: numbers with a tie and a gap');

				await position('outils').selectOption('3');
				await position('evaluation').selectOption('2');
				await next();
			}

			if (javaScriptEnabled) await next();
			// The next page: a condition on the first option ranked shows « atelier ».
			expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('La suite');
			expect(await questionNames(page)).toEqual(['aisance', 'atelier']);
			expect((await stored(link)).priorites).toEqual(
				javaScriptEnabled
					? ['pedagogie', 'evaluation', 'outils', 'accessibilite']
					: ['pedagogie', 'evaluation', 'outils']
			);
			await page.context().close();
		}
	);
});
