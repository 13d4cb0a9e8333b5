/**
 * The distribution of levels per area as stacked horizontal bars, as plain data (unit-tested):
 * each unit's segments from the lowest level to the highest, in percent of its participants.
 * Levels differ by fill pattern as well as colour (the colours are the stylesheet's level tones,
 * checked by tests/unit/chart-contrast.test.ts), and light separators keep adjacent segments
 * apart. Drawn by LevelBarsChart.svelte as SVG. Pure.
 */

import { levelTone } from '../levels/level-tone';

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

/**
 * The tone (1 to LEVEL_TONES, a CSS class of LevelBarsChart.svelte) and pattern of the level at
 * `index` of a scale of `count` levels: the same tone as the level's badge (ADR 0027).
 */
export function levelStyle(index: number, count: number): { tone: number; pattern: LevelPattern } {
	return { tone: levelTone(index, count), pattern: LEVEL_PATTERNS[index % LEVEL_PATTERNS.length]! };
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
