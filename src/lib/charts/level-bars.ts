/**
 * The distribution of levels per area as stacked horizontal bars, as plain data (unit-tested):
 * each unit's segments from the lowest level to the highest, in percent of its participants.
 * Levels differ by fill pattern as well as colour, and light separators keep adjacent segments
 * apart. Drawn by LevelBarsChart.svelte as SVG. Pure.
 */

/** Colours from the lowest level to the highest, each ≥ 3:1 against white (unit test). */
export const LEVEL_PALETTE = [
	'#b42318',
	'#a15c00',
	'#5c6b00',
	'#1e7a3a',
	'#00695c',
	'#1d4f91',
	'#4b2e83'
] as const;

/** Fill pattern per level, drawn over its colour, so that levels are not told apart by colour alone. */
export const LEVEL_PATTERNS = [
	'none',
	'diagonal',
	'dots',
	'horizontal',
	'cross',
	'vertical',
	'grid'
] as const;
export type LevelPattern = (typeof LEVEL_PATTERNS)[number];

/** Colour of the pattern lines and dots, drawn over each level's colour (≥ 3:1 on it, unit test). */
export const LEVEL_PATTERN_INK = 'rgba(255, 255, 255, 0.85)';

/**
 * Separator around every segment: the chart background's white, ≥ 3:1 against every level
 * colour (unit test), so that two adjacent segments stay apart even when their colours are
 * close (a dark separator was not: 2.5:1 against the darkest levels).
 */
export const LEVEL_BORDER = '#ffffff';

/** Side of a pattern's tile, in CSS pixels. */
export const PATTERN_TILE = 10;

/** What each pattern draws in its tile, as SVG path data (stroked; dots are filled). */
export const PATTERN_PATHS: Record<Exclude<LevelPattern, 'none'>, string> = {
	diagonal: 'M0 10L10 0M-5 5L5 -5M5 15L15 5',
	cross: 'M0 10L10 0M-5 5L5 -5M5 15L15 5M0 0L10 10M-5 5L5 15M5 -5L15 5',
	horizontal: 'M0 5L10 5',
	vertical: 'M5 0L5 10',
	grid: 'M0 5L10 5M5 0L5 10',
	dots: 'M3 5A2 2 0 1 0 7 5A2 2 0 1 0 3 5Z'
};

export interface LevelBarsUnit {
	/** Unit name, already followed by the suppression message when suppressed. */
	label: string;
	/** Share (0–1) of the unit's participants per level, in the scale's order; null below k. */
	shares: number[] | null;
}

/** Colour (its place in the palette) and pattern of the level at `index` of a scale of `count` levels. */
export function levelStyle(
	index: number,
	count: number
): { colour: string; palette: number; pattern: LevelPattern } {
	// Spread the levels over the whole palette, from its first colour to its last.
	const at = count <= 1 ? 0 : Math.round((index * (LEVEL_PALETTE.length - 1)) / (count - 1));
	return {
		colour: LEVEL_PALETTE[at]!,
		palette: at + 1,
		pattern: LEVEL_PATTERNS[index % LEVEL_PATTERNS.length]!
	};
}

/** A unit's shares as percentages of one decimal, as the table rounds them. */
export const percentages = (shares: number[]): number[] =>
	shares.map((s) => Math.round(s * 1000) / 10);

/**
 * The segments of one bar: where each level starts and how wide it is, in percent of the bar,
 * levels with nobody left out.
 */
export function barSegments(shares: number[]): { level: number; start: number; width: number }[] {
	let start = 0;
	const segments: { level: number; start: number; width: number }[] = [];
	shares.forEach((share, level) => {
		const width = Math.max(0, share) * 100;
		if (width > 0) segments.push({ level, start: round(start), width: round(width) });
		start += width;
	});
	return segments;
}

const round = (v: number) => Math.round(v * 1000) / 1000;
