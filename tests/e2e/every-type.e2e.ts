/**
 * A questionnaire with every supported question type (issue [8]), answered through the page in
 * Chromium with JavaScript on and off, to its results: the answers stored are the answers given,
 * as SurveyJS keeps them, and the results page shows what the scoring engine makes of them.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import type { QuestionnairePackage } from '$lib/diagnostic/types';
import { loadPackage } from '$lib/server/questionnaires/load';
import { scoreAnswers } from '$lib/scoring/score';
import type { Answers, ScoringModel } from '$lib/scoring/types';
import { buildResultView } from '../../src/routes/p/[token]/result-view';
import { EVERY_TYPE_ID, extremeAnswers } from '../helpers/every-type';
import { answerQuestion } from './answer-question';
import { javaScriptEnabled, openPage, submit, visit } from './browser';
import { corpusServer } from './corpus-server';
import { expectedTable, tableCells } from './journey-helpers';

const corpus = corpusServer([EVERY_TYPE_ID]);
let pkg: QuestionnairePackage;
let model: ScoringModel;
beforeAll(async () => {
	// The package as the server loaded it (written by corpusServer, which starts first).
	const loaded = await loadPackage(path.join(corpus.dir, 'packages', EVERY_TYPE_ID));
	if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
	({ pkg, model } = loaded.questionnaire);
});

/** Answers each page's questions from the set and goes on, to the results. */
async function answerAll(page: Page, answers: Answers): Promise<void> {
	for (let step = 0; step < pkg.survey.pages.length; step++) {
		const names = await page
			.locator('form[action="?/save"] [data-question]')
			.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.question!));
		for (const name of names) {
			// An entry's question is named `question[entry][inner]` in the page (a dynamic panel's
			// index, a matrix row's value or index).
			const inner = /^([^[]+)\[([^\]]+)\]\[([^\]]+)\]$/.exec(name);
			const value = inner
				? (answers[inner[1]!] as Record<string, Record<string, unknown>> | undefined)?.[
						inner[2]!
					]?.[inner[3]!]
				: answers[name];
			await answerQuestion(page, { name, enabled: true, choices: [] }, value);
			if (javaScriptEnabled) await page.locator('form[data-live="idle"]').waitFor();
		}
		await submit(
			page,
			page.getByRole('button', { name: /^(Suivant|Terminer et voir mes résultats)$/ })
		);
	}
}

describe(`every question type, to the results (${javaScriptEnabled ? 'JavaScript on' : 'JavaScript off'})`, () => {
	test.each([
		['highest', true],
		['lowest', false]
	] as const)(
		'the %s answers are stored as given and scored as the engine scores them',
		async (_, highest) => {
			const answers = extremeAnswers(pkg, model, highest);
			const { page } = await openPage(corpus.browser);
			await visit(page, `${corpus.url}/diagnostics/${EVERY_TYPE_ID}`);
			await submit(page, page.getByRole('button', { name: 'Commencer le diagnostic' }));
			const link = page.url();
			await answerAll(page, answers);
			expect(await page.getByRole('heading', { name: 'Vos résultats' }).count()).toBe(1);
			const stored = (await (await fetch(`${link}/donnees.json`)).json()).attempts[0];
			expect(stored.status).toBe('completed');
			expect(stored.answers).toEqual({ ...answers, total: (answers.outils as unknown[]).length });
			const view = buildResultView(pkg, scoreAnswers(model, answers), 'fr');
			expect(view.overall.score).toBe(highest ? 100 : 0);
			expect(await tableCells(page, view)).toEqual(expectedTable(view));
			await page.context().close();
		}
	);
});
