/**
 * survey-core on the server: page views, reading a submitted page, validation, visibility
 * and navigation. The server is the authority: it applies the questionnaire's own rules
 * (required, validators, visibleIf) to every submission, whatever the browser did.
 */
import { Model, surveyLocalization, type Question } from 'survey-core';
import 'survey-core/i18n/french';
import type { QuestionnairePackage } from '../../diagnostic/types';
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

// Package texts written as plain strings or `default` are French (docs/questionnaire-format.md).
surveyLocalization.defaultLocale = 'fr';

/** Longest free text accepted for a comment or text question. */
export const MAX_TEXT_LENGTH = 2000;

type Item = { value: unknown; text: string };

function createModel(pkg: QuestionnairePackage, answers: Answers, locale: string): Model {
	const model = new Model(pkg.survey);
	model.locale = locale;
	model.data = structuredClone(answers);
	return model;
}

/** Runs `fn` on a fresh model and disposes of it. */
function withModel<T>(
	pkg: QuestionnairePackage,
	answers: Answers,
	locale: string,
	fn: (m: Model) => T
): T {
	const model = createModel(pkg, answers, locale);
	try {
		return fn(model);
	} finally {
		model.dispose();
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

/**
 * Reads the answers of one page from a submitted form into a copy of `answers`.
 * Values are matched against the question's own choices, so nothing unknown gets in.
 */
export function readPageForm(
	pkg: QuestionnairePackage,
	answers: Answers,
	pageName: string,
	form: FormData,
	locale: string
): { answers: Answers; errors: FieldErrors } {
	return withModel(pkg, answers, locale, (model) => {
		const next: Answers = structuredClone(answers);
		const errors: FieldErrors = {};
		const unknown = (name: string) => {
			errors[name] = [
				locale === 'en'
					? 'This answer is not one of the choices.'
					: 'Cette réponse ne fait pas partie des choix proposés.'
			];
		};
		for (const q of pageByName(model, pageName).questions) {
			const type = typeOf(q);
			const byKey = new Map(options(q).map((o) => [valueKey(o.value), o.value]));
			delete next[q.name];
			if (type === 'html') continue;
			if (type === 'comment' || type === 'text') {
				const text = form.get(q.name);
				if (typeof text === 'string' && text.trim() !== '') {
					if (text.length > MAX_TEXT_LENGTH) {
						errors[q.name] = [
							locale === 'en'
								? `At most ${MAX_TEXT_LENGTH} characters.`
								: `${MAX_TEXT_LENGTH} caractères au plus.`
						];
					} else next[q.name] = text.trim();
				}
			} else if (type === 'checkbox') {
				const keys = form.getAll(q.name).filter((v): v is string => typeof v === 'string');
				if (keys.some((k) => !byKey.has(k))) unknown(q.name);
				else if (keys.length > 0) next[q.name] = [...new Set(keys)].map((k) => byKey.get(k));
			} else if (type === 'matrix') {
				const row: Record<string, unknown> = {};
				for (const r of rowsOf(q)) {
					const key = form.get(`${q.name}[${r.key}]`);
					if (typeof key !== 'string' || key === '') continue;
					if (!byKey.has(key)) unknown(q.name);
					else row[r.key] = byKey.get(key);
				}
				if (Object.keys(row).length > 0) next[q.name] = row;
			} else {
				const key = form.get(q.name);
				if (typeof key !== 'string' || key === '') continue;
				if (!byKey.has(key)) unknown(q.name);
				else next[q.name] = byKey.get(key);
			}
		}
		return { answers: next, errors };
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
	return withModel(pkg, answers, 'fr', (model) => {
		for (const page of model.visiblePages) {
			if (!page.validate(true)) return { ok: false, pageName: page.name };
		}
		model.doComplete();
		return { ok: true, answers: model.data as Answers };
	});
}
