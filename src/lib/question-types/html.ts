/** `html`: explanatory text between questions, shown as plain text (tags dropped, never trusted). */
import type { QuestionType } from './definition';

export const html: QuestionType = {
	name: 'html',
	answer: 'none',
	scorable: false,
	widget: 'paragraph',
	options: () => [],
	liveOptions: () => [],
	declaredOptions: () => [],
	shownText: (q) =>
		String(q.html ?? '')
			.replace(/<[^>]*>/g, ' ')
			.replace(/\s+/g, ' ')
			.trim()
};
