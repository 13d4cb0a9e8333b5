/**
 * WCAG contrast of everything the charts draw (A11Y-06; WCAG 1.4.3 and 1.4.11, RGAA 3.2 and
 * 3.3), computed from the values the app uses: the chart configurations as the code builds
 * them, the fill patterns of the level bars, and the chart background as the components' CSS
 * declares it (a custom property of src/app.css). Data strokes, areas and separators need
 * ≥ 3:1 against what they are drawn on, text ≥ 4.5:1.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { radarConfig, type RadarSeries } from '$lib/charts/radar-config';
import {
	LEVEL_PATTERN_INK,
	LEVEL_PATTERNS,
	levelBarsConfig,
	levelStyle
} from '$lib/charts/level-bars-config';
import { contrast, over, parseColour, rootProperties, ruleOf } from '../helpers/contrast';
import { ROOT } from '../helpers/paths';

const source = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const properties = rootProperties(source('src/app.css'));

/** The colour a component's chart box is painted with, resolved through app.css. */
function chartBackground(component: string, selector: string): string {
	const declared = ruleOf(source(component), selector).background;
	const name = /^var\((--[\w-]+)\)$/.exec(declared ?? '')?.[1];
	if (!name) throw new Error(`${selector} in ${component} has no background: var(--…)`);
	const value = properties[name];
	if (!value) throw new Error(`${name} is not defined in src/app.css`);
	return value;
}

const GRAPHICS = 3;
const TEXT = 4.5;
const ratio = (a: Parameters<typeof contrast>[0], b: Parameters<typeof contrast>[1]) =>
	Math.round(contrast(a, b) * 100) / 100;

describe('radar chart', () => {
	const background = chartBackground('src/lib/components/RadarChart.svelte', '.radar');
	// Every kind of series at once: a participant's now and before, a group's quartiles.
	const series: RadarSeries[] = (['now', 'before', 'q1', 'q3'] as const).map((kind) => ({
		label: kind,
		data: [10, 50, 90],
		kind
	}));
	const config = radarConfig(['A', 'B', 'C'], series);
	const datasets = config.data.datasets;
	const filled = datasets.filter((d) => d.fill);
	// What a line or a label may be drawn on: the background, or a filled area over it.
	const grounds = [
		{ name: 'background', colour: parseColour(background) },
		...filled.map((d) => ({ name: `${d.label} area`, colour: over(d.backgroundColor, background) }))
	];

	test('the chart box is painted, not transparent', () => {
		expect(parseColour(background).a).toBe(1);
	});

	test.each(datasets.map((d) => [d.label, d]))(
		'the %s line and points have ≥ 3:1 against the background and every area',
		(_label, d) => {
			for (const colour of [d.borderColor, d.pointBackgroundColor]) {
				for (const ground of grounds) {
					expect(
						ratio(colour, ground.colour),
						`${colour} on ${ground.name}`
					).toBeGreaterThanOrEqual(GRAPHICS);
				}
			}
		}
	);

	test('a filled area is outlined by its own line, visible on both sides of it', () => {
		// The fill is a light tint (other series stay readable over it), so the area's shape is
		// given by its outline: wide enough, and ≥ 3:1 against the tint inside and the background.
		expect(filled.length).toBeGreaterThan(0);
		for (const d of filled) {
			expect(d.borderWidth).toBeGreaterThanOrEqual(2);
			expect(d.borderDash).toEqual([]);
			const inside = over(d.backgroundColor, background);
			expect(ratio(d.borderColor, inside)).toBeGreaterThanOrEqual(GRAPHICS);
			expect(ratio(d.borderColor, background)).toBeGreaterThanOrEqual(GRAPHICS);
		}
	});

	test('grid and angle lines have ≥ 3:1 against the background and every area', () => {
		const r = config.options.scales.r;
		for (const colour of [r.grid.color, r.angleLines.color]) {
			for (const ground of grounds) {
				expect(ratio(colour, ground.colour), `${colour} on ${ground.name}`).toBeGreaterThanOrEqual(
					GRAPHICS
				);
			}
		}
	});

	test('tick values have ≥ 4.5:1 on their backdrop, whatever lies under it', () => {
		const ticks = config.options.scales.r.ticks;
		// The backdrop is translucent: under it may be the background, an area, a line.
		const under = [
			...grounds.map((g) => g.colour),
			...datasets.map((d) => parseColour(d.borderColor)),
			parseColour(config.options.scales.r.grid.color)
		];
		for (const below of under) {
			expect(ratio(ticks.color, over(ticks.backdropColor, below))).toBeGreaterThanOrEqual(TEXT);
		}
	});

	test('axis names and legend have ≥ 4.5:1 against the background', () => {
		expect(ratio(config.options.scales.r.pointLabels.color, background)).toBeGreaterThanOrEqual(
			TEXT
		);
		expect(ratio(config.options.plugins.legend.labels.color, background)).toBeGreaterThanOrEqual(
			TEXT
		);
	});
});

describe('level bars chart', () => {
	const background = chartBackground('src/lib/components/LevelBarsChart.svelte', '.bars');
	const scales = [1, 2, 3, 4, 5, 6, 7].map((count) => ({
		count,
		styles: Array.from({ length: count }, (_, i) => levelStyle(i, count))
	}));
	const config = (count: number) =>
		levelBarsConfig(
			Array.from({ length: count }, (_, i) => `Niveau ${i + 1}`),
			[{ label: 'Domaine', shares: Array.from({ length: count }, () => 1 / count) }],
			(v) => `${v} %`
		);

	test.each(scales)(
		'every segment of a $count-level scale has ≥ 3:1 against the background',
		({ styles }) => {
			for (const { colour } of styles) {
				expect(ratio(colour, background), colour).toBeGreaterThanOrEqual(GRAPHICS);
			}
		}
	);

	test.each(scales)(
		'adjacent segments of a $count-level scale are kept apart by a separator of ≥ 3:1 against both',
		({ count, styles }) => {
			const datasets = config(count).data.datasets;
			for (const [i, d] of datasets.entries()) {
				expect(d.borderWidth, d.label).toBeGreaterThanOrEqual(1);
				expect(d.borderSkipped, d.label).toBe(false);
				expect(ratio(d.borderColor, styles[i]!.colour), d.label).toBeGreaterThanOrEqual(GRAPHICS);
			}
		}
	);

	test('the fill patterns have ≥ 3:1 against the colour they are drawn on', () => {
		for (const { styles } of scales) {
			for (const { colour, pattern } of styles) {
				if (pattern === 'none') continue;
				const ink = over(LEVEL_PATTERN_INK, colour);
				expect(ratio(ink, colour), `${pattern} on ${colour}`).toBeGreaterThanOrEqual(GRAPHICS);
			}
		}
		expect(LEVEL_PATTERNS.filter((p) => p === 'none')).toHaveLength(1);
	});

	test('axis values, unit names and legend have ≥ 4.5:1, the grid ≥ 3:1', () => {
		const { scales: axes, plugins } = config(3).options;
		expect(ratio(axes.x.ticks.color, background)).toBeGreaterThanOrEqual(TEXT);
		expect(ratio(axes.y.ticks.color, background)).toBeGreaterThanOrEqual(TEXT);
		expect(ratio(plugins.legend.labels.color, background)).toBeGreaterThanOrEqual(TEXT);
		expect(ratio(axes.x.grid.color, background)).toBeGreaterThanOrEqual(GRAPHICS);
	});
});
