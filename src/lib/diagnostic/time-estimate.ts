/**
 * How long the rest of a questionnaire takes, estimated from what is left to read and to answer
 * (issue [7]): the words at an adult's silent reading pace, plus a moment to choose each answer
 * and to write each free text. The same figures for every package, computed from its pages;
 * `durationMinutes` in the manifest stays the author's own estimate for the whole.
 */

/** Silent reading of instructions and statements in French or English, adults (words/min). */
export const WORDS_PER_MINUTE = 230;
/** Weighing and choosing one answer (a choice, a matrix row) once its words are read. */
export const SECONDS_PER_ANSWER = 6;
/** An optional free text: most people write a line or skip it. */
export const SECONDS_PER_FREE_TEXT = 30;

/** What one page asks of a person. */
export interface PageWorkload {
	/** Words of the page's title, description, questions, options and matrix rows. */
	words: number;
	/** Answers to choose: one per choice question, one per matrix row. */
	answers: number;
	/** Free-text fields. */
	freeTexts: number;
}

/** Estimated minutes, whole and at least 1 (« environ 1 min »). */
export interface TimeLeft {
	/** For the page shown. */
	page: number;
	/** For the page shown and every page after it. */
	total: number;
}

/** Words of a text: runs of letters or digits (« l’équipe » and « sous-groupes » count 2). */
export function countWords(text: string): number {
	return text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
}

/** Seconds one page takes. */
export function pageSeconds({ words, answers, freeTexts }: PageWorkload): number {
	return (
		(words / WORDS_PER_MINUTE) * 60 +
		answers * SECONDS_PER_ANSWER +
		freeTexts * SECONDS_PER_FREE_TEXT
	);
}

const minutes = (seconds: number) => Math.max(1, Math.round(seconds / 60));

/**
 * The time for page `current` (0-based) of `pages` and for the rest of the questionnaire from
 * it, each rounded once (the total is not a sum of rounded pages).
 * @example timeLeft([{ words: 460, answers: 4, freeTexts: 0 }], 0) // { page: 2, total: 2 }
 */
export function timeLeft(pages: readonly PageWorkload[], current: number): TimeLeft {
	if (!Number.isInteger(current) || current < 0 || current >= pages.length) {
		throw new RangeError(`page ${current} hors du questionnaire (${pages.length} pages)`);
	}
	const rest = pages.slice(current).reduce((sum, page) => sum + pageSeconds(page), 0);
	return { page: minutes(pageSeconds(pages[current]!)), total: minutes(rest) };
}
