/**
 * survey-core on the server: page views, reading a submitted page, validation, visibility
 * and navigation. The server is the authority: it applies the questionnaire's own rules
 * (required, validators, visibleIf) to every submission, whatever the browser did.
 */
import {
	Model,
	surveyLocalization,
	type IElement,
	type PageModel,
	type PanelModel,
	type PanelModelBase,
	type Question
} from 'survey-core';
// survey-core's own texts (« Oui », its error messages) in every language it ships: a package
// may be in any of them (ADR 0035).
import 'survey-core/i18n';
import type { Locale, QuestionnairePackage } from '../../diagnostic/types';
import { asLocale, contentLanguage } from '../../diagnostic/languages';
import { surveyElements, valueKey } from '../../diagnostic/survey-json';
import { answerSteps } from '../../diagnostic/answer-steps';
import { safeHtml } from './html';
import { imageUrl } from '../../diagnostic/package-images';
import { countWords, timeLeft, type PageWorkload } from '../../diagnostic/time-estimate';
import type {
	FieldErrors,
	LayoutNode,
	PageView,
	PanelsView,
	QuestionView
} from '../../diagnostic/page-view';
import type { Answers } from '../../scoring/types';
import {
	checkForm,
	type FieldRule,
	type FormProblem,
	type FormSchema
} from '../../forms/strict-form';
import type { LiveQuestion, QuestionType } from '../../question-types/definition';
import { elementType, questionType, type SupportedType } from '../../question-types/registry';
import {
	answerProblems,
	fieldRules,
	formPositions,
	formValue,
	orderGap,
	panelField,
	readAnswer,
	readPanels,
	type FormQuestion,
	type OrderGap
} from '../../question-types/form';

// survey-core takes `default` texts for its default locale's and, in that locale, prefers them to
// the locale's own key. Here each package says which language its `default` texts are in (ADR
// 0035), so survey-core is given no real language as default ('und', undetermined): a model set
// to a language reads that language's texts, else `default`, as surveyText does, whatever the
// package's first language.
surveyLocalization.defaultLocale = 'und';

/** Longest free text accepted for a comment or text question. */
export const MAX_TEXT_LENGTH = 2000;

/**
 * One survey-core model per package, reused from request to request: building one costs
 * milliseconds to tens of milliseconds (about 47 ms for e-formateur), more than everything
 * else a page save does. Each use sets the locale and replaces the answers; uses are
 * synchronous, so two never overlap. A model that completed, or whose use failed, is dropped.
 */
const models = new WeakMap<QuestionnairePackage, Model>();

/**
 * Runs `fn` on the package's model with these answers, in the package's language for this
 * interface locale (contentLanguage). `fn` calls `spoil()` after changing the model in ways new
 * answers do not undo (completion, panels added or removed).
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
	// A dynamic panel or matrix keeps the count of entries a previous use's answers gave it
	// (the declared count does not come back with other answers): such models are not reused.
	let reusable = !growsEntries(pkg);
	try {
		model.locale = contentLanguage(pkg, locale);
		// Through the empty state, as a fresh model comes: survey-core reacts to what changes
		// (a choice that disappears clears its value), so going straight from the previous use's
		// answers would make a view depend on the request before.
		model.data = {};
		model.data = structuredClone(answers);
		// Every panel removed stays so (survey-core would bring the declared count back).
		for (const [name, value] of Object.entries(answers)) {
			if (!Array.isArray(value) || value.length > 0) continue;
			const q = model.getQuestionByName(name);
			if (q?.getType() === 'paneldynamic') live(q).panelCount = 0;
			if (q?.getType() === 'matrixdynamic') live(q).rowCount = 0;
		}
		restoreOrders(model, answers);
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

const growing = new WeakMap<QuestionnairePackage, boolean>();

/** Whether a package has questions whose entries the person adds (dynamic panels or rows). */
function growsEntries(pkg: QuestionnairePackage): boolean {
	let grows = growing.get(pkg);
	if (grows === undefined) {
		grows = surveyElements(pkg.survey).some((e) => elementType(e.element).grow !== undefined);
		growing.set(pkg, grows);
	}
	return grows;
}

/**
 * survey-core, given answers wholesale, syncs a ranking with the choices visible before the
 * conditions have run: a choice shown by another answer of the same data is dropped, then added
 * at the end, and the order the person gave is lost (stored `a, c, b` with `c` shown by another
 * answer comes back `a, b, c`). Set again once the conditions ran, the order is the one a live
 * SurveyJS session keeps.
 */
function restoreOrders(model: Model, answers: Answers): void {
	for (const [name, value] of Object.entries(answers)) {
		if (!Array.isArray(value)) continue;
		const q = model.getQuestionByName(name);
		if (q && kindOf(q).answer === 'order' && !same(q.value, value)) q.value = value;
	}
}

