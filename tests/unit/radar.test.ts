/**
 * The radar's geometry (src/lib/charts/radar-geometry.ts), property-tested: whatever the area
 * names and the level scale, every label box lies inside the view box, labels keep off the
 * circle and off each other, points lie on their axis, and a higher score is never drawn
 * nearer the centre. Contrast of every colour drawn: tests/unit/chart-contrast.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
	axisAngle,
	boxesOverlap,
	boxMeetsCircle,
	layoutRadar,
	seriesShape,
	valueRadius,
	type Box,
	type RadarLayout,
	type RadarLayoutOptions,
	type RadarLevel
} from '$lib/charts/radar-geometry';
import { SERIES_STYLES, styleNumbers } from '$lib/charts/radar-styles';
import { textWidth, wrapText } from '$lib/charts/text-metrics';
import { loadById } from '../helpers/packages';

/** The two drawings RadarChart.svelte renders. */
const WIDE: RadarLayoutOptions = { width: 560, fontSize: 13, ringFontSize: 11, labels: 'names' };
const NARROW: RadarLayoutOptions = { width: 340, fontSize: 14, ringFontSize: 12, labels: 'auto' };

const inside = (box: Box, outer: Box) =>
	box.x >= outer.x - 0.01 &&
	box.y >= outer.y - 0.01 &&
	box.x + box.width <= outer.x + outer.width + 0.01 &&
	box.y + box.height <= outer.y + outer.height + 0.01;

const word = fc
	.string({ unit: 'grapheme', minLength: 1, maxLength: 16 })
	.map((s) => s.replace(/\s+/g, ''))
	.filter((s) => s.length > 0);
const areaName = fc.array(word, { minLength: 1, maxLength: 9 }).map((w) => w.join(' '));
const scale = fc
	.uniqueArray(fc.integer({ min: 1, max: 99 }), { minLength: 1, maxLength: 6 })
	.chain((mins) =>
		fc
			.array(fc.string({ minLength: 1, maxLength: 24 }), {
				minLength: mins.length + 1,
				maxLength: mins.length + 1
			})
			.map((labels): RadarLevel[] =>
				[0, ...mins.sort((a, b) => a - b)].map((min, i) => ({
					label: labels[i]!.trim() || 'N',
					min
				}))
			)
	);

/** Every label, axis names and level names, with what it is for the messages. */
const allLabels = (layout: RadarLayout) => [
	...layout.axes.map((a, i) => ({ what: `axis ${i}`, box: a.label.box })),
	...layout.bands.map((b) => ({ what: `level ${b.min}`, box: b.label.box }))
];

