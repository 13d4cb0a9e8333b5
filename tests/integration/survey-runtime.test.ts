import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import {
	adjacentPageName,
	buildPageView,
	checkPage,
	completeAnswers,
	firstPageName,
	pageForm,
	readPageForm,
	validatePage
} from '$lib/server/survey/runtime';
import type { QuestionnairePackage } from '$lib/diagnostic/types';
import type { Answers } from '$lib/scoring/types';
import { arbitraryAnswers } from '../helpers/answers';
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
	const read = (answers: Answers, page: string, entries: [string, string][]) =>
		readPageForm(pkg, answers, form([['page', page], ...entries]));

	test('form values become SurveyJS values of the right type', () => {
		expect(
			read({}, 'outils', [
				['classe_virtuelle', 'souvent'],
				['aisance_quiz', '4'],
				['outils_quiz', 'h5p'],
				['outils_quiz', 'moodle'],
				['difficulte_quiz', 'false'],
				['nav', 'stay']
			])
		).toEqual({
			ok: true,
			pageName: 'outils',
			nav: 'stay',
			answers: {
				classe_virtuelle: 'souvent',
				aisance_quiz: 4,
				outils_quiz: ['h5p', 'moodle'],
				difficulte_quiz: false
			},
			appeared: [],
			skipTo: null,
			grew: false,
			held: []
		});
	});

	test('an « add » or « remove » only applies to a question that grows, on the page', () => {
		for (const change of ['add:classe_virtuelle', 'remove:outils_quiz:0', 'add:absente']) {
			expect(read({}, 'outils', [['change', change]]), change).toEqual({
				ok: false,
				pageName: 'outils',
				problems: [{ field: 'change', kind: 'not-offered' }]
			});
		}
		expect(read({}, 'outils', [['change', 'add:x:y:z']])).toMatchObject({
			ok: false,
			problems: [{ field: 'change', kind: 'malformed' }]
		});
	});

	test('an incomplete page is well-formed: empty values are no answer', () => {
		expect(read({ aisance_quiz: 3 }, 'outils', [['classe_virtuelle', '']])).toEqual({
			ok: true,
			pageName: 'outils',
			nav: 'next',
			answers: {},
			appeared: [],
			skipTo: null,
			grew: false,
			held: []
		});
	});

	test('unticking every box of a page clears the earlier answer', () => {
		const r = read({ outils_quiz: ['h5p'] }, 'outils', []);
		expect(r.ok && r.answers).not.toHaveProperty('outils_quiz');
	});

	test('matrix rows are read from name[row]', () => {
		const r = read({}, 'accompagnement', [['suivi[relance]', '2']]);
		expect(r.ok && r.answers).toEqual({ suivi: { relance: 2 } });
	});

	test('free text is kept trimmed, up to the limit', () => {
		const text = `  ${'é'.repeat(1995)}\n\tx`;
		const r = read({ classe_virtuelle: 'souvent' }, 'accompagnement', [['remarque', text]]);
		expect(r.ok && r.answers.remarque).toBe(text.trim());
	});
});

