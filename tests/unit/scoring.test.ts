/**
 * The engine on the small example package, with every expected figure worked out by hand
 * from the rules in docs/questionnaire-format.md ("How a result is computed").
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { levelOf, roundScore, scoreAnswers, scoreItem } from '$lib/scoring/score';
import type { ScoringModel } from '$lib/scoring/types';
import { loadById } from '../helpers/packages';

let model: ScoringModel;
beforeAll(async () => {
	model = (await loadById('exemple-mini')).model;
});

const item = (key: string) => model.items.find((i) => i.key === key)!;

describe('item values', () => {
	test('single choice is scaled between its lowest and highest points', () => {
		expect(scoreItem(item('classe_virtuelle'), { classe_virtuelle: 'parfois' })).toEqual({
			status: 'valued',
			value: 0.5
		});
	});

	test('"not applicable" and unanswered have no value', () => {
		expect(scoreItem(item('classe_virtuelle'), { classe_virtuelle: 'na' }).status).toBe(
			'not-applicable'
		);
		expect(scoreItem(item('classe_virtuelle'), {}).status).toBe('unanswered');
		expect(scoreItem(item('classe_virtuelle'), { classe_virtuelle: 'inconnu' }).status).toBe(
			'unanswered'
		);
	});

	test('rating values are looked up as text, numbers or not', () => {
		expect(scoreItem(item('aisance_quiz'), { aisance_quiz: 4 })).toEqual({
			status: 'valued',
			value: 0.75
		});
		expect(scoreItem(item('aisance_quiz'), { aisance_quiz: '4' })).toEqual({
			status: 'valued',
			value: 0.75
		});
	});

	test('a rating can offer "not applicable"', () => {
		expect(scoreItem(item('aisance_quiz'), { aisance_quiz: 'na' }).status).toBe('not-applicable');
	});

	test('checkbox sums the ticked points up to the cap', () => {
		// h5p 2 + papier 0 = 2, cap 3
		expect(scoreItem(item('outils_quiz'), { outils_quiz: ['h5p', 'papier'] })).toEqual({
			status: 'valued',
			value: 2 / 3
		});
		// h5p 2 + moodle 2 = 4, capped at 3
		expect(scoreItem(item('outils_quiz'), { outils_quiz: ['h5p', 'moodle'] })).toEqual({
			status: 'valued',
			value: 1
		});
		expect(scoreItem(item('outils_quiz'), { outils_quiz: [] }).status).toBe('unanswered');
	});

	test('a reverse boolean counts "yes" as the lowest', () => {
		expect(scoreItem(item('difficulte_quiz'), { difficulte_quiz: true })).toEqual({
			status: 'valued',
			value: 0
		});
		expect(scoreItem(item('difficulte_quiz'), { difficulte_quiz: false })).toEqual({
			status: 'valued',
			value: 1
		});
	});

	test('each matrix row is an item of its own', () => {
		const answers = { suivi: { relance: 2, planning: 1 } };
		expect(scoreItem(item('suivi.relance'), answers)).toEqual({ status: 'valued', value: 1 });
		expect(scoreItem(item('suivi.planning'), answers)).toEqual({ status: 'valued', value: 0.5 });
	});
});

describe('levels and rounding', () => {
	test('the level is the highest whose threshold is reached', () => {
		expect(levelOf(model.levels, 0)).toBe('debutant');
		expect(levelOf(model.levels, 49.9)).toBe('debutant');
		expect(levelOf(model.levels, 50)).toBe('confirme');
		expect(levelOf(model.levels, 100)).toBe('expert');
	});

	test('scores are rounded to one decimal', () => {
		expect(roundScore(77.0833)).toBe(77.1);
		expect(roundScore(84.72)).toBe(84.7);
		expect(roundScore(0.05)).toBe(0.1);
	});
});

describe('a full answer set', () => {
	const answers = {
		classe_virtuelle: 'souvent',
		aisance_quiz: 4,
		outils_quiz: ['h5p', 'papier'],
		difficulte_quiz: false,
		suivi: { relance: 2, planning: 1 },
		remarque: 'un commentaire ne compte pas'
	};

	test('competence, area and overall scores follow the documented rules', () => {
		const result = scoreAnswers(model, answers);
		const c = Object.fromEntries(result.competences.map((x) => [x.id, x]));
		// A.1: souvent = 1 → 100
		expect(c['A.1']).toMatchObject({ score: 100, level: 'expert', items: 1, valued: 1 });
		// A.2: (0.75×1 + 2/3×2 + 1×1) / 4 = 0.7708 → 77.1
		expect(c['A.2']).toMatchObject({ score: 77.1, level: 'confirme', items: 3, valued: 3 });
		// B.1: (1×1 + 0.5×2) / 3 = 0.6667 → 66.7
		expect(c['B.1']).toMatchObject({ score: 66.7, level: 'confirme', items: 2, valued: 2 });
		const a = Object.fromEntries(result.areas.map((x) => [x.id, x]));
		// A: (100×1 + 77.083×2) / 3 = 84.72 (competence A.2 weighs 2)
		expect(a.A).toMatchObject({ score: 84.7, level: 'expert', scoredCompetences: 2 });
		expect(a.B).toMatchObject({ score: 66.7, level: 'confirme' });
		// overall: (84.722 + 66.667) / 2 = 75.69
		expect(result.overall).toMatchObject({ score: 75.7, level: 'confirme', items: 6, valued: 6 });
	});

	test('"not applicable" leaves the denominators and shows in coverage', () => {
		const result = scoreAnswers(model, { ...answers, classe_virtuelle: 'na' });
		const a1 = result.competences.find((x) => x.id === 'A.1')!;
		expect(a1).toMatchObject({ score: null, level: null, notApplicable: 1, coverage: 0 });
		// Area A keeps a score from A.2 alone: 1 of 2 competences reaches minCoverage 0.5.
		expect(result.areas.find((x) => x.id === 'A')).toMatchObject({
			score: 77.1,
			scoredCompetences: 1,
			coverage: 0.5
		});
	});

	test('too little coverage gives insufficient data instead of a level', () => {
		const result = scoreAnswers(model, { aisance_quiz: 5 });
		// A.2 has 1 of 3 items answered: below minCoverage 0.5.
		expect(result.competences.find((x) => x.id === 'A.2')).toMatchObject({
			score: null,
			level: null,
			answered: 1,
			coverage: 1 / 3
		});
		expect(result.overall).toMatchObject({ score: null, level: null, scoredAreas: 0 });
	});
});
