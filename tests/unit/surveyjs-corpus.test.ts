/**
 * The SurveyJS conformance corpus: each questionnaire loads in survey-core, wraps as a package the
 * validator accepts but for the types it does not support yet (panels, expressions), and the
 * oracle that later browser tests compare the app with is deterministic and self-consistent.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { Model } from 'survey-core';
import { afterAll, describe, expect, test } from 'vitest';
import { PACKAGE_FILES } from '$lib/diagnostic/types';
import { validatePackage } from '$lib/diagnostic/validate-package';
import { SCORABLE_TYPES, matrixRows } from '$lib/question-types/registry';
import {
	allElements,
	corpusSurveys,
	isScored,
	mulberry32,
	oracleState,
	packageImagesOf,
	randomAnswers,
	scoredColumns,
	wrapAsPackage
} from '../helpers/surveyjs-corpus';

const corpus = corpusSurveys();
const work = mkdtempSync(path.join(tmpdir(), 'reperes-corpus-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

test('the corpus has every feature questionnaire and the two Creator-style ones', () => {
	expect(corpus.map((c) => c.id)).toEqual(
		expect.arrayContaining(['creator-formation', 'creator-accueil', 'visible-if-same-page'])
	);
	expect(corpus.length).toBeGreaterThanOrEqual(25);
});

describe.each(corpus)('$id', ({ id, survey }) => {
	test('loads in survey-core without JSON errors', () => {
		const model = new Model(survey);
		expect(model.jsonErrors ?? []).toEqual([]);
		model.dispose();
	});

	test('has a scored question and lowercase ascii question names', () => {
		const elements = allElements(survey);
		expect(elements.some((e) => isScored(e))).toBe(true);
		for (const e of elements) expect(e.name).toMatch(/^[a-z0-9_]+$/);
	});

	test('its package passes the validator (panels and expressions included)', () => {
		const folder = wrapAsPackage(id, survey, work);
		const files = Object.fromEntries(
			PACKAGE_FILES.map((f) => [f, readFileSync(path.join(folder, f), 'utf8')])
		);
		const result = validatePackage(id, files, { images: packageImagesOf(survey) });
		expect(result.ok ? [] : result.errors).toEqual([]);
	});

	test('every scorable question is scored, each matrix row on the competence', () => {
		const files = wrapAsPackage(id, survey, work);
		const scoring = JSON.parse(readFileSync(path.join(files, 'scoring.json'), 'utf8')) as {
			items: { question: string; column?: string; rows?: Record<string, unknown> }[];
		};
		const scorable = allElements(survey).filter(
			(e) =>
				(SCORABLE_TYPES as string[]).includes(e.type) &&
				!(e.type === 'checkbox' && e.showOtherItem === true)
		);
		// A matrix of lists is scored column by column (ADR 0037): an item per scorable column.
		expect(scoring.items.map((i) => (i.column ? `${i.question}.${i.column}` : i.question))).toEqual(
			scorable.flatMap((e) =>
				e.type === 'matrixdropdown' ? scoredColumns(e).map((c) => `${e.name}.${c.name}`) : [e.name]
			)
		);
		for (const e of scorable.filter((e) => e.type === 'matrix' || e.type === 'matrixdropdown')) {
			for (const item of scoring.items.filter((i) => i.question === e.name)) {
				expect(Object.keys(item.rows ?? {})).toEqual(matrixRows(e));
			}
		}
	});

	/**
	 * survey-core reports `isRequired` true for a hidden required question (and a requiredIf
	 * holds whether the question shows or not), so « hidden is never required » is not asserted.
	 * 200 fresh models of 5 to 50 ms each: longer than the project's 30 s on a loaded machine.
	 */
	test(
		'the oracle is deterministic and consistent for random answer sets',
		{ timeout: 180_000 },
		() => {
			const names = allElements(survey)
				.filter((e) => e.type !== 'panel')
				.map((e) => e.name);
			const pageNames = survey.pages.map((p) => p.name);
			fc.assert(
				fc.property(fc.integer(), (seed) => {
					const answers = randomAnswers(survey, mulberry32(seed));
					expect(randomAnswers(survey, mulberry32(seed))).toEqual(answers);
					const state = oracleState(survey, answers);
					// Again, the answers given in another key order: model.data does not depend on it.
					const reordered = Object.fromEntries(Object.entries(answers).reverse());
					expect(oracleState(survey, reordered)).toEqual(state);
					expect(Object.keys(state.questions).sort()).toEqual([...names].sort());
					// Visible pages keep the survey's order.
					expect(pageNames.filter((p) => state.pages.includes(p))).toEqual(state.pages);
					for (const q of Object.values(state.questions)) {
						if (q.choices) {
							expect(q.choices.visible).toEqual(expect.arrayContaining(q.choices.enabled));
						}
					}
				}),
				{ numRuns: 100 }
			);
		}
	);
});

