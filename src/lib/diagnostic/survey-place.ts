/**
 * Where a JSON Pointer of survey.json lands, said as an author knows it: the page by its title,
 * the question by its name and title (« Page « Pratiques » · question « q3 » (« Utilisez-vous… ») »).
 * The pointer alone names an index that SurveyJS Creator never shows.
 */
import type { SurveyText } from './types';
import { defaultText } from './survey-json';

/** Longest title quoted whole: a place is a reminder, not the question. */
const MAX_TITLE = 60;

const isObj = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

/** A French title cut at a word boundary, or undefined when there is none. */
export function shortTitle(text: unknown): string | undefined {
	if (typeof text !== 'string' && !isObj(text)) return undefined;
	const fr = defaultText(text as SurveyText)
		?.replace(/\s+/g, ' ')
		.trim();
	if (!fr) return undefined;
	if (fr.length <= MAX_TITLE) return fr;
	const cut = fr.slice(0, MAX_TITLE);
	const space = cut.lastIndexOf(' ');
	return `${(space > MAX_TITLE / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

/** « question « q3 » (« Utilisez-vous… ») », or « texte « intro » » for an html element. */
export function questionLabel(element: unknown): string | undefined {
	if (!isObj(element)) return undefined;
	const name = typeof element.name === 'string' ? element.name : undefined;
	const title = shortTitle(element.title);
	const what =
		element.type === 'html' ? 'texte' : element.type === 'panel' ? 'panneau' : 'question';
	if (name === undefined) return title ? `${what} « ${title} »` : undefined;
	return title && title !== name ? `${what} « ${name} » (« ${title} »)` : `${what} « ${name} »`;
}

function pageLabel(page: unknown, index: number): string {
	if (!isObj(page)) return `Page ${index + 1}`;
	const title = shortTitle(page.title);
	if (title) return `Page « ${title} »`;
	return typeof page.name === 'string' ? `Page « ${page.name} »` : `Page ${index + 1}`;
}

/**
 * The place of a pointer in survey.json: its page, then each element (question, or panel and
 * the question in it) it goes through; or a trigger, a calculated value. Undefined for the
 * survey's own properties, which the pointer says well enough.
 */
export function surveyPlace(survey: unknown, pointer: string): string | undefined {
	if (!isObj(survey)) return undefined;
	const tokens = pointer.split('/').slice(1);
	if (tokens[0] === 'pages' && Array.isArray(survey.pages) && /^\d+$/.test(tokens[1] ?? '')) {
		const index = Number(tokens[1]);
		let node: unknown = survey.pages[index];
		const parts = [pageLabel(node, index)];
		// Panels hold elements too: name each element on the way down.
		for (let t = 2; t + 1 < tokens.length && tokens[t] === 'elements'; t += 2) {
			const list = isObj(node) ? node.elements : undefined;
			const i = Number(tokens[t + 1]);
			if (!Array.isArray(list) || !Number.isInteger(i) || list[i] === undefined) break;
			node = list[i];
			const label = questionLabel(node);
			if (label) parts.push(label);
		}
		return parts.join(' · ');
	}
	const [list = '', index = ''] = tokens;
	if (/^\d+$/.test(index)) {
		const item = Array.isArray(survey[list])
			? (survey[list] as unknown[])[Number(index)]
			: undefined;
		const name = isObj(item) && typeof item.name === 'string' ? ` « ${item.name} »` : '';
		if (list === 'triggers') return `Déclencheur n° ${Number(index) + 1}`;
		if (list === 'calculatedValues') return `Valeur calculée${name || ` n° ${Number(index) + 1}`}`;
	}
	return undefined;
}

/** A survey.json message with its place in front: « Page « … » · question « … » : message ». */
export function placed(survey: unknown, pointer: string, message: string): string {
	const place = surveyPlace(survey, pointer);
	return place ? `${place} : ${message}` : message;
}
