/**
 * What a questionnaire page looks like to the renderer: plain, serialisable data built on the
 * server from survey-core (ADR 0004), so that pages render without survey-core in the browser.
 */
import type { Widget } from '../question-types/definition';
import type { SupportedType } from '../question-types/registry';
import type { AnswerStep } from './answer-steps';
import type { TimeLeft } from './time-estimate';

export interface ChoiceView {
	/** Form value of the choice (the SurveyJS value as text). */
	key: string;
	text: string;
	/** Its place on the question's scale, for a scored choice (answer-steps.ts). */
	step?: AnswerStep;
	/** Shown but not selectable now (`choicesEnableIf`, a choice's `enableIf`). */
	disabled?: true;
	/** Chosen alone: ticking it unticks the others (`showNoneItem`, `isExclusive`). */
	exclusive?: true;
	/** The « other » item: ticking it asks for a text (`showOtherItem`). */
	other?: true;
	/** A multiple text's item that must be given, and its input type (`number`, `date`…). */
	required?: true;
	input?: string;
	/** An image picker's picture: the address the app serves it at (ADR 0039). */
	image?: string;
}

/**
 * Current answer in form terms: a key, several keys (a ranking's in order), keys per matrix row
 * (a ranking's positions as given, when they are no order), or text.
 */
export type FormValue = string | string[] | Record<string, string> | null;

/** A value given per row or item (a matrix's columns, a multiple text's texts); none otherwise. */
export const valuesByRow = (value: FormValue): Record<string, string> =>
	value && typeof value === 'object' && !Array.isArray(value) ? value : {};

export interface QuestionView {
	name: string;
	type: SupportedType;
	/** How it is shown (its type's widget). */
	widget: Widget;
	title: string;
	description: string;
	required: boolean;
	/** False when read-only (`readOnly`, `enableIf`): shown, its value kept, not editable. */
	enabled: boolean;
	choices: ChoiceView[];
	/** Matrix rows. */
	rows: ChoiceView[];
	value: FormValue;
	errors: string[];
	/** The text of the « select all » action (`showSelectAllItem`), offered with JavaScript. */
	selectAll?: string;
	/** The text given with the « other » item (SurveyJS keeps it as `<name>-Comment`). */
	comment?: string;
	/** A `text` question's `inputType` (the browser's own control), with its bounds. */
	input?: { type: string; min?: string; max?: string; step?: string };
	/** A rating shown as stars or smileys (`rateType`). */
	rateType?: 'stars' | 'smileys';
	/** A rating's end labels (`minRateDescription`, `maxRateDescription`). */
	ends?: { min: string; max: string };
	/** A text between questions (`html`), cleaned on the server (server/survey/html.ts). */
	html?: string;
	/** A computed value (an `expression` question), as survey-core formats it. */
	display?: string;
	/** Free-text questions: maximum length accepted by the server. */
	maxLength?: number;
	/** Its entries and what its buttons say: a dynamic panel's panels, a matrix's rows of cells. */
	panels?: PanelsView;
	/** An image picker's way of showing its pictures. */
	images?: ImagesView;
}

/**
 * How an `imagepicker` shows its pictures: one or several chosen (`multiSelect`), their size as
 * the questionnaire asks (`imageWidth`, `imageHeight`, in CSS pixels, used as maxima so that
 * they fit a phone), how a picture fills it (`imageFit`), and whether its text shows under it
 * (`showLabel`; it is the picture's alternative text either way).
 */
export interface ImagesView {
	multiple: boolean;
	width?: number;
	height?: number;
	fit: 'contain' | 'cover' | 'fill' | 'none';
	showLabel: boolean;
}

/**
 * The entries of a question as the page shows them (a `paneldynamic`'s panels, a matrix's rows,
 * ADR 0037): each with its questions, named by their form fields (`name[key][question]`) and
 * shown as they would be on their own.
 */
export interface PanelsView {
	/** `key`: its place in the value (a position, a row's value); `index`: a position. */
	entries: { key: string; index: number; title: string; questions: QuestionView[] }[];
	/** Rows of a matrix (cells side by side under the columns' titles), rather than panels. */
	table: boolean;
	/** The « add » button's text when an entry may be added now, else null. */
	add: string | null;
	/** Each entry's « remove » button's text when one may be removed now, else null. */
	remove: string | null;
	/** What is said when there is no panel. */
	empty: string;
}

