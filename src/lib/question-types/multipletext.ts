/**
 * `multipletext`: several labelled lines of text (`items`), kept as `{ item: text }`. The form
 * has a field `name[item]` per item; free text, never scored.
 */
import type { SurveyText } from '../diagnostic/types';
import type { LiveQuestion, QuestionType } from './definition';

const liveItems = (q: LiveQuestion) =>
	Array.isArray(q.items)
		? q.items.map((i: Record<string, unknown>) => ({
				key: String(i.name),
				text: String(i.fullTitle ?? i.title ?? i.name)
			}))
		: [];

export const multipletext: QuestionType = {
	name: 'multipletext',
	answer: 'texts',
	scorable: false,
	widget: 'text-items',
	options: () => [],
	rows(element) {
		if (!Array.isArray(element.items)) return [];
		return element.items.map((i: { name?: unknown; title?: SurveyText }) => ({
			key: String(i.name),
			text: i.title ?? String(i.name)
		}));
	},
	liveOptions: () => [],
	declaredOptions: () => [],
	liveRows: liveItems,
	declaredRows: liveItems,
	innerErrors: (q) =>
		Array.isArray(q.items)
			? q.items.flatMap((i: { title: string; editor: { errors: { getText(): string }[] } }) =>
					i.editor.errors.map((e) => `${i.title}\u00a0: ${e.getText()}`)
				)
			: []
};
