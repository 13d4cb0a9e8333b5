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
}

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
		case 'one':
			return [[q.name, single]];
		case 'none':
			return [];
	}
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
		case 'one': {
			const key = form.text(q.name);
			return key === '' ? undefined : stored(key);
		}
		case 'none':
			return undefined;
	}
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
	if (value === undefined || answer === 'text' || answer === 'texts' || answer === 'none')
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

/** A stored answer in form terms: a key, several keys, keys per matrix row, or text. */
export function formValue(value: unknown): FormValue {
	if (value === undefined || value === null || value === '') return null;
	if (Array.isArray(value)) return value.map(valueKey);
	if (typeof value === 'object') {
		return Object.fromEntries(
			Object.entries(value as Record<string, unknown>).map(([k, x]) => [k, valueKey(x)])
		);
	}
	return valueKey(value);
}
