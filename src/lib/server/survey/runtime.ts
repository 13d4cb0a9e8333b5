/**
 * survey-core on the server: page views, reading a submitted page, validation, visibility
 * and navigation. The server is the authority: it applies the questionnaire's own rules
 * (required, validators, visibleIf) to every submission, whatever the browser did.
 */
import { Model, surveyLocalization, type Question } from 'survey-core';
import 'survey-core/i18n/french';
import type { Locale, QuestionnairePackage } from '../../diagnostic/types';
import type { SupportedType } from '../../diagnostic/survey-json';
import { valueKey } from '../../diagnostic/survey-json';
import type {
	ChoiceView,
	FieldErrors,
	FormValue,
	PageView,
	QuestionView
} from '../../diagnostic/page-view';
import type { Answers } from '../../scoring/types';
import {
	checkForm,
	type FieldRule,
	type FormProblem,
	type FormSchema
} from '../../forms/strict-form';

// Package texts written as plain strings or `default` are French (docs/questionnaire-format.md).
surveyLocalization.defaultLocale = 'fr';

/** Longest free text accepted for a comment or text question. */
export const MAX_TEXT_LENGTH = 2000;

type Item = { value: unknown; text: string };

/**
 * One survey-core model per package, reused from request to request: building one costs
 * milliseconds to tens of milliseconds (parsing the JSON into objects), more than everything
 * else a page save does. Each use sets the locale and replaces the answers; uses are
 * synchronous, so two never overlap. A model that completed, or whose use failed, is dropped.
 */
const models = new WeakMap<QuestionnairePackage, Model>();

/**
 * Runs `fn` on the package's model with these answers and locale. `fn` calls `spoil()` after
 * changing the model in ways new answers do not undo (completion).
 */
function withModel<T>(
	pkg: QuestionnairePackage,
	answers: Answers,
	locale: string,
	fn: (m: Model, spoil: () => void) => T
): T {
	const model = models.get(pkg) ?? new Model(pkg.survey);
	// Taken while in use: a nested use gets a model of its own.
	models.delete(pkg);
	let reusable = true;
	try {
		model.locale = locale;
		model.data = structuredClone(answers);
		return fn(model, () => {
			reusable = false;
		});
	} catch (e) {
		reusable = false;
		throw e;
	} finally {
		if (reusable && !models.has(pkg)) models.set(pkg, model);
		else model.dispose();
	}
}

const typeOf = (q: Question) => q.getType() as SupportedType;

/** Answer options of a question, as (key, stored value, text). */
function options(q: Question): Item[] {
	const items = (list: { value: unknown; text: string }[]): Item[] =>
		list.map((c) => ({ value: c.value, text: c.text }));
	switch (typeOf(q)) {
		case 'rating':
			return items((q as unknown as { visibleRateValues: Item[] }).visibleRateValues);
		case 'boolean': {
			const b = q as unknown as {
				valueTrue?: unknown;
				valueFalse?: unknown;
				labelTrue: string;
				labelFalse: string;
			};
			return [
				{ value: b.valueTrue ?? true, text: b.labelTrue },
				{ value: b.valueFalse ?? false, text: b.labelFalse }
			];
		}
		case 'matrix':
			return items((q as unknown as { visibleColumns: Item[] }).visibleColumns);
		case 'radiogroup':
		case 'dropdown':
		case 'checkbox':
			return items((q as unknown as { visibleChoices: Item[] }).visibleChoices);
		default:
			return [];
	}
}

function rowsOf(q: Question): ChoiceView[] {
	if (typeOf(q) !== 'matrix') return [];
	return (q as unknown as { visibleRows: { name: unknown; text: string }[] }).visibleRows.map(
		(r) => ({
			key: valueKey(r.name),
			text: r.text
		})
	);
}

function formValue(q: Question): FormValue {
	const v: unknown = q.value;
	if (v === undefined || v === null || v === '') return null;
	if (Array.isArray(v)) return v.map(valueKey);
	if (typeof v === 'object') {
		return Object.fromEntries(
			Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, valueKey(x)])
		);
	}
	return valueKey(v);
}

function pageByName(model: Model, name: string) {
	const page = model.getPageByName(name);
	if (!page) throw new Error(`page « ${name} » absente du questionnaire`);
	return page;
}

/** Name of the first visible page. */
export function firstPageName(pkg: QuestionnairePackage): string {
	return withModel(pkg, {}, 'fr', (m) => m.visiblePages[0]!.name);
}

