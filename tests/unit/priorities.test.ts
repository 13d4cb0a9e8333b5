import { beforeAll, describe, expect, test } from 'vitest';
import { belowTarget, collectivePriorities } from '$lib/campaigns/priorities';
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
		expect(belowTarget(pkg, { A: 'expert' }, results)).toEqual([
			{ id: 'A', target: 'expert', n: 4, below: 2, share: 0.5 }
		]);
		expect(belowTarget(pkg, { A: 'confirme' }, results)).toEqual([
			{ id: 'A', target: 'confirme', n: 4, below: 1, share: 0.25 }
		]);
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

	test('without a target the top level is the goal', () => {
		const [first] = collectivePriorities(pkg, {}, results);
		// Target expert (80) too, since it is the top level of the scale.
		expect(first).toMatchObject({ competenceId: 'A.1', target: 'expert' });
	});
});
