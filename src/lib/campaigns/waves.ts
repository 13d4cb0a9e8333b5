/** Comparison of two waves of a campaign (T0 → T1). Pure. */
import type { CampaignAggregate, UnitAggregate } from './aggregate';
import { scoreChange } from '../scoring/exact';

export interface WaveChange {
	id: string;
	/** Mean of the earlier wave, or null when suppressed (below k) or without data. */
	before: number | null;
	after: number | null;
	/** after − before, one decimal; null when either is missing. */
	change: number | null;
}

const meanOf = (u: UnitAggregate | undefined) => (u && !u.suppressed ? u.mean : null);

/** Per-area and overall change of the mean between two waves' aggregates. */
export function compareWaves(
	before: CampaignAggregate,
	after: CampaignAggregate
): { areas: WaveChange[]; overall: WaveChange } {
	const change = (id: string, b: number | null, a: number | null): WaveChange => ({
		id,
		before: b,
		after: a,
		change: b === null || a === null ? null : scoreChange(b, a)
	});
	return {
		areas: after.areas.map((a) =>
			change(a.id, meanOf(before.areas.find((b) => b.id === a.id)), meanOf(a))
		),
		overall: change('overall', meanOf(before.overall), meanOf(after.overall))
	};
}
