import { fail, redirect } from '@sveltejs/kit';
import { formatWait } from '$lib/format/duration';
import type { Actions, PageServerLoad } from './$types';
import { listQuestionnaires } from '$lib/server/questionnaires/registry';
import * as campaigns from '$lib/server/storage/campaigns';
import { competenceLabel, levelLabel, localize } from '$lib/diagnostic/localized';
import { parseTargetProfile, type TargetProfile } from '$lib/campaigns/priorities';
import { getLocale, href, m } from '$lib/i18n';
import { hashPassphrase, MAX_PASSPHRASE_LENGTH } from '$lib/server/security/passphrase';
import {
	either,
	fields,
	withoutControlCharacters,
	type FieldRule,
	type FormSchema
} from '$lib/forms/strict-form';
import { strictPost } from '$lib/server/form-post';
import { logRefusedForm } from '$lib/server/security/refusals';
import { BUDGETS, createWithin, setRetryAfter } from '$lib/server/security/budgets';

export const load = (() => {
	const locale = getLocale();
	return {
		diagnostics: listQuestionnaires().map(({ pkg }) => ({
			id: pkg.manifest.id,
			title: localize(pkg.manifest.title, locale),
			areas: pkg.framework.areas.map((a) => ({
				id: a.id,
				name: localize(a.name, locale),
				competences: a.competences.map((c) => ({
					id: c.id,
					name: competenceLabel(c.id, localize(c.name, locale))
				}))
			})),
			levels: pkg.levels.levels.map((l) => ({
				id: l.id,
				name: levelLabel(l, locale)
			}))
		}))
	};
}) satisfies PageServerLoad;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
// Shown back on a refusal too: without the control characters that caused it.
const text = (form: FormData, name: string) => {
	const v = form.get(name);
	return typeof v === 'string' ? withoutControlCharacters(v).trim() : '';
};

/** The campaign form's fields; the target levels' own ids are checked by `parseTargetProfile`. */
function campaignForm(diagnosticIds: Iterable<string>): FormSchema {
	const line = (maxLength: number): FieldRule => ({ kind: 'text', maxLength });
	const targets: FormSchema = (name) => (name.startsWith('target.') ? line(200) : undefined);
	return either(
		fields({
			name: line(120),
			diagnostics: { kind: 'choices', options: new Set(diagnosticIds) },
			k: line(20),
			groupLabel: line(60),
			groupOptions: { kind: 'text', maxLength: 4000, multiline: true },
			identifierLabel: line(60),
			passphrase: line(MAX_PASSPHRASE_LENGTH),
			opensOn: line(10),
			closesOn: line(10)
		}),
		targets
	);
}

const LABELS = new Map([
	['name', m.c_name],
	['diagnostics', m.c_diagnostics],
	['k', m.c_k],
	['groupLabel', m.c_group_label],
	['groupOptions', m.c_group_options],
	['identifierLabel', m.c_identifier],
	['passphrase', m.c_passphrase],
	['opensOn', m.c_opens],
	['closesOn', m.c_closes]
]);

/** Target levels chosen, to show them again on a refusal. */
const targetsOf = (form: FormData): Record<string, string> =>
	Object.fromEntries(
		[...form].filter(
			(e): e is [string, string] => e[0].startsWith('target.') && typeof e[1] === 'string' && !!e[1]
		)
	);

/** The package of a known diagnostic id. */
const findPackage = (id: string) => listQuestionnaires().find((q) => q.pkg.manifest.id === id)!.pkg;

