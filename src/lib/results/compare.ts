/** Changes between two results of the same diagnostic (a retake). Pure. */
import type { ScoreResult } from '../scoring/types';
import { scoreChange } from '../scoring/exact';

export interface Change {
	id: string;
	before: number | null;
	now: number | null;
	/** now − before, one decimal; null when either is missing. */
	delta: number | null;
}

const delta = (before: number | null, now: number | null) =>
	before === null || now === null ? null : scoreChange(before, now);

/** Per-area and overall changes from `before` to `now`. */
export function compareResults(
	before: ScoreResult,
	now: ScoreResult
): { areas: Change[]; overall: Change } {
	const previous = new Map(before.areas.map((a) => [a.id, a.score]));
	return {
		areas: now.areas.map((a) => {
			const b = previous.get(a.id) ?? null;
			return { id: a.id, before: b, now: a.score, delta: delta(b, a.score) };
		}),
		overall: {
			id: 'overall',
			before: before.overall.score,
			now: now.overall.score,
			delta: delta(before.overall.score, now.overall.score)
		}
	};
}
