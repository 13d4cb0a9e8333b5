/**
 * `matrixdropdown` and `matrixdynamic`: rows of cells, each column a question of its own cell
 * type (dropdown, radiogroup, checkbox, text, comment, boolean). A row is an entry holding the
 * columns' questions (ADR 0037), read and checked as those questions are on their own: a field
 * `name[row][column]` per cell. A `matrixdropdown` keeps `{ row: { column: value } }` and may be
 * scored column by column (each row an item, as its cell type's kin); a `matrixdynamic` keeps
 * `[{ column: value }]`, its rows added and removed by the person, and is never scored.
 */
import type { Locale, SurveyElementJson, SurveyText } from '../diagnostic/types';
import { valueKey } from '../diagnostic/survey-json';
import {
	entryErrors,
	type Entries,
	type LiveEntry,
	type LiveQuestion,
	type QuestionType
} from './definition';
import { matrix } from './matrix';

/** Cell types a matrix's columns may have: simple questions the page renders in a row. */
export const MATRIX_CELL_TYPES: readonly string[] = [
	'dropdown',
	'radiogroup',
	'checkbox',
	'boolean',
	'text',
	'comment'
];

/** Most rows a dynamic matrix may hold, whatever its `maxRowCount` (each is a set of form fields). */
export const MAX_DYNAMIC_ROWS = 100;

/** A column's cell type as SurveyJS resolves it: its own, else the matrix's, else dropdown. */
export function cellTypeOf(element: SurveyElementJson, column: Record<string, unknown>): string {
	const own = column.cellType;
	if (typeof own === 'string' && own !== 'default') return own;
	const matrixType = element.cellType;
	return typeof matrixType === 'string' && matrixType !== 'default' ? matrixType : 'dropdown';
}

type Cell = { question: LiveQuestion; column: unknown };
type Row = { text?: unknown; rowName?: unknown; cells: Cell[] };
type Column = { templateQuestion: LiveQuestion };

const rowsShown = (q: LiveQuestion): Row[] => (Array.isArray(q.visibleRows) ? q.visibleRows : []);

/** A row's cells shown now: those of visible columns, in the columns' order. */
const cellsShown = (row: Row): LiveQuestion[] =>
	row.cells.map((c) => c.question).filter((inner) => inner.isVisible === true);

/**
 * The columns' questions as declared, for the form: a shown row's cells (they carry the
 * matrix's `choices` when a column has none), else the columns' templates.
 */
function columnQuestions(q: LiveQuestion): LiveQuestion[] {
	const columns = Array.isArray(q.columns) ? (q.columns as Column[]) : [];
	const row = rowsShown(q)[0];
	return columns.map(
		(column) => row?.cells.find((c) => c.column === column)?.question ?? column.templateQuestion
	);
}

const dropdownEntries: Entries = {
	keyed: true,
	table: true,
	live: (q) =>
		rowsShown(q).map((row, index): LiveEntry => ({
			key: valueKey(row.rowName),
			index,
			title: String(row.text ?? row.rowName),
			questions: cellsShown(row)
		})),
	template: columnQuestions,
	keys: (q) =>
		Array.isArray(q.rows) ? q.rows.map((r: { value: unknown }) => valueKey(r.value)) : [],
	count: () => 0,
	addText: () => null,
	removeText: () => null,
	emptyText: () => ''
};

/** A dynamic row's title, in the questionnaire's language (its other languages read it in English). */
const ROW: Record<Locale, string> = { fr: 'Ligne', en: 'Row' };

const dynamicMax = (q: LiveQuestion) => Math.min(Number(q.maxRowCount), MAX_DYNAMIC_ROWS);
const rowCount = (q: LiveQuestion) => Number(q.rowCount);
const canAddRow = (q: LiveQuestion) =>
	q.canAddRow === true && q.isReadOnly !== true && rowCount(q) < dynamicMax(q);
const canRemoveRow = (q: LiveQuestion) => q.canRemoveRows === true && q.isReadOnly !== true;

/**
 * survey-core keeps no value for a row nothing is answered in, and counts the rows from the
 * value when it is given back: each row is kept as an entry, empty or not, so that a row added
 * is still there on the next page load.
 */
function keepRows(q: LiveQuestion) {
	const value = Array.isArray(q.value) ? (q.value as unknown[]) : [];
	q.value = Array.from({ length: rowCount(q) }, (_, i) => value[i] ?? {});
}

const dynamicEntries: Entries = {
	keyed: false,
	table: true,
	live: (q) => {
		// SurveyJS shows no row header: « Ligne 1 », « Row 1 » (survey-core's own text is English).
		const locale = String((q as { getLocale?: () => unknown }).getLocale?.() ?? '');
		const word = ROW[locale === 'en' ? 'en' : 'fr'];
		return rowsShown(q).map((row, index): LiveEntry => ({
			key: String(index),
			index,
			title: `${word} ${index + 1}`,
			questions: cellsShown(row)
		}));
	},
	template: columnQuestions,
	keys: (q) => Array.from({ length: dynamicMax(q) }, (_, i) => String(i)),
	count: rowCount,
	addText: (q) => (canAddRow(q) ? String(q.addRowText ?? '') : null),
	removeText: (q) => (canRemoveRow(q) ? String(q.removeRowText ?? '') : null),
	emptyText: (q) => String(q.noRowsText ?? '')
};

/** A column of survey.json by name. */
const columnOf = (element: SurveyElementJson, name: string) =>
	Array.isArray(element.columns)
		? (element.columns as Record<string, unknown>[]).find((c) => c.name === name)
		: undefined;

/** A column's cells as a question of their own in survey.json terms (QuestionType.cell). */
function cellOf(element: SurveyElementJson, name: string): SurveyElementJson | undefined {
	const column = columnOf(element, name);
	if (!column) return undefined;
	return {
		...column,
		type: cellTypeOf(element, column),
		name: element.name,
		title: column.title as SurveyText | undefined,
		// A column without choices offers the matrix's.
		choices: column.choices ?? element.choices
	} as SurveyElementJson;
}

export const matrixdropdown: QuestionType = {
	name: 'matrixdropdown',
	answer: 'panels',
	scorable: true,
	widget: 'cells',
	options: () => [],
	rows: matrix.rows,
	liveOptions: () => [],
	declaredOptions: () => [],
	innerErrors: entryErrors(dropdownEntries),
	entries: dropdownEntries,
	cell: cellOf
};

export const matrixdynamic: QuestionType = {
	name: 'matrixdynamic',
	answer: 'panels',
	scorable: false,
	widget: 'cells',
	options: () => [],
	liveOptions: () => [],
	declaredOptions: () => [],
	innerErrors: entryErrors(dynamicEntries),
	entries: dynamicEntries,
	cell: cellOf,
	grow: {
		add(q) {
			if (canAddRow(q)) (q as unknown as { addRow(): void }).addRow();
			keepRows(q);
		},
		remove(q, index) {
			if (canRemoveRow(q) && index < rowCount(q))
				(q as unknown as { removeRow(index: number): void }).removeRow(index);
			keepRows(q);
		}
	}
};
