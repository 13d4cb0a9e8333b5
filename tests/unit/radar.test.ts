import { describe, expect, test } from 'vitest';
import { radarConfig } from '$lib/charts/radar-config';

describe('radar chart', () => {
	// Contrast of every colour drawn: tests/unit/chart-contrast.test.ts.
	test('the scale is fixed at 0–100 and the previous attempt differs by more than colour', () => {
		const config = radarConfig(
			['A', 'B', 'C'],
			[
				{ label: 'Maintenant', data: [10, 50, null], kind: 'now' },
				{ label: 'Avant', data: [20, 40, 30], kind: 'before' }
			]
		);
		expect(config.options.scales.r).toMatchObject({ min: 0, max: 100 });
		const [now, before] = config.data.datasets;
		expect(now!.borderDash).toEqual([]);
		expect(before!.borderDash).not.toEqual([]);
		expect(now!.pointStyle).not.toBe(before!.pointStyle);
		expect(config.options.plugins.legend.display).toBe(true);
	});

	test('a group’s quartiles differ from its mean and from each other by more than colour', () => {
		const config = radarConfig(
			['A', 'B', 'C'],
			[
				{ label: 'Moyenne', data: [40, 50, null], kind: 'now' },
				{ label: 'Premier quartile', data: [20, 35, null], kind: 'q1' },
				{ label: 'Troisième quartile', data: [60, 70, null], kind: 'q3' }
			]
		);
		const datasets = config.data.datasets;
		const styles = datasets.map((d) => `${d.pointStyle}|${d.borderDash.join(',')}`);
		expect(new Set(styles).size).toBe(3);
		expect(new Set(datasets.map((d) => d.borderColor)).size).toBe(3);
		// Only the mean is filled: the quartiles are outlines around it.
		expect(datasets.map((d) => d.fill)).toEqual([true, false, false]);
		expect(datasets[1]!.data).toEqual([20, 35, null]);
		expect(config.options.plugins.legend.display).toBe(true);
	});
});
