/**
 * Where a JSON Pointer of survey.json lands, said as an author knows it: the page by its title,
 * the question by its name and title (« Page « Pratiques » · question « q3 » (« Utilisez-vous… ») »),
 * in French and in English (validator-messages.ts); the titles are the package's own, in its
 * language. The pointer alone names an index that SurveyJS Creator never shows.
 */
import type { SurveyText } from './types';
import { defaultText, surveyText } from './survey-json';
import { surveyLocale } from './languages';
import { M, type Message } from './validator-messages';

/** Longest title quoted whole: a place is a reminder, not the question. */
const MAX_TITLE = 60;

const isObj = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A title in the package's language (its `default` text unless `language` has its own), cut at
 * a word boundary; undefined when there is none.
 */
export function shortTitle(text: unknown, language?: string): string | undefined {
	if (typeof text !== 'string' && !isObj(text)) return undefined;
	const own =
		(language !== undefined ? surveyText(text as SurveyText, language) : undefined) ??
		defaultText(text as SurveyText);
	const title = own?.replace(/\s+/g, ' ').trim();
	if (!title) return undefined;
	if (title.length <= MAX_TITLE) return title;
	const cut = title.slice(0, MAX_TITLE);
	const space = cut.lastIndexOf(' ');
	return `${(space > MAX_TITLE / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

/** « question « q3 » (« Utilisez-vous… ») », or « texte « intro » » for an html element. */
export function questionLabel(element: unknown, language?: string): Message | undefined {
	if (!isObj(element)) return undefined;
	const name = typeof element.name === 'string' ? element.name : undefined;
	const title = shortTitle(element.title, language);
	const kind = element.type === 'html' ? 'html' : element.type === 'panel' ? 'panel' : 'question';
	if (name === undefined) return title ? M.placeElement({ kind, title }) : undefined;
	return M.placeElement({ kind, name, title: title && title !== name ? title : undefined });
}

function pageLabel(page: unknown, index: number, language?: string): Message {
	if (!isObj(page)) return M.placePageNumber({ n: index + 1 });
	const title = shortTitle(page.title, language);
	if (title) return M.placePage({ title });
	return typeof page.name === 'string'
		? M.placePage({ title: page.name })
		: M.placePageNumber({ n: index + 1 });
}

const joined = (parts: Message[]): Message => ({
	fr: parts.map((p) => p.fr).join(' · '),
	en: parts.map((p) => p.en).join(' · ')
});

/**
 * The place of a pointer in survey.json, in both languages: its page, then each element
 * (question, or panel and the question in it) it goes through; or a trigger, a calculated value.
 * Undefined for the survey's own properties, which the pointer says well enough.
 * @param language the package's first language, which titles are read in (survey.json's
 * `locale`, else French, unless told)
 */
export function placeOf(
	survey: unknown,
	pointer: string,
	language: string = surveyLocale(survey) ?? 'fr'
): Message | undefined {
	if (!isObj(survey)) return undefined;
	const tokens = pointer.split('/').slice(1);
	if (tokens[0] === 'pages' && Array.isArray(survey.pages) && /^\d+$/.test(tokens[1] ?? '')) {
		const index = Number(tokens[1]);
		let node: unknown = survey.pages[index];
		const parts = [pageLabel(node, index, language)];
		// Panels hold elements too: name each element on the way down.
		for (let t = 2; t + 1 < tokens.length && tokens[t] === 'elements'; t += 2) {
			const list = isObj(node) ? node.elements : undefined;
			const i = Number(tokens[t + 1]);
			if (!Array.isArray(list) || !Number.isInteger(i) || list[i] === undefined) break;
			node = list[i];
			const label = questionLabel(node, language);
			if (label) parts.push(label);
		}
		return joined(parts);
	}
	const [list = '', index = ''] = tokens;
	if (/^\d+$/.test(index)) {
		const item = Array.isArray(survey[list])
			? (survey[list] as unknown[])[Number(index)]
			: undefined;
		const n = Number(index) + 1;
		if (list === 'triggers') return M.placeTrigger({ n });
		if (list === 'calculatedValues') {
			return isObj(item) && typeof item.name === 'string'
				? M.placeCalculatedValue({ name: item.name })
				: M.placeCalculatedValue({ n });
		}
	}
	return undefined;
}

/** The place of a pointer in French (`placeOf` gives both languages). */
export const surveyPlace = (survey: unknown, pointer: string): string | undefined =>
	placeOf(survey, pointer)?.fr;

/**
 * A survey.json message with its place in front: « Page « … » · question « … » : message »; in
 * both languages when given a `Message`, in French when given a string.
 */
export function placed(survey: unknown, pointer: string, message: string): string;
export function placed(
	survey: unknown,
	pointer: string,
	message: Message,
	language?: string
): Message;
export function placed(
	survey: unknown,
	pointer: string,
	message: string | Message,
	language?: string
): string | Message {
	if (typeof message === 'string') return placed(survey, pointer, { fr: message, en: message }).fr;
	const place = placeOf(survey, pointer, language);
	return place ? M.placed({ place, message }) : message;
}
