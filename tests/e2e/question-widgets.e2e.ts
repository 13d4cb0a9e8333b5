/**
 * The question types with widgets of their own (issue [8], ADR 0034), in Chromium with
 * JavaScript on and off, on the SurveyJS corpus: every corpus questionnaire that uses a lazy
 * widget renders it with its stylesheet, accessible (axe, groups named, nothing clipped at
 * 320/375 px); stars are chosen with the keyboard and named « 3 sur 5 »; pictures are chosen
 * with the keyboard or a click and named by their text; an item of a multiple text left empty is
 * named in its error.
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { elementType } from '$lib/question-types/registry';
import { surveyElements } from '$lib/diagnostic/survey-json';
import { corpusSurveys } from '../helpers/surveyjs-corpus';
import { checkState } from './a11y-checks';
import { javaScriptEnabled, openPage, submit, visit } from './browser';
import { corpusServer } from './corpus-server';

/** Widgets of the questionnaire page itself; the others are loaded lazily. */
const PAGE_WIDGETS = new Set([
	'radios',
	'radios-inline',
	'checkboxes',
	'select',
	'matrix',
	'textarea',
	'line'
]);
const corpus = corpusSurveys().filter(({ survey }) =>
	surveyElements(survey).some((e) => !PAGE_WIDGETS.has(elementType(e.element).widget))
);

const server = corpusServer(corpus.map((c) => c.id));

async function start(id: string): Promise<{ page: Page; link: string }> {
	const { page } = await openPage(server.browser);
	await visit(page, `${server.url}/diagnostics/${id}`);
	await submit(page, page.getByRole('button', { name: 'Commencer le diagnostic' }));
	return { page, link: page.url() };
}

const stored = async (link: string): Promise<Record<string, unknown>> =>
	(await (await fetch(`${link}/donnees.json`)).json()).attempts[0].answers;

describe(`question widgets (${javaScriptEnabled ? 'JavaScript on' : 'JavaScript off'})`, () => {
	test('the corpus uses lazy widgets', () => {
		expect(corpus.map((c) => c.id)).toEqual(
			expect.arrayContaining(['expression-question', 'imagepicker', 'multipletext', 'rating-icons'])
		);
	});

	test.each(corpus.map((c) => c.id))('%s: its first page is accessible and styled', async (id) => {
		const { page } = await start(id);
		await checkState(page, id);
		// The widget's own stylesheet came with the page (a lazy component's, ADR 0034).
		const styled = await page
			.locator('[data-question]')
			.first()
			.evaluate((e) => getComputedStyle(e).borderTopStyle);
		expect(styled).toBe('solid');
		await page.context().close();
	});

	test('stars are chosen with the keyboard, each named by its value', async () => {
		const { page, link } = await start('rating-icons');
		const third = page.getByRole('radio', { name: '3 sur 5' });
		expect(await third.count()).toBe(1);
		await page.getByRole('radio', { name: '1 sur 5' }).focus();
		await page.keyboard.press('ArrowRight');
		await page.keyboard.press('ArrowRight');
		expect(await third.isChecked()).toBe(true);
		// The chosen star and those before it are filled.
		const filled = await page
			.locator('[data-question="note"] label')
			.evaluateAll((labels) =>
				labels.map((l) => getComputedStyle(l.querySelector('svg')!).fill !== 'none')
			);
		expect(filled).toEqual([true, true, true, false, false]);
		if (javaScriptEnabled) {
			await page.locator('form[data-live="idle"]').waitFor();
			await expect.poll(() => stored(link)).toEqual({ note: 3 });
			// The face question its condition shows, live.
			await expect.poll(() => page.getByRole('radio', { name: '5 sur 5' }).count()).toBe(2);
		} else {
			await submit(page, page.getByRole('button', { name: /^(Suivant|Terminer)/ }));
			expect(await stored(link)).toEqual({ note: 3 });
		}
		await page.context().close();
	});

	test('pictures are chosen with the keyboard or a click, each named by its text', async () => {
		const { page, link } = await start('imagepicker');
		// Every picture comes from the app (the same-origin check fails on any other).
		await expect
			.poll(() =>
				page
					.locator('[data-question] img')
					.evaluateAll((imgs) =>
						imgs.every(
							(i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0
						)
					)
			)
			.toBe(true);
		// One picture: radios named by the picture's alternative text, moved along by arrows.
		const forum = page.getByRole('radio', { name: 'Un forum de discussion' });
		expect(await forum.count()).toBe(1);
		await page.getByRole('radio', { name: 'Une visioconférence' }).focus();
		for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
		expect(await forum.isChecked()).toBe(true);
		if (javaScriptEnabled) await page.locator('form[data-live="idle"]').waitFor();
		// Several: a picture clicked, a box ticked with Space.
		await page.locator('[data-question="activites"] img[alt="Des quiz"]').click();
		if (javaScriptEnabled) await page.locator('form[data-live="idle"]').waitFor();
		await page.getByRole('checkbox', { name: 'Des échanges sur un forum' }).focus();
		await page.keyboard.press('Space');
		if (javaScriptEnabled) await page.locator('form[data-live="idle"]').waitFor();
		// Chosen: the control ticked and a thicker frame, not a colour alone.
		const frames = await page
			.locator('[data-question="activites"] label')
			.evaluateAll((labels) =>
				labels.map((l) => [
					(l.querySelector('input') as HTMLInputElement).checked,
					getComputedStyle(l).boxShadow !== 'none'
				])
			);
		expect(frames.slice(0, 3)).toEqual([
			[false, false],
			[true, true],
			[true, true]
		]);
		const answers = { support: 'forum', activites: ['quiz', 'echanges'] };
		if (javaScriptEnabled) {
			await expect.poll(() => stored(link)).toEqual(answers);
			// The follow-up of the forum, live.
			await expect.poll(() => page.getByRole('radio', { name: 'Un tuteur' }).count()).toBe(1);
		} else {
			await submit(page, page.getByRole('button', { name: /^(Suivant|Terminer)/ }));
			expect(await stored(link)).toEqual(answers);
			expect(await page.getByRole('radio', { name: 'Un tuteur' }).count()).toBe(1);
			// Shown again as answered.
			expect(await forum.isChecked()).toBe(true);
		}
		await page.context().close();
	});

	test('an item of a multiple text is named in its error', async () => {
		const { page, link } = await start('multipletext');
		await page.getByLabel('Outil principal').fill('Moodle');
		await page.getByLabel('Durée en heures').fill('12');
		await submit(page, page.getByRole('button', { name: /^(Suivant|Terminer)/ }));
		expect(await stored(link)).toEqual({ formation: { duree: '12', outil: 'Moodle' } });
		// The follow-up that appeared (without JavaScript, after sending) is answered; then the
		// page is sent again and the empty required item is named.
		await submit(page, page.getByRole('button', { name: /^(Suivant|Terminer)/ }));
		await expect
			.poll(() => page.locator('[data-question="formation"] .q-error').textContent())
			.toContain('Intitulé');
		await page.context().close();
	});
});
