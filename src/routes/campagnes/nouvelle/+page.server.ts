import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { listQuestionnaires } from '$lib/server/questionnaires/registry';
import * as campaigns from '$lib/server/storage/campaigns';
import { levelLabel, localize } from '$lib/diagnostic/localized';
import { getLocale, href, m } from '$lib/i18n';
import { hashPassphrase } from '$lib/server/security/passphrase';

export const load = (() => {
	const locale = getLocale();
	return {
		diagnostics: listQuestionnaires().map(({ pkg }) => ({
			id: pkg.manifest.id,
			title: localize(pkg.manifest.title, locale),
			areas: pkg.framework.areas.map((a) => ({ id: a.id, name: localize(a.name, locale) })),
			levels: pkg.levels.levels.map((l) => ({
				id: l.id,
				name: levelLabel(l, locale)
			}))
		}))
	};
}) satisfies PageServerLoad;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const text = (form: FormData, name: string) => {
	const v = form.get(name);
	return typeof v === 'string' ? v.trim() : '';
};

export const actions = {
	/** Validates the form, creates the campaign and opens its management link. */
	default: async ({ request }) => {
		const form = await request.formData();
		const known = new Set(listQuestionnaires().map((q) => q.pkg.manifest.id));
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
		// Target profile: `target.<diagnostic>.<area>` = level id; empty means no target.
		const targets: Record<string, Record<string, string>> = {};
		for (const id of diagnosticIds) {
			const questionnaire = listQuestionnaires().find((q) => q.pkg.manifest.id === id);
			if (!questionnaire) continue;
			const levels = new Set(questionnaire.pkg.levels.levels.map((l) => l.id));
			for (const area of questionnaire.pkg.framework.areas) {
				const level = text(form, `target.${id}.${area.id}`);
				if (!level) continue;
				if (!levels.has(level)) errors[`target.${id}`] = m.c_err_target();
				else (targets[id] ??= {})[area.id] = level;
			}
		}
		// Never echoed back: a passphrase does not travel in a form's failure data.
		const passphrase = form.get('passphrase');
		const wanted = typeof passphrase === 'string' && passphrase !== '' ? passphrase : null;
		if (wanted !== null && (wanted.length < 10 || wanted.length > 200))
			errors.passphrase = m.c_err_passphrase();
		if (Object.keys(errors).length > 0) return fail(400, { errors, values });

		const { managementToken } = await campaigns.create({
			name: values.name,
			diagnosticIds,
			k,
			groupField: values.groupLabel ? { label: values.groupLabel, options } : null,
			targets,
			passphrase: wanted ? await hashPassphrase(wanted) : null,
			identifierLabel: values.identifierLabel || null,
			opensOn: values.opensOn || null,
			closesOn: values.closesOn || null
		});
		redirect(303, href(`/campagnes/${managementToken}`));
	}
} satisfies Actions;
