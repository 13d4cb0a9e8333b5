import { beforeAll, describe, expect, test } from 'vitest';
import { scoreAnswers } from '$lib/scoring/score';
import { extremeAreas, strengthsAndPriorities } from '$lib/results/insights';
import { filterRecommendations, NO_FILTER, recommend } from '$lib/results/recommend';
import { compareResults } from '$lib/results/compare';
import { choiceValue, surveyElements } from '$lib/diagnostic/survey-json';
import type { QuestionnairePackage } from '$lib/diagnostic/types';
import type { ScoringModel } from '$lib/scoring/types';
import { loadById } from '../helpers/packages';

let mini: { pkg: QuestionnairePackage; model: ScoringModel };
let eform: { pkg: QuestionnairePackage; model: ScoringModel };
beforeAll(async () => {
	mini = await loadById('exemple-mini');
	eform = await loadById('e-formateur');
});

const miniAnswers = {
	classe_virtuelle: 'parfois', // A.1 = 50 → confirme
	aisance_quiz: 1, // A.2: 0
	outils_quiz: ['papier'], // 0
	difficulte_quiz: true, // reverse: 0 → A.2 = 0 → debutant
	suivi: { relance: 2, planning: 2 } // B.1 = 100 → expert
};

describe('recommendations', () => {
	test('rules fire for the competence levels, most urgent competence first', () => {
		const recs = recommend(mini.pkg, scoreAnswers(mini.model, miniAnswers));
		// A.2 (score 0, weight 2) before A.1 (score 50, weight 1); B.1 is expert: no rule.
		expect(recs.map((r) => [r.competenceId, r.level, r.resources.map((x) => x.id)])).toEqual([
			['A.2', 'debutant', ['h5p']],
			['A.1', 'confirme', ['digcompedu']]
		]);
		expect(recs[0]!.urgency).toBe(2);
		expect(recs[1]!.urgency).toBe(0.5);
	});

	test('filters: free only, format, maximum duration (unknown durations never pass)', () => {
		const recs = recommend(mini.pkg, scoreAnswers(mini.model, miniAnswers));
		expect(filterRecommendations(recs, NO_FILTER)).toEqual(recs);
		expect(
			filterRecommendations(recs, { ...NO_FILTER, format: 'tool' }).map((r) => r.competenceId)
		).toEqual(['A.2']);
		expect(filterRecommendations(recs, { ...NO_FILTER, freeOnly: true })).toHaveLength(2);
		expect(filterRecommendations(recs, { ...NO_FILTER, maxMinutes: 600 })).toEqual([]);
	});

	test('every bundled competence below the top level gets at least one resource', () => {
		for (const { pkg, model } of [eform]) {
			const first = Object.fromEntries(
				model.items.map((i) => [
					i.question,
					i.row ? { [i.row]: Object.keys(i.points)[0] } : Object.keys(i.points)[0]
				])
			);
			const recs = recommend(pkg, scoreAnswers(model, first));
			expect(recs.length).toBe(pkg.framework.areas.flatMap((a) => a.competences).length);
		}
	});
});

describe('strengths and priorities', () => {
	test('priorities come from gap × weight, with what the next level looks like', () => {
		const result = scoreAnswers(mini.model, miniAnswers);
		const { strengths, priorities } = strengthsAndPriorities(
			mini.pkg,
			mini.model,
			result,
			miniAnswers,
			'fr',
			2
		);
		expect(priorities.map((p) => p.id)).toEqual(['A.2', 'A.1']);
		expect(strengths.map((s) => s.id)).toEqual(['B.1']);
		const a1 = priorities[1]!;
		expect(a1.nextLevel?.id).toBe('expert');
		// The next answer up from "Parfois" is "Souvent", in the questionnaire's words.
		expect(a1.steps).toEqual([{ practice: "J'anime des classes virtuelles.", next: 'Souvent' }]);
	});

	test('next steps quote the e-formateur item statement one level up', () => {
		const answers = Object.fromEntries(eform.model.items.map((i) => [i.question, 'b1']));
		const firstItem = eform.model.items.find((i) => i.competence === '1.1')!;
		answers[firstItem.question] = 'a2';
		const result = scoreAnswers(eform.model, answers);
		const { priorities } = strengthsAndPriorities(eform.pkg, eform.model, result, answers, 'en', 1);
		expect(priorities[0]!.id).toBe('1.1');
		expect(priorities[0]!.nextLevel?.name).toBe('B1 – Integrator');
		const element = surveyElements(eform.pkg.survey).find(
			(e) => e.element.name === firstItem.question
		)!.element;
		const b1 = element.choices!.find((c) => choiceValue(c) === 'b1') as {
			text: Record<string, string>;
		};
		expect(priorities[0]!.steps).toEqual([{ practice: expect.any(String), next: b1.text.en }]);
	});

	test('strongest and weakest areas', () => {
		const levels = mini.pkg.levels.levels;
		// A: 16.7, B: 100.
		expect(extremeAreas(scoreAnswers(mini.model, miniAnswers), levels)).toEqual({
			strongest: { ids: ['B'], score: 100 },
			weakest: { ids: ['A'], score: 16.7 },
			even: false
		});
		expect(extremeAreas(scoreAnswers(mini.model, {}), levels)).toBeNull();
	});
});

describe('comparison of two attempts', () => {
	test('per-area and overall changes', () => {
		const before = scoreAnswers(mini.model, miniAnswers);
		const now = scoreAnswers(mini.model, { ...miniAnswers, classe_virtuelle: 'souvent' });
		const changes = compareResults(before, now);
		// A: (50 + 0×2)/3 = 16.7 → (100 + 0)/3 = 33.3
		expect(changes.areas).toEqual([
			{ id: 'A', before: 16.7, now: 33.3, delta: 16.6 },
			{ id: 'B', before: 100, now: 100, delta: 0 }
		]);
		// Overall 58.3 → 66.7: deltas use the rounded scores people see, so they add up on screen.
		expect(changes.overall).toEqual({ id: 'overall', before: 58.3, now: 66.7, delta: 8.4 });
	});
});
