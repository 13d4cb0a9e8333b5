/**
 * What Repères knows about a SurveyJS question type, in one object per type (one module each,
 * gathered in registry.ts): its answer values and their texts, how a page's form carries and reads
 * its answer, how it is scored and how it is shown. Every consumer — the package validator, the
 * scoring model, the results, survey-core on the server, the form checker and the renderer — asks
 * the registry instead of testing type names, so that a type added there is handled everywhere
 * and a consumer cannot drift from the others (ADR 0025). Pure: no survey-core import; what the
 * server's survey-core model offers is read through the structural `LiveQuestion` view.
 */
import type { Locale, SurveyElementJson, SurveyText } from '../diagnostic/types';
import { choiceValue, surveyText, valueKey } from '../diagnostic/survey-json';

/**
 * The shape of an answer, which fixes how a form carries it, how the server reads it back and
 * how it is scored:
 * - `one`: one value among the options (one form field; scored on its points);
 * - `several`: distinct values among the options (one field sent once per value; scored on the
 *   capped sum of their points);
 * - `one-per-row`: one value among the columns for each row (a field `name[row]` per row; each
 *   row scored on its own);
 * - `text`: free text (not scorable);
 * - `texts`: free texts by item name (a `multipletext`: a field `name[item]` per item);
 * - `panels`: entries each holding the same questions (a `paneldynamic`'s panels, a matrix's
 *   rows of cells), kept as `[{ question: value }]` (by position) or, for a `matrixdropdown`,
 *   `{ row: { column: value } }`: a field `name[entry][question]` per entry and inner question,
 *   of that inner question's own shape (ADR 0037; a `matrixdropdown`'s cells may be scored
 *   column by column, each row an item);
 * - `order`: every option shown, in the person's order (a `ranking`: a field `name[value]` per
 *   option holding its position; scored against a stated order, ADR 0036);
 * - `none`: nothing is answered (a text shown between questions).
 */
export type AnswerShape =
	'one' | 'several' | 'one-per-row' | 'text' | 'texts' | 'panels' | 'order' | 'none';

/** How the renderer (QuestionField.svelte) shows a question. */
export type Widget =
	| 'radios'
	| 'radios-inline'
	| 'checkboxes'
	| 'select'
	| 'matrix'
	| 'textarea'
	| 'line'
	| 'paragraph'
	| 'computed'
	// Widgets few questionnaires use: loaded only by those that do (lazy-widgets.ts, ADR 0034).
	| 'text-items'
	| 'rating-icons'
	| 'images'
	| 'ranking'
	| 'cells'
	| 'panels';

/** Lists of survey.json that hold a question's answer values. */
export type ValueList = 'choices' | 'rateValues' | 'columns';

/** One answer value a question offers, as written in survey.json. */
export interface OptionRef {
	/** The value as text: form values and scoring keys are text ("1", "true"). */
	key: string;
	/** The value SurveyJS stores for this answer (string, number or boolean). */
	value: unknown;
	/** JSON Pointer of the option, or of the question for values it implies. */
	pointer: string;
	/** Its text, per locale; undefined when the value itself is shown (a rating's number). */
	text: (locale: Locale) => string | undefined;
}

/** One option as the server's survey-core model offers it: its value and its text in the model's locale. */
export interface LiveOption {
	value: unknown;
	text: string;
	/** An `imagepicker` choice's picture: its `imageLink`, a file of the package (ADR 0039). */
	image?: string;
}

/**
 * A survey-core question seen structurally (its properties by name), so that the type modules
 * stay free of survey-core (ADR 0004) while saying which properties hold what.
 */
export type LiveQuestion = Record<string, unknown>;

