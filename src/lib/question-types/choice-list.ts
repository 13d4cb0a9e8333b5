/**
 * What the three types answered from a `choices` list (radiogroup, dropdown, checkbox) share:
 * their options, the implied « none » and « other » items, and what survey-core offers.
 */
import type { Locale, SurveyElementJson, SurveyText } from '../diagnostic/types';
import { surveyText } from '../diagnostic/survey-json';
import {
	liveItems,
	listOptions,
	type LiveOption,
	type LiveQuestion,
	type OptionRef
} from './definition';

/** survey-core's own texts for the implied items (its fr and en localisations). */
const NONE: Record<Locale, string> = { fr: 'Aucun', en: 'None' };
const OTHER: Record<Locale, string> = { fr: 'Autre (préciser)', en: 'Other (describe)' };

export function choiceListOptions(element: SurveyElementJson, pointer: string): OptionRef[] {
	const values = listOptions(element.choices, pointer, 'choices');
	const implied = (key: string, own: unknown, fallback: Record<Locale, string>): OptionRef => ({
		key,
		value: key,
		pointer,
		text: (locale) => surveyText(own as SurveyText | undefined, locale) ?? fallback[locale]
	});
	if (element.showNoneItem === true) values.push(implied('none', element.noneText, NONE));
	if (element.showOtherItem === true) values.push(implied('other', element.otherText, OTHER));
	return values;
}

export const choiceListLive = (q: LiveQuestion): LiveOption[] => liveItems(q.visibleChoices);

/** Every choice, hidden ones included; undefined when they come from another question or a URL. */
export function choiceListDeclared(q: LiveQuestion): LiveOption[] | undefined {
	const byUrl = q.choicesByUrl as { url?: string } | undefined;
	if (q.choicesFromQuestion || byUrl?.url) return undefined;
	return [...liveItems(q.visibleChoices), ...liveItems(q.choices)];
}
