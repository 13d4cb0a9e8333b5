/**
 * WCAG contrast of everything the charts draw (A11Y-06; WCAG 1.4.3 and 1.4.11, RGAA 3.2 and
 * 3.3), computed from the values the app uses: the colours the chart components' CSS declares
 * (a custom property of src/app.css, or the fallback written beside it), for every series
 * style and level tone the code uses, and the chart background. Data strokes, areas and separators need
 * ≥ 3:1 against what they are drawn on, text ≥ 4.5:1.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { SERIES_STYLES } from '$lib/charts/radar-styles';
import { LEVEL_PATTERNS, levelStyle } from '$lib/charts/level-bars';
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

/**
 * The value of `property` in the rule of a component's <style> whose selector list holds
 * `selector`, with `var(--x, fallback)` resolved through src/app.css, else its fallback.
 */
function declared(component: string, selector: string, property: string): string {
	const css = source(component);
	for (const [, selectors, body] of css.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
		const list = selectors!.split(',').map((x) => x.trim());
		if (!list.includes(selector)) continue;
		const value = new RegExp(`(?:^|[;\\s])${property}\\s*:\\s*([^;]+);`).exec(body!)?.[1]?.trim();
		if (value === undefined) continue;
		return resolve(value);
	}
	throw new Error(`${component}: no ${property} for ${selector}`);
}

function resolve(value: string): string {
	const v = /^var\((--[\w-]+)(?:\s*,\s*(.+))?\)$/.exec(value);
	if (!v) return value;
	const token = properties[v[1]!];
	if (token) return resolve(token);
	if (!v[2]) throw new Error(`${v[1]} is not defined in src/app.css and has no fallback`);
	return resolve(v[2].trim());
}

const RADAR = 'src/lib/components/RadarChart.svelte';
const BARS = 'src/lib/components/LevelBarsChart.svelte';

describe('radar chart', () => {
	const background = chartBackground(RADAR, '.radar');
	const wash = declared(RADAR, '.band-odd', 'fill');
	const styles = SERIES_STYLES.map((style, i) => ({
		n: i + 1,
		style,
		line: declared(RADAR, `.series-${i + 1} .line`, 'stroke'),
		marker: declared(RADAR, `.series-${i + 1} .marker`, 'fill'),
		area: style.filled ? declared(RADAR, `.series-${i + 1} .area`, 'fill') : null
	}));
	// What a line, a marker or a label may be drawn on: the background, the washed level bands,
	// a tinted area over either, the spread's tint.
	const spreadTint = declared(RADAR, '.hatch-tint', 'fill');
	const plain = [
		{ name: 'background', colour: parseColour(background) },
		{ name: 'washed band', colour: over(wash, background) }
	];
	const grounds = [
		...plain,
		...plain.flatMap((g) => [
			...styles
				.filter((s) => s.area)
				.map((s) => ({ name: `series ${s.n} area on ${g.name}`, colour: over(s.area!, g.colour) })),
			{ name: `spread on ${g.name}`, colour: over(spreadTint, g.colour) }
		])
	];

	test('the chart box is painted, not transparent', () => {
		expect(parseColour(background).a).toBe(1);
	});

	test.each(styles)(
		'series style $n: line and markers have ≥ 3:1 against every ground',
		({ line, marker }) => {
			for (const colour of [line, marker]) {
				for (const ground of grounds) {
					expect(
						ratio(colour, ground.colour),
						`${colour} on ${ground.name}`
					).toBeGreaterThanOrEqual(GRAPHICS);
				}
			}
		}
	);

	test('a tinted area is outlined by its own solid line, wide enough', () => {
		const tinted = styles.filter((s) => s.area);
		expect(tinted.length).toBeGreaterThan(0);
		for (const s of tinted) {
			expect(s.style.width).toBeGreaterThanOrEqual(2);
			expect(s.style.dash).toBeNull();
		}
	});

	test('rings, axes and the spread have ≥ 3:1 against every ground', () => {
		for (const colour of [
			declared(RADAR, '.ring', 'stroke'),
			declared(RADAR, '.spread-edge', 'stroke'),
			declared(RADAR, '.hatch-line', 'stroke')
		]) {
			for (const ground of grounds) {
				expect(ratio(colour, ground.colour), `${colour} on ${ground.name}`).toBeGreaterThanOrEqual(
					GRAPHICS
				);
			}
		}
	});

	test('axis names and level names have ≥ 4.5:1 against what they are drawn on', () => {
		// Axis names lie outside the circle, on the background.
		expect(ratio(declared(RADAR, '.axis-label', 'fill'), background)).toBeGreaterThanOrEqual(TEXT);
		// Level names lie inside, over a halo of the background.
		expect(declared(RADAR, '.band-label', 'stroke')).toBe(background);
		expect(ratio(declared(RADAR, '.band-label', 'fill'), background)).toBeGreaterThanOrEqual(TEXT);
	});
});

describe('level bars chart', () => {
	const background = chartBackground(BARS, '.bars');
	const tone = (n: number) => declared(BARS, `.level-${n}`, 'fill');
	const ink = declared(BARS, '.ink', 'stroke');
	const dots = declared(BARS, '.ink-dots', 'fill');
	const separator = declared(BARS, '.separator', 'stroke');
	const scales = [1, 2, 3, 4, 5, 6, 7].map((count) => ({
		count,
		styles: Array.from({ length: count }, (_, i) => levelStyle(i, count))
	}));

	test.each(scales)(
		'every segment of a $count-level scale has ≥ 3:1 against the background',
		({ styles }) => {
			for (const { tone: n } of styles) {
				expect(ratio(tone(n), background), tone(n)).toBeGreaterThanOrEqual(GRAPHICS);
			}
		}
	);

	test.each(scales)(
		'adjacent segments of a $count-level scale are kept apart by a separator of ≥ 3:1 against both',
		({ styles }) => {
			for (const { tone: n } of styles) {
				expect(ratio(separator, tone(n)), tone(n)).toBeGreaterThanOrEqual(GRAPHICS);
			}
		}
	);

	test('the fill patterns have ≥ 3:1 against the colour they are drawn on', () => {
		for (const { styles } of scales) {
			for (const { tone: n, pattern } of styles) {
				if (pattern === 'none') continue;
				for (const colour of [ink, dots]) {
					expect(
						ratio(over(colour, tone(n)), tone(n)),
						`${pattern} on ${tone(n)}`
					).toBeGreaterThanOrEqual(GRAPHICS);
				}
			}
		}
		expect(LEVEL_PATTERNS.filter((p) => p === 'none')).toHaveLength(1);
	});

	test('tick values have ≥ 4.5:1, the frame of a suppressed unit ≥ 3:1', () => {
		expect(ratio(declared(BARS, '.ticks text', 'fill'), background)).toBeGreaterThanOrEqual(TEXT);
		expect(ratio(declared(BARS, '.empty', 'stroke'), background)).toBeGreaterThanOrEqual(GRAPHICS);
	});
});
