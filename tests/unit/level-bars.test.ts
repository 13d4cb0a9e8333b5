import { describe, expect, test } from 'vitest';
import { LEVEL_PALETTE, levelBarsConfig, levelStyle } from '$lib/charts/level-bars-config';
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
	test('levels differ by pattern as well as colour, from the first colour to the last', () => {
		for (const count of [2, 3, 5, 7]) {
			const styles = Array.from({ length: count }, (_, i) => levelStyle(i, count));
			expect(new Set(styles.map((s) => s.pattern)).size).toBe(count);
			expect(new Set(styles.map((s) => s.colour)).size).toBe(count);
			expect(styles[0]!.colour).toBe(LEVEL_PALETTE[0]);
			expect(styles.at(-1)!.colour).toBe(LEVEL_PALETTE.at(-1));
		}
	});

	test('horizontal stacked bars in percent, suppressed units without figures', () => {
		const config = levelBarsConfig(
			['Débutant', 'Confirmé', 'Expert'],
			[
				{ label: 'Outils', shares: [1 / 3, 0, 2 / 3] },
				{ label: 'Accompagnement (moins de 5)', shares: null }
			],
			(v) => `${v} %`
		);
		expect(config.type).toBe('bar');
		expect(config.options.indexAxis).toBe('y');
		expect(config.options.scales.x).toMatchObject({ stacked: true, min: 0, max: 100 });
		expect(config.options.scales.y.stacked).toBe(true);
		expect(config.data.labels).toEqual([['Outils'], ['Accompagnement (moins de 5)']]);
		expect(config.data.datasets.map((d) => d.label)).toEqual(['Débutant', 'Confirmé', 'Expert']);
		expect(config.data.datasets.map((d) => d.data)).toEqual([
			[33.3, null],
			[0, null],
			[66.7, null]
		]);
		expect(config.data.datasets.every((d) => d.borderWidth > 0)).toBe(true);
		expect(config.options.plugins.legend.display).toBe(true);
		expect(config.options.scales.x.ticks.callback(50)).toBe('50 %');
	});
});
