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

/** A SurveyJS container of questions: a `panel` (its `elements` nest like a page's). */
export const isPanelJson = (element: unknown): element is SurveyElementJson =>
	typeof element === 'object' &&
	element !== null &&
	(element as { type?: unknown }).type === 'panel';

/**
 * Every question of every page, inside panels too, in page order, with its JSON Pointer;
 * panels themselves are containers, listed by `surveyPanels`.
 */
export function surveyElements(survey: SurveyJson): LocatedElement[] {
	return walk(survey).filter((e) => !isPanelJson(e.element));
}

/** Every panel of every page (nested ones too), with its JSON Pointer. */
export function surveyPanels(survey: SurveyJson): LocatedElement[] {
	return walk(survey).filter((e) => isPanelJson(e.element));
}

function walk(survey: SurveyJson): LocatedElement[] {
	const out: LocatedElement[] = [];
	const visit = (elements: unknown, pageIndex: number, at: string) => {
		if (!Array.isArray(elements)) return;
		elements.forEach((element: SurveyElementJson, i) => {
			const pointer = `${at}/elements/${i}`;
			out.push({ element, pageIndex, pointer });
			if (isPanelJson(element)) visit(element.elements, pageIndex, pointer);
		});
	};
	const pages = Array.isArray(survey.pages) ? survey.pages : [];
	pages.forEach((page, pageIndex) => visit(page?.elements, pageIndex, `/pages/${pageIndex}`));
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

/**
 * The text of a SurveyJS localizable string as its author wrote it first: plain text or
 * `default` (the package's first language, ADR 0035), else its French.
 */
export function defaultText(text: SurveyText | undefined): string | undefined {
	if (typeof text === 'string') return text;
	if (text && typeof text === 'object') return text.default ?? text.fr;
	return undefined;
}

/** defaultText's former name (it was read as French), kept while other branches import it. */
export const frenchText = defaultText;

/**
 * Text of a SurveyJS localizable string in a language (the package's content language, see
 * contentLanguage), else its `default`: what survey-core shows, since the server gives it no
 * default locale of its own (runtime.ts).
 */
export function surveyText(text: SurveyText | undefined, language: string): string | undefined {
	if (typeof text === 'string') return text;
	if (text && typeof text === 'object') {
		const own = text[language];
		return typeof own === 'string' && own !== '' ? own : text.default;
	}
	return undefined;
}
