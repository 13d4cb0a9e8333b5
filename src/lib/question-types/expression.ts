/**
 * `expression`: a value survey-core computes from other answers (`expression`), shown with its
 * title; nothing is answered, and it is not scored (the answers it is computed from are).
 */
import type { QuestionType } from './definition';

export const expression: QuestionType = {
	name: 'expression',
	answer: 'none',
	scorable: false,
	widget: 'computed',
	options: () => [],
	liveOptions: () => [],
	declaredOptions: () => [],
	// survey-core formats it (displayStyle, currency, decimals); empty until it can be computed.
	shownValue: (q) => String(q.displayValue ?? '')
};