describe('a malformed page is refused whole', () => {
	const refused = (page: string, entries: [string, string | File][], answers: Answers = {}) => {
		const data = form([['page', page]]);
		for (const [k, v] of entries) data.append(k, v);
		const r = readPageForm(pkg, answers, data);
		expect(r.ok, JSON.stringify(entries)).toBe(false);
		return r.ok ? [] : r.problems;
	};
	const valid: [string, string][] = [['difficulte_quiz', 'true']];

	test.each([
		['a question of no page (q999=3)', [['q999', '3']], { field: 'q999', kind: 'unknown' }],
		[
			'a question of another page',
			[['suivi[relance]', '1']],
			{ field: 'suivi[relance]', kind: 'unknown' }
		],
		['a matrix row that does not exist', [['classe_virtuelle[x]', '1']], 'unknown'],
		['a value not offered', [['classe_virtuelle', 'toujours']], 'not-offered'],
		['a rating out of range (aisance_quiz=7)', [['aisance_quiz', '7']], 'not-offered'],
		['a box not offered', [['outils_quiz', 'kahoot']], 'not-offered'],
		[
			'a repeated key (q=1&q=2)',
			[
				['aisance_quiz', '1'],
				['aisance_quiz', '2']
			],
			'repeated'
		],
		[
			'the same key twice with one value',
			[
				['aisance_quiz', '1'],
				['aisance_quiz', '1']
			],
			'repeated'
		],
		[
			'the same box ticked twice',
			[
				['outils_quiz', 'h5p'],
				['outils_quiz', 'h5p']
			],
			'repeated'
		],
		['an unknown navigation', [['nav', 'jump']], 'not-offered'],
		['a file instead of a value', [['aisance_quiz', new File(['3'], '3.txt')]], 'not-text']
	] as [string, [string, string | File][], string | object][])('%s', (_, entries, problem) => {
		const problems = refused('outils', [...valid, ...entries]);
		expect(problems).toHaveLength(1);
		expect(problems[0]).toMatchObject(typeof problem === 'string' ? { kind: problem } : problem);
	});

	test.each([
		['10 000 characters', 'x'.repeat(10_000), 'too-long'],
		['2 001 characters', 'x'.repeat(2001), 'too-long'],
		['a NUL character', 'avant\u0000après', 'control-character'],
		['another control character', 'bip\u0007', 'control-character'],
		['DEL', 'x\u007f', 'control-character'],
		['a C1 control character', 'x\u0085', 'control-character']
		// Lone surrogates never get this far: FormData holds well-formed strings (see the unit test).
	])('free text with %s', (_, text, kind) => {
		const problems = refused('accompagnement', [['remarque', text]], {
			classe_virtuelle: 'souvent'
		});
		expect(problems).toEqual([
			{ field: 'remarque', kind, ...(kind === 'too-long' ? { maxLength: 2000 } : {}) }
		]);
	});

	test('a page that does not exist, or two pages at once', () => {
		expect(readPageForm(pkg, {}, form([['page', 'nulle-part']]))).toMatchObject({
			ok: false,
			pageName: null
		});
		expect(
			readPageForm(
				pkg,
				{},
				form([
					['page', 'outils'],
					['page', 'accompagnement']
				])
			)
		).toMatchObject({ ok: false, problems: [{ field: 'page', kind: 'repeated' }] });
		expect(readPageForm(pkg, {}, form([]))).toMatchObject({ ok: false, pageName: null });
	});

	test('every problem is reported, each once', () => {
		expect(
			refused('outils', [
				['q999', '1'],
				['q999', '2'],
				['classe_virtuelle', 'jamais'],
				['classe_virtuelle', 'parfois'],
				['aisance_quiz', '9']
			]).map((p) => [p.field, p.kind])
		).toEqual([
			['q999', 'unknown'],
			['classe_virtuelle', 'repeated'],
			['aisance_quiz', 'not-offered']
		]);
	});

	test('the bundled diagnostics are read the same way', async () => {
		for (const [id, page, question, value, offered] of [
			['e-formateur', 'e1', 'e1_communication', 'b2', 'd9'],
			['maturite-of', 'strategie', 'strat_ecrite', '3', '5']
		] as const) {
			const bundled = (await loadById(id)).pkg;
			const ok = readPageForm(
				bundled,
				{},
				form([
					['page', page],
					[question, value]
				])
			);
			expect(ok.ok, id).toBe(true);
			for (const entries of [
				[[question, offered]],
				[['q999', '3']],
				[
					[question, value],
					[question, value]
				]
			]) {
				expect(
					readPageForm(bundled, {}, form([['page', page], ...(entries as [string, string][])])).ok,
					`${id} ${JSON.stringify(entries)}`
				).toBe(false);
			}
		}
		// The checkbox with « none » offers it too.
		const of = (await loadById('maturite-of')).pkg;
		const none = readPageForm(
			of,
			{},
			form([
				['page', 'accompagnement'],
				['foad_obligations', 'none']
			])
		);
		expect(none.ok && none.answers.foad_obligations).toEqual(['none']);
	});
});