export interface QuestionType {
	/** The SurveyJS `type`. */
	readonly name: string;
	readonly answer: AnswerShape;
	/** Whether scoring.json may score it (then it needs points for every option). */
	readonly scorable: boolean;
	readonly widget: Widget;
	/** Free text kept with its line breaks (a comment), rather than on one line. */
	readonly multiline?: boolean;
	/** The answer values it offers as written in survey.json (for a matrix: its columns). */
	options(element: SurveyElementJson, pointer: string): OptionRef[];
	/** Matrix rows (their values as text); none for other types. */
	rows?(element: SurveyElementJson): { key: string; text: SurveyText | undefined }[];
	/** The options survey-core offers on the page now, with their texts (conditions applied). */
	liveOptions(q: LiveQuestion): LiveOption[];
	/**
	 * Every option the question may offer whatever the answers (hidden ones included), for the
	 * strict form; undefined when survey-core computes them from other answers.
	 */
	declaredOptions(q: LiveQuestion): LiveOption[] | undefined;
	/**
	 * Rows survey-core shows now (a matrix; a multiple text's items, with whether each is
	 * required and its input type), and every row it may show.
	 */
	liveRows?(q: LiveQuestion): { key: string; text: string; required?: true; input?: string }[];
	declaredRows?(q: LiveQuestion): { key: string; text: string }[];
	/** For `none`: the text shown, from the live question. */
	shownText?(q: LiveQuestion): string;
	/** A computed value shown beside the title (an `expression`), from the live question. */
	shownValue?(q: LiveQuestion): string;
	/**
	 * Errors survey-core keeps on the question's parts (a `multipletext` item, a matrix cell, a
	 * dynamic panel's question) after validation, each naming its part, from the live question.
	 */
	innerErrors?(q: LiveQuestion): string[];
	/**
	 * The type as a question's own properties make it (an `imagepicker` with `multiSelect` answers
	 * like a checkbox): given the survey.json element or the live question.
	 */
	variant?(props: Record<string, unknown>): QuestionType | undefined;
	/**
	 * Entries the person adds and removes (`paneldynamic` panels, `matrixdynamic` rows): what the
	 * page's « add » and « remove » buttons do to the server's live question (ADR 0034).
	 */
	grow?: {
		add(q: LiveQuestion): void;
		remove(q: LiveQuestion, index: number): void;
	};
	/** For `panels`: its entries and the questions each holds (ADR 0037). */
	entries?: Entries;
	/**
	 * A `matrixdropdown` column's cells as a question of their own in survey.json terms (its cell
	 * type, its choices or the matrix's), so that a column is validated and scored as its kin;
	 * undefined for an unknown column.
	 */
	cell?(element: SurveyElementJson, column: string): SurveyElementJson | undefined;
}

/** One entry as survey-core shows it now: a dynamic panel, a matrix row. */
export interface LiveEntry {
	/** Its place in the question's value: a position (as text), or a matrix row's value. */
	key: string;
	/** Its position: in the value (a panel, a dynamic row), among the rows (a `matrixdropdown`). */
	index: number;
	/** A panel's `templateTitle` with its values or its number, a row's text. */
	title: string;
	/** Its questions shown now (visible, in order): a panel's questions, a row's cells. */
	questions: LiveQuestion[];
}

/** What a question made of entries says of them (`paneldynamic`, `matrixdynamic`, `matrixdropdown`). */
export interface Entries {
	/** Kept by row value (`{ row: {…} }`, a `matrixdropdown`) rather than by position. */
	keyed: boolean;
	/** Laid out as a table's rows (a matrix) rather than as panels. */
	table: boolean;
	live(q: LiveQuestion): LiveEntry[];
	/** The questions every entry holds, as declared (a panel's template, a matrix's columns). */
	template(q: LiveQuestion): LiveQuestion[];
	/** Every key an entry may have (the form's fields); `max` entries at most. */
	keys(q: LiveQuestion): string[];
	/** How many entries the value holds now (by position), for what the form does not show. */
	count(q: LiveQuestion): number;
	/** The « add » button's text when one may be added now, else null; « remove » likewise. */
	addText(q: LiveQuestion): string | null;
	removeText(q: LiveQuestion): string | null;
	/** What is said when there is no entry. */
	emptyText(q: LiveQuestion): string;
}

/** Options of a survey.json list (`choices`, `rateValues`, `columns`), with their texts. */
export function listOptions(list: unknown, pointer: string, prop: ValueList): OptionRef[] {
	if (!Array.isArray(list)) return [];
	return list.map((c: unknown, i) => {
		const value = choiceValue(c);
		const text =
			typeof c === 'object' && c !== null ? (c as { text?: SurveyText }).text : undefined;
		return {
			key: valueKey(value),
			value,
			pointer: `${pointer}/${prop}/${i}`,
			// SurveyJS shows the value itself when an item has no text.
			text: (locale: Locale) => surveyText(text, locale) ?? valueKey(value)
		};
	});
}

/** survey-core item values (`{ value, text }` objects) as live options. */
export function liveItems(list: unknown): LiveOption[] {
	return Array.isArray(list)
		? list.map((c: { value: unknown; text: string }) => ({ value: c.value, text: c.text }))
		: [];
}

type WithErrors = { errors: { getText(): string }[]; processedTitle?: string; name: string };

/** Errors survey-core keeps on the questions of a question's entries, each naming its entry and question. */
export const entryErrors =
	(entries: Entries) =>
	(q: LiveQuestion): string[] =>
		entries
			.live(q)
			.flatMap((entry) =>
				(entry.questions as unknown as WithErrors[]).flatMap((inner) =>
					inner.errors.map(
						(e) => `${entry.title} – ${inner.processedTitle || inner.name}\u00a0: ${e.getText()}`
					)
				)
			);
