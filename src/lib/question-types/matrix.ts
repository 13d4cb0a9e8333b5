/**
 * `matrix`: several rows answered on the same columns. The form has a field `name[row]` per row;
 * scoring.json scores each row on its own (`rows`), so a row is an item.
 */
import type { SurveyText } from '../diagnostic/types';
import { choiceValue, valueKey } from '../diagnostic/survey-json';
import { liveItems, listOptions, type LiveQuestion, type QuestionType } from './definition';

const liveRows = (list: unknown, key: 'name' | 'value') =>
	Array.isArray(list)
		? list.map((r: Record<string, unknown>) => ({ key: valueKey(r[key]), text: String(r.text) }))
		: [];

export const matrix: QuestionType = {
	name: 'matrix',
	answer: 'one-per-row',
	scorable: true,
	widget: 'matrix',
	options: (element, pointer) => listOptions(element.columns, pointer, 'columns'),
	rows(element) {
		if (!Array.isArray(element.rows)) return [];
		return element.rows.map((r) => ({
			key: valueKey(choiceValue(r)),
			text: typeof r === 'object' && r !== null ? (r.text as SurveyText | undefined) : undefined
		}));
	},
	liveOptions: (q) => liveItems(q.visibleColumns),
	declaredOptions: (q) => [...liveItems(q.visibleColumns), ...liveItems(q.columns)],
	liveRows: (q: LiveQuestion) => liveRows(q.visibleRows, 'name'),
	declaredRows: (q: LiveQuestion) => liveRows(q.rows, 'value')
};
