/** `text`: free text on one line, never scored; it carries the personal-data warning. */
import type { QuestionType } from './definition';

export const text: QuestionType = {
	name: 'text',
	answer: 'text',
	scorable: false,
	widget: 'line',
	options: () => [],
	liveOptions: () => [],
	declaredOptions: () => []
};
