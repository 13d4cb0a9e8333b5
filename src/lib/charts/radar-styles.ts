/**
 * How the series of a radar differ, other than by colour: line pattern, width, marker and
 * whether the area is tinted. The colours are the component's CSS (`--radar-series-N`, with the
 * fallbacks tests/unit/chart-contrast.test.ts checks), so a theme can change them.
 */
import type { MarkerShape } from './radar-geometry';

export interface SeriesStyle {
	/** SVG stroke-dasharray, null for a solid line. */
	dash: string | null;
	width: number;
	marker: MarkerShape;
	/** Only the main series is tinted: the others stay readable over it. */
	filled: boolean;
}

/** Style 1 to 4, in this order; a chart uses them by position unless a series names one. */
export const SERIES_STYLES: readonly SeriesStyle[] = [
	{ dash: null, width: 3, marker: 'circle', filled: true },
	{ dash: '8 4', width: 2.5, marker: 'diamond', filled: false },
	{ dash: '2 3', width: 2.5, marker: 'square', filled: false },
	{ dash: '10 3 2 3', width: 2.5, marker: 'triangle', filled: false }
];

export type SeriesStyleNumber = 1 | 2 | 3 | 4;

/** One line of a radar: its name (legend), one 0–100 value per axis (null: none), its style. */
export interface RadarSeries {
	name: string;
	values: (number | null)[];
	style?: SeriesStyleNumber;
}

/** A range shaded per axis, e.g. a group's middle half (first to third quartile). */
export interface RadarBand {
	name: string;
	low: (number | null)[];
	high: (number | null)[];
}

/** The style number of each series: its own, else its position. */
export const styleNumbers = (series: RadarSeries[]): SeriesStyleNumber[] =>
	series.map((s, i) => s.style ?? (((i % SERIES_STYLES.length) + 1) as SeriesStyleNumber));
