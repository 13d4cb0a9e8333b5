/**
 * How a page's form carries each answer shape (AnswerShape), how the server reads it back and
 * checks it against what the page offers. Shared by every type of a shape; the server's
 * survey-core runtime supplies the options and rows. Pure.
 */
import { valueKey } from '../diagnostic/survey-json';
import type { FormValue } from '../diagnostic/page-view';
import type { FieldRule, FormProblem, StrictForm } from '../forms/strict-form';
import type { AnswerShape } from './definition';

/** A question of a page as its form carries it. */
export interface FormQuestion {
	name: string;
	answer: AnswerShape;
	multiline: boolean;
	/** Form key → stored value, for questions with options (matrix: its columns). */
	values: Map<string, unknown>;
	/** Matrix rows (their keys), every one the question may show; a `multipletext`'s items. */
	rows: string[];
	/**
	 * The questions each entry holds (a `paneldynamic`'s panel, a matrix's row of cells), as one
	 * entry carries them (named as in the entry), each with its declared option keys (undefined
	 * when they depend on answers); every key an entry may have; whether the value is kept by
	 * key (`{ row: {…} }`) rather than by position (ADR 0037).
	 */
	panels?: { keys: string[]; keyed: boolean; template: PanelQuestion[] };
}

/** One question of a dynamic panel's template, as a panel's form carries it. */
export interface PanelQuestion {
	question: FormQuestion;
	keys: ReadonlySet<string> | undefined;
}

/** The form field of an entry's question: `name[entry][question]` (a panel's index, a row's value). */
export const panelField = (name: string, entry: number | string, inner: string): string =>
	`${name}[${entry}][${inner}]`;

/** A template question as entry `key`'s form carries it (its fields named inside the entry's). */
export const inPanel = (
	q: FormQuestion,
	key: number | string,
	inner: FormQuestion
): FormQuestion => ({
	...inner,
	name: panelField(q.name, key, inner.name)
});

/**
 * The fields of a question and their rules: `keys` are its declared option keys (undefined when
 * they depend on other answers, then checked once those are known), `maxLength` the text limit.
 */
export function fieldRules(
	q: FormQuestion,
	keys: ReadonlySet<string> | undefined,
	maxLength: number
): [field: string, rule: FieldRule][] {
	// An empty single choice is no answer (a dropdown's « — »): incomplete, not invalid.
	const single: FieldRule = { kind: 'choice', options: keys && new Set([...keys, '']) };
	switch (q.answer) {
		case 'text':
			return [[q.name, { kind: 'text', maxLength, multiline: q.multiline }]];
		case 'several':
			return [[q.name, { kind: 'choices', options: keys }]];
		case 'one-per-row':
			return q.rows.map((row) => [`${q.name}[${row}]`, single]);
		case 'texts':
			return q.rows.map((item) => [
				`${q.name}[${item}]`,
				{ kind: 'text', maxLength, multiline: false }
			]);
		case 'order': {
			// A position per option, 1…n, or none: an option left empty is said back, not refused.
			if (!keys) return [];
			const positions = Array.from({ length: keys.size }, (_, i) => String(i + 1));
			const rule: FieldRule = { kind: 'choice', options: new Set(['', ...positions]) };
			return [...keys].map((key) => [`${q.name}[${key}]`, rule]);
		}
		case 'one':
			return [[q.name, single]];
		case 'panels':
			// Every entry the question may hold: which exist is checked against the live question.
			return (q.panels?.keys ?? []).flatMap((key) =>
				(q.panels?.template ?? []).flatMap((t) =>
					fieldRules(inPanel(q, key, t.question), t.keys, maxLength)
				)
			);
		case 'none':
			return [];
	}
}

/** A ranking's positions as its form holds them: option key → position, for those given. */
export function formPositions(q: FormQuestion, form: StrictForm): Map<string, number> {
	const positions = new Map<string, number>();
	for (const key of q.values.keys()) {
		const position = form.text(`${q.name}[${key}]`);
		if (position !== '') positions.set(key, Number(position));
	}
	return positions;
}

/** What keeps a ranking's positions from being an order: the options sharing a position, and those left without one while others have one. */
export interface OrderGap {
	/** Option keys sharing a position, by position, in the order shown. */
	tied: { position: number; keys: string[] }[];
	missing: string[];
}

/**
 * Why the positions given to the options `shown` are no order, or null when they are one (each
 * option its own position) or when none was given (no answer). Gaps in the numbering do not
 * matter: the order is what the numbers say (1, 2, 4 ranks like 1, 2, 3).
 */
export function orderGap(
	positions: ReadonlyMap<string, number>,
	shown: readonly string[]
): OrderGap | null {
	const given = shown.filter((key) => positions.has(key));
	if (given.length === 0) return null;
	const byPosition = new Map<number, string[]>();
	for (const key of given) {
		const p = positions.get(key)!;
		byPosition.set(p, [...(byPosition.get(p) ?? []), key]);
	}
	const tied = [...byPosition]
		.filter(([, keys]) => keys.length > 1)
		.sort((a, b) => a[0] - b[0])
		.map(([position, keys]) => ({ position, keys }));
	const missing = shown.filter((key) => !positions.has(key));
	return tied.length > 0 || missing.length > 0 ? { tied, missing } : null;
}

/** Option keys ordered by their positions; ties (refused before) keep the options' order. */
export function rankedKeys(positions: ReadonlyMap<string, number>): string[] {
	const keys = [...positions.keys()];
	return keys
		.map((key, i) => ({ key, i, p: positions.get(key)! }))
		.sort((a, b) => a.p - b.p || a.i - b.i)
		.map((e) => e.key);
}

