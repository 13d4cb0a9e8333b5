/**
 * Rounding (issue [6] point 11, ADR 0025): every score is computed exactly and rounded once, to
 * one decimal, half up, and its level is that of the rounded score. An exact tie (x.x5) always
 * rounds up, whatever the order of the additions that led to it, and two units with the same
 * exact score in one result show the same figure. Checked against an independent exact
 * implementation of the documented rules (tests/helpers/reference-scoring.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { scoreAnswers } from '$lib/scoring/score';
import type { ModelItem, ScoringModel } from '$lib/scoring/types';
import { arbitraryAnswers } from '../helpers/answers';
import { SCORED_PACKAGES, loadById } from '../helpers/packages';
import { FIXTURES } from '../helpers/paths';
import {
	add,
	div,
	isTie,
	mul,
	q,
	referenceScores,
	roundTenth,
	sub,
	type Q
} from '../helpers/reference-scoring';

/**
 * A one-area model whose competences (one item each, integer weights) score `scores` (0–100,
 * exact), and the answers giving them; the second level starts at `threshold`.
 */
function modelScoring(scores: { score: Q; weight: number }[], threshold: number) {
	const items: ModelItem[] = scores.map(({ score }, i) => {
		// Value score/100 = a/b: points 0, a and b, answered a.
		const value = div(score, q(100n));
		const [a, b] = [Number(value.n), Number(value.d)];
		return {
			key: `q${i}`,
			question: `q${i}`,
			competence: `c${i}`,
			weight: 1,
			reverse: false,
			kind: 'single',
			points: { zero: 0, answer: a, top: b },
			notApplicable: [],
			min: 0,
			max: b
		};
	});
	const model: ScoringModel = {
		questionnaireId: 'egalites',
		version: '1.0.0',
		minCoverage: 0.5,
		levels: [
			{ id: 'bas', min: 0 },
			{ id: 'haut', min: threshold }
		],
		areas: [
			{ id: 'A', weight: 1, competences: scores.map((s, i) => ({ id: `c${i}`, weight: s.weight })) }
		],
		items
	};
	return { model, answers: Object.fromEntries(items.map((i) => [i.question, 'answer'])) };
}

describe('exact ties round half up', () => {
	test('a weighted mean landing exactly on x.x5 shows x.x + 0.1, with the level from that figure', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 999 }),
				fc.array(
					fc.record({
						weight: fc.integer({ min: 1, max: 4 }),
						b: fc.integer({ min: 1, max: 12 }),
						a: fc.nat()
					}),
					{ minLength: 0, maxLength: 4 }
				),
				fc.integer({ min: 1, max: 4 }),
				(m, others, lastWeight) => {
					// The tie (2m+1)/20: 0.05, 0.15 … 99.95.
					const tie = q(BigInt(2 * m + 1), 20n);
					const parts = others.map(({ weight, b, a }) => ({
						weight,
						score: q(BigInt(100 * (a % (b + 1))), BigInt(b))
					}));
					// The last competence's score makes the weighted mean exactly the tie.
					const weights = BigInt(parts.reduce((t, p) => t + p.weight, lastWeight));
					const rest = parts.reduce((t, p) => add(t, mul(p.score, q(BigInt(p.weight)))), q(0n));
					const last = div(sub(mul(tie, q(weights)), rest), q(BigInt(lastWeight)));
					fc.pre(last.n >= 0n && last.n <= 100n * last.d);
					const shown = (m + 1) / 10;
					const { model, answers } = modelScoring(
						[...parts, { score: last, weight: lastWeight }],
						shown
					);
					const result = scoreAnswers(model, answers);
					expect(result.areas[0]!.score).toBe(shown);
					expect(result.overall.score).toBe(shown);
					expect(result.areas[0]!.level).toBe('haut');
					expect(result.overall.level).toBe('haut');
				}
			),
			{ numRuns: 1000 }
		);
	});
});

describe.each(SCORED_PACKAGES)(
	'%s: every figure is the exact score rounded half up',
	async (id) => {
		const { model } = await loadById(id);

		test('competences, areas and overall match the independent exact computation', () => {
			fc.assert(
				fc.property(arbitraryAnswers(model), (answers) => {
					const result = scoreAnswers(model, answers);
					const exact = referenceScores(model, answers);
					for (const unit of [
						...result.competences,
						...result.areas,
						{ id: 'overall', ...result.overall }
					]) {
						const x = exact.get(unit.id)!;
						expect(unit.score, unit.id).toBe(x === null ? null : roundTenth(x));
					}
				}),
				{ numRuns: 300 }
			);
		});

		const golden = path.join(FIXTURES, 'scoring', id);
		const ties = readdirSync(golden).filter((name) => name.startsWith('egalite-'));
		test.each(ties)('golden fixture %s holds an exact tie, shown rounded up', (name) => {
			const answers = JSON.parse(readFileSync(path.join(golden, name, 'answers.json'), 'utf8'));
			const exact = referenceScores(model, answers).get('overall')!;
			expect(isTie(exact)).toBe(true);
			expect(scoreAnswers(model, answers).overall.score).toBe(roundTenth(exact));
		});
	}
);
