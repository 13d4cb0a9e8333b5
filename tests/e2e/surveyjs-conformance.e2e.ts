/**
 * Conformance in Chromium (issue [8], ADR 0032), JavaScript on and off: every questionnaire of
 * the SurveyJS corpus is answered with random answer sets, page by page, through the page itself;
 * after each change is applied (with JavaScript: once the live update has landed; without: once
 * the page is sent), the questions the page shows, whether each is enabled and required, the
 * choices it offers and those that can be chosen, a ranking's order (put by the keyboard with
 * JavaScript, by numbers without) and a matrix's rows equal what a fresh survey-core model in
 * Node says for the answers the server stored. Runs its own server on the
 * corpus (wrapped as packages), so that the other tests' diagnostics are unchanged.
 */
import type { Page } from 'playwright-core';
import { Model } from 'survey-core';
import { describe, expect, test } from 'vitest';
import type { SurveyElementJson, SurveyJson } from '$lib/diagnostic/types';
import { surveyElements } from '$lib/diagnostic/survey-json';
import {
	corpusSurveys,
	matrixColumns,
	mulberry32,
	oracleState,
	randomAnswers,
	type OracleQuestion
} from '../helpers/surveyjs-corpus';
import { javaScriptEnabled, openPage, submit, visit } from './browser';
import { corpusServer } from './corpus-server';
import { answerQuestion } from './answer-question';

/** Answer sets per questionnaire (each a whole journey through it). */
const SETS = 1;
const surveys = corpusSurveys();

const corpus = corpusServer();

interface Shown {
	name: string;
	enabled: boolean;
	required: boolean;
	choices: string[];
	enabledChoices: string[];
	rows: string[];
	/** A dynamic panel's panels: their index in its value and their questions. */
	panels?: { index: number; questions: Shown[] }[];
}

/** What the page shows, read from the DOM as a person (or a screen reader) meets it. */
function readPage(page: Page): Promise<{ page: string; questions: Shown[] }> {
	return page.evaluate(() => {
		const form = document.querySelector('form[action="?/save"]')!;
		const pageName = (form.querySelector('input[name=page]') as HTMLInputElement).value;
		// Texts and computed values (html, expression) are read, not answered: not compared. A
		// dynamic panel's questions are read within it.
		const blocks = (root: Element) =>
			[...root.querySelectorAll<HTMLElement>('[data-question]')].filter(
				(el) =>
					el.parentElement?.closest('[data-question]') === root.closest('[data-question]') &&
					el.querySelector('.q-html, output') === null
			);
		const read = (el: HTMLElement): Shown => {
			const name = el.dataset.question!;
			const group = el.querySelector('fieldset');
			const ranking = el.querySelector('[data-ranking]');
			if (ranking) {
				// A ranking: one field `name[value]` per option, in the order shown (a hidden field
				// per item with JavaScript, a list of positions without).
				const fields = [
					...ranking.querySelectorAll<HTMLInputElement | HTMLSelectElement>(
						'input[name], select[name]'
					)
				];
				const key = (f: HTMLInputElement | HTMLSelectElement) => f.name.slice(name.length + 1, -1);
				return {
					name,
					enabled: !(ranking as HTMLFieldSetElement).disabled,
					required: el.querySelector('.required') !== null,
					choices: fields.map(key),
					enabledChoices: fields.filter((f) => !f.matches(':disabled')).map(key),
					rows: []
				};
			}
			const control = el.querySelector<HTMLInputElement>('input, select, textarea');
			const required = [...el.querySelectorAll('.required')].some(
				(r) => r.closest('[data-question]') === el
			);
			if (group?.hasAttribute('data-panels')) {
				return {
					name,
					enabled: !group.disabled,
					required,
					choices: [],
					enabledChoices: [],
					rows: [],
					panels: [...group.querySelectorAll<HTMLElement>('[data-panel-index]')].map((p) => ({
						index: Number(p.dataset.panelIndex),
						questions: blocks(p).map(read)
					}))
				};
			}
			const own = [...el.querySelectorAll<HTMLInputElement>('input[name], option')].filter((i) =>
				i instanceof HTMLOptionElement
					? i.value !== ''
					: (i.type === 'radio' || i.type === 'checkbox') &&
						(i.name === name || i.name.startsWith(`${name}[`))
			);
			const cells = own.filter(
				(i) => i instanceof HTMLInputElement && i.name.startsWith(`${name}[`)
			);
			const firstRow = cells.length > 0 ? (cells[0] as HTMLInputElement).name : null;
			const choices = (
				firstRow ? cells.filter((c) => (c as HTMLInputElement).name === firstRow) : own
			) as (HTMLInputElement | HTMLOptionElement)[];
			return {
				name,
				enabled: group ? !group.disabled : control ? !control.disabled : true,
				required,
				choices: choices.map((c) => c.value),
				// Disabled by itself or by its read-only group.
				enabledChoices: choices.filter((c) => !c.matches(':disabled')).map((c) => c.value),
				rows: [
					...new Set(cells.map((c) => (c as HTMLInputElement).name.slice(name.length + 1, -1)))
				]
			};
		};
		const questions = blocks(form).map(read);
		return { page: pageName, questions };
	});
}

