/**
 * The pure question-type modules and survey-core agree (ADR 0025): for every question of every
 * bundled and test package, the answer values and texts the results use (read from survey.json
 * without survey-core) are exactly those the form page offers (read from survey-core), in French
 * and in English, and the widget shown is the type's.
 */
import { describe, expect, test } from 'vitest';
import { buildPageView } from '$lib/server/survey/runtime';
import { surveyElements } from '$lib/diagnostic/survey-json';
import { answerValues, itemPractice, questionType } from '$lib/question-types/registry';
import { SCORED_PACKAGES, loadById } from '../helpers/packages';

describe.each([...SCORED_PACKAGES, 'exemple-orga'])('question types of %s', async (id) => {
	const { pkg } = await loadById(id);
	const elements = new Map(surveyElements(pkg.survey).map((e) => [e.element.name, e.element]));

	test.each(['fr', 'en'] as const)('options and rows match the form page (%s)', (locale) => {
		for (const page of pkg.survey.pages) {
			for (const question of buildPageView(pkg, {}, page.name, locale).questions) {
				const element = elements.get(question.name)!;
				expect(question.widget, question.name).toBe(questionType(element.type).widget);
				const pure = answerValues(element).map((o) => ({ key: o.key, text: o.text(locale) }));
				// Steps come from scoring.json (answer-steps.ts), not from the question's type.
				const shown = question.choices.map((c) => ({ key: c.key, text: c.text }));
				expect(pure, `${question.name} (${locale})`).toEqual(shown);
				expect(
					question.rows.map((r) => itemPractice(element, r.key, locale)),
					`${question.name} rows (${locale})`
				).toEqual(question.rows.map((r) => r.text));
			}
		}
	});
});
