/**
 * survey-core on the server: page views, reading a submitted page, validation, visibility
 * and navigation. The server is the authority: it applies the questionnaire's own rules
 * (required, validators, visibleIf) to every submission, whatever the browser did.
 */
import { Model, surveyLocalization, type PageModel, type Question } from 'survey-core';
import 'survey-core/i18n/french';
import type { Locale, QuestionnairePackage } from '../../diagnostic/types';
import { valueKey } from '../../diagnostic/survey-json';
import { answerSteps } from '../../diagnostic/answer-steps';
import { countWords, timeLeft, type PageWorkload } from '../../diagnostic/time-estimate';
import type { FieldErrors, PageView, QuestionView } from '../../diagnostic/page-view';
import type { Answers } from '../../scoring/types';
import {
	checkForm,
	type FieldRule,
	type FormProblem,
	type FormSchema
} from '../../forms/strict-form';
import type { LiveQuestion, QuestionType } from '../../question-types/definition';
import { questionType, type SupportedType } from '../../question-types/registry';
import {
	answerProblems,
	fieldRules,
	formValue,
	readAnswer,
	type FormQuestion
} from '../../question-types/form';

// Package texts written as plain strings or `default` are French (docs/questionnaire-format.md).
surveyLocalization.defaultLocale = 'fr';

/** Longest free text accepted for a comment or text question. */
export const MAX_TEXT_LENGTH = 2000;

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
/** What Repères knows of a question's type (survey-core's question seen through it). */
const kindOf = (q: Question): QuestionType => questionType(q.getType());
const live = (q: Question) => q as unknown as LiveQuestion;

/** The options a question offers now, as (stored value, text in the model's locale). */
const options = (q: Question) => kindOf(q).liveOptions(live(q));
/** The rows a matrix shows now. */
const rowsOf = (q: Question) => kindOf(q).liveRows?.(live(q)) ?? [];

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
		const lang = locale === 'en' ? 'en' : 'fr';
		const questions: QuestionView[] = page.questions
			.filter((q) => q.isVisible)
			.map((q) => {
				const kind = kindOf(q);
				// Step marks for statements and matrix columns; a list or a yes/no needs none.
				const steps =
					kind.widget === 'radios' || kind.widget === 'matrix'
						? answerSteps(pkg.scoring, q.name, lang)
						: null;
				return {
					name: q.name,
					type: typeOf(q),
					widget: kind.widget,
					title: kind.shownText ? kind.shownText(live(q)) : q.processedTitle,
					description: q.description ?? '',
					required: q.isRequired,
					choices: options(q).map((o) => {
						const key = valueKey(o.value);
						const step = steps?.get(key);
						return step ? { key, text: o.text, step } : { key, text: o.text };
					}),
					rows: rowsOf(q),
					value: formValue(q.value),
					errors: errors[q.name] ?? [],
					...(kind.answer === 'text' ? { maxLength: MAX_TEXT_LENGTH } : {})
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
			isLast: index === visible.length - 1,
			time: timeLeft(visible.map(workload), index)
		};
	});
}

/** What a page asks of a person now (its visible questions, options and rows), to estimate its time. */
function workload(page: PageModel): PageWorkload {
	const texts: string[] = [page.processedTitle, page.description ?? ''];
	let answers = 0;
	let freeTexts = 0;
	for (const q of page.questions) {
		if (!q.isVisible) continue;
		const kind = kindOf(q);
		const rows = rowsOf(q);
		texts.push(kind.shownText ? kind.shownText(live(q)) : q.processedTitle, q.description ?? '');
		texts.push(...options(q).map((o) => o.text), ...rows.map((r) => r.text));
		if (kind.answer === 'text') freeTexts += 1;
		else if (kind.answer === 'one-per-row') answers += rows.length;
		else if (kind.answer !== 'none') answers += 1;
	}
	return { words: texts.reduce((sum, text) => sum + countWords(text), 0), answers, freeTexts };
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
				const kind = kindOf(q);
				if (kind.answer === 'none') continue;
				const declared = kind.declaredOptions(live(q));
				const values = new Map((declared ?? []).map((o) => [valueKey(o.value), o.value]));
				// Every row, shown or hidden by a condition (a matrix's field is `name[row]`).
				const rows = [
					...new Set([
						...rowsOf(q).map((r) => r.key),
						...(kind.declaredRows?.(live(q)).map((r) => r.key) ?? [])
					])
				];
				const question: FormQuestion = {
					name: q.name,
					answer: kind.answer,
					multiline: kind.multiline === true,
					values,
					rows
				};
				questions.push(question);
				const keys = declared && new Set(values.keys());
				for (const [field, rule] of fieldRules(question, keys, MAX_TEXT_LENGTH)) {
					rules.set(field, rule);
					questionOf.set(field, q.name);
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
					for (const r of kindOf(q).declaredRows?.(live(q)) ?? []) {
						labels.set(`${q.name}[${r.key}]`, `${title} – ${r.text}`);
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
		const answer = readAnswer(q, values);
		if (answer !== undefined) next[q.name] = answer;
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
			const offered = new Set(options(q).map((o) => valueKey(o.value)));
			const rows = new Set(rowsOf(q).map((r) => r.key));
			problems.push(...answerProblems(q.name, kindOf(q).answer, answers[q.name], offered, rows));
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
