/**
 * The level colours of the design tokens (src/app.css, ADR 0027) and how any scale is spread
 * over them ($lib/levels/level-tone.ts), as LevelBadge draws a level: its name in ink on the
 * level's tint (≥ 4.5:1), its meter and border in the level's colour (≥ 3:1 against the tint
 * and the paper around it). Every scale of 1 to 9 levels gets distinct tones for neighbours,
 * from the low end to the high end, so that a 3-level scale and a 6-level one both work; the
 * level bars chart of the dashboard gives each level the same colour as its badge, and a pattern.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { LEVEL_PATTERNS, levelStyle } from '$lib/charts/level-bars';
import { LEVEL_COLOURS, LEVEL_TONES, levelTone } from '$lib/levels/level-tone';
import { contrast, parseColour, rootProperties } from '../helpers/contrast';
import { ROOT } from '../helpers/paths';

const css = readFileSync(path.join(ROOT, 'src/app.css'), 'utf8');
const tokens = rootProperties(css);
const badge = readFileSync(path.join(ROOT, 'src/lib/components/LevelBadge.svelte'), 'utf8');
const scale = readFileSync(path.join(ROOT, 'src/lib/components/LevelScale.svelte'), 'utf8');
const ratio = (a: string, b: string) => Math.round(contrast(a, b) * 100) / 100;
const token = (name: string) => {
	const value = tokens[name];
	if (!value) throw new Error(`${name} is not defined in src/app.css`);
	return value;
};

describe('level tones', () => {
	const tones = Array.from({ length: LEVEL_TONES }, (_, i) => ({
		tone: i + 1,
		colour: token(`--level-${i + 1}`),
		tint: token(`--level-${i + 1}-tint`)
	}));

	test('each tone is opaque and its own', () => {
		for (const { colour, tint } of tones) {
			expect(parseColour(colour).a).toBe(1);
			expect(parseColour(tint).a).toBe(1);
		}
		expect(new Set(tones.map((t) => t.colour)).size).toBe(LEVEL_TONES);
		expect(new Set(tones.map((t) => t.tint)).size).toBe(LEVEL_TONES);
	});

	test.each(tones)('tone $tone: the name in ink on its tint has ≥ 4.5:1', ({ tint }) => {
		expect(ratio(token('--ink'), tint)).toBeGreaterThanOrEqual(4.5);
	});

	test.each(tones)(
		'tone $tone: its meter and border have ≥ 3:1 on its tint and on the paper',
		({ colour, tint }) => {
			expect(ratio(colour, tint)).toBeGreaterThanOrEqual(3);
			expect(ratio(colour, token('--paper'))).toBeGreaterThanOrEqual(3);
			expect(ratio(colour, token('--wash'))).toBeGreaterThanOrEqual(3);
		}
	);

	test('what cannot read a custom property (the charts) gets the same colours', () => {
		expect(LEVEL_COLOURS.map((c) => c.toLowerCase())).toEqual(
			tones.map((t) => t.colour.toLowerCase())
		);
	});

	test('one class per tone in app.css; the badge and the scale use it, with no colour of their own', () => {
		for (let t = 1; t <= LEVEL_TONES; t++) {
			expect(css).toMatch(
				new RegExp(
					`\\.level-tone-${t} \\{\\s*--level-c: var\\(--level-${t}\\);\\s*--level-t: var\\(--level-${t}-tint\\);`
				)
			);
		}
		for (const component of [badge, scale]) {
			expect(component).toMatch(/import \{ levelTone \} from '\$lib\/levels\/level-tone'/);
			expect(component).toMatch(/`level-tone-\$\{/);
			const style = component.slice(component.indexOf('<style>'));
			expect(style).not.toMatch(/#[0-9a-f]{3,6}\b|rgba?\(/i);
		}
	});
});

describe('any scale spread over the tones', () => {
	const scales = [1, 2, 3, 4, 5, 6, 7, 8, 9];

	test.each(scales)('a %i-level scale: neighbours differ, low end warm, high end cool', (count) => {
		const tones = Array.from({ length: count }, (_, i) => levelTone(i, count));
		for (const t of tones) {
			expect(t).toBeGreaterThanOrEqual(1);
			expect(t).toBeLessThanOrEqual(LEVEL_TONES);
		}
		for (let i = 1; i < count; i++)
			expect(tones[i], `levels ${i} and ${i + 1}`).not.toBe(tones[i - 1]);
		if (count > 1 && count <= LEVEL_TONES) {
			expect(tones[0]).toBe(1);
			expect(tones.at(-1)).toBe(LEVEL_TONES);
			// Rising with the level: the order of the scale is the order of the tones.
			expect([...tones].sort((a, b) => a - b)).toEqual(tones);
		}
	});

	test.each(scales)(
		'a %i-level scale: each level has the same colour in the bars as in its badge, and its own pattern',
		(count) => {
			const styles = Array.from({ length: count }, (_, i) => levelStyle(i, count));
			for (const [i, style] of styles.entries()) {
				expect(style.tone, `level ${i + 1}`).toBe(levelTone(i, count));
			}
			// Never colour alone: up to as many levels as patterns, each level its own pattern.
			const patterns = styles.slice(0, LEVEL_PATTERNS.length).map((s) => s.pattern);
			expect(new Set(patterns).size).toBe(patterns.length);
		}
	);

	test('a level outside its scale is refused', () => {
		expect(() => levelTone(3, 3)).toThrow(RangeError);
		expect(() => levelTone(-1, 3)).toThrow(RangeError);
		expect(() => levelTone(0, 0)).toThrow(RangeError);
	});
});
