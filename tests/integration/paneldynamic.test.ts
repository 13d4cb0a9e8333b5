/**
 * `paneldynamic` on the server (ADR 0034), on the corpus questionnaire
 * tests/fixtures/surveyjs-corpus/paneldynamic.json: the page shows each panel with its questions
 * as survey-core shows them (`{panel.x}` conditions), reads them strictly (fields
 * `name[index][question]`), adds and removes panels within their bounds, and names a panel's
 * errors by the panel and the question.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { loadPackage } from '$lib/server/questionnaires/load';
import {
	buildPageView,
	initialAnswers,
	readPageForm,
	validatePage
} from '$lib/server/survey/runtime';
import { shownField } from '$lib/diagnostic/page-view';
import type { QuestionnairePackage } from '$lib/diagnostic/types';
import type { Answers } from '$lib/scoring/types';
import { corpusSurveys, wrapAsPackage } from '../helpers/surveyjs-corpus';

let pkg: QuestionnairePackage;
beforeAll(async () => {
	const { id, survey } = corpusSurveys().find((c) => c.id === 'paneldynamic')!;
	const loaded = await loadPackage(
		wrapAsPackage(id, survey, mkdtempSync(path.join(tmpdir(), 'reperes-paneldynamic-')))
	);
	if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
	pkg = loaded.questionnaire.pkg;
});

const PAGE = 'formations';
const form = (entries: [string, string][]) => {
	const data = new FormData();
	data.append('page', PAGE);
	for (const [k, v] of entries) data.append(k, v);
	return data;
};
const view = (answers: Answers) =>
	buildPageView(pkg, answers, PAGE, 'fr').questions.find((q) => q.name === 'formations')!;
const two: Answers = {
	formations: [{ intitule: 'Tableur', distance: 'oui', outils: ['moodle'] }, { distance: 'non' }]
};

describe('the page shows each panel as survey-core does', () => {
	test('one panel to begin with, its questions named by their fields', () => {
		const q = view(initialAnswers(pkg));
		expect(q.widget).toBe('panels');
		expect(q.value).toBeNull();
		expect(q.panels).toMatchObject({
			add: 'Ajouter une formation',
			// The least panels there may be: none can go.
			remove: null
		});
		expect(
			q.panels!.entries.map((e) => [e.index, e.title, e.questions.map((i) => i.name)])
		).toEqual([
			[
				0,
				'Formation 1',
				['formations[0][intitule]', 'formations[0][distance]', 'formations[0][duree]']
			]
		]);
	});

	test('{panel.x} conditions are the panel’s own, and questions outside read the panels', () => {
		const page = buildPageView(pkg, two, PAGE, 'fr');
		expect(page.questions.map((q) => q.name)).toEqual([
			'formations',
			'bilan',
			'premiere',
			'aisance'
		]);
		const q = page.questions[0]!;
		expect(q.panels!.remove).toBe('Supprimer cette formation');
		const [first, second] = q.panels!.entries;
		expect(first!.questions.map((i) => [i.name, i.value, i.required])).toEqual([
			['formations[0][intitule]', 'Tableur', true],
			['formations[0][distance]', 'oui', false],
			['formations[0][outils]', ['moodle'], false],
			['formations[0][duree]', null, false]
		]);
		expect(first!.questions[2]!.title).toBe('Outils utilisés pour « Tableur »');
		expect(first!.questions[2]!.widget).toBe('checkboxes');
		// `requiredIf` on the panel's own answer.
		expect(second!.questions.map((i) => [i.name, i.required])).toEqual([
			['formations[1][intitule]', true],
			['formations[1][distance]', false],
			['formations[1][duree]', true]
		]);
		expect(second!.title).toBe('Formation 2');
	});

	test('every panel removed stays so, said by the question’s « no entries » text', () => {
		const q = view({ formations: [] });
		expect(q.panels!.entries).toEqual([]);
		expect(q.panels!.empty).not.toBe('');
	});

	test('at the most panels, none can be added', () => {
		expect(view({ formations: [{}, {}, {}] }).panels!.add).toBeNull();
	});

	test('a reused model does not keep the panels of a previous use', () => {
		// survey-core keeps a panel count it changed when the answers go.
		readPageForm(pkg, { formations: [{}, {}, {}] }, form([['change', 'remove:formations:0']]));
		expect(view({ aisance: 2 }).panels!.entries).toHaveLength(1);
	});
});

describe('reading a page with panels', () => {
	test('each panel’s fields become its values; a checkbox sends each value', () => {
		const read = readPageForm(
			pkg,
			two,
			form([
				['formations[0][intitule]', ' Tableur avancé '],
				['formations[0][distance]', 'oui'],
				['formations[0][outils]', 'moodle'],
				['formations[0][outils]', 'zoom'],
				['formations[1][intitule]', 'Accueil'],
				['formations[1][distance]', 'non'],
				['formations[1][duree]', 'jour']
			])
		);
		expect(read).toMatchObject({ ok: true, grew: false });
		expect(read.ok && read.answers.formations).toEqual([
			{ intitule: 'Tableur avancé', distance: 'oui', outils: ['moodle', 'zoom'] },
			{ intitule: 'Accueil', distance: 'non', duree: 'jour' }
		]);
	});

	test('an empty field clears its value; a question the panel does not show keeps its own', () => {
		const read = readPageForm(
			pkg,
			{ formations: [{ intitule: 'Tableur', distance: 'non', outils: ['teams'] }] },
			form([
				['formations[0][intitule]', ''],
				['formations[0][distance]', 'non']
			])
		);
		expect(read.ok && read.answers.formations).toEqual([{ distance: 'non', outils: ['teams'] }]);
	});

	test.each([
		['a panel that does not exist', 'formations[2][intitule]', 'x', 'not-offered'],
		['a value the question does not offer', 'formations[0][distance]', 'peut-être', 'not-offered'],
		['a question the template does not have', 'formations[0][lieu]', 'x', 'unknown'],
		['a panel beyond the most there may be', 'formations[3][intitule]', 'x', 'unknown'],
		['a panel not numbered', 'formations[x][intitule]', 'x', 'unknown']
	])('%s is refused', (_what, field, value, kind) => {
		const read = readPageForm(pkg, two, form([[field, value]]));
		expect(read.ok ? [] : read.problems).toEqual([{ field, kind }]);
	});

	test('a checkbox value that the panel’s question does not offer is refused', () => {
		const read = readPageForm(
			pkg,
			two,
			form([
				['formations[0][distance]', 'oui'],
				['formations[0][outils]', 'webex']
			])
		);
		expect(read.ok).toBe(false);
	});

	test('« add » adds a panel at the end, up to the most there may be', () => {
		const read = readPageForm(pkg, two, form([['change', 'add:formations']]));
		expect(read).toMatchObject({ ok: true, grew: true });
		expect(read.ok && (read.answers.formations as unknown[]).length).toBe(3);
		const full = readPageForm(
			pkg,
			{ formations: [{}, {}, {}] },
			form([['change', 'add:formations']])
		);
		expect(full.ok && (full.answers.formations as unknown[]).length).toBe(3);
	});

	test('« remove » removes that panel, down to the least there may be, answers read first', () => {
		const read = readPageForm(
			pkg,
			two,
			form([
				['formations[1][intitule]', 'Accueil'],
				['formations[1][distance]', 'non'],
				['change', 'remove:formations:0']
			])
		);
		expect(read).toMatchObject({ ok: true, grew: true });
		expect(read.ok && read.answers.formations).toEqual([{ intitule: 'Accueil', distance: 'non' }]);
		const last = readPageForm(
			pkg,
			{ formations: [{ intitule: 'A' }] },
			form([
				['formations[0][intitule]', 'A'],
				['change', 'remove:formations:0']
			])
		);
		expect(last.ok && last.answers.formations).toEqual([{ intitule: 'A' }]);
	});

	test('a change for a question without panels is refused', () => {
		const read = readPageForm(pkg, two, form([['change', 'add:aisance']]));
		expect(read.ok ? [] : read.problems).toEqual([{ field: 'change', kind: 'not-offered' }]);
	});

	test('a panel’s question shown by an answer sent with it is said to have appeared', () => {
		const before = buildPageView(pkg, { formations: [{ intitule: 'Tableur' }] }, PAGE, 'fr');
		const read = readPageForm(
			pkg,
			{ formations: [{ intitule: 'Tableur' }] },
			form([
				['shown', shownField(before)],
				['formations[0][intitule]', 'Tableur'],
				['formations[0][distance]', 'oui']
			])
		);
		expect(read.ok && read.appeared).toEqual([
			'Formation 1 – Outils utilisés pour « Tableur »',
			'La première formation était-elle à distance ?'
		]);
		// Nothing new when the page already showed it.
		const after = buildPageView(pkg, read.ok ? read.answers : {}, PAGE, 'fr');
		const again = readPageForm(
			pkg,
			read.ok ? read.answers : {},
			form([
				['shown', shownField(after)],
				['formations[0][intitule]', 'Tableur'],
				['formations[0][distance]', 'oui']
			])
		);
		expect(again.ok && again.appeared).toEqual([]);
	});
});

describe('errors of a panel’s questions', () => {
	test('are named by the panel and the question', () => {
		const errors = validatePage(
			pkg,
			{ formations: [{ distance: 'oui' }, { intitule: 'B', distance: 'non' }] },
			PAGE,
			'fr'
		);
		expect(errors.formations).toEqual([
			expect.stringMatching(/^Formation 1 – Intitulé\u00a0: /),
			expect.stringMatching(/^Formation 2 – Durée\u00a0: /)
		]);
	});
});