/** A page's shown elements as they nest: a question (by name) or a panel of elements. */
export type LayoutNode =
	| { kind: 'question'; name: string }
	| {
			kind: 'panel';
			name: string;
			title: string;
			description: string;
			/** SurveyJS `state`: `collapsed` and `expanded` panels can be folded, `default` ones not. */
			state: 'default' | 'collapsed' | 'expanded';
			children: LayoutNode[];
	  };

export interface PageView {
	name: string;
	/** The language its texts are in (the package's content language, ADR 0035). */
	language: string;
	/** Position among the visible pages, from 0. */
	index: number;
	count: number;
	title: string;
	description: string;
	/** The questions shown now, in order (inside panels too). */
	questions: QuestionView[];
	/** How they nest in panels, in the same order. */
	layout: LayoutNode[];
	isFirst: boolean;
	isLast: boolean;
	/** Estimated minutes for this page and for the rest of the questionnaire (time-estimate.ts). */
	time: TimeLeft;
}

/** Field errors of a page, by question name. */
export type FieldErrors = Record<string, string[]>;

/** What a page's form holds now for a question, in form terms (as `QuestionView.value`). */
export function formValueOf(question: QuestionView, data: FormData): FormValue {
	const text = (name: string) => {
		const v = data.get(name);
		return typeof v === 'string' && v !== '' ? v : null;
	};
	if (question.widget === 'checkboxes' || question.images?.multiple) {
		const all = data.getAll(question.name).filter((v): v is string => typeof v === 'string');
		return all.length > 0 ? all : null;
	}
	if (question.widget === 'ranking') {
		// Read here rather than with question-types/form.ts, which the page does not ship.
		const given = question.choices
			.map((c) => [c.key, text(`${question.name}[${c.key}]`)] as const)
			.filter((e): e is readonly [string, string] => e[1] !== null);
		if (given.length === 0) return null;
		// Each option its own position: the order they give; else the positions as given.
		const distinct = new Set(given.map(([, p]) => Number(p))).size === given.length;
		return distinct && given.length === question.choices.length
			? [...given].sort((a, b) => Number(a[1]) - Number(b[1])).map(([key]) => key)
			: Object.fromEntries(given);
	}
	if (question.widget === 'matrix') {
		const cells: Record<string, string> = {};
		for (const row of question.rows) {
			const v = text(`${question.name}[${row.key}]`);
			if (v !== null) cells[row.key] = v;
		}
		return Object.keys(cells).length > 0 ? cells : null;
	}
	return text(question.name);
}

/**
 * The page a live update brings, with each question's value as the form holds it `now`,
 * unless the server changed it from what was `sent` (a trigger, `setValueIf`, a default
 * computed from other answers): what the person typed meanwhile is never overwritten.
 */
export function mergeLivePage(next: PageView, sent: FormData, now: FormData): PageView {
	const same = (a: FormValue, b: FormValue) => JSON.stringify(a) === JSON.stringify(b);
	const merge = (q: QuestionView): QuestionView => {
		// A dynamic panel's questions are merged one by one, as the page's own.
		if (q.panels) {
			const entries = q.panels.entries.map((e) => ({ ...e, questions: e.questions.map(merge) }));
			return { ...q, panels: { ...q.panels, entries } };
		}
		return q.enabled && same(q.value, formValueOf(q, sent))
			? { ...q, value: formValueOf(q, now) }
			: q;
	};
	return { ...next, questions: next.questions.map(merge) };
}

/**
 * A page's `shown` field: the questions it shows and the options each offers, so that the
 * server can tell which ones appeared since (a follow-up the answers revealed).
 */
export function shownField(page: PageView): string {
	// A dynamic panel's questions too, by their fields (`name[index][question]`).
	const all = page.questions.flatMap((q) => [
		q,
		...(q.panels?.entries.flatMap((e) => e.questions) ?? [])
	]);
	return JSON.stringify(all.map((q) => [q.name, q.choices.map((c) => c.key)]));
}