/** The stored answer of a question read from a well-formed form, or undefined when none. */
export function readAnswer(q: FormQuestion, form: StrictForm): unknown {
	const stored = (key: string) => (q.values.has(key) ? q.values.get(key) : key);
	switch (q.answer) {
		case 'text': {
			const text = form.text(q.name).trim();
			return text === '' ? undefined : text;
		}
		case 'several': {
			const keys = form.all(q.name);
			return keys.length > 0 ? keys.map(stored) : undefined;
		}
		case 'one-per-row': {
			const row: Record<string, unknown> = {};
			for (const r of q.rows) {
				const key = form.text(`${q.name}[${r}]`);
				if (key !== '') row[r] = stored(key);
			}
			return Object.keys(row).length > 0 ? row : undefined;
		}
		case 'texts': {
			// SurveyJS keeps only the items given: an empty box is no key.
			const texts: Record<string, string> = {};
			for (const item of q.rows) {
				const text = form.text(`${q.name}[${item}]`).trim();
				if (text !== '') texts[item] = text;
			}
			return Object.keys(texts).length > 0 ? texts : undefined;
		}
		case 'order': {
			const ranked = rankedKeys(formPositions(q, form));
			return ranked.length > 0 ? ranked.map(stored) : undefined;
		}
		case 'one': {
			const key = form.text(q.name);
			return key === '' ? undefined : stored(key);
		}
		case 'panels':
			// Read panel by panel with what each shows (readPanels).
			return undefined;
		case 'none':
			return undefined;
	}
}

/** An entry as the page showed it: its key in the value, and its questions one may answer. */
export interface ShownPanel {
	key: string;
	/** Names of its questions shown and editable. */
	editable: string[];
}

/**
 * An answer made of entries read from a well-formed form: each entry shown takes the form's
 * values of its questions shown and editable, its other values are kept (as a question the page
 * does not show keeps its own). A list (`panels.keyed` false) holds `count` entries; a keyed
 * value (a `matrixdropdown`) keeps its rows, an empty row dropped as SurveyJS drops it. A field
 * of an entry the page does not show is a problem.
 */
export function readPanels(
	q: FormQuestion,
	form: StrictForm,
	shown: ShownPanel[],
	count: number,
	before: unknown
): { value: Record<string, unknown>[] | Record<string, unknown>; problems: FormProblem[] } {
	const keys = new Set(shown.map((p) => p.key));
	const prefix = `${q.name}[`;
	const unshown = form
		.names()
		.filter((field) => field.startsWith(prefix))
		.filter((field) => !keys.has(/^\[([^\]]*)\]/.exec(field.slice(q.name.length))?.[1] ?? ''));
	const problems = [...new Set(unshown)].map((field): FormProblem => ({
		field,
		kind: 'not-offered'
	}));
	const entry = (old: unknown) =>
		typeof old === 'object' && old !== null && !Array.isArray(old)
			? { ...(old as Record<string, unknown>) }
			: {};
	const template = new Map((q.panels?.template ?? []).map((t) => [t.question.name, t.question]));
	const fill = (target: Record<string, unknown>, panel: ShownPanel) => {
		for (const name of panel.editable) {
			const inner = template.get(name);
			if (!inner) continue;
			const answer = readAnswer(inPanel(q, panel.key, inner), form);
			if (answer === undefined) delete target[name];
			else target[name] = answer;
		}
	};
	if (q.panels?.keyed) {
		const old =
			typeof before === 'object' && before !== null && !Array.isArray(before) ? before : {};
		const value: Record<string, unknown> = {};
		for (const [key, row] of Object.entries(old)) value[key] = entry(row);
		for (const panel of shown) {
			const target = (value[panel.key] ??= {}) as Record<string, unknown>;
			fill(target, panel);
			if (Object.keys(target).length === 0) delete value[panel.key];
		}
		return { value, problems };
	}
	const old = Array.isArray(before) ? before : [];
	const value = Array.from({ length: count }, (_, i) => entry(old[i]));
	for (const panel of shown) {
		const target = value[Number(panel.key)];
		if (target) fill(target, panel);
	}
	return { value, problems };
}

/**
 * Values of a stored answer the page does not offer now (`offered`: option keys; `rows`: row
 * keys shown), one problem per field.
 */
export function answerProblems(
	name: string,
	answer: AnswerShape,
	value: unknown,
	offered: ReadonlySet<string>,
	rows: ReadonlySet<string>
): FormProblem[] {
	if (
		value === undefined ||
		answer === 'text' ||
		answer === 'texts' ||
		answer === 'panels' ||
		answer === 'none'
	)
		return [];
	if (answer === 'one-per-row') {
		return Object.entries(value as Record<string, unknown>)
			.filter(([row, v]) => !rows.has(row) || !offered.has(valueKey(v)))
			.map(([row]) => ({ field: `${name}[${row}]`, kind: 'not-offered' }));
	}
	const values = Array.isArray(value) ? value : [value];
	return values.some((v) => !offered.has(valueKey(v)))
		? [{ field: name, kind: 'not-offered' }]
		: [];
}

/** A stored answer in form terms: a key, several keys (a ranking's in order), keys per matrix row, or text. */
export function formValue(value: unknown): FormValue {
	// survey-core keeps an empty choice list or ranking as [], which the form holds as nothing.
	if (value === undefined || value === null || value === '') return null;
	if (Array.isArray(value)) return value.length > 0 ? value.map(valueKey) : null;
	if (typeof value === 'object') {
		return Object.fromEntries(
			Object.entries(value as Record<string, unknown>).map(([k, x]) => [k, valueKey(x)])
		);
	}
	return valueKey(value);
}