/** What survey-core says the page shows for the stored answers. */
function expectedPage(
	survey: SurveyJson,
	answers: Record<string, unknown>,
	pageName: string
): Shown[] {
	const oracle = oracleState(survey, answers);
	const names = surveyElements(survey)
		.filter((e) => survey.pages[e.pageIndex]!.name === pageName)
		.map((e) => e.element);
	return names
		.filter(
			(e) => oracle.questions[e.name]?.visible && e.type !== 'html' && e.type !== 'expression'
		)
		.map((e) => shownOf(e, oracle.questions[e.name]!, e.name));
}

/** A question as survey-core says the page shows it, under its form name. */
function shownOf(e: SurveyElementJson, o: OracleQuestion, name: string): Shown {
	// « Select all » is an action, not a value; a boolean's two values have no list.
	const values = (list: string[] | undefined) => (list ?? []).filter((v) => v !== '');
	const template =
		e.type === 'matrixdropdown' || e.type === 'matrixdynamic'
			? matrixColumns(e)
			: ((e.templateElements ?? []) as SurveyElementJson[]);
	return {
		name,
		enabled: o.enabled,
		required: o.required,
		// A matrix without rows offers nothing to choose.
		// A ranking shows its order.
		choices: o.ranked
			? o.ranked
			: e.type === 'boolean'
				? ['true', 'false']
				: o.rows?.length === 0
					? []
					: values(o.choices?.visible),
		// A read-only question's choices cannot be chosen, whatever each item says.
		enabledChoices:
			!o.enabled || o.rows?.length === 0
				? []
				: o.ranked
					? o.ranked
					: e.type === 'boolean'
						? ['true', 'false']
						: values(o.choices?.enabled),
		rows: o.rows ?? [],
		...(o.panels
			? {
					panels: o.panels.map((p) => ({
						index: p.index,
						questions: template
							.filter((t) => p.questions[t.name])
							.map((t) => shownOf(t, p.questions[t.name]!, `${name}[${p.key}][${t.name}]`))
					}))
				}
			: {})
	};
}

/** Answers a shown, editable question from the set, as a person would (what can be chosen now). */
async function answer(page: Page, shown: Shown, value: unknown): Promise<void> {
	if (shown.enabled && shown.panels && typeof value === 'object' && value !== null) {
		return answerPanels(page, shown, value);
	}
	return answerQuestion(page, shown, value);
}

/**
 * A question made of entries: a dynamic panel or matrix, as many entries as the set has (« add »,
 * which sends the page); then each entry's questions (a matrix's row: by its value) answered in
 * order, each as the page shows it then (conditions follow).
 */
