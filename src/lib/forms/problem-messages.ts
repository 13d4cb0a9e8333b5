/** What a refused form says, in the person's language: each problem names its field. */
import type { Locale } from '../diagnostic/types';
import { m } from '../paraglide/messages';
import type { FormProblem } from './strict-form';

/** Problems listed one by one in a refusal; the rest are counted. */
const LISTED = 5;
const NAME_LENGTH = 40;

/**
 * A field name sent by a client, as it can be shown: control characters written as `\uXXXX`,
 * long names cut. (Output is escaped by Svelte anyway; this keeps messages readable.)
 */
export function shownName(name: string): string {
	const visible = name.replace(
		// eslint-disable-next-line no-control-regex -- making exactly these characters visible
		/[\u0000-\u001F\u007F-\u009F\uD800-\uDFFF]/g,
		(c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}`
	);
	return visible.length > NAME_LENGTH ? `${visible.slice(0, NAME_LENGTH)}…` : visible;
}

/** The message of one problem; `label` is the field as the form shows it (else its name). */
export function problemMessage(problem: FormProblem, label: string | undefined, locale: Locale) {
	const field = label ?? shownName(problem.field);
	const options = { locale };
	switch (problem.kind) {
		case 'unknown':
			return m.form_unknown({ field }, options);
		case 'repeated':
			return m.form_repeated({ field }, options);
		case 'not-text':
			return m.form_not_text({ field }, options);
		case 'too-long':
			return m.form_too_long({ field, max: problem.maxLength ?? 0 }, options);
		case 'control-character':
			return m.form_control({ field }, options);
		case 'not-offered':
			return m.form_not_offered({ field }, options);
		case 'malformed':
			return m.form_malformed({ field }, options);
	}
}

/**
 * One text for a refusal: nothing was saved, then the first problems, each naming its field,
 * then how many more.
 */
export function refusalMessage(
	problems: FormProblem[],
	label: (field: string) => string | undefined,
	locale: Locale
): string {
	const listed = problems.slice(0, LISTED).map((p) => problemMessage(p, label(p.field), locale));
	const more = problems.length - listed.length;
	return [
		m.form_refused({}, { locale }),
		...listed,
		...(more > 0 ? [m.form_more({ count: more }, { locale })] : [])
	].join(' ');
}

/**
 * A refusal as forms show it: a message beside each field the form has (`label` knows it), and
 * one text for problems of fields it does not have (null when there are none).
 */
export function describeRefusal(
	problems: FormProblem[],
	label: (field: string) => string | undefined,
	locale: Locale
): { errors: Record<string, string>; refused: string | null } {
	const errors: Record<string, string> = {};
	const others: FormProblem[] = [];
	for (const p of problems) {
		const shown = label(p.field);
		if (shown !== undefined && p.kind !== 'unknown')
			errors[p.field] = problemMessage(p, shown, locale);
		else others.push(p);
	}
	return {
		errors,
		refused:
			others.length > 0
				? refusalMessage(others, () => undefined, locale)
				: Object.keys(errors).length > 0
					? null
					: m.form_refused({}, { locale })
	};
}
