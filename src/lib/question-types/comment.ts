/** `comment`: free text on several lines, never scored; it carries the personal-data warning. */
import type { QuestionType } from './definition';

export const comment: QuestionType = {
	name: 'comment',
	answer: 'text',
	scorable: false,
	widget: 'textarea',
	multiline: true,
	options: () => [],
	liveOptions: () => [],
	declaredOptions: () => []
};