describe('radar layout', () => {
	test('every label box lies inside the view box, whatever the names and levels', () => {
		fc.assert(
			fc.property(fc.array(areaName, { minLength: 1, maxLength: 12 }), scale, (axes, levels) => {
				for (const options of [WIDE, NARROW]) {
					const layout = layoutRadar(axes, levels, options);
					for (const { what, box } of allLabels(layout))
						expect(inside(box, layout.viewBox), what).toBe(true);
					// The circle itself and its markers too.
					const r = layout.radius;
					expect(inside({ x: -r, y: -r, width: 2 * r, height: 2 * r }, layout.viewBox)).toBe(true);
				}
			}),
			{ numRuns: 150 }
		);
	});

	test('axis names never meet the circle nor each other', () => {
		fc.assert(
			fc.property(fc.array(areaName, { minLength: 1, maxLength: 10 }), scale, (axes, levels) => {
				const layout = layoutRadar(axes, levels, WIDE);
				const boxes = layout.axes.map((a) => a.label.box);
				boxes.forEach((box, i) => {
					expect(boxMeetsCircle(box, layout.radius), `axis ${i} on the circle`).toBe(false);
					boxes.slice(i + 1).forEach((other, j) => {
						expect(boxesOverlap(box, other), `axes ${i} and ${i + j + 1}`).toBe(false);
					});
				});
			}),
			{ numRuns: 150 }
		);
	});

	test('each label box holds its lines: measured text is never wider than its box', () => {
		fc.assert(
			fc.property(fc.array(areaName, { minLength: 3, maxLength: 8 }), scale, (axes, levels) => {
				const layout = layoutRadar(axes, levels, WIDE);
				for (const axis of layout.axes) {
					const { lines, box, fontSize } = axis.label;
					expect(lines.map((l) => l.text).join(' ')).toBe(axis.name.trim().split(/\s+/).join(' '));
					for (const line of lines)
						expect(textWidth(line.text, fontSize)).toBeLessThanOrEqual(box.width + 0.01);
				}
			}),
			{ numRuns: 100 }
		);
	});

	test('points lie on their axis, at a distance that grows with the score', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 3, max: 12 }),
				fc.array(fc.option(fc.double({ min: -50, max: 150, noNaN: true }), { nil: null }), {
					minLength: 12,
					maxLength: 12
				}),
				(n, raw) => {
					const axes = Array.from({ length: n }, (_, i) => `Domaine ${i + 1}`);
					const layout = layoutRadar(axes, [{ label: 'A', min: 0 }], WIDE);
					const values = raw.slice(0, n);
					const { points } = seriesShape(layout, values);
					points.forEach((p, i) => {
						if (values[i] === null) return expect(p).toBeNull();
						const angle = axisAngle(i, n);
						const r = valueRadius(layout.radius, values[i]!)!;
						// On the axis at the score's distance, to the drawing's rounding (0.01 px): a
						// direction compared instead fails near the centre, where rounding turns it.
						expect(Math.abs(p!.x - r * Math.sin(angle))).toBeLessThanOrEqual(0.0051);
						expect(Math.abs(p!.y + r * Math.cos(angle))).toBeLessThanOrEqual(0.0051);
						expect(Math.hypot(p!.x, p!.y)).toBeLessThanOrEqual(layout.radius + 0.01);
					});
				}
			)
		);
	});

	test('the scale is monotone: 0 at the centre, 100 on the outer circle, held in between', () => {
		fc.assert(
			fc.property(
				fc.double({ min: 1, max: 500, noNaN: true }),
				fc.double({ min: -100, max: 200, noNaN: true }),
				fc.double({ min: -100, max: 200, noNaN: true }),
				(radius, a, b) => {
					const [low, high] = a <= b ? [a, b] : [b, a];
					expect(valueRadius(radius, low)!).toBeLessThanOrEqual(valueRadius(radius, high)!);
				}
			)
		);
		expect(valueRadius(200, 0)).toBe(0);
		expect(valueRadius(200, 100)).toBe(200);
		expect(valueRadius(200, Number.NaN)).toBeNull();
	});

	test('level rings sit at the thresholds, in order, the last on the outer circle', async () => {
		const { pkg } = await loadById('e-formateur');
		const levels = pkg.levels.levels.map((l) => ({ label: l.code ?? l.id, min: l.min }));
		const layout = layoutRadar(['A', 'B', 'C', 'D', 'E', 'F'], levels, WIDE);
		const radii = layout.rings.map((r) => r.radius);
		expect([...radii].sort((x, y) => x - y)).toEqual(radii);
		expect(layout.rings.at(-1)).toEqual({ min: 100, radius: layout.radius });
		expect(layout.bands.map((b) => b.min)).toEqual(levels.map((l) => l.min));
	});

	test('the real area names keep their names and a useful circle in both drawings', async () => {
		for (const id of ['e-formateur', 'maturite-of']) {
			const { pkg } = await loadById(id);
			const axes = pkg.framework.areas.map((a) =>
				typeof a.name === 'string' ? a.name : (a.name.fr ?? '')
			);
			const levels = pkg.levels.levels.map((l) => ({ label: l.code ?? l.id, min: l.min }));
			const wide = layoutRadar(axes, levels, WIDE);
			expect(wide.labelMode, id).toBe('names');
			// Labels fit the planned width, so the drawing is not shrunk to make room for them.
			expect(wide.viewBox.width, id).toBeLessThanOrEqual(WIDE.width + 0.01);
			expect(wide.radius, id).toBeGreaterThan(WIDE.width * 0.25);
			const narrow = layoutRadar(axes, levels, NARROW);
			expect(narrow.radius, id).toBeGreaterThan(NARROW.width * 0.25);
		}
	});

	test('with too little room, axes are numbered (a key beside names them)', () => {
		const long = Array.from(
			{ length: 8 },
			(_, i) => `Un domaine au nom vraiment très long numéro ${i}`
		);
		const layout = layoutRadar(long, [{ label: 'A', min: 0 }], { ...NARROW, width: 200 });
		expect(layout.labelMode).toBe('numbers');
		expect(layout.axes.map((a) => a.label.lines.map((l) => l.text).join(' '))).toEqual(
			long.map((_, i) => String(i + 1))
		);
	});
});

describe('text measure', () => {
	test('wrapping never cuts a word and keeps every word in order', () => {
		fc.assert(
			fc.property(
				fc.array(word, { minLength: 1, maxLength: 12 }),
				fc.integer({ min: 10, max: 300 }),
				(words, max) => {
					const lines = wrapText(words.join(' '), max, 13);
					expect(lines.join(' ')).toBe(words.join(' '));
					for (const line of lines)
						if (line.includes(' ')) expect(textWidth(line, 13)).toBeLessThanOrEqual(max + 0.01);
				}
			)
		);
	});

	test('an unknown character is measured as wide, never as narrow', () => {
		expect(textWidth('漢', 10)).toBeGreaterThanOrEqual(textWidth('n', 10));
		expect(textWidth('é', 10)).toBe(textWidth('e', 10));
	});
});

describe('radar series', () => {
	test('the four styles differ by line pattern and marker, not by colour alone', () => {
		expect(new Set(SERIES_STYLES.map((s) => `${s.dash}|${s.marker}`)).size).toBe(4);
		expect(new Set(SERIES_STYLES.map((s) => s.marker)).size).toBe(4);
		// Only the main series is tinted, so that the others read over it.
		expect(SERIES_STYLES.map((s) => s.filled)).toEqual([true, false, false, false]);
	});

	test('a series keeps the style it names, else takes its position', () => {
		expect(
			styleNumbers([
				{ name: 'a', values: [] },
				{ name: 'b', values: [], style: 1 },
				{ name: 'c', values: [] }
			])
		).toEqual([1, 1, 3]);
	});

	test('a missing value breaks the outline instead of drawing it at 0', () => {
		const layout = layoutRadar(['A', 'B', 'C', 'D'], [{ label: 'A', min: 0 }], WIDE);
		const shape = seriesShape(layout, [50, null, 50, 50]);
		expect(shape.area).toBeNull();
		// Two segments: C–D and D–A; none reaching B.
		expect(shape.outline.match(/M/g)).toHaveLength(2);
		expect(seriesShape(layout, [50, 50, 50, 50]).area).not.toBeNull();
	});
});
