/**
 * Where each answer of a scored question sits on its scale (issue [7]): long statements stay as
 * written, and a small step mark per option shows their order, taken from the points scoring.json
 * gives them (reversed for a reversed item), never from their position in the list. A named scale
 * may also give each step a short name (`steps`, docs/questionnaire-format.md), shown as the
 * option's lead words so that the eye finds what tells the options apart.
 */
import { localize } from './localized';
import type { Locale, ScoringSpec } from './types';

/** One option's place: `step` of `of` (1 = the fewest points), and its step's name if given. */
export interface AnswerStep {
	step: number;
	of: number;
	lead?: string;
}

/** Fewer distinct steps than this (yes / no) need no mark. */
const MIN_STEPS = 3;

/**
 * The step of each option of `question` (by value as text), or null when the question is not
 * scored on at least three distinct points (for a matrix, its columns, unless its rows are not
 * all scored the same way round). « Not applicable » options get no step.
 * @example answerSteps(scoring, 'e3_classe_virtuelle', 'fr')?.get('b1') // { step: 3, of: 6, lead: 'J’utilise' }
 */
export function answerSteps(
	scoring: ScoringSpec,
	question: string,
	locale: Locale
): Map<string, AnswerStep> | null {
	const item = scoring.items.find((i) => i.question === question);
	if (!item) return null;
	// A matrix's columns are one scale for all its rows, unless a row is reversed on its own.
	const reversed = Object.values(item.rows ?? {}).some(
		(row) => (row.reverse ?? item.reverse ?? false) !== (item.reverse ?? false)
	);
	if (reversed) return null;
	const scale = item.scale === undefined ? undefined : scoring.scales?.[item.scale];
	const points = scale?.points ?? item.points;
	if (!points) return null;
	const excluded = new Set([...(scale?.notApplicable ?? []), ...(item.notApplicable ?? [])]);
	const scored = Object.entries(points).filter(([key]) => !excluded.has(key));
	const order = [...new Set(scored.map(([, p]) => p))].sort((a, b) =>
		item.reverse ? b - a : a - b
	);
	if (order.length < MIN_STEPS) return null;
	return new Map(
		scored.map(([key, p]) => {
			const lead = scale?.steps?.[key];
			const step: AnswerStep = { step: order.indexOf(p) + 1, of: order.length };
			return [key, lead ? { ...step, lead: localize(lead, locale) } : step];
		})
	);
}