const typeOf = (q: Question) => q.getType() as SupportedType;
/** What Repères knows of a question's type (survey-core's question seen through it). */
const kindOf = (q: Question): QuestionType =>
	questionType(q.getType(), q as unknown as LiveQuestion);
const live = (q: Question) => q as unknown as LiveQuestion;

/**
 * The options a question offers now, as (stored value, text in the model's locale); the « select
 * all » item is an action, not a value.
 */
const options = (q: Question) => {
	const all = kindOf(q).liveOptions(live(q));
	const selectAll = (q as unknown as { selectAllItem?: { value: unknown } }).selectAllItem;
	return live(q).showSelectAllItem && selectAll
		? all.filter((o) => o.value !== selectAll.value)
		: all;
};

/** Which options are exclusive, and the « select all » text when there is one. */
function itemFlags(q: Question): { exclusive: Set<string>; selectAll: string | null } {
	const items = live(q).visibleChoices;
	const exclusive = new Set<string>();
	if (Array.isArray(items)) {
		for (const item of items as { value: unknown; isExclusive?: boolean }[]) {
			if (item.isExclusive) exclusive.add(valueKey(item.value));
		}
	}
	const selectAll = (q as unknown as { selectAllItem?: { text: string } }).selectAllItem;
	return { exclusive, selectAll: live(q).showSelectAllItem && selectAll ? selectAll.text : null };
}

/** The « other » item's value of a choice question that has one, else null. */
function otherOf(q: Question): string | null {
	const item = (q as unknown as { otherItem?: { value: unknown } }).otherItem;
	return live(q).showOtherItem && item ? valueKey(item.value) : null;
}

/** The form field of an « other » text: SurveyJS keeps it as `<name>-Comment`. */
const commentField = (name: string) => `${name}-Comment`;
/** The rows a matrix shows now. */
const rowsOf = (q: Question) => kindOf(q).liveRows?.(live(q)) ?? [];

function pageByName(model: Model, name: string) {
	const page = model.getPageByName(name);
	if (!page) throw new Error(`page « ${name} » absente du questionnaire`);
	return page;
}

/** Name of the first visible page. */
export function firstPageName(pkg: QuestionnairePackage): string {
	return withModel(pkg, initialAnswers(pkg), 'fr', (m) => m.visiblePages[0]!.name);
}

const initial = new WeakMap<QuestionnairePackage, Answers>();

/**
 * What a questionnaire holds before anything is answered: survey-core's defaults
 * (`defaultValue`, `defaultValueExpression`, calculated values kept in the results), as a
 * fresh SurveyJS model has them. Setting `data` wholesale drops them, so they are taken once.
 */
export function initialAnswers(pkg: QuestionnairePackage): Answers {
	let answers = initial.get(pkg);
	if (!answers) {
		const model = new Model(pkg.survey);
		answers = structuredClone(model.data) as Answers;
		model.dispose();
		initial.set(pkg, answers);
	}
	return structuredClone(answers);
}

/** The answers a page is shown and read with: those stored, or the defaults before the first save. */
export const baseAnswers = (pkg: QuestionnairePackage, stored: Answers): Answers =>
	Object.keys(stored).length > 0 ? stored : initialAnswers(pkg);

/** survey-core's containers (a page, a panel) seen through what Repères reads of them. */
type Container = PanelModelBase;
const isPanel = (e: IElement): e is PanelModel => e.isPanel;

/** The questions a container shows now, in order: visible, inside visible panels. */
function shownQuestions(container: Container): Question[] {
	const out: Question[] = [];
	for (const element of container.elements) {
		if (!element.isVisible) continue;
		if (isPanel(element)) out.push(...shownQuestions(element));
		else out.push(element as unknown as Question);
	}
	return out;
}

/** How a container's shown elements nest (panels and the questions in them). */
function layoutOf(container: Container): LayoutNode[] {
	const out: LayoutNode[] = [];
	for (const element of container.elements) {
		if (!element.isVisible) continue;
		if (isPanel(element)) {
			out.push({
				kind: 'panel',
				name: element.name,
				title: element.processedTitle ?? '',
				description: element.description ?? '',
				state:
					element.state === 'collapsed' || element.state === 'expanded' ? element.state : 'default',
				children: layoutOf(element)
			});
		} else out.push({ kind: 'question', name: element.name });
	}
	return out;
}