describe('the page form names its fields in both languages', () => {
	test('question titles, matrix rows with their question', () => {
		expect(pageForm(pkg, 'outils')!.labels.fr.get('classe_virtuelle')).toBe(
			"J'anime des classes virtuelles."
		);
		expect(pageForm(pkg, 'outils')!.labels.en.get('classe_virtuelle')).toBe(
			'I run virtual classrooms.'
		);
		const page = pageForm(pkg, 'accompagnement')!;
		expect(page.labels.fr.get('suivi[relance]')).toBe(
			'Suivi des apprenants – Je relance les absents.'
		);
		expect(page.labels.en.get('suivi[relance]')).toBe('Learner follow-up – I follow up absentees.');
		expect(page.questionOf.get('suivi[relance]')).toBe('suivi');
	});
});

describe('checking a page read with survey-core', () => {
	test('a choice survey-core does not offer with these answers is refused', () => {
		// A hand-made answer set that the form reader would never produce.
		expect(
			checkPage(pkg, { classe_virtuelle: 'toujours' }, 'outils', 'fr', false).problems
		).toEqual([{ field: 'classe_virtuelle', kind: 'not-offered' }]);
		expect(
			checkPage(pkg, { suivi: { absent: 1 } }, 'accompagnement', 'fr', false).problems
		).toEqual([{ field: 'suivi[absent]', kind: 'not-offered' }]);
	});

	test('errors, neighbours and completion in one model', () => {
		expect(checkPage(pkg, {}, 'outils', 'fr', true)).toEqual({
			problems: [],
			errors: { classe_virtuelle: ['La réponse à cette question est obligatoire.'] },
			previous: null,
			next: 'accompagnement',
			completion: null
		});
		const answers = { classe_virtuelle: 'parfois', remarque: 'caché' };
		expect(checkPage(pkg, answers, 'accompagnement', 'en', true)).toEqual({
			problems: [],
			errors: {},
			previous: 'outils',
			next: null,
			completion: { ok: true, answers: { classe_virtuelle: 'parfois' } }
		});
		expect(checkPage(pkg, {}, 'accompagnement', 'fr', true).completion).toEqual({
			ok: false,
			pageName: 'outils'
		});
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

describe('the model reused from request to request', () => {
	test('answers as a fresh model would, whatever it was used for before', async () => {
		for (const id of ['exemple-mini', 'e-formateur', 'maturite-of']) {
			const { pkg: shared, model } = await loadById(id);
			const pages = shared.survey.pages.map((p) => p.name);
			fc.assert(
				fc.property(
					arbitraryAnswers(model),
					arbitraryAnswers(model),
					fc.constantFrom(...pages),
					fc.constantFrom(...pages),
					fc.constantFrom('fr', 'en'),
					fc.boolean(),
					(before, answers, earlier, page, locale, complete) => {
						// Whatever the shared model did last (another page, locale, completion)…
						checkPage(shared, before, earlier, locale === 'fr' ? 'en' : 'fr', true);
						buildPageView(shared, before, earlier, 'fr');
						// …it gives what a model of its own gives (a copy of the package has none yet).
						const fresh = () => structuredClone(shared);
						expect(buildPageView(shared, answers, page, locale)).toEqual(
							buildPageView(fresh(), answers, page, locale)
						);
						expect(checkPage(shared, answers, page, locale, complete)).toEqual(
							checkPage(fresh(), answers, page, locale, complete)
						);
						expect(completeAnswers(shared, answers)).toEqual(completeAnswers(fresh(), answers));
					}
				),
				{ numRuns: 15, seed: 7 }
			);
		}
	}, 120_000);
});
