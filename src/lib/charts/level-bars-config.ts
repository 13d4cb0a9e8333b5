/**
 * Chart.js configuration of the distribution of levels per area, as plain data (unit-tested): one
 * horizontal bar per unit, stacked from the lowest level to the highest, in percent of the unit's
 * participants. Levels differ by fill pattern as well as colour, and light separators keep
 * adjacent segments apart.
 */
import { LEVEL_COLOURS, levelTone } from '$lib/levels/level-tone';
import { wrapLabel } from './radar-config';

/**
 * Colours from the lowest level to the highest: the design tokens' level colours, so that a
 * level has the same colour in the bars as in its badge (ADR 0027); each ≥ 3:1 against white
 * (unit test).
 */
export const LEVEL_PALETTE = LEVEL_COLOURS;

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

export interface LevelBarsUnit {
	/** Unit name, already followed by the suppression message when suppressed. */
	label: string;
	/** Share (0–1) of the unit's participants per level, in the scale's order; null below k. */
	shares: number[] | null;
}

/** Colour and pattern of the level at `index` of a scale of `count` levels. */
export function levelStyle(
	index: number,
	count: number
): { colour: string; pattern: LevelPattern } {
	// The same tone as the level's badge: the scale spread from the first colour to the last.
	const at = levelTone(index, count) - 1;
	return { colour: LEVEL_PALETTE[at]!, pattern: LEVEL_PATTERNS[index % LEVEL_PATTERNS.length]! };
}

/**
 * A Chart.js stacked horizontal bar config: level names (lowest first), units, and how to write
 * a 0–100 tick as a percentage.
 */
export function levelBarsConfig(
	levels: string[],
	units: LevelBarsUnit[],
	percent: (value: number) => string
) {
	return {
		type: 'bar' as const,
		data: {
			labels: units.map((u) => wrapLabel(u.label, 28)),
			datasets: levels.map((name, i) => ({
				label: name,
				data: units.map((u) => (u.shares ? Math.round(u.shares[i]! * 1000) / 10 : null)),
				backgroundColor: levelStyle(i, levels.length).colour,
				borderColor: LEVEL_BORDER,
				borderWidth: 2,
				borderSkipped: false as const
			}))
		},
		options: {
			indexAxis: 'y' as const,
			responsive: true,
			maintainAspectRatio: false,
			animation: false as const,
			scales: {
				x: {
					stacked: true,
					min: 0,
					max: 100,
					ticks: { stepSize: 25, color: '#333333', callback: (v: number | string) => percent(+v) },
					grid: { color: '#767676' }
				},
				y: { stacked: true, ticks: { color: '#1b1f24' }, grid: { display: false } }
			},
			plugins: {
				legend: {
					display: true,
					position: 'bottom' as const,
					labels: { color: '#1b1f24', boxWidth: 24, boxHeight: 16 }
				}
			}
		}
	};
}
