/**
 * Conformance of the page views with survey-core (issue [8], ADR 0032): for every questionnaire
 * of the SurveyJS corpus and many random answer sets, the questions a page shows, whether each
 * is enabled and required, the choices offered and those that can be chosen, a ranking's
 * order and a matrix's rows are what a fresh survey-core model says for the same answers (tests/helpers/
 * surveyjs-corpus.ts, the oracle). The browser side of the same comparison is
 * tests/e2e/surveyjs-conformance.e2e.ts.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadPackage } from '$lib/server/questionnaires/load';
import { buildPageView } from '$lib/server/survey/runtime';
import type { SurveyElementJson, SurveyJson } from '$lib/diagnostic/types';
import type { QuestionView } from '$lib/diagnostic/page-view';
import { surveyElements } from '$lib/diagnostic/survey-json';
import {
	corpusSurveys,
	mulberry32,
	oracleState,
	type OracleQuestion,
	randomAnswers,
	wrapAsPackage
} from '../helpers/surveyjs-corpus';

const RUNS = 40;
const dir = mkdtempSync(path.join(tmpdir(), 'reperes-corpus-'));

/** Each page's questions (inside panels too), in order, as the app lists them. */
function questionsByPage(survey: SurveyJson): Map<string, SurveyElementJson[]> {
	const out = new Map(survey.pages.map((p) => [p.name, [] as SurveyElementJson[]]));
	for (const { element, pageIndex } of surveyElements(survey)) {
		out.get(survey.pages[pageIndex]!.name)!.push(element);
	}
	return out;
}

describe.each(corpusSurveys().map((c) => [c.id, c.survey] as const))('%s', (id, survey) => {
	test(`the package loads, and ${RUNS} answer sets show what survey-core says`, async () => {
		const loaded = await loadPackage(wrapAsPackage(id, survey, dir));
		expect(loaded.ok ? [] : loaded.errors).toEqual([]);
		if (!loaded.ok) return;
		const pkg = loaded.questionnaire.pkg;
		const byPage = questionsByPage(survey);
		const rng = mulberry32(id.length * 7919);
		let compared = 0;
		for (let run = 0; run < RUNS; run++) {
			const answers = randomAnswers(survey, rng);
			// Before the first save the page shows the defaults, which the oracle's wholesale
			// answers do not have: compared from the first answer on.
			if (Object.keys(answers).length === 0) continue;
			const oracle = oracleState(survey, answers);
			for (const pageName of oracle.pages) {
				const view = buildPageView(pkg, answers, pageName, 'fr');
				const where = `${id}, page ${pageName}, answers ${JSON.stringify(answers)}`;
				const expected = byPage
					.get(pageName)!
					.filter((e) => oracle.questions[e.name]?.visible)
					.map((e) => e.name);
				expect(
					view.questions.map((q) => q.name),
					where
				).toEqual(expected);
				const compare = (q: QuestionView, o: OracleQuestion, at: string) => {
					expect({ enabled: q.enabled, required: q.required }, `${at}: ${q.name}`).toEqual({
						enabled: o.enabled,
						required: o.required
					});
					if (o.choices) {
						// « Select all » is an action the page offers with JavaScript, not a value.
						const values = (list: string[]) => list.filter((v) => v !== '');
						expect(
							{
								visible: q.choices.map((c) => c.key),
								enabled: q.choices.filter((c) => !c.disabled).map((c) => c.key)
							},
							`${at}: choices of ${q.name}`
						).toEqual({ visible: values(o.choices.visible), enabled: values(o.choices.enabled) });
					}
					// A ranking shows its options in its answer's order, else in its own.
					if (o.ranked)
						expect(
							Array.isArray(q.value) ? q.value : q.choices.map((c) => c.key),
							`${where}: order of ${q.name}`
						).toEqual(o.ranked);
					if (o.rows)
						expect(
							q.rows.map((r) => r.key),
							`${at}: rows of ${q.name}`
						).toEqual(o.rows);
					// A dynamic panel or matrix: its entries shown and, in each, its questions as on their own.
					if (o.panels) {
						const entries = q.panels?.entries ?? [];
						expect(
							entries.map((e) => [e.index, e.key, e.questions.map((i) => i.name)]),
							`${at}: entries of ${q.name}`
						).toEqual(
							o.panels.map((p) => [
								p.index,
								p.key,
								Object.keys(p.questions).map((i) => `${q.name}[${p.key}][${i}]`)
							])
						);
						entries.forEach((entry, k) =>
							entry.questions.forEach((inner, j) =>
								compare(inner, Object.values(o.panels![k]!.questions)[j]!, at)
							)
						);
					}
				};
				for (const q of view.questions) {
					compare(q, oracle.questions[q.name]!, where);
					compared += 1;
				}
			}
		}
		expect(compared).toBeGreaterThan(0);
	}, 120_000);
});
