/** The level scale in one module (ADR 0025): level of a score, order, next level, gap, threshold. */
import { describe, expect, test } from 'vitest';
import {
	isAtLeast,
	isBelow,
	levelGap,
	levelOf,
	levelRank,
	levelThreshold,
	nextLevel,
	topLevel
} from '$lib/scoring/level-scale';

const LEVELS = [
	{ id: 'debutant', min: 0 },
	{ id: 'confirme', min: 50 },
	{ id: 'expert', min: 80 }
];

describe('level scale', () => {
	test('a score is at the highest level whose threshold is not above it', () => {
		expect([0, 49.9, 50, 79.9, 80, 100].map((s) => levelOf(LEVELS, s))).toEqual([
			'debutant',
			'debutant',
			'confirme',
			'confirme',
			'expert',
			'expert'
		]);
		expect(levelThreshold(LEVELS, 'confirme')).toBe(50);
	});

	test('order, next level and top', () => {
		expect(levelRank(LEVELS, 'expert')).toBe(2);
		expect(levelRank(LEVELS, 'inconnu')).toBe(-1);
		expect(levelRank(LEVELS, null)).toBe(-1);
		expect(nextLevel(LEVELS, 'debutant')?.id).toBe('confirme');
		expect(nextLevel(LEVELS, 'expert')).toBeNull();
		expect(topLevel(LEVELS).id).toBe('expert');
		expect(isBelow(LEVELS, 'debutant', 'confirme')).toBe(true);
		expect(isBelow(LEVELS, 'confirme', 'confirme')).toBe(false);
		expect(isAtLeast(LEVELS, 'expert', 'confirme')).toBe(true);
	});

	test('gap in levels, null when a level is missing or unknown', () => {
		expect(levelGap(LEVELS, 'debutant', 'expert')).toBe(2);
		expect(levelGap(LEVELS, 'expert', 'confirme')).toBe(-1);
		expect(levelGap(LEVELS, null, 'expert')).toBeNull();
		expect(levelGap(LEVELS, 'expert', 'inconnu')).toBeNull();
	});
});