async function answerPanels(page: Page, shown: Shown, value: object): Promise<void> {
	const panels = async () =>
		(await readPage(page)).questions.find((q) => q.name === shown.name)?.panels ?? [];
	const entries = Array.isArray(value)
		? value.map((entry, i) => [String(i), entry] as const)
		: Object.entries(value);
	for (let count = (await panels()).length; Array.isArray(value) && count < value.length; count++) {
		const add = page.locator(`button[name="change"][value="add:${shown.name}"]`);
		if ((await add.count()) === 0) break;
		await settled(page);
		await submit(page, add);
		await expect.poll(async () => (await panels()).length).toBe(count + 1);
	}
	for (const [key, entry] of entries) {
		for (const [inner, v] of Object.entries(entry as Record<string, unknown>)) {
			const field = `${shown.name}[${key}][${inner}]`;
			const now = (await panels()).flatMap((p) => p.questions).find((q) => q.name === field);
			if (!now) continue;
			await answer(page, now, v);
			await settled(page);
		}
	}
}

/** Sends the page and waits for its answer (the same page may come back unchanged). */
async function send(page: Page): Promise<void> {
	const button = page.getByRole('button', { name: /^(Suivant|Terminer et voir mes résultats)$/ });
	if (!javaScriptEnabled) return submit(page, button);
	await button.click();
	await page.waitForFunction(() => !document.querySelector('form[aria-busy="true"]'));
	await page.waitForLoadState('load');
}

async function settled(page: Page): Promise<void> {
	if (javaScriptEnabled) await page.locator('form[data-live="idle"]').waitFor();
}

const stored = async (link: string): Promise<Record<string, unknown>> =>
	(await (await fetch(`${link}/donnees.json`)).json()).attempts[0].answers;

describe(`SurveyJS conformance in Chromium (${javaScriptEnabled ? 'JavaScript on' : 'JavaScript off'})`, () => {
	test.each(surveys.map((c) => [c.id, c.survey] as const))('%s', async (id, survey) => {
		const rng = mulberry32(id.length * 104_729 + (javaScriptEnabled ? 1 : 2));
		let compared = 0;
		for (let set = 0; set < SETS; set++) {
			const { page } = await openPage(corpus.browser);
			await visit(page, `${corpus.url}/diagnostics/${id}`);
			await submit(page, page.getByRole('button', { name: 'Commencer le diagnostic' }));
			const link = page.url();
			const answers = randomAnswers(survey, rng);
			for (let step = 0; step < 12; step++) {
				if ((await page.locator('form[action="?/save"]').count()) === 0) break;
				const before = await readPage(page);
				if (step === 0) {
					// Before the first save, the page shows survey-core's defaults (a fresh model's data).
					const fresh = new Model(survey);
					const initial = fresh.data as Record<string, unknown>;
					fresh.dispose();
					expect(before.questions, `${id}, set ${set}, first page`).toEqual(
						expectedPage(survey, initial, before.page)
					);
					compared += 1;
				}
				for (const shown of before.questions) {
					await answer(page, shown, answers[shown.name]);
					await settled(page);
				}
				const saved = await stored(link);
				if (javaScriptEnabled && Object.keys(saved).length > 0) {
					// Live: what the page shows now is what survey-core says of the saved answers.
					const now = await readPage(page);
					expect(
						now.questions,
						`${id}, set ${set}, page ${now.page}, ${JSON.stringify(saved)}`
					).toEqual(expectedPage(survey, saved, now.page));
					compared += 1;
				}
				await send(page);
				if ((await page.locator('form[action="?/save"]').count()) === 0) break;
				const after = await readPage(page);
				const answersNow = await stored(link);
				if (Object.keys(answersNow).length > 0) {
					// The page shown after sending (the next one, or the same with new questions or
					// errors) is what survey-core says of the answers the server stored.
					expect(
						after.questions,
						`${id}, set ${set}, page ${after.page}, ${JSON.stringify(answersNow)}`
					).toEqual(expectedPage(survey, answersNow, after.page));
					compared += 1;
				}
				// Stuck on a page whose required answers the set leaves empty: stop this journey.
				if (after.page === before.page && JSON.stringify(after) === JSON.stringify(before)) break;
			}
			await page.context().close();
		}
		expect(compared).toBeGreaterThan(0);
	});
});
