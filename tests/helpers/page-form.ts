/**
 * A questionnaire page's save form as the server rendered it, read from its HTML, and answered
 * the way a person without JavaScript would: the real field names and values of the package.
 * For tests and the load test that drive many participants with plain HTTP requests.
 */

/** The save form of one page: its page name and, per choice field, the values it offers. */
export interface SaveForm {
	page: string;
	fields: Map<string, string[]>;
}

/** Attributes of one HTML start tag (quoted values, as Svelte renders them). */
function attributes(tag: string): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [, name, value] of tag.matchAll(/([a-zA-Z-]+)="([^"]*)"/g)) out[name!] = value!;
	return out;
}

/** Reads the save form of a questionnaire page; null if the page has none (results page). */
export function readSaveForm(html: string): SaveForm | null {
	const start = html.indexOf('action="?/save"');
	if (start < 0) return null;
	const form = html.slice(start, html.indexOf('</form>', start));
	let page: string | null = null;
	const fields: SaveForm['fields'] = new Map();
	for (const [tag] of form.matchAll(/<input\b[^>]*>/g)) {
		const a = attributes(tag);
		if (a.type === 'hidden' && a.name === 'page') page = a.value ?? null;
		if ((a.type === 'radio' || a.type === 'checkbox') && a.name && a.value !== undefined) {
			fields.set(a.name, [...(fields.get(a.name) ?? []), a.value]);
		}
	}
	return page === null ? null : { page, fields };
}

/**
 * Answers every choice field of the form once (one box for a checkbox group), choosing with
 * `pick(n)` (an index below n); the `page` field comes first.
 */
export function answerForm(form: SaveForm, pick: (n: number) => number): [string, string][] {
	const out: [string, string][] = [['page', form.page]];
	for (const [name, values] of form.fields) out.push([name, values[pick(values.length)]!]);
	return out;
}