describe('randomAnswers', () => {
	test('draws from declared values only, and answers something over a few seeds', () => {
		for (const { survey } of corpus) {
			const declared = new Set(allElements(survey).map((e) => e.name));
			let answered = 0;
			for (let seed = 1; seed <= 20; seed++) {
				const answers = randomAnswers(survey, mulberry32(seed));
				for (const name of Object.keys(answers)) expect(declared.has(name)).toBe(true);
				answered += Object.keys(answers).length;
			}
			expect(answered).toBeGreaterThan(0);
		}
	});
});

describe('oracleState reads survey-core as it is', () => {
	const byId = (id: string) => corpus.find((c) => c.id === id)!.survey;

	test('a follow-up shows on the same page once its condition holds', () => {
		const survey = byId('visible-if-same-page');
		expect(oracleState(survey, {}).questions.outil_visio).toMatchObject({
			visible: false,
			required: true
		});
		expect(oracleState(survey, { utilise_visio: 'oui' }).questions.outil_visio).toMatchObject({
			visible: true,
			required: true
		});
	});

	test('pages, panels, read-only and choice conditions', () => {
		expect(oracleState(byId('page-visible-if'), { public: 'jeunes' }).pages).toEqual(['profil']);
		const panels = oracleState(byId('panel-visible-if'), { role: 'formateur', anciennete: 1 });
		expect(panels.panels).toEqual({
			panel_formateur: { visible: true, enabled: true },
			panel_outils: { visible: false, enabled: true },
			panel_coordination: { visible: false, enabled: true }
		});
		expect(panels.questions.outils?.visible).toBe(false);
		const readOnly = oracleState(byId('read-only'), {});
		expect(readOnly.questions.habilitations?.enabled).toBe(false);
		expect(readOnly.questions.auto_evaluation?.enabled).toBe(true);
		const choices = oracleState(byId('choices-visible-if'), { outils_connus: ['h5p', 'teams'] });
		expect(choices.questions.outil_prefere?.choices?.visible).toEqual(['teams', 'h5p']);
		const enabled = oracleState(byId('choices-enable-if'), { modules_suivis: ['accueil'] });
		expect(enabled.questions.module_a_approfondir?.choices?.enabled).toEqual(['accueil']);
		const rows = oracleState(byId('matrix-rows-visible-if'), { activites: ['evaluer'] });
		expect(rows.questions.frequence_activites?.rows).toEqual(['evaluer']);
	});

	test('answers given wholesale run no default value, trigger or setValueIf', () => {
		const model = new Model(byId('default-value'));
		expect(model.data).toMatchObject({ frequence: 'parfois', confiance: 3 });
		model.data = {};
		expect(model.data).toEqual({});
		model.dispose();
		const triggered = new Model(byId('trigger-setvalue'));
		triggered.data = { role: 'tuteur' };
		expect(triggered.data).toEqual({ role: 'tuteur' });
		// Set one by one, the trigger runs.
		triggered.setValue('role', 'formateur');
		expect(triggered.data).toMatchObject({ frequence: 'souvent' });
		triggered.dispose();
		const setIf = new Model(byId('set-value-if'));
		setIf.data = { statut: 'independant' };
		expect(setIf.data).toEqual({ statut: 'independant' });
		setIf.dispose();
		// A default shown by the form is thus not in the oracle's model: frequence's follow-up stays hidden.
		expect(oracleState(byId('default-value'), {}).questions.detail_bilan?.visible).toBe(false);
	});
});
