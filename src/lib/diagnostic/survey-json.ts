/**
 * Reading SurveyJS JSON as plain data, without survey-core, so that the validator and
 * the scoring model stay pure and run anywhere.
 */
import type { SurveyChoice, SurveyElementJson, SurveyJson, SurveyText } from './types';

/** Question types the app renders (ADR 0003). */
export const SUPPORTED_TYPES = [
	'radiogroup',
	'dropdown',
	'rating',
	'checkbox',
	'boolean',
	'matrix',
	'comment',
	'text',
	'html'
] as const;
export type SupportedType = (typeof SUPPORTED_TYPES)[number];

/** Types whose answers can be scored. */
export const SCORABLE_TYPES: readonly string[] = [
	'radiogroup',
	'dropdown',
	'rating',
	'checkbox',
	'boolean',
	'matrix'
];

export interface LocatedElement {
	element: SurveyElementJson;
	pageIndex: number;
	/** JSON Pointer of the element in survey.json. */
	pointer: string;
}

/** Every element of every page, with its JSON Pointer. */
export function surveyElements(survey: SurveyJson): LocatedElement[] {
	const out: LocatedElement[] = [];
	const pages = Array.isArray(survey.pages) ? survey.pages : [];
	pages.forEach((page, pageIndex) => {
		const elements = Array.isArray(page?.elements) ? page.elements : [];
		elements.forEach((element, i) => {
			out.push({ element, pageIndex, pointer: `/pages/${pageIndex}/elements/${i}` });
		});
	});
	return out;
}

/** The value of a SurveyJS item value (`"a"` or `{ value: "a", text }`). */
export function choiceValue(choice: SurveyChoice): unknown {
	return typeof choice === 'object' && choice !== null ? choice.value : choice;
}

/** Answer values are compared as text: scoring keys are strings ("1", "true"). */
export function valueKey(value: unknown): string {
	return String(value);
}

export interface ChoiceRef {
	key: string;
	/** The value SurveyJS stores for this answer (string, number or boolean). */
	value: unknown;
	/** JSON Pointer of the choice, or of the question for implicit values. */
	pointer: string;
}

/**
 * The answer values a scorable question can take (for a matrix: its column values),
 * as SurveyJS would generate them.
 */
export function answerValues(element: SurveyElementJson, pointer: string): ChoiceRef[] {
	const fromList = (list: unknown, prop: string): ChoiceRef[] =>
		Array.isArray(list)
			? (list as SurveyChoice[]).map((c, i) => ({
					key: valueKey(choiceValue(c)),
					value: choiceValue(c),
					pointer: `${pointer}/${prop}/${i}`
				}))
			: [];
	switch (element.type) {
		case 'radiogroup':
		case 'dropdown':
		case 'checkbox': {
			const values = fromList(element.choices, 'choices');
			if (element.showNoneItem === true) values.push({ key: 'none', value: 'none', pointer });
			if (element.showOtherItem === true) values.push({ key: 'other', value: 'other', pointer });
			return values;
		}
		case 'rating': {
			if (Array.isArray(element.rateValues) && element.rateValues.length > 0) {
				return fromList(element.rateValues, 'rateValues');
			}
			const min = typeof element.rateMin === 'number' ? element.rateMin : 1;
			const max = typeof element.rateMax === 'number' ? element.rateMax : 5;
			const step =
				typeof element.rateStep === 'number' && element.rateStep > 0 ? element.rateStep : 1;
			const values: ChoiceRef[] = [];
			for (let v = min; v <= max && values.length < 100; v += step) {
				values.push({ key: valueKey(v), value: v, pointer });
			}
			return values;
		}
		case 'boolean':
			return [
				{ key: valueKey(element.valueTrue ?? true), value: element.valueTrue ?? true, pointer },
				{ key: valueKey(element.valueFalse ?? false), value: element.valueFalse ?? false, pointer }
			];
		case 'matrix':
			return fromList(element.columns, 'columns');
		default:
			return [];
	}
}

/** Row values of a matrix question. */
export function matrixRows(element: SurveyElementJson): string[] {
	return Array.isArray(element.rows) ? element.rows.map((r) => valueKey(choiceValue(r))) : [];
}

/** French text of a SurveyJS localizable string: plain text, `default` or `fr`. */
export function frenchText(text: SurveyText | undefined): string | undefined {
	if (typeof text === 'string') return text;
	if (text && typeof text === 'object') return text.fr ?? text.default;
	return undefined;
}

/** Text of a SurveyJS localizable string in a locale, falling back to French. */
export function surveyText(text: SurveyText | undefined, locale: string): string | undefined {
	if (text && typeof text === 'object' && typeof text[locale] === 'string') return text[locale];
	return frenchText(text);
}
