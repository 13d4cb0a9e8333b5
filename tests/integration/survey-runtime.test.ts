import { beforeAll, describe, expect, test } from 'vitest';
import {
	adjacentPageName,
	buildPageView,
	completeAnswers,
	firstPageName,
	readPageForm,
	validatePage
} from '$lib/server/survey/runtime';
import type { QuestionnairePackage } from '$lib/diagnostic/types';
import { loadById } from '../helpers/packages';

let pkg: QuestionnairePackage;
beforeAll(async () => {
	pkg = (await loadById('exemple-mini')).pkg;
});

const form = (entries: [string, string][]) => {
	const data = new FormData();
	for (const [k, v] of entries) data.append(k, v);
	return data;
};

describe('page views', () => {
	test('the first page lists its questions with French texts and choices', () => {
		expect(firstPageName(pkg)).toBe('outils');
		const view = buildPageView(pkg, {}, 'outils', 'fr');
		expect(view).toMatchObject({
			index: 0,
			count: 2,
			title: 'Outils',
			isFirst: true,
			isLast: false
		});
		expect(view.questions.map((q) => [q.name, q.type, q.required])).toEqual([
			['classe_virtuelle', 'radiogroup', true],
			['aisance_quiz', 'rating', false],
			['outils_quiz', 'checkbox', false],
			['difficulte_quiz', 'boolean', false]
		]);
		expect(view.questions[3]!.choices).toEqual([
			{ key: 'true', text: 'Oui' },
			{ key: 'false', text: 'Non' }
		]);
	});

	test('English texts come from the inline translations', () => {
		const view = buildPageView(pkg, {}, 'outils', 'en');
		expect(view.questions[0]!.title).toBe('I run virtual classrooms.');
	});

	test('visibleIf is applied from the answers so far', () => {
		const hidden = buildPageView(pkg, { classe_virtuelle: 'parfois' }, 'accompagnement', 'fr');
		expect(hidden.questions.map((q) => q.name)).toEqual(['suivi']);
		const shown = buildPageView(pkg, { classe_virtuelle: 'souvent' }, 'accompagnement', 'fr');
		expect(shown.questions.map((q) => q.name)).toEqual(['suivi', 'remarque']);
	});
});

describe('reading a submitted page', () => {
	test('form values become SurveyJS values of the right type', () => {
		const read = readPageForm(
			pkg,
			{},
			'outils',
			form([
				['classe_virtuelle', 'souvent'],
				['aisance_quiz', '4'],
				['outils_quiz', 'h5p'],
				['outils_quiz', 'moodle'],
				['difficulte_quiz', 'false']
			]),
			'fr'
		);
		expect(read).toEqual({
			answers: {
				classe_virtuelle: 'souvent',
				aisance_quiz: 4,
				outils_quiz: ['h5p', 'moodle'],
				difficulte_quiz: false
			},
			errors: {}
		});
	});

	test('a value that is not one of the choices is refused and not kept', () => {
		const read = readPageForm(pkg, {}, 'outils', form([['classe_virtuelle', 'toujours']]), 'fr');
		expect(read.answers).toEqual({});
		expect(read.errors.classe_virtuelle).toHaveLength(1);
	});

	test('unticking every box of a page clears the earlier answer', () => {
		const read = readPageForm(pkg, { outils_quiz: ['h5p'] }, 'outils', form([]), 'fr');
		expect(read.answers).not.toHaveProperty('outils_quiz');
	});

	test('matrix rows are read from name[row]', () => {
		const read = readPageForm(pkg, {}, 'accompagnement', form([['suivi[relance]', '2']]), 'fr');
		expect(read.answers).toEqual({ suivi: { relance: 2 } });
	});

	test('free text longer than the limit is refused', () => {
		const read = readPageForm(
			pkg,
			{ classe_virtuelle: 'souvent' },
			'accompagnement',
			form([['remarque', 'x'.repeat(2001)]]),
			'fr'
		);
		expect(read.errors.remarque).toEqual(['2000 caractères au plus.']);
	});
});

describe('validation, navigation and completion', () => {
	test('required questions are checked with survey-core’s own French messages', () => {
		expect(validatePage(pkg, {}, 'outils', 'fr')).toEqual({
			classe_virtuelle: ['La réponse à cette question est obligatoire.']
		});
		expect(validatePage(pkg, { classe_virtuelle: 'na' }, 'outils', 'fr')).toEqual({});
	});

	test('pages follow one another', () => {
		expect(adjacentPageName(pkg, {}, 'outils', 1)).toBe('accompagnement');
		expect(adjacentPageName(pkg, {}, 'accompagnement', 1)).toBeNull();
		expect(adjacentPageName(pkg, {}, 'accompagnement', -1)).toBe('outils');
	});

	test('completion refuses a page left invalid and drops answers of hidden questions', () => {
		expect(completeAnswers(pkg, {})).toEqual({ ok: false, pageName: 'outils' });
		expect(completeAnswers(pkg, { classe_virtuelle: 'parfois', remarque: 'caché' })).toEqual({
			ok: true,
			answers: { classe_virtuelle: 'parfois' }
		});
	});
});
