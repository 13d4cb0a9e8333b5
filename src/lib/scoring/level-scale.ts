/**
 * The level scale of a package (levels.json), in one place: which level a score is at, how two
 * levels compare, the level above one and the gap between two. Every consumer — scoring,
 * priorities, campaign targets, the organisation × trainers reading, guided sessions — asks
 * here instead of re-deriving ranks from the list (ADR 0025). Levels are ordered from lowest to
 * highest, `min` strictly increasing from 0. Pure.
 */

type Levels<T> = readonly T[];

/** The level of a score: the highest level whose threshold is not above it. */
export function levelOf(levels: Levels<{ id: string; min: number }>, score: number): string {
	let level = levels[0]!.id;
	for (const l of levels) if (score >= l.min) level = l.id;
	return level;
}

/** Position of a level in the scale from 0 (lowest), or -1 when the scale has no such level. */
export function levelRank(levels: Levels<{ id: string }>, id: string | null | undefined): number {
	return id === null || id === undefined ? -1 : levels.findIndex((l) => l.id === id);
}

/** The highest level of the scale. */
export const topLevel = <T>(levels: Levels<T>): T => levels.at(-1)!;

/** The level just above `id`, or null at the top (or for an unknown level). */
export function nextLevel<T extends { id: string }>(levels: Levels<T>, id: string): T | null {
	const rank = levelRank(levels, id);
	return rank === -1 ? null : (levels[rank + 1] ?? null);
}

/** Whether level `id` is below level `target` (both known levels of the scale). */
export function isBelow(levels: Levels<{ id: string }>, id: string, target: string): boolean {
	return levelRank(levels, id) < levelRank(levels, target);
}

/** Whether level `id` is `target` or above. */
export const isAtLeast = (levels: Levels<{ id: string }>, id: string, target: string): boolean =>
	!isBelow(levels, id, target);

/** `to` minus `from`, in levels of the scale (null when either is missing or unknown). */
export function levelGap(
	levels: Levels<{ id: string }>,
	from: string | null,
	to: string | null
): number | null {
	const [a, b] = [levelRank(levels, from), levelRank(levels, to)];
	return a < 0 || b < 0 ? null : b - a;
}

/** The lowest score of a level. */
export function levelThreshold(levels: Levels<{ id: string; min: number }>, id: string): number {
	return levels[levelRank(levels, id)]!.min;
}

/** Where a score sits within its level's band: its lower, middle or upper third. */
export type BandPosition = 'low' | 'middle' | 'high';

/** A score placed on the scale: its level, the band of that level and the third it is in. */
export interface ScalePlace {
	level: string;
	/** Lowest score of the level. */
	from: number;
	/** Lowest score of the next level, or 100 at the top. */
	to: number;
	position: BandPosition;
	/** The level above, or null at the top. */
	next: string | null;
}

/**
 * Places a 0–100 score on the scale (ADR 0029): a score is read as a position among the levels'
 * bands, never as a mark out of 100. Figures are compared in thousandths, so that 40.0 in a band
 * from 30 to 60 is the start of its middle third, whatever floating point makes of 40 − 30.
 */
export function placeOnScale(
	levels: Levels<{ id: string; min: number }>,
	score: number
): ScalePlace {
	const level = levelOf(levels, score);
	const rank = levelRank(levels, level);
	const next = levels[rank + 1] ?? null;
	const from = levels[rank]!.min;
	const to = next ? next.min : 100;
	const milli = (x: number) => Math.round(x * 1000);
	const into = 3 * (milli(score) - milli(from));
	const width = milli(to) - milli(from);
	const position: BandPosition = into < width ? 'low' : into < 2 * width ? 'middle' : 'high';
	return { level, from, to, position, next: next ? next.id : null };
}
