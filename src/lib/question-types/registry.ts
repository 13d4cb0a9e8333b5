/**
 * The question types Repères supports, by SurveyJS name: the only place that lists them. A type
 * missing here is refused by the package validator; a type added here (with its module) is
 * rendered, read, checked, scored and labelled like the others (ADR 0025).
 */
import type { Locale, SurveyElementJson, SurveyJson } from '../diagnostic/types';
import { surveyElements, surveyText } from '../diagnostic/survey-json';
import type { OptionRef, QuestionType, Widget } from './definition';
import { boolean } from './boolean';
import { checkbox } from './checkbox';
import { comment } from './comment';
import { dropdown } from './dropdown';
import { expression } from './expression';
import { html } from './html';
import { imagepicker } from './imagepicker';
import { matrix } from './matrix';
import { matrixdropdown, matrixdynamic } from './matrix-cells';
import { multipletext } from './multipletext';
import { paneldynamic } from './paneldynamic';
import { radiogroup } from './radiogroup';
import { ranking } from './ranking';
import { rating } from './rating';
import { tagbox } from './tagbox';
import { text } from './text';

const TYPES = {
	radiogroup,
	dropdown,
	rating,
	checkbox,
	tagbox,
	imagepicker,
	ranking,
	boolean,
	matrix,
	matrixdropdown,
	matrixdynamic,
	comment,
	text,
	multipletext,
	paneldynamic,
	html,
	expression
};

export type SupportedType = keyof typeof TYPES;

/** SurveyJS type names the app renders, in the order the format documents them. */
export const SUPPORTED_TYPES = Object.keys(TYPES) as SupportedType[];

/** Types whose answers scoring.json may score. */
export const SCORABLE_TYPES = SUPPORTED_TYPES.filter((t) => TYPES[t].scorable);

export const isSupportedType = (name: unknown): name is SupportedType =>
	typeof name === 'string' && Object.hasOwn(TYPES, name);

/**
 * The type of a supported name (packages are validated: an unknown type is a bug), as the
 * question's own properties (`props`: its survey.json element or live question) make it.
 */
export function questionType(name: string, props?: Record<string, unknown>): QuestionType {
	if (!isSupportedType(name)) throw new Error(`type de question « ${name} » non pris en charge`);
	const type: QuestionType = TYPES[name];
	return (props && type.variant?.(props)) || type;
}

/** The type of a survey.json element (supported: packages are validated). */
export const elementType = (element: SurveyElementJson): QuestionType =>
	questionType(element.type, element);

/** Widgets a questionnaire's questions use, so that a page loads those it may show (ADR 0034). */
export function surveyWidgets(survey: SurveyJson): Widget[] {
	const widgets = new Set<Widget>();
	for (const { element } of surveyElements(survey)) {
		if (isSupportedType(element.type)) widgets.add(elementType(element).widget);
	}
	return [...widgets].sort();
}

/** The answer values a question offers (for a matrix: its columns), as SurveyJS generates them. */
export function answerValues(element: SurveyElementJson, pointer = ''): OptionRef[] {
	return isSupportedType(element.type) ? elementType(element).options(element, pointer) : [];
}

/**
 * A `matrixdropdown` column's cells as a question of their own (its cell type and choices), so
 * that a scored column is checked and scored as its kin; undefined for other types or an unknown
 * column.
 */
export function cellElement(
	element: SurveyElementJson,
	column: string
): SurveyElementJson | undefined {
	return isSupportedType(element.type) ? TYPES[element.type].cell?.(element, column) : undefined;
}

/** Row values of a matrix question (none for other types). */
export function matrixRows(element: SurveyElementJson): string[] {
	return isSupportedType(element.type)
		? (TYPES[element.type].rows?.(element).map((r) => r.key) ?? [])
		: [];
}

/**
 * The text of an answer value as the form showed it, in a locale (« Oui » for a boolean's true,
 * a choice's or a column's text); undefined when the question does not offer that value.
 */
export function answerLabel(
	element: SurveyElementJson,
	key: string,
	locale: Locale
): string | undefined {
	return answerValues(element)
		.find((o) => o.key === key)
		?.text(locale);
}

/** What an item asks about: a matrix row's text (and its column's, for a cell), else the question's title. */
export function itemPractice(
	element: SurveyElementJson,
	row: string | undefined,
	locale: Locale,
	column?: string
): string | undefined {
	if (row !== undefined) {
		const found = isSupportedType(element.type)
			? TYPES[element.type].rows?.(element).find((r) => r.key === row)
			: undefined;
		const text = surveyText(found?.text, locale) ?? row;
		if (column === undefined) return text;
		const cell = cellElement(element, column);
		return `${text} – ${surveyText(cell?.title, locale) ?? column}`;
	}
	return surveyText(element.title, locale);
}