/** The page to show, with current answers and errors, in a locale. */
export function buildPageView(
	pkg: QuestionnairePackage,
	answers: Answers,
	pageName: string,
	locale: string,
	errors: FieldErrors = {}
): PageView {
	return withModel(pkg, answers, locale, (model) => {
		const page = pageByName(model, pageName);
		const visible = model.visiblePages;
		const index = Math.max(0, visible.indexOf(page));
		const questions: QuestionView[] = page.questions
			.filter((q) => q.isVisible)
			.map((q) => {
				const type = typeOf(q);
				const text =
					type === 'html' ? htmlToText(String((q as unknown as { html: string }).html ?? '')) : '';
				return {
					name: q.name,
					type,
					title: type === 'html' ? text : q.processedTitle,
					description: q.description ?? '',
					required: q.isRequired,
					choices: options(q).map((o) => ({ key: valueKey(o.value), text: o.text })),
					rows: rowsOf(q),
					value: formValue(q),
					errors: errors[q.name] ?? [],
					...(type === 'comment' || type === 'text' ? { maxLength: MAX_TEXT_LENGTH } : {})
				};
			});
		return {
			name: page.name,
			index,
			count: visible.length,
			title: page.processedTitle,
			description: page.description ?? '',
			questions,
			isFirst: index === 0,
			isLast: index === visible.length - 1
		};
	});
}

