/**
 * The focus ring (src/app.css :focus-visible) against the backgrounds controls sit on (A11Y-05,
 * WCAG 2.4.7, RGAA 10.7): a yellow outline around a dark band, so that on any background one of
 * the two has ≥ 3:1 against it, and the two have ≥ 3:1 against each other.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { contrast, rootProperties } from '../helpers/contrast';
import { ROOT } from '../helpers/paths';

const css = readFileSync(path.join(ROOT, 'src/app.css'), 'utf8');
const properties = rootProperties(css);
const resolve = (value: string) => {
	const name = /var\((--[\w-]+)\)/.exec(value)?.[1];
	return name ? properties[name]! : value;
};

/** The declarations of the rule whose selectors include :focus-visible. */
const ring = (() => {
	const rule = /(?:^|\})([^{}]*:focus-visible[^{}]*)\{([^}]*)\}/.exec(css);
	if (!rule) throw new Error('no :focus-visible rule in src/app.css');
	return Object.fromEntries(
		[...rule[2]!.matchAll(/([\w-]+)\s*:\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()])
	);
})();

describe('focus ring', () => {
	const outline = resolve(/(var\(--[\w-]+\)|#[0-9a-f]{3,6})\s*$/i.exec(ring.outline ?? '')![1]!);
	const band = resolve(/(var\(--[\w-]+\)|#[0-9a-f]{3,6})\s*$/i.exec(ring['box-shadow'] ?? '')![1]!);

	test('an outline at least 2 px wide, off the element, and a band under it', () => {
		expect(ring.outline).toMatch(/^(\d+)px solid /);
		expect(Number(/^(\d+)px/.exec(ring.outline!)![1])).toBeGreaterThanOrEqual(2);
		expect(ring['outline-offset']).toMatch(/^[1-9]\d*px$/);
		expect(ring['box-shadow']).toMatch(/^0 0 0 \d+px /);
	});

	test('its two colours have ≥ 3:1 against each other', () => {
		expect(contrast(outline, band)).toBeGreaterThanOrEqual(3);
	});

	// The page, tinted boxes and callouts, buttons, a checked choice (QuestionField), the
	// level badges' tints (ADR 0027).
	test.each([
		'--paper',
		'--wash',
		'--wash-strong',
		'--brand',
		'--brand-dark',
		'--brand-tint',
		'--accent-tint',
		'--ok-tint',
		'--warning-tint',
		'--error-tint',
		...Array.from({ length: 7 }, (_, i) => `--level-${i + 1}-tint`)
	])('on %s, one of its colours has ≥ 3:1', (background) => {
		const colour = properties[background] ?? background;
		expect(Math.max(contrast(outline, colour), contrast(band, colour))).toBeGreaterThanOrEqual(3);
	});
});
