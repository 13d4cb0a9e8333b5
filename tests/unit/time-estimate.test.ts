import { describe, expect, test } from 'vitest';
import {
	countWords,
	pageSeconds,
	SECONDS_PER_ANSWER,
	SECONDS_PER_FREE_TEXT,
	timeLeft,
	WORDS_PER_MINUTE
} from '$lib/diagnostic/time-estimate';

describe('countWords', () => {
	test('counts runs of letters or digits, whatever the punctuation', () => {
		expect(countWords('')).toBe(0);
		expect(countWords('  —  ')).toBe(0);
		expect(countWords('Je connais le principe, mais je n’en ai jamais animé.')).toBe(11);
		expect(countWords('sous-groupes (questions, sondages) : 3 fois')).toBe(6);
		expect(countWords('I have run one or a few virtual classes')).toBe(9);
	});
});

describe('pageSeconds', () => {
	test('reading at the stated pace, plus each answer and each free text', () => {
		expect(pageSeconds({ words: WORDS_PER_MINUTE, answers: 0, freeTexts: 0 })).toBe(60);
		expect(pageSeconds({ words: 0, answers: 3, freeTexts: 0 })).toBe(3 * SECONDS_PER_ANSWER);
		expect(pageSeconds({ words: 0, answers: 0, freeTexts: 2 })).toBe(2 * SECONDS_PER_FREE_TEXT);
		expect(pageSeconds({ words: 460, answers: 5, freeTexts: 1 })).toBe(
			120 + 5 * SECONDS_PER_ANSWER + SECONDS_PER_FREE_TEXT
		);
	});
});

describe('timeLeft', () => {
	// Nine long questions (≈ 1,600 words) then two short pages.
	const pages = [
		{ words: 1_600, answers: 9, freeTexts: 0 },
		{ words: 230, answers: 2, freeTexts: 1 },
		{ words: 100, answers: 4, freeTexts: 0 }
	];

	test('this page, and this page with every page after it', () => {
		// 1,600 words ≈ 417 s, 9 answers 54 s: 471 s ≈ 8 min.
		expect(timeLeft(pages, 0).page).toBe(8);
		// 471 + 102 + 50 s ≈ 10.4 min.
		expect(timeLeft(pages, 0).total).toBe(10);
		expect(timeLeft(pages, 1)).toEqual({ page: 2, total: 3 });
		expect(timeLeft(pages, 2)).toEqual({ page: 1, total: 1 });
	});

	test('shrinks as one moves on, and never says less than a minute', () => {
		const totals = pages.map((_, i) => timeLeft(pages, i).total);
		expect(totals).toEqual([...totals].sort((a, b) => b - a));
		expect(timeLeft([{ words: 3, answers: 1, freeTexts: 0 }], 0)).toEqual({ page: 1, total: 1 });
	});

	test('the total is rounded once, not a sum of rounded pages', () => {
		const halves = Array.from({ length: 4 }, () => ({ words: 0, answers: 5, freeTexts: 0 }));
		// Four pages of 30 s: each « 1 min », together 2 min (not 4).
		expect(timeLeft(halves, 0)).toEqual({ page: 1, total: 2 });
	});

	test('a page outside the questionnaire is a programming error', () => {
		expect(() => timeLeft(pages, 3)).toThrow(RangeError);
		expect(() => timeLeft(pages, -1)).toThrow(RangeError);
		expect(() => timeLeft([], 0)).toThrow(RangeError);
	});
});