/** The page to show, with current answers and errors, in a locale. */
export function buildPageView(
	pkg: QuestionnairePackage,
	answers: Answers,
	pageName: string,
	locale: string,
	errors: FieldErrors = {}
): PageView {
	return withModel(pkg, baseAnswers(pkg, answers), locale, (model) => {
		const page = pageByName(model, pageName);
		const visible = model.visiblePages;
		const index = Math.max(0, visible.indexOf(page));
		const language = contentLanguage(pkg, locale);
		// The steps' names are questionnaire text: in its language when our files have it.
		const lang = asLocale(language) ?? (locale === 'en' ? 'en' : 'fr');
		const questions = shownQuestions(page).map((q) => questionView(pkg, q, q.name, lang, errors));
		// A complete trigger that fires on this page makes it the last one (SurveyJS shows « Terminer »).
		model.currentPage = page;
		const last = index === visible.length - 1 || completesHere(model);
		return {
			name: page.name,
			language,
			index,
			count: visible.length,
			title: page.processedTitle,
			description: page.description ?? '',
			questions,
			layout: layoutOf(page),
			isFirst: index === 0,
			isLast: last,
			time: timeLeft(visible.map(workload), index)
		};
	});
}

/**
 * A question as the page shows it, under its form name (`name`: a dynamic panel's question is
 * named by its field); a dynamic panel's questions are shown the same way.
 */
function questionView(
	pkg: QuestionnairePackage,
	q: Question,
	name: string,
	lang: Locale,
	errors: FieldErrors
): QuestionView {
	const kind = kindOf(q);
	// Step marks for statements and matrix columns; a list or a yes/no needs none. A panel's
	// questions are not scored.
	const steps =
		name === q.name && (kind.widget === 'radios' || kind.widget === 'matrix')
			? answerSteps(pkg.scoring, q.name, lang)
			: null;
	const enabled = new Set(enabledOptions(q).map((o) => valueKey(o.value)));
	const items = itemFlags(q);
	const other = otherOf(q);
	return {
		name,
		type: typeOf(q),
		widget: kind.widget,
		title: kind.shownText ? kind.shownText(live(q)) : q.processedTitle,
		description: q.description ?? '',
		required: q.isRequired,
		enabled: !q.isReadOnly,
		choices: options(q).map((o) => {
			const key = valueKey(o.value);
			const step = steps?.get(key);
			return {
				key,
				text: o.text,
				...(step ? { step } : {}),
				...(enabled.has(key) ? {} : { disabled: true }),
				...(items.exclusive.has(key) ? { exclusive: true } : {}),
				...(key === other ? { other: true } : {}),
				...(o.image ? { image: imageUrl(pkg.manifest.id, o.image) } : {})
			};
		}),
		...(kind.widget === 'images' ? { images: imagesOf(q, kind) } : {}),
		...(kind.widget === 'rating-icons'
			? { rateType: live(q).rateType === 'smileys' ? 'smileys' : 'stars' }
			: {}),
		...(items.selectAll ? { selectAll: items.selectAll } : {}),
		...(other !== null ? { comment: String(live(q).comment ?? '') } : {}),
		rows: rowsOf(q),
		value: kind.answer === 'panels' ? null : formValue(q.value),
		errors: errors[name] ?? [],
		...(kind.shownValue ? { display: kind.shownValue(live(q)) } : {}),
		...(kind.widget === 'paragraph'
			? { html: safeHtml(String(live(q).processedHtml ?? live(q).html ?? '')) }
			: {}),
		...(kind.answer === 'text' ? { maxLength: textLimit(q) } : {}),
		...(kind.answer === 'panels' ? { panels: panelsView(pkg, q, lang) } : {}),
		...inputOf(q),
		...endsOf(q)
	};
}

/** A question's entries (a dynamic panel's panels, a matrix's rows), their questions shown now and its buttons. */
function panelsView(pkg: QuestionnairePackage, q: Question, lang: Locale): PanelsView {
	const l = live(q);
	const entries = entriesOf(q);
	return {
		entries: liveEntries(q).map((entry) => ({
			key: entry.key,
			index: entry.index,
			title: entry.title,
			questions: entry.questions.map((inner) =>
				questionView(pkg, inner, panelField(q.name, entry.key, inner.name), lang, {})
			)
		})),
		table: entries.table,
		add: entries.addText(l),
		remove: entries.removeText(l),
		empty: entries.emptyText(l)
	};
}

/** The longest text a question takes: its own `maxLength` when smaller than the server's. */
function textLimit(q: Question): number {
	const own = Number((q as unknown as { getMaxLength?: () => unknown }).getMaxLength?.());
	return Number.isInteger(own) && own > 0 ? Math.min(own, MAX_TEXT_LENGTH) : MAX_TEXT_LENGTH;
}

