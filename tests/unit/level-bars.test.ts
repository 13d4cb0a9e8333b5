import { describe, expect, test } from 'vitest';
import { barSegments, levelStyle, percentages } from '$lib/charts/level-bars';
import { LEVEL_TONES } from '$lib/levels/level-tone';
import { levelDistribution } from '$lib/campaigns/aggregate';

describe('level distribution', () => {
	test('counts and shares per level, in the scale’s order, zero where nobody is', () => {
		expect(
			levelDistribution({ n: 4, levels: { expert: 3, debutant: 1 } }, [
				'debutant',
				'confirme',
				'expert'
			])
		).toEqual([
			{ id: 'debutant', count: 1, share: 0.25 },
			{ id: 'confirme', count: 0, share: 0 },
			{ id: 'expert', count: 3, share: 0.75 }
		]);
	});
});

describe('level bars chart', () => {
	// Contrast of every colour drawn: tests/unit/chart-contrast.test.ts.
	test('levels differ by pattern as well as colour, from the first tone to the last', () => {
		for (const count of [2, 3, 5, 7]) {
			const styles = Array.from({ length: count }, (_, i) => levelStyle(i, count));
			expect(new Set(styles.map((s) => s.pattern)).size).toBe(count);
			expect(new Set(styles.map((s) => s.tone)).size).toBe(count);
			expect(styles[0]!.tone).toBe(1);
			expect(styles.at(-1)!.tone).toBe(LEVEL_TONES);
		}
	});

	test('segments are stacked from the lowest level, in percent, nobody left out', () => {
		expect(barSegments([1 / 3, 0, 2 / 3])).toEqual([
			{ level: 0, start: 0, width: 33.333 },
			{ level: 2, start: 33.333, width: 66.667 }
		]);
		expect(percentages([1 / 3, 0, 2 / 3])).toEqual([33.3, 0, 66.7]);
	});

	test('a bar of shares summing to one ends at 100 %', () => {
		const segments = barSegments([0.1, 0.2, 0.3, 0.4]);
		const last = segments.at(-1)!;
		expect(last.start + last.width).toBeCloseTo(100, 2);
	});
});
