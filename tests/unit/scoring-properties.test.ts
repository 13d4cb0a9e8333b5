import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { scoreAnswers, scoreItem } from '$lib/scoring/score';
import type { Answers, ModelItem } from '$lib/scoring/types';
import { arbitraryAnswers } from '../helpers/answers';
import { SCORED_PACKAGES, loadById } from '../helpers/packages';

/** Sets one item's answer (a matrix row or a whole question). */
function withAnswer(answers: Answers, item: ModelItem, key: string): Answers {
	const next = structuredClone(answers);
	if (item.row !== undefined) {
		next[item.question] = { ...((next[item.question] as object) ?? {}), [item.row]: key };
	} else next[item.question] = key;
	return next;
}

describe.each(SCORED_PACKAGES)('scoring properties of %s', async (id) => {
	const { model } = await loadById(id);
	const answers = arbitraryAnswers(model);
	const levelIds = model.levels.map((l) => l.id);

	test('every score stays within 0–100 and every level exists', () => {
		fc.assert(
			fc.property(answers, (a) => {
				const r = scoreAnswers(model, a);
				for (const s of [r.overall, ...r.areas, ...r.competences]) {
					if (s.score === null) expect(s.level).toBeNull();
					else {
						expect(s.score).toBeGreaterThanOrEqual(0);
						expect(s.score).toBeLessThanOrEqual(100);
						expect(levelIds).toContain(s.level);
					}
					expect(s.valued).toBeLessThanOrEqual(s.answered);
					expect(s.answered).toBeLessThanOrEqual(s.items);
				}
			}),
			{ numRuns: 200 }
		);
	});

	const singles = model.items.filter((i) => i.kind === 'single');
	test('raising one answer never lowers its competence, area or overall score', () => {
		fc.assert(
			fc.property(answers, fc.constantFrom(...singles), fc.nat(), fc.nat(), (a, item, i, j) => {
				const keys = Object.keys(item.points);
				const [k1, k2] = [keys[i % keys.length]!, keys[j % keys.length]!];
				const value = (k: string) => {
					const o = scoreItem(item, withAnswer({}, item, k));
					return o.status === 'valued' ? o.value : 0;
				};
				const [low, high] = value(k1) <= value(k2) ? [k1, k2] : [k2, k1];
				const before = scoreAnswers(model, withAnswer(a, item, low));
				const after = scoreAnswers(model, withAnswer(a, item, high));
				const pick = (r: typeof before) => [
					r.competences.find((c) => c.id === item.competence)!.score,
					r.areas.find(
						(x) =>
							x.competences > 0 &&
							model.areas
								.find((m) => m.id === x.id)!
								.competences.some((c) => c.id === item.competence)
					)!.score,
					r.overall.score
				];
				pick(before).forEach((b, k) => {
					const after_k = pick(after)[k];
					if (b !== null && after_k !== null) expect(after_k).toBeGreaterThanOrEqual(b);
				});
			}),
			{ numRuns: 300 }
		);
	});

	test('the order of answers does not matter', () => {
		fc.assert(
			fc.property(answers, fc.nat(), (a, seed) => {
				const entries = Object.entries(a);
				const shuffled = Object.fromEntries(
					entries
						.map((e, i) => [e, (i * 7919 + seed) % (entries.length + 1)] as const)
						.sort((x, y) => x[1] - y[1])
						.map(([e]) => [e[0], Array.isArray(e[1]) ? [...e[1]].reverse() : e[1]])
				);
				expect(scoreAnswers(model, shuffled)).toEqual(scoreAnswers(model, a));
			}),
			{ numRuns: 200 }
		);
	});
});
