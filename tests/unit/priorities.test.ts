import { beforeAll, describe, expect, test } from 'vitest';
import {
	belowTarget,
	collectivePriorities,
	competenceTarget,
	defaultTarget,
	parseTargetProfile
} from '$lib/campaigns/priorities';
import { sharesMissing } from '$lib/campaigns/aggregate';
import { scoreAnswers } from '$lib/scoring/score';
import type { QuestionnairePackage } from '$lib/diagnostic/types';
import type { ScoreResult, ScoringModel } from '$lib/scoring/types';
import { loadById } from '../helpers/packages';

let pkg: QuestionnairePackage;
let model: ScoringModel;
let results: ScoreResult[];
beforeAll(async () => {
	({ pkg, model } = await loadById('exemple-mini'));
	// A.1: 0, 50, 100, 100 (jamais, parfois, souvent, souvent); B.1 always 100; A.2 unanswered.
	results = ['jamais', 'parfois', 'souvent', 'souvent'].map((v) =>
		scoreAnswers(model, { classe_virtuelle: v, suivi: { relance: 2, planning: 2 } })
	);
});

describe('target profile', () => {
	test('share of participants below the level required for an area', () => {
		// Area A follows A.1 alone: levels debutant, confirme, expert, expert; target expert.
		expect(belowTarget(pkg, { A: 'expert' }, results).areas).toEqual([
			{ id: 'A', areaId: 'A', target: 'expert', inherited: false, n: 4, below: 2, share: 0.5 }
		]);
		expect(belowTarget(pkg, { A: 'confirme' }, results).areas).toEqual([
			{ id: 'A', areaId: 'A', target: 'confirme', inherited: false, n: 4, below: 1, share: 0.25 }
		]);
	});

	test('competences inherit their area’s target unless they have their own', () => {
		const { areas, competences } = belowTarget(
			pkg,
			{ A: 'expert', 'A.1': 'confirme', 'B.1': 'expert' },
			results
		);
		expect(areas.map((a) => a.id)).toEqual(['A']);
		expect(competences).toEqual([
			// A.1: debutant, confirme, expert, expert; its own target confirme.
			{ id: 'A.1', areaId: 'A', target: 'confirme', inherited: false, n: 4, below: 1, share: 0.25 },
			// A.2: nobody answered, so nobody has a level.
			{ id: 'A.2', areaId: 'A', target: 'expert', inherited: true, n: 0, below: 0, share: 0 },
			// B.1: everyone expert; area B has no target, the competence has.
			{ id: 'B.1', areaId: 'B', target: 'expert', inherited: false, n: 4, below: 0, share: 0 }
		]);
	});

	test('profiles stored with area ids only keep working', () => {
		expect(competenceTarget({ A: 'expert' }, 'A', 'A.1')).toEqual({
			target: 'expert',
			inherited: true
		});
		expect(competenceTarget({ A: 'expert', 'A.1': 'debutant' }, 'A', 'A.1')).toEqual({
			target: 'debutant',
			inherited: false
		});
		expect(competenceTarget({ A: 'expert' }, 'B', 'B.1')).toBeNull();
		expect(belowTarget(pkg, {}, results)).toEqual({ areas: [], competences: [] });
	});

	test('a form’s profile is checked against the package', () => {
		expect(
			parseTargetProfile(pkg, [
				['A', 'expert'],
				['A.1', ''],
				['A.2', 'confirme']
			])
		).toEqual({ profile: { A: 'expert', 'A.2': 'confirme' }, invalid: [] });
		expect(
			parseTargetProfile(pkg, [
				['Z', 'expert'],
				['B.1', 'maitre'],
				['B', '']
			])
		).toEqual({ profile: {}, invalid: ['Z', 'B.1'] });
	});
});

