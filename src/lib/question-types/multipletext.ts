/**
 * `multipletext`: several labelled lines of text (`items`), kept as `{ item: text }`. The form
 * has a field `name[item]` per item; free text, never scored.
 */
import type { SurveyText } from '../diagnostic/types';
import type { LiveQuestion, QuestionType } from './definition';

/** Input types an item may take that the browser offers a control for (as a `text` question's). */
const INPUTS = new Set(['number', 'date', 'email', 'tel', 'url']);

const liveItems = (q: LiveQuestion) =>
	Array.isArray(q.items)
		? q.items.map((i: Record<string, unknown>) => ({
				key: String(i.name),
				text: String(i.fullTitle ?? i.title ?? i.name),
				...(i.isRequired === true ? { required: true as const } : {}),
				...(INPUTS.has(String(i.inputType)) ? { input: String(i.inputType) } : {})
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
	declaredRows: (q) => liveItems(q).map(({ key, text }) => ({ key, text })),
	innerErrors: (q) =>
		Array.isArray(q.items)
			? q.items.flatMap((i: { title: string; editor: { errors: { getText(): string }[] } }) =>
					i.editor.errors.map((e) => `${i.title}\u00a0: ${e.getText()}`)
				)
			: []
};