/** Input types the browser offers a control for; others are a plain line of text. */
const INPUT_TYPES = new Set([
	'number',
	'date',
	'email',
	'tel',
	'url',
	'range',
	'time',
	'month',
	'week'
]);

function inputOf(q: Question): Pick<QuestionView, 'input'> {
	const l = live(q);
	const type = String(l.inputType ?? 'text');
	if (!INPUT_TYPES.has(type)) return {};
	const bound = (v: unknown) => (v === undefined || v === null || v === '' ? {} : { v: String(v) });
	const min = bound(l.renderedMin ?? l.min).v;
	const max = bound(l.renderedMax ?? l.max).v;
	const step = bound(l.renderedStep ?? l.step).v;
	return {
		input: {
			type,
			...(min !== undefined ? { min } : {}),
			...(max !== undefined ? { max } : {}),
			...(step !== undefined ? { step } : {})
		}
	};
}

/** How an image picker shows its pictures. */
function imagesOf(q: Question, kind: QuestionType): NonNullable<QuestionView['images']> {
	const l = live(q);
	const size = (v: unknown) => {
		const n = typeof v === 'number' || typeof v === 'string' ? Number(v) : NaN;
		return Number.isFinite(n) && n > 0 ? Math.round(n) : undefined;
	};
	const fit = String(l.imageFit ?? 'contain');
	const width = size(l.imageWidth);
	const height = size(l.imageHeight);
	return {
		multiple: kind.answer === 'several',
		...(width !== undefined ? { width } : {}),
		...(height !== undefined ? { height } : {}),
		fit: fit === 'cover' || fit === 'fill' || fit === 'none' ? fit : 'contain',
		showLabel: l.showLabel === true
	};
}

/** A rating's end labels, when it has them. */
function endsOf(q: Question): Pick<QuestionView, 'ends'> {
	const l = live(q);
	const min = String(l.minRateDescription ?? '');
	const max = String(l.maxRateDescription ?? '');
	return min || max ? { ends: { min, max } } : {};
}

/** Options a question offers now that can be chosen (`choicesEnableIf`, a choice's `enableIf`). */
function enabledOptions(q: Question) {
	const items = (q as unknown as { visibleChoices?: { value: unknown; isEnabled?: boolean }[] })
		.visibleChoices;
	if (!Array.isArray(items)) return options(q);
	const disabled = new Set(
		items.filter((i) => i.isEnabled === false).map((i) => valueKey(i.value))
	);
	return options(q).filter((o) => !disabled.has(valueKey(o.value)));
}

/**
 * Whether a complete trigger fires on the current page with these answers: survey-core runs
 * them when a value changes (then only flags the page) and again on « next » (then completes);
 * run here on the page's values, as its navigation does, without completing.
 */
function completesHere(model: Model): boolean {
	return model.triggers.some(
		(t) =>
			t.getType() === 'completetrigger' && model.runCondition(String(t.expression ?? '')) === true
	);
}