export const actions = {
	/** Validates the form, creates the campaign and opens its management link. */
	default: async ({ request }) => {
		const known = new Set(listQuestionnaires().map((q) => q.pkg.manifest.id));
		const read = await strictPost(
			request,
			campaignForm(known),
			(field) => LABELS.get(field)?.(),
			getLocale(),
			'/campagnes/nouvelle'
		);
		const form = read.raw;
		const values = {
			name: text(form, 'name'),
			diagnostics: form.getAll('diagnostics').filter((v): v is string => typeof v === 'string'),
			k: text(form, 'k') || '5',
			groupLabel: text(form, 'groupLabel'),
			groupOptions: text(form, 'groupOptions'),
			identifierLabel: text(form, 'identifierLabel'),
			opensOn: text(form, 'opensOn'),
			closesOn: text(form, 'closesOn')
		};
		if (!read.ok) {
			return fail(400, { ...read.refusal, values: { ...values, targets: targetsOf(form) } });
		}
		const errors: Record<string, string> = {};
		if (!values.name || values.name.length > 120) errors.name = m.c_err_name();
		const diagnosticIds = [...new Set(values.diagnostics)];
		if (diagnosticIds.length === 0 || diagnosticIds.some((d) => !known.has(d))) {
			errors.diagnostics = m.c_err_diagnostics();
		}
		const k = Number(values.k);
		if (!Number.isInteger(k) || k < 3 || k > 100) errors.k = m.c_err_k();
		const options = [
			...new Set(
				values.groupOptions
					.split('\n')
					.map((o) => o.trim())
					.filter(Boolean)
			)
		];
		if (values.groupLabel.length > 60) errors.groupLabel = m.c_err_label();
		if (values.groupLabel && (options.length < 2 || options.some((o) => o.length > 80))) {
			errors.groupOptions = m.c_err_options();
		}
		if (values.identifierLabel.length > 60) errors.identifierLabel = m.c_err_label();
		for (const day of ['opensOn', 'closesOn'] as const) {
			if (values[day] && !DAY.test(values[day])) errors[day] = m.c_err_dates();
		}
		if (values.opensOn && values.closesOn && values.closesOn < values.opensOn) {
			errors.closesOn = m.c_err_dates();
		}
		// Target profile: `target.<diagnostic>.<area or competence>` = level id; empty means none
		// (a competence then takes its area's). Chosen levels are echoed back on a refusal.
		const chosen: Record<string, string> = {};
		const entries = new Map<string, [string, string][]>();
		for (const [key, value] of form) {
			if (!key.startsWith('target.') || typeof value !== 'string') continue;
			const id = [...known].find((d) => key.startsWith(`target.${d}.`));
			if (!id) {
				errors.targets = m.d_err_target();
				continue;
			}
			if (value) chosen[key] = value;
			const list = entries.get(id) ?? [];
			list.push([key.slice(`target.${id}.`.length), value.trim()]);
			entries.set(id, list);
		}
		const targets: Record<string, TargetProfile> = {};
		for (const [id, list] of entries) {
			const { profile, invalid } = parseTargetProfile(findPackage(id), list);
			if (invalid.length > 0) errors[`target.${id}`] = m.d_err_target();
			// Targets of a diagnostic left out of the campaign are dropped.
			else if (diagnosticIds.includes(id) && Object.keys(profile).length > 0) targets[id] = profile;
		}
		// Never echoed back: a passphrase does not travel in a form's failure data.
		const passphrase = form.get('passphrase');
		const wanted = typeof passphrase === 'string' && passphrase !== '' ? passphrase : null;
		if (wanted !== null && wanted.length < 10) errors.passphrase = m.c_err_passphrase();
		if (Object.keys(errors).length > 0) {
			logRefusedForm('/campagnes/nouvelle', Object.keys(errors));
			return fail(400, { errors, refused: null, values: { ...values, targets: chosen } });
		}

		// Creations count against the client's hourly budget (ADR 0023).
		const created = await createWithin(BUDGETS.campaigns, async () =>
			campaigns.create({
				name: values.name,
				diagnosticIds,
				k,
				groupField: values.groupLabel ? { label: values.groupLabel, options } : null,
				targets,
				passphrase: wanted ? await hashPassphrase(wanted) : null,
				identifierLabel: values.identifierLabel || null,
				opensOn: values.opensOn || null,
				closesOn: values.closesOn || null
			})
		);
		if ('retryAfter' in created) {
			setRetryAfter(created.retryAfter);
			return fail(429, {
				errors: {},
				refused: m.too_many_creations({ wait: formatWait(created.retryAfter) }),
				values: { ...values, targets: chosen }
			});
		}
		redirect(303, href(`/campagnes/${created.created.managementToken}`));
	}
} satisfies Actions;
