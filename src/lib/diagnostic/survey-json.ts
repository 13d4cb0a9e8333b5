/**
 * Reading SurveyJS JSON as plain data, without survey-core, so that the validator and
 * the scoring model stay pure and run anywhere.
 */
import type { SurveyElementJson, SurveyJson, SurveyText } from './types';

// What each question type offers and how it is read is in $lib/question-types (ADR 0025).

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
export function choiceValue(choice: unknown): unknown {
	return typeof choice === 'object' && choice !== null
		? (choice as { value?: unknown }).value
		: choice;
}

/** Answer values are compared as text: scoring keys are strings ("1", "true"). */
export function valueKey(value: unknown): string {
	return String(value);
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
