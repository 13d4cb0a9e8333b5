/**
 * The question-type registry (ADR 0025): each type says what it offers, how it is shown and
 * scored, and every consumer asks it. A scored yes/no question shows « Oui » / « Non » (« Yes » /
 * « No ») in the results, as its form did, never its raw value « true ».
 */
import { render } from 'svelte/server';
import { beforeAll, describe, expect, test } from 'vitest';
import QuestionField from '$lib/components/QuestionField.svelte';
import { loadWidgets } from '$lib/components/lazy-widgets';
import type { QuestionView } from '$lib/diagnostic/page-view';
import type { QuestionnairePackage, SurveyElementJson } from '$lib/diagnostic/types';
import { strengthsAndPriorities } from '$lib/results/insights';
import {
	SCORABLE_TYPES,
	SUPPORTED_TYPES,
	answerLabel,
	questionType
} from '$lib/question-types/registry';
import { scoreAnswers } from '$lib/scoring/score';
import type { Answers, ModelItem, ScoringModel } from '$lib/scoring/types';
import { extremeKey, questionsOf } from '../helpers/answers';
import { loadById } from '../helpers/packages';

let maturite: { pkg: QuestionnairePackage; model: ScoringModel };
beforeAll(async () => {
	maturite = await loadById('maturite-of');
	// The widgets few questionnaires use, as a route loads them before rendering (ADR 0034).
	await loadWidgets(SUPPORTED_TYPES.map((name) => questionType(name).widget));
});

/** Every answer at its best, but the items of one competence at their lowest. */
function allBestBut(model: ScoringModel, competence: string): Answers {
	const answers: Answers = {};
	for (const [question, items] of questionsOf(model)) {
		const key = (i: ModelItem) => extremeKey(i, i.competence !== competence);
		if (items[0]!.row !== undefined) {
			answers[question] = Object.fromEntries(items.map((i) => [i.row!, key(i)]));
		} else if (items[0]!.kind === 'multiple') {
			answers[question] = Object.entries(items[0]!.points)
				.filter(([, p]) => (items[0]!.competence === competence ? p === 0 : p > 0))
				.map(([k]) => k);
		} else answers[question] = key(items[0]!);
	}
	return answers;
}

describe('a scored boolean question in the results', () => {
	const referent = 'Un référent handicap est désigné et connu des équipes.';
	test.each([
		['fr', 'Oui', referent],
		[
			'en',
			'Yes',
			'A disability officer (référent handicap) has been appointed and is known to staff.'
		]
	] as const)('in %s, its next step reads « %s », not « true »', (locale, yes, practice) => {
		const { pkg, model } = maturite;
		// As stored from the form: survey-core keeps a boolean's value as a boolean.
		const answers = { ...allBestBut(model, 'accessibilite.adaptation'), a11y_referent: false };
		const result = scoreAnswers(model, answers);
		const { priorities } = strengthsAndPriorities(pkg, model, result, answers, locale, 100);
		const adaptation = priorities.find((p) => p.id === 'accessibilite.adaptation');
		expect(adaptation?.steps).toContainEqual({ practice, next: yes });
		expect(adaptation?.steps.map((s) => s.next)).not.toContain('true');
	});

	test('without labels of its own, a boolean shows survey-core’s « Oui » / « Non », « Yes » / « No »', () => {
		const bare: SurveyElementJson = { type: 'boolean', name: 'b', title: 'B ?' };
		expect([answerLabel(bare, 'true', 'fr'), answerLabel(bare, 'false', 'fr')]).toEqual([
			'Oui',
			'Non'
		]);
		expect([answerLabel(bare, 'true', 'en'), answerLabel(bare, 'false', 'en')]).toEqual([
			'Yes',
			'No'
		]);
		const own = { ...bare, valueTrue: 'o', labelTrue: { default: 'Toujours', en: 'Always' } };
		expect(answerLabel(own, 'o', 'en')).toBe('Always');
		expect(answerLabel(own, 'true', 'fr')).toBeUndefined();
	});
});

describe('the registry', () => {
	test('every scorable type answers with options, or scores its cells as their kin; the others do not', () => {
		for (const name of SUPPORTED_TYPES) {
			const type = questionType(name);
			expect(type.name).toBe(name);
			const answersWithOptions = ['one', 'several', 'one-per-row', 'order'].includes(type.answer);
			// A matrix of lists is scored column by column (ADR 0037); a dynamic matrix is not.
			const scoredByCell = type.cell !== undefined && type.grow === undefined;
			expect(SCORABLE_TYPES.includes(name), name).toBe(answersWithOptions || scoredByCell);
		}
	});

	test.each(SUPPORTED_TYPES)('the renderer shows a %s question by its widget', async (name) => {
		const question: QuestionView = {
			name: 'q',
			type: name,
			widget: questionType(name).widget,
			title: 'Titre de la question',
			description: '',
			required: false,
			enabled: true,
			choices: [
				{ key: 'a', text: 'Choix A' },
				{ key: 'b', text: 'Choix B' }
			],
			rows: [{ key: 'r', text: 'Ligne' }],
			value: null,
			errors: [],
			// A text between questions shows its (server-cleaned) markup.
			html: '<p>Titre de la question</p>'
		};
		// A widget few questionnaires use is loaded first, as the route's load does (ADR 0034).
		await loadWidgets([question.widget]);
		const { body } = render(QuestionField, { props: { question } });
		expect(body).toContain('Titre de la question');
		const answer = questionType(name).answer;
		if (answer === 'texts') expect(body).toContain('name="q[r]"');
		if (answer === 'one' || answer === 'several' || answer === 'order')
			expect(body).toContain('Choix B');
		// A ranking without JavaScript: a position to choose per option.
		if (answer === 'order') expect(body).toMatch(/<select[^>]*name="q\[b\]"/);
		if (answer === 'one-per-row') expect(body).toContain('name="q[r]"');
		if (answer === 'text') expect(body).toMatch(/<(textarea|input)[^>]*name="q"/);
	});
});
