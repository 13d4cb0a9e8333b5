/**
 * Aggregates of shared results for a campaign dashboard. Pure. Every aggregate over fewer than
 * `k` participants is suppressed (no figure at all), so that no individual result can be read
 * off a small group.
 */
import type { ScoreResult, ScoringModel } from '../scoring/types';
import { meanScore, quantileScore } from '../scoring/exact';

export interface Spread {
	/** Participants with a score for this unit. */
	n: number;
	mean: number;
	min: number;
	q1: number;
	median: number;
	q3: number;
	max: number;
	/** Participants per level id. */
	levels: Record<string, number>;
}

/** A unit (area, competence, overall) with its figures, or suppressed below k. */
export type UnitAggregate = { id: string; n: number } & (
	{ suppressed: true } | ({ suppressed: false } & Spread)
);

export interface CampaignAggregate {
	/** Shared results counted. */
	participants: number;
	k: number;
	suppressed: boolean;
	overall: UnitAggregate;
	areas: UnitAggregate[];
	competences: UnitAggregate[];
}

function unit(
	id: string,
	scores: { score: number | null; level: string | null }[],
	k: number
): UnitAggregate {
	const scored = scores.filter((s) => s.score !== null);
	if (scored.length < k) return { id, n: scored.length, suppressed: true };
	const values = scored.map((s) => s.score!).sort((a, b) => a - b);
	const levels: Record<string, number> = {};
	for (const s of scored) levels[s.level!] = (levels[s.level!] ?? 0) + 1;
	return {
		id,
		n: values.length,
		suppressed: false,
		// Computed exactly and rounded half up, as every score (ADR 0025).
		mean: meanScore(values),
		min: values[0]!,
		q1: quantileScore(values, 0.25),
		median: quantileScore(values, 0.5),
		q3: quantileScore(values, 0.75),
		max: values.at(-1)!,
		levels
	};
}

/**
 * Aggregates results of one diagnostic: overall, per area and per competence, each with mean,
 * spread and level distribution, or suppressed where fewer than `k` participants have a score.
 */
export function aggregateResults(
	model: ScoringModel,
	results: ScoreResult[],
	k: number
): CampaignAggregate {
	const suppressed = results.length < k;
	const pick = <T extends { id: string; score: number | null; level: string | null }>(
		list: T[],
		id: string
	) => list.find((x) => x.id === id) ?? { score: null, level: null };
	return {
		participants: results.length,
		k,
		suppressed,
		overall: unit('overall', suppressed ? [] : results.map((r) => r.overall), k),
		areas: model.areas.map((a) =>
			unit(a.id, suppressed ? [] : results.map((r) => pick(r.areas, a.id)), k)
		),
		competences: model.areas
			.flatMap((a) => a.competences)
			.map((c) => unit(c.id, suppressed ? [] : results.map((r) => pick(r.competences, c.id)), k))
	};
}

/** Participants per level of a unit, in the scale's order, with their share of the unit's n. */
export function levelDistribution(
	spread: Pick<Spread, 'n' | 'levels'>,
	levelIds: string[]
): { id: string; count: number; share: number }[] {
	return levelIds.map((id) => {
		const count = spread.levels[id] ?? 0;
		return { id, count, share: spread.n > 0 ? count / spread.n : 0 };
	});
}

/**
 * How many more shared results a diagnostic needs before its aggregates are shown (0 once it
 * has k): what a pilot below k is told (« encore 2 résultats partagés… »).
 */
export const sharesMissing = (aggregate: Pick<CampaignAggregate, 'participants' | 'k'>): number =>
	Math.max(0, aggregate.k - aggregate.participants);
