import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import {
	CODE_ALPHABET,
	CODE_LENGTH,
	codeFromBytes,
	displayCode,
	normalizeCode
} from '$lib/campaigns/code';
import { aggregateResults } from '$lib/campaigns/aggregate';
import { meanScore, quantileScore, scoreChange } from '$lib/scoring/exact';
import { scoreAnswers } from '$lib/scoring/score';
import type { ScoringModel } from '$lib/scoring/types';
import { loadById } from '../helpers/packages';

describe('participant codes', () => {
	test('codes use only unambiguous characters and read back whatever the typing', () => {
		for (const confusable of '0O1IL5S2Z8B') expect(CODE_ALPHABET).not.toContain(confusable);
		const code = codeFromBytes(new Uint8Array(Array.from({ length: 16 }, (_, i) => i * 13)))!;
		expect(code).toHaveLength(CODE_LENGTH);
		expect(normalizeCode(displayCode(code).toLowerCase())).toBe(code);
		expect(normalizeCode(` ${code.slice(0, 4)} ${code.slice(4)} `)).toBe(code);
		expect(normalizeCode('ABCD-EFG0')).toBeNull();
		expect(normalizeCode('ACD')).toBeNull();
	});

	test('bytes beyond the last full cycle are skipped, so every character is equally likely', () => {
		fc.assert(
			fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (bytes) => {
				const code = codeFromBytes(bytes);
				if (code !== null) expect([...code].every((c) => CODE_ALPHABET.includes(c))).toBe(true);
			})
		);
		expect(codeFromBytes(new Uint8Array(16).fill(255))).toBeNull();
	});
});

describe('campaign aggregates', () => {
	let model: ScoringModel;
	beforeAll(async () => {
		model = (await loadById('exemple-mini')).model;
	});
	// A.1 from classe_virtuelle: jamais 0, parfois 50, souvent 100.
	const withA1 = (value: string) =>
		scoreAnswers(model, { classe_virtuelle: value, suivi: { relance: 2, planning: 2 } });

	test('quantiles interpolate between sorted values, exactly, rounded half up', () => {
		expect(quantileScore([0, 50, 100, 100], 0.25)).toBe(37.5);
		expect(quantileScore([0, 50, 100, 100], 0.5)).toBe(75);
		expect(quantileScore([7], 0.75)).toBe(7);
		// The median of 8.1 and 8.2 is 8.15 exactly: 8.2, where floating point gave 8.149… → 8.1.
		expect(quantileScore([8.1, 8.2], 0.5)).toBe(8.2);
		expect(meanScore([8.1, 8.2])).toBe(8.2);
		expect(scoreChange(56.2, 56.3)).toBe(0.1);
	});

	test('mean, spread and level distribution per competence', () => {
		const results = ['jamais', 'parfois', 'souvent', 'souvent', 'parfois'].map(withA1);
		const aggregate = aggregateResults(model, results, 5);
		expect(aggregate.suppressed).toBe(false);
		// A.1 scores: 0, 50, 50, 100, 100 → mean 60, quartiles 50 / 50 / 100.
		expect(aggregate.competences.find((c) => c.id === 'A.1')).toEqual({
			id: 'A.1',
			n: 5,
			suppressed: false,
			mean: 60,
			min: 0,
			q1: 50,
			median: 50,
			q3: 100,
			max: 100,
			levels: { debutant: 1, confirme: 2, expert: 2 }
		});
		// A.2 has no answer anywhere: no figure, even with 5 participants.
		expect(aggregate.competences.find((c) => c.id === 'A.2')).toEqual({
			id: 'A.2',
			n: 0,
			suppressed: true
		});
	});

	test('fewer than k participants: every figure is suppressed', () => {
		const aggregate = aggregateResults(
			model,
			['parfois', 'souvent', 'souvent', 'jamais'].map(withA1),
			5
		);
		expect(aggregate.suppressed).toBe(true);
		expect(
			[aggregate.overall, ...aggregate.areas, ...aggregate.competences].every((u) => u.suppressed)
		).toBe(true);
		expect(JSON.stringify(aggregate)).not.toMatch(/"mean"/);
	});

	test('a unit answered "not applicable" by some falls below k on its own', () => {
		const results = ['parfois', 'souvent', 'souvent', 'jamais', 'na', 'na'].map(withA1);
		const aggregate = aggregateResults(model, results, 5);
		expect(aggregate.suppressed).toBe(false);
		expect(aggregate.competences.find((c) => c.id === 'A.1')).toEqual({
			id: 'A.1',
			n: 4,
			suppressed: true
		});
		expect(aggregate.competences.find((c) => c.id === 'B.1')).toMatchObject({ n: 6, mean: 100 });
	});
});