/** What a page asks of a person now (its visible questions, options and rows), to estimate its time. */
function workload(page: PageModel): PageWorkload {
	const texts: string[] = [page.processedTitle, page.description ?? ''];
	let answers = 0;
	let freeTexts = 0;
	// A dynamic panel's questions are asked in each of its panels.
	const asked = (q: Question): Question[] =>
		kindOf(q).answer === 'panels' ? liveEntries(q).flatMap((p) => p.questions) : [q];
	for (const q of shownQuestions(page).flatMap(asked)) {
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
/** `add:<question>` or `remove:<question>:<index>`: what a dynamic question's button asks. */
const CHANGE = /^(add:[^:]+|remove:[^:]+:\d{1,4})$/;
/** Room for the names of a page's questions in its `shown` field. */
const SHOWN_MAX = 20_000;

const pageForms = new WeakMap<QuestionnairePackage, Map<string, PageForm>>();

function buildPageForms(pkg: QuestionnairePackage): Map<string, PageForm> {
	return withModel(pkg, {}, 'fr', (model) => {
		const forms = new Map<string, PageForm>();
		const pageNames = new Set(model.pages.map((p) => p.name));
		for (const page of model.pages) {
			const rules = new Map<string, FieldRule>([
				['page', { kind: 'choice', options: pageNames }],
				['nav', { kind: 'choice', options: NAVIGATION }],
				// The questions the page showed, so that those shown since are said to be new.
				['shown', { kind: 'text', maxLength: SHOWN_MAX }],
				// An « add » or « remove » button of a dynamic panel or matrix (ADR 0034).
				['change', { kind: 'text', maxLength: 300, pattern: CHANGE }]
			]);
			const questions: FormQuestion[] = [];
			const questionOf = new Map<string, string>();
			for (const q of page.questions) {
				const kind = kindOf(q);
				if (kind.answer === 'none') continue;
				const { question, keys } = formQuestionOf(q);
				questions.push(question);
				for (const [field, rule] of fieldRules(question, keys, MAX_TEXT_LENGTH)) {
					rules.set(field, rule);
					questionOf.set(field, q.name);
				}
				if (otherOf(q) !== null) {
					rules.set(commentField(q.name), { kind: 'text', maxLength: MAX_TEXT_LENGTH });
					questionOf.set(commentField(q.name), q.name);
				}
			}
			forms.set(page.name, {
				schema: (name) => rules.get(name),
				questions,
				questionOf,
				labels: { fr: new Map(), en: new Map() }
			});
		}
		// Titles as each interface locale shows them, for messages that name the field.
		for (const locale of ['fr', 'en'] as const) {
			model.locale = contentLanguage(pkg, locale);
			for (const page of model.pages) {
				const labels = forms.get(page.name)!.labels[locale];
				labels.set('page', page.processedTitle || page.name);
				for (const q of page.questions) {
					const title = q.processedTitle || q.name;
					labels.set(q.name, title);
					if (otherOf(q) !== null) labels.set(commentField(q.name), title);
					for (const r of kindOf(q).declaredRows?.(live(q)) ?? []) {
						labels.set(`${q.name}[${r.key}]`, `${title} – ${r.text}`);
					}
					// An entry's fields: the question's title, the entry's and the inner question's.
					if (kindOf(q).answer !== 'panels') continue;
					const entries = entriesOf(q);
					// A matrix's rows by their texts, dynamic entries by their numbers.
					const declared = entries.keyed
						? (live(q).rows as { value: unknown; text: string }[])
						: [];
					const rowTitles = new Map(declared.map((r) => [valueKey(r.value), String(r.text)]));
					const template = templateOf(q);
					entries.keys(live(q)).forEach((key, i) => {
						// « Outils – Visio – Usage », « Formation 2 – Intitulé ».
						const entry = entries.keyed
							? `${title} – ${rowTitles.get(key) ?? key}`
							: `${title} ${i + 1}`;
						for (const inner of template) {
							labels.set(
								panelField(q.name, key, inner.name),
								`${entry} – ${inner.processedTitle || inner.name}`
							);
						}
					});
				}
			}
		}
		return forms;
	});
}

/** A question as its page's form carries it, with its declared option keys (see fieldRules). */
function formQuestionOf(q: Question): { question: FormQuestion; keys: Set<string> | undefined } {
	const kind = kindOf(q);
	const declared = kind.declaredOptions(live(q));
	const values = new Map((declared ?? []).map((o) => [valueKey(o.value), o.value]));
	// Every row, shown or hidden by a condition (a matrix's field is `name[row]`).
	const rows = [
		...new Set([
			...rowsOf(q).map((r) => r.key),
			...(kind.declaredRows?.(live(q)).map((r) => r.key) ?? [])
		])
	];
	const template = kind.answer === 'panels' ? templateOf(q) : [];
	return {
		question: {
			name: q.name,
			answer: kind.answer,
			multiline: kind.multiline === true,
			values,
			rows,
			...(kind.answer === 'panels'
				? {
						panels: {
							keys: entriesOf(q).keys(live(q)),
							keyed: entriesOf(q).keyed,
							template: template.map(formQuestionOf)
						}
					}
				: {})
		},
		keys: declared && new Set(values.keys())
	};
}

/** What a question made of entries says of them (a dynamic panel, a matrix of cells, ADR 0037). */
function entriesOf(q: Question) {
	const entries = kindOf(q).entries;
	if (!entries) throw new Error(`la question « ${q.name} » n’a pas d’entrées`);
	return entries;
}

/** An entry's questions, shown now, as survey-core questions. */
const liveEntries = (q: Question) =>
	entriesOf(q)
		.live(live(q))
		.map((entry) => ({ ...entry, questions: entry.questions as unknown as Question[] }));

/** The questions each entry of a question holds, as declared. */
const templateOf = (q: Question): Question[] =>
	entriesOf(q).template(live(q)) as unknown as Question[];

/** The form of a page (built once per package: survey-core says what each question offers). */
export function pageForm(pkg: QuestionnairePackage, pageName: string): PageForm | undefined {
	let forms = pageForms.get(pkg);
	if (!forms) pageForms.set(pkg, (forms = buildPageForms(pkg)));
	return forms.get(pageName);
}

/**
 * A ranking whose positions are no order (two options at one position, or some left without
 * one): its answer is kept as it was, and the positions as given are shown back with why.
 */
export interface HeldOrder {
	question: string;
	/** Option key → position, as the form gave them. */
	positions: Record<string, string>;
	gap: OrderGap;
}

/** A page submission read strictly: its page, where to go, and the answers it leaves. */
export type PageRead =
	| {
			ok: true;
			pageName: string;
			nav: 'stay' | 'prev' | 'next';
			answers: Answers;
			/**
			 * Titles of questions the page shows now and did not show when it was sent (a
			 * follow-up of an answer given on it), or whose answer no longer applies: the page
			 * is shown again, never refused for them.
			 */
			appeared: string[];
			/** The page a skip trigger leads to, when one fired. */
			skipTo: string | null;
			/** An entry was added or removed (a dynamic panel or row): the page is shown again. */
			grew: boolean;
			/** Rankings not read, to show again as given (the rest of the page is read). */
			held: HeldOrder[];
	  }
	| { ok: false; pageName: string | null; problems: FormProblem[] };

/** Two stored values equal as SurveyJS keeps them (numbers stay numbers). */
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Reads a submitted page into the answers, as SurveyJS would have them: the page is the one
 * shown with the stored answers (`stored`); each question it showed, and that could be
 * answered, takes the form's value, set through survey-core so that what depends on it follows
 * (triggers, `setValueIf`, `defaultValueExpression`). Questions the page did not show, or
 * showed read-only, keep their values. Every field must belong to that page, come once (a
 * checkbox group: distinct values) and hold one of its question's options or a text within
 * the limit without control characters; otherwise nothing of it is read.
 */
export function readPageForm(pkg: QuestionnairePackage, stored: Answers, form: FormData): PageRead {
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
	const navValue = values.text('nav');
	const nav = navValue === 'stay' || navValue === 'prev' ? navValue : 'next';
	const byName = new Map(page.questions.map((q) => [q.name, q]));
	return withModel(pkg, baseAnswers(pkg, stored), 'fr', (model, spoil) => {
		// Setting values leaves state in the model (triggers that fired, defaults computed from
		// answers and then edited): such a model is not reused. Without those, it is as fresh
		// through the empty state, and building one costs tens of milliseconds.
		if (keepsState(pkg)) spoil();
		const surveyPage = pageByName(model, pageName);
		model.currentPage = surveyPage;
		const before = shownQuestions(surveyPage).filter((q) => !q.isReadOnly && byName.has(q.name));
		const shownBefore = new Map(
			before
				.flatMap((q) => [[q.name, q] as const, ...panelQuestions(q)])
				.map(([name, q]) => [name, new Set(options(q).map((o) => valueKey(o.value)))])
		);
		const problems: FormProblem[] = [];
		const changes: [Question, unknown][] = [];
		const held: HeldOrder[] = [];
		for (const q of before) {
			const formQuestion = byName.get(q.name)!;
			if (formQuestion.answer === 'panels') {
				const read = readDynamicPanels(q, formQuestion, values);
				problems.push(...read.problems);
				if (!same(q.value, read.value)) changes.push([q, read.value]);
				continue;
			}
			if (formQuestion.answer === 'order') {
				// A person's slip (no JavaScript: numbers typed), not a malformed form: said back.
				const positions = formPositions(formQuestion, values);
				const gap = orderGap(
					positions,
					options(q).map((o) => valueKey(o.value))
				);
				if (gap) {
					const given = [...positions].map(([key, p]) => [key, String(p)]);
					held.push({ question: q.name, positions: Object.fromEntries(given), gap });
					continue;
				}
			}
			const answer = readAnswer(formQuestion, values);
			const offered = new Set([
				...enabledOptions(q).map((o) => valueKey(o.value)),
				// A value kept from before stays acceptable (a choice since disabled).
				...keysOf(q.value)
			]);
			const rows = new Set(rowsOf(q).map((r) => r.key));
			problems.push(...answerProblems(q.name, formQuestion.answer, answer, offered, rows));
			if (!same(q.value, answer)) changes.push([q, answer]);
		}
		if (problems.length > 0) return { ok: false, pageName, problems };
		if (keepsState(pkg)) {
			// One by one, as a browser sets them: triggers and setValueIf follow each.
			for (const [q, answer] of changes) {
				if (answer === undefined) q.clearValue();
				else q.value = answer;
			}
		} else if (changes.length > 0) {
			// Nothing fires on a change: all at once (each change would re-run every condition).
			const next = structuredClone(model.data) as Answers;
			for (const [q, answer] of changes) {
				if (answer === undefined) delete next[q.name];
				else next[q.name] = typed(q, exclusiveKept(q, answer));
			}
			model.data = next;
		}
		// The « other » texts, once the values are set (survey-core keeps one only with « other »).
		for (const q of before) {
			if (otherOf(q) === null) continue;
			const text = values.text(commentField(q.name)).trim();
			if (text !== String(live(q).comment ?? '')) q.comment = text;
		}
		// An « add » or « remove » button: survey-core adds or removes the entry, as SurveyJS does.
		let grew = false;
		if (values.has('change')) {
			const [action, name, index] = values.text('change').split(':') as [string, string, string?];
			const q = before.find((b) => b.name === name);
			const grow = q && kindOf(q).grow;
			if (!q || !grow)
				return { ok: false, pageName, problems: [{ field: 'change', kind: 'not-offered' }] };
			if (action === 'add') grow.add(live(q));
			else grow.remove(live(q), Number(index));
			grew = true;
			// survey-core keeps panels added or removed whatever the next answers: not reused.
			spoil();
		}
		// What the page showed: its own account when it has one (a live page may be ahead of the
		// stored answers), else what the stored answers show.
		const shown = values.has('shown') ? parseShown(values.text('shown')) : shownBefore;
		const appeared: string[] = [];
		const fresh = new Set<string>();
		for (const [name, q, title, parent] of shownQuestions(surveyPage).flatMap((q) => [
			[q.name, q, undefined, undefined] as const,
			...panelQuestions(q)
		])) {
			// A dynamic panel that appeared is named alone, not with each of its questions.
			if (parent !== undefined && fresh.has(parent)) continue;
			const kind = kindOf(q);
			const ownTitle =
				title ?? (kind.shownText ? kind.shownText(live(q)) : q.processedTitle || q.name);
			const offeredBefore = shown.get(name);
			const isNew = !offeredBefore || options(q).some((o) => !offeredBefore.has(valueKey(o.value)));
			if (isNew && !q.isReadOnly && kind.answer !== 'none') {
				appeared.push(ownTitle);
				fresh.add(name);
				continue;
			}
			// An answer a change on the page made unavailable (a choice now hidden) is dropped.
			const offered = new Set(options(q).map((o) => valueKey(o.value)));
			const rows = new Set(rowsOf(q).map((r) => r.key));
			if (answerProblems(q.name, kind.answer, q.value, offered, rows).length > 0) {
				q.clearValue();
				appeared.push(ownTitle);
			}
		}
		const skipTo =
			model.currentPage && model.currentPage !== surveyPage ? model.currentPage.name : null;
		return {
			ok: true,
			pageName,
			nav,
			answers: structuredClone(model.data) as Answers,
			appeared,
			skipTo,
			grew,
			held
		};
	});
}

/**
 * The questions a dynamic panel shows now in its panels, by field (`name[index][question]`), with
 * their titles as the page names them (« Formation 2 – Intitulé ») and the panel question's name;
 * none for other questions.
 */
function panelQuestions(q: Question): [string, Question, string, string][] {
	if (kindOf(q).answer !== 'panels') return [];
	return liveEntries(q).flatMap((panel) =>
		panel.questions.map((inner): [string, Question, string, string] => [
			panelField(q.name, panel.key, inner.name),
			inner,
			`${panel.title} – ${inner.processedTitle || inner.name}`,
			q.name
		])
	);
}

/**
 * A dynamic panel's answer read from the form: each panel shown takes the values of its questions
 * shown and editable, each among the options that question offers now (or kept from before).
 */
function readDynamicPanels(
	q: Question,
	formQuestion: FormQuestion,
	values: Parameters<typeof readAnswer>[1]
): { value: unknown; problems: FormProblem[] } {
	const panels = liveEntries(q).map((panel) => ({
		key: panel.key,
		questions: panel.questions.filter((inner) => !inner.isReadOnly)
	}));
	const read = readPanels(
		formQuestion,
		values,
		panels.map((p) => ({ key: p.key, editable: p.questions.map((inner) => inner.name) })),
		entriesOf(q).count(live(q)),
		q.value
	);
	const problems = [...read.problems];
	for (const panel of panels) {
		for (const inner of panel.questions) {
			const offered = new Set([
				...enabledOptions(inner).map((o) => valueKey(o.value)),
				...keysOf(inner.value)
			]);
			problems.push(
				...answerProblems(
					panelField(q.name, panel.key, inner.name),
					kindOf(inner).answer,
					(read.value as Record<string, Record<string, unknown> | undefined>)[panel.key]?.[
						inner.name
					],
					offered,
					new Set()
				)
			);
		}
	}
	// A matrix with no cell answered has no value, as in SurveyJS.
	const empty = !Array.isArray(read.value) && Object.keys(read.value).length === 0;
	return { value: empty ? undefined : read.value, problems };
}

/** The names and options of a `shown` field (see shownField). */
function parseShown(text: string): Map<string, Set<string>> {
	const out = new Map<string, Set<string>>();
	let entries: unknown;
	try {
		entries = JSON.parse(text);
	} catch {
		return out;
	}
	if (!Array.isArray(entries)) return out;
	for (const entry of entries) {
		if (!Array.isArray(entry) || typeof entry[0] !== 'string' || !Array.isArray(entry[1])) continue;
		out.set(entry[0], new Set(entry[1].map(String)));
	}
	return out;
}

/**
 * A value of the type survey-core gives it when set (a `text` of `inputType` number keeps a
 * number): setting `model.data` skips that step.
 */
function typed(q: Question, value: unknown): unknown {
	const correct = (q as unknown as { correctValueType?: (v: unknown) => unknown }).correctValueType;
	return typeof correct === 'function' ? correct.call(q, value) : value;
}

/**
 * A checkbox answer with an exclusive item (« none ») and others, kept as survey-core keeps it:
 * the item newly ticked wins (the exclusive one, unless it was already the answer).
 */
function exclusiveKept(q: Question, answer: unknown): unknown {
	if (!Array.isArray(answer) || answer.length < 2) return answer;
	const exclusive = itemFlags(q).exclusive;
	const picked = answer.filter((v) => exclusive.has(valueKey(v)));
	if (picked.length === 0) return answer;
	const before = Array.isArray(q.value) ? (q.value as unknown[]).map(valueKey) : [];
	const fresh = picked.filter((v) => !before.includes(valueKey(v)));
	if (fresh.length > 0) return [fresh.at(-1)];
	const others = answer.filter((v) => !exclusive.has(valueKey(v)));
	return others.length > 0 ? others : [picked.at(-1)];
}

const stateful = new WeakMap<QuestionnairePackage, boolean>();

/** Whether setting answers leaves state in a model: triggers, setValueIf, computed defaults. */
function keepsState(pkg: QuestionnairePackage): boolean {
	let keeps = stateful.get(pkg);
	if (keeps === undefined) {
		const json = JSON.stringify(pkg.survey);
		keeps =
			(Array.isArray(pkg.survey.triggers) && pkg.survey.triggers.length > 0) ||
			json.includes('"setValueIf"') ||
			json.includes('"setValueExpression"') ||
			json.includes('"defaultValueExpression"');
		stateful.set(pkg, keeps);
	}
	return keeps;
}

/** A stored value's option keys (a single value, several, or a matrix's cells). */
function keysOf(value: unknown): string[] {
	if (value === undefined || value === null) return [];
	if (Array.isArray(value)) return value.map(valueKey);
	if (typeof value === 'object') return Object.values(value).map(valueKey);
	return [valueKey(value)];
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

/** The questionnaire's own rules on a page's shown questions and panels, by name. */
function pageErrors(page: PageModel): FieldErrors {
	page.validate(true);
	const errors: FieldErrors = {};
	const collect = (container: Container) => {
		for (const element of container.elements) {
			if (!element.isVisible) continue;
			const own = (element as unknown as { errors: { getText(): string }[] }).errors ?? [];
			const inner = isPanel(element)
				? []
				: (kindOf(element as Question).innerErrors?.(live(element as Question)) ?? []);
			if (own.length + inner.length > 0) {
				errors[element.name] = [...own.map((e) => e.getText()), ...inner];
			}
			if (isPanel(element)) collect(element);
		}
	};
	collect(page);
	return errors;
}

/**
 * Checks a page read with the answers it leaves, in one survey-core model: values against the
 * options the page offers, the page's rules, the pages around it and, when asked and the page
 * is valid and last (or a complete trigger fires on it), completion: every page up to it valid,
 * then hidden questions' answers dropped, as SurveyJS does.
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
		for (const q of shownQuestions(page)) {
			const offered = new Set(options(q).map((o) => valueKey(o.value)));
			const rows = new Set(rowsOf(q).map((r) => r.key));
			problems.push(...answerProblems(q.name, kindOf(q).answer, answers[q.name], offered, rows));
		}
		const errors = pageErrors(page);
		const visible = model.visiblePages;
		const index = visible.indexOf(page);
		const previous = index === -1 ? (visible[0]?.name ?? null) : (visible[index - 1]?.name ?? null);
		model.currentPage = page;
		const ends = index !== -1 && completesHere(model);
		const next =
			index === -1 ? (visible[0]?.name ?? null) : ends ? null : (visible[index + 1]?.name ?? null);
		let completion: PageCheck['completion'] = null;
		if (complete && problems.length === 0 && Object.keys(errors).length === 0 && next === null) {
			const upTo = ends ? visible.slice(0, index + 1) : model.visiblePages;
			const invalid = upTo.find((p) => !p.validate(true));
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
		return pageErrors(pageByName(model, pageName));
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