/** html elements are shown as plain text: tags are dropped rather than trusted. */
function htmlToText(html: string): string {
	return html
		.replace(/<[^>]*>/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
}

/** A question of a page as its form carries it. */
interface FormQuestion {
	name: string;
	type: SupportedType;
	/** Form key → stored value, for questions with options (matrix: its columns). */
	values: Map<string, unknown>;
	/** Matrix rows (their keys). */
	rows: string[];
}

/** What the form of one page may carry, and how to name its fields in messages. */
export interface PageForm {
	schema: FormSchema;
	questions: FormQuestion[];
	/** The question a field belongs to (a matrix row's field `q[row]` belongs to `q`). */
	questionOf: Map<string, string>;
	/** A field as the page shows it, per locale: the question's title (and the row's). */
	labels: Record<Locale, Map<string, string>>;
}

const NAVIGATION = new Set(['stay', 'prev', 'next']);
const pageForms = new WeakMap<QuestionnairePackage, Map<string, PageForm>>();

/**
 * Every option a question may offer, whatever the answers (choices hidden by a condition
 * included), or undefined when survey-core computes them from other answers: those are checked
 * against what the page offers once the answers are known.
 */
function declaredOptions(q: Question): Item[] | undefined {
	const type = typeOf(q);
	const select = q as unknown as {
		choicesFromQuestion?: string;
		choicesByUrl?: { url?: string };
		choices: Item[];
		columns: Item[];
	};
	if (type === 'radiogroup' || type === 'dropdown' || type === 'checkbox') {
		if (select.choicesFromQuestion || select.choicesByUrl?.url) return undefined;
		return [...options(q), ...select.choices];
	}
	if (type === 'matrix') return [...options(q), ...select.columns];
	return options(q);
}

function buildPageForms(pkg: QuestionnairePackage): Map<string, PageForm> {
	return withModel(pkg, {}, 'fr', (model) => {
		const forms = new Map<string, PageForm>();
		const pageNames = new Set(model.pages.map((p) => p.name));
		for (const page of model.pages) {
			const rules = new Map<string, FieldRule>([
				['page', { kind: 'choice', options: pageNames }],
				['nav', { kind: 'choice', options: NAVIGATION }]
			]);
			const questions: FormQuestion[] = [];
			const questionOf = new Map<string, string>();
			for (const q of page.questions) {
				const type = typeOf(q);
				if (type === 'html') continue;
				const declared = declaredOptions(q);
				const values = new Map((declared ?? []).map((o) => [valueKey(o.value), o.value]));
				const keys = declared && new Set(values.keys());
				// An empty single choice is no answer (a dropdown's « — »): incomplete, not invalid.
				const single: FieldRule = { kind: 'choice', options: keys && new Set([...keys, '']) };
				// Every row, shown or hidden by a condition (a matrix's field is `name[row]`).
				const rows =
					type === 'matrix'
						? [
								...new Set([
									...rowsOf(q).map((r) => r.key),
									...(q as unknown as { rows: { value: unknown }[] }).rows.map((r) =>
										valueKey(r.value)
									)
								])
							]
						: [];
				questions.push({ name: q.name, type, values, rows });
				if (type === 'comment' || type === 'text') {
					rules.set(q.name, {
						kind: 'text',
						maxLength: MAX_TEXT_LENGTH,
						multiline: type === 'comment'
					});
					questionOf.set(q.name, q.name);
				} else if (type === 'checkbox') {
					rules.set(q.name, { kind: 'choices', options: keys });
					questionOf.set(q.name, q.name);
				} else if (type === 'matrix') {
					for (const row of rows) {
						rules.set(`${q.name}[${row}]`, single);
						questionOf.set(`${q.name}[${row}]`, q.name);
					}
				} else {
					rules.set(q.name, single);
					questionOf.set(q.name, q.name);
				}
			}
			forms.set(page.name, {
				schema: (name) => rules.get(name),
				questions,
				questionOf,
				labels: { fr: new Map(), en: new Map() }
			});
		}
		// Titles as each locale shows them, for messages that name the field.
		for (const locale of ['fr', 'en'] as const) {
			model.locale = locale;
			for (const page of model.pages) {
				const labels = forms.get(page.name)!.labels[locale];
				labels.set('page', page.processedTitle || page.name);
				for (const q of page.questions) {
					const title = q.processedTitle || q.name;
					labels.set(q.name, title);
					if (typeOf(q) !== 'matrix') continue;
					for (const r of (q as unknown as { rows: { value: unknown; text: string }[] }).rows) {
						labels.set(`${q.name}[${valueKey(r.value)}]`, `${title} – ${r.text}`);
					}
				}
			}
		}
		return forms;
	});
}

/** The form of a page (built once per package: survey-core says what each question offers). */
export function pageForm(pkg: QuestionnairePackage, pageName: string): PageForm | undefined {
	let forms = pageForms.get(pkg);
	if (!forms) pageForms.set(pkg, (forms = buildPageForms(pkg)));
	return forms.get(pageName);
}

/** A page submission read strictly: its page, where to go, and the answers it leaves. */
export type PageRead =
	| { ok: true; pageName: string; nav: 'stay' | 'prev' | 'next'; answers: Answers }
	| { ok: false; pageName: string | null; problems: FormProblem[] };

/**
 * Reads a submitted page into a copy of `answers`. Every field must belong to that page, come
 * once (a checkbox group: distinct values), and hold one of its question's options or a text
 * within the limit without control characters; otherwise nothing of it is read. Unanswered
 * questions are fine. `page` must name a page of the questionnaire.
 */
export function readPageForm(
	pkg: QuestionnairePackage,
	answers: Answers,
	form: FormData
): PageRead {
	const pages = form.getAll('page');
	const pageName = pages.length === 1 && typeof pages[0] === 'string' ? pages[0] : null;
	const page = pageName === null ? undefined : pageForm(pkg, pageName);
	if (!page || pageName === null) {
		return {
			ok: false,
			pageName: null,
			problems: [{ field: 'page', kind: pages.length > 1 ? 'repeated' : 'not-offered' }]
		};
	}
	const read = checkForm(form, page.schema);
	if (!read.ok) return { ok: false, pageName, problems: read.problems };
	const values = read.form;
	const next: Answers = structuredClone(answers);
	for (const q of page.questions) {
		delete next[q.name];
		if (q.type === 'comment' || q.type === 'text') {
			const text = values.text(q.name).trim();
			if (text !== '') next[q.name] = text;
		} else if (q.type === 'checkbox') {
			const keys = values.all(q.name);
			if (keys.length > 0) next[q.name] = keys.map((k) => (q.values.has(k) ? q.values.get(k) : k));
		} else if (q.type === 'matrix') {
			const row: Record<string, unknown> = {};
			for (const r of q.rows) {
				const key = values.text(`${q.name}[${r}]`);
				if (key !== '') row[r] = q.values.has(key) ? q.values.get(key) : key;
			}
			if (Object.keys(row).length > 0) next[q.name] = row;
		} else {
			const key = values.text(q.name);
			if (key !== '') next[q.name] = q.values.has(key) ? q.values.get(key) : key;
		}
	}
	const nav = values.text('nav');
	return {
		ok: true,
		pageName,
		nav: nav === 'stay' || nav === 'prev' ? nav : 'next',
		answers: next
	};
}

/** What survey-core makes of a page read: refused values, errors, and where to go. */
export interface PageCheck {
	/** Values the page does not offer with these answers (a choice hidden by a condition). */
	problems: FormProblem[];
	/** The questionnaire's own rules (required, validators) on the page's visible questions. */
	errors: FieldErrors;
	previous: string | null;
	next: string | null;
	/** With `complete`: the final answers, or the first page left invalid. */
	completion: { ok: true; answers: Answers } | { ok: false; pageName: string } | null;
}

/**
 * Checks a page read with the answers it leaves, in one survey-core model: values against the
 * options the page offers, the page's rules, the pages around it and, when asked and the page
 * is valid and last, completion (hidden questions' answers dropped, as SurveyJS does).
 */
export function checkPage(
	pkg: QuestionnairePackage,
	answers: Answers,
	pageName: string,
	locale: string,
	complete: boolean
): PageCheck {
	return withModel(pkg, answers, locale, (model, spoil) => {
		const page = pageByName(model, pageName);
		const problems: FormProblem[] = [];
		for (const q of page.questions) {
			const value = answers[q.name];
			const type = typeOf(q);
			if (value === undefined || ['html', 'comment', 'text'].includes(type)) continue;
			const offered = new Set(options(q).map((o) => valueKey(o.value)));
			if (type === 'matrix') {
				const rows = new Set(rowsOf(q).map((r) => r.key));
				for (const [row, v] of Object.entries(value as Record<string, unknown>)) {
					if (!rows.has(row) || !offered.has(valueKey(v))) {
						problems.push({ field: `${q.name}[${row}]`, kind: 'not-offered' });
					}
				}
			} else if (Array.isArray(value)) {
				if (value.some((v) => !offered.has(valueKey(v)))) {
					problems.push({ field: q.name, kind: 'not-offered' });
				}
			} else if (!offered.has(valueKey(value))) {
				problems.push({ field: q.name, kind: 'not-offered' });
			}
		}
		page.validate(true);
		const errors: FieldErrors = {};
		for (const q of page.questions) {
			if (q.isVisible && q.errors.length > 0) errors[q.name] = q.errors.map((e) => e.getText());
		}
		const visible = model.visiblePages;
		const index = visible.indexOf(page);
		const previous = index === -1 ? (visible[0]?.name ?? null) : (visible[index - 1]?.name ?? null);
		const next = index === -1 ? (visible[0]?.name ?? null) : (visible[index + 1]?.name ?? null);
		let completion: PageCheck['completion'] = null;
		if (complete && problems.length === 0 && Object.keys(errors).length === 0 && next === null) {
			const invalid = model.visiblePages.find((p) => !p.validate(true));
			if (invalid) completion = { ok: false, pageName: invalid.name };
			else {
				spoil();
				model.doComplete();
				completion = { ok: true, answers: model.data as Answers };
			}
		}
		return { problems, errors, previous, next, completion };
	});
}

/** The questionnaire's own rules (required, validators) on the visible questions of a page. */
export function validatePage(
	pkg: QuestionnairePackage,
	answers: Answers,
	pageName: string,
	locale: string
): FieldErrors {
	return withModel(pkg, answers, locale, (model) => {
		const page = pageByName(model, pageName);
		page.validate(true);
		const errors: FieldErrors = {};
		for (const q of page.questions) {
			if (q.isVisible && q.errors.length > 0) errors[q.name] = q.errors.map((e) => e.getText());
		}
		return errors;
	});
}

/** The visible page after (or before) `pageName`, or null past either end. */
export function adjacentPageName(
	pkg: QuestionnairePackage,
	answers: Answers,
	pageName: string,
	direction: 1 | -1
): string | null {
	return withModel(pkg, answers, 'fr', (model) => {
		const visible = model.visiblePages;
		const current = model.getPageByName(pageName);
		const index = current ? visible.indexOf(current) : -1;
		if (index === -1) return visible[0]?.name ?? null;
		return visible[index + direction]?.name ?? null;
	});
}

/**
 * Final check before scoring: every visible page valid. Returns the answers without those of
 * hidden questions (as SurveyJS does on completion), or the first page with errors.
 */
export function completeAnswers(
	pkg: QuestionnairePackage,
	answers: Answers
): { ok: true; answers: Answers } | { ok: false; pageName: string } {
	return withModel(pkg, answers, 'fr', (model, spoil) => {
		for (const page of model.visiblePages) {
			if (!page.validate(true)) return { ok: false, pageName: page.name };
		}
		spoil();
		model.doComplete();
		return { ok: true, answers: model.data as Answers };
	});
}
