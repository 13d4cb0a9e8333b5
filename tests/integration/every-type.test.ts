/**
 * A questionnaire with every supported question type (issue [8]): it covers the registry (a type
 * added without a question here fails), loads as a package, reads its pages' forms into the
 * values SurveyJS keeps, and scores the highest and lowest answers as 100 and 0.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { SUPPORTED_TYPES } from '$lib/question-types/registry';
import type { QuestionnairePackage } from '$lib/diagnostic/types';
import { loadPackage } from '$lib/server/questionnaires/load';
import { readPageForm } from '$lib/server/survey/runtime';
import { scoreAnswers } from '$lib/scoring/score';
import type { ScoringModel } from '$lib/scoring/types';
import { allElements, wrapAsPackage } from '../helpers/surveyjs-corpus';
import { EVERY_TYPE_ID, everyTypeSurvey, extremeAnswers } from '../helpers/every-type';

let pkg: QuestionnairePackage;
let model: ScoringModel;
beforeAll(async () => {
	const dir = mkdtempSync(path.join(tmpdir(), 'reperes-every-type-'));
	const loaded = await loadPackage(wrapAsPackage(EVERY_TYPE_ID, everyTypeSurvey(), dir));
	if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
	({ pkg, model } = loaded.questionnaire);
});

describe('the every-type questionnaire', () => {
	test('has a question of every supported type (panels included)', () => {
		const types = new Set(allElements(everyTypeSurvey()).map((e) => e.type));
		expect([...SUPPORTED_TYPES, 'panel'].filter((t) => !types.has(t))).toEqual([]);
	});

	test('its text page is read as SurveyJS keeps values (a number stays a number)', () => {
		const form = new FormData();
		for (const [k, v] of [
			['page', 'textes'],
			['heures', '120'],
			['formation[intitule]', 'Classe inversée'],
			['formation[outil]', 'Moodle'],
			['sessions[0][theme]', 'Accueil'],
			['sessions[0][mode]', 'synchrone'],
			['remarque', 'Rien à ajouter.']
		]) {
			form.append(k!, v!);
		}
		const read = readPageForm(pkg, {}, form);
		expect(read.ok && read.answers).toEqual({
			// The expression's value, computed from the (still empty) boxes.
			total: 0,
			heures: 120,
			formation: { intitule: 'Classe inversée', outil: 'Moodle' },
			sessions: [{ theme: 'Accueil', mode: 'synchrone' }],
			remarque: 'Rien à ajouter.'
		});
	});

	test('the highest answers score 100 and the lowest 0, every scored item answered', () => {
		const high = scoreAnswers(model, extremeAnswers(pkg, model, true));
		const low = scoreAnswers(model, extremeAnswers(pkg, model, false));
		expect([high.overall.score, low.overall.score]).toEqual([100, 0]);
		expect([high.overall.coverage, low.overall.coverage]).toEqual([1, 1]);
		// Twelve questions, and a matrix's four scored columns on two rows.
		expect(model.items.length).toBe(20);
	});
});