describe('collective priorities', () => {
	test('ranked by gap × share × weight, with resources at the most common level below target', () => {
		const priorities = collectivePriorities(pkg, { A: 'expert' }, results);
		// A.1: mean 62.5, target expert (80): gap 0.175, share 2/4, weight 1 → 0.0875.
		// B.1: everyone expert (top level) → no priority.
		expect(priorities).toHaveLength(1);
		expect(priorities[0]).toMatchObject({
			competenceId: 'A.1',
			target: 'expert',
			mean: 62.5,
			share: 0.5,
			commonLevel: 'debutant'
		});
		expect(priorities[0]!.gap).toBeCloseTo(0.175);
		expect(priorities[0]!.priority).toBeCloseTo(0.0875);
		expect(priorities[0]!.resources.map((r) => r.id)).toEqual(['digcompedu']);
	});

	test('without a target, the level above the group’s median level is the goal (ADR 0029)', () => {
		const [first] = collectivePriorities(pkg, {}, results);
		// A.1: 0, 50, 100, 100 → median 75, « confirme »; the level above is « expert ».
		expect(first).toMatchObject({
			competenceId: 'A.1',
			target: 'expert',
			targetFrom: 'median',
			medianLevel: 'confirme',
			n: 4,
			below: 2
		});
		expect(collectivePriorities(pkg, { A: 'expert' }, results)[0]!.targetFrom).toBe('profile');
	});

	test('e-formateur without a profile: the group’s next step, not « 100 % sous C2 »', async () => {
		const eform = await loadById('e-formateur');
		// Five trainers answering A2 everywhere but one answering B1: median A2, target B1.
		const group = ['a2', 'a2', 'a2', 'a2', 'b1'].map((v) =>
			scoreAnswers(eform.model, Object.fromEntries(eform.model.items.map((i) => [i.question, v])))
		);
		const priorities = collectivePriorities(eform.pkg, {}, group, 30, 5);
		expect(priorities.length).toBeGreaterThan(0);
		for (const p of priorities) {
			expect(p).toMatchObject({ target: 'B1', targetFrom: 'median', medianLevel: 'A2' });
			expect(p.share).toBe(0.8);
		}
		// Nobody is below C2 in the default reading of a group at A2: the top is never the target.
		expect(priorities.some((p) => p.target === 'C2')).toBe(false);
	});

	test('defaultTarget: the level above the median level, the top when the median is there', () => {
		const levels = pkg.levels.levels; // debutant 0, confirme 50, expert 80
		expect(defaultTarget(levels, [0, 10, 60])).toEqual({
			target: 'confirme',
			medianLevel: 'debutant'
		});
		expect(defaultTarget(levels, [60, 10, 55])).toEqual({
			target: 'expert',
			medianLevel: 'confirme'
		});
		expect(defaultTarget(levels, [90, 100, 20])).toEqual({
			target: 'expert',
			medianLevel: 'expert'
		});
		// An even count: the median is halfway (45 → debutant).
		expect(defaultTarget(levels, [40, 50])).toEqual({
			target: 'confirme',
			medianLevel: 'debutant'
		});
	});

	test('a competence’s own target replaces its area’s', () => {
		// A.1 aims at confirme (50): one below (debutant), mean 62.5 above the threshold → gap 0.
		const [own] = collectivePriorities(pkg, { A: 'expert', 'A.1': 'confirme' }, results);
		expect(own).toMatchObject({ competenceId: 'A.1', target: 'confirme', share: 0.25, gap: 0 });
		// A.1 aims at expert although its area aims lower.
		const [higher] = collectivePriorities(pkg, { A: 'debutant', 'A.1': 'expert' }, results);
		expect(higher).toMatchObject({ competenceId: 'A.1', target: 'expert', share: 0.5 });
		// Inheriting debutant, nobody is below it.
		expect(collectivePriorities(pkg, { A: 'debutant' }, results)).toEqual([]);
	});

	test('no priority for a competence fewer than k participants have a score for', () => {
		// A.1 has 4 scores: shown with k = 4, left out with k = 5.
		expect(collectivePriorities(pkg, { A: 'expert' }, results, 5, 4)).toHaveLength(1);
		expect(collectivePriorities(pkg, { A: 'expert' }, results, 5, 5)).toEqual([]);
	});
});

describe('a pilot below k', () => {
	test('is told how many more shared results each diagnostic needs', () => {
		expect(sharesMissing({ participants: 3, k: 5 })).toBe(2);
		expect(sharesMissing({ participants: 0, k: 3 })).toBe(3);
		expect(sharesMissing({ participants: 5, k: 5 })).toBe(0);
		expect(sharesMissing({ participants: 9, k: 5 })).toBe(0);
	});
});
