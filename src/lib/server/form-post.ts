/**
 * Reading form posts in actions: the body must be a readable form, and with a schema every field
 * is checked before anything is written (REQ-03, `$lib/forms/strict-form`).
 */
import { error } from '@sveltejs/kit';
import type { Locale } from '../diagnostic/types';
import { describeRefusal } from '../forms/problem-messages';
import { checkForm, type FieldRule, type FormSchema, type StrictForm } from '../forms/strict-form';
import { m } from '../paraglide/messages';
import { logRefusedForm } from './security/refusals';

/**
 * The form a request carries. A body that cannot be read as a form (a `text/plain` post, a
 * broken multipart body) is refused with 400; Kit's own refusals (413 for a body over
 * BODY_SIZE_LIMIT) go through unchanged.
 */
export async function formPost(request: Request): Promise<FormData> {
	try {
		return await request.formData();
	} catch (e) {
		if (e instanceof Error && typeof (e as { status?: unknown }).status === 'number') throw e;
		error(400, m.form_unreadable());
	}
}

/** The one-time attempt a start or join form carries (a token, see `tokenForAttempt`). */
export const ATTEMPT: FieldRule = { kind: 'text', maxLength: 22, pattern: /^[A-Za-z0-9_-]{22}$/ };

/** What a refused form carries back to its page: messages by field, and the rest. */
export interface Refusal {
	errors: Record<string, string>;
	refused: string | null;
}

/**
 * The request's form checked against `schema`, or the refusal to answer with 400 (logged with
 * `where`, a route id, and the fields' names). `label` gives the field as the page shows it, for
 * the fields the page has.
 */
export async function strictPost(
	request: Request,
	schema: FormSchema,
	label: (field: string) => string | undefined,
	locale: Locale,
	where: string
): Promise<
	{ ok: true; form: StrictForm; raw: FormData } | { ok: false; refusal: Refusal; raw: FormData }
> {
	const raw = await formPost(request);
	const read = checkForm(raw, schema);
	if (!read.ok) {
		logRefusedForm(
			where,
			read.problems.map((p) => p.field)
		);
		return { ok: false, refusal: describeRefusal(read.problems, label, locale), raw };
	}
	return { ok: true, form: read.form, raw };
}
