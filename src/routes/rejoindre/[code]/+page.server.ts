import { fail, redirect } from '@sveltejs/kit';
import { formatWait } from '$lib/format/duration';
import type { Actions, PageServerLoad } from './$types';
import * as campaigns from '$lib/server/storage/campaigns';
import * as participations from '$lib/server/storage/participations';
import { newToken, tokenForAttempt } from '$lib/server/storage/tokens';
import { findQuestionnaire } from '$lib/server/questionnaires/registry';
import { firstPageName } from '$lib/server/survey/runtime';
import { openCampaignByCodeOr404 } from '$lib/server/security/lookups';
import { BUDGETS, createWithin, setRetryAfter } from '$lib/server/security/budgets';
import { localize } from '$lib/diagnostic/localized';
import { getLocale, href, m } from '$lib/i18n';
import { logRefusedForm } from '$lib/server/security/refusals';
import { fields, withoutControlCharacters, type FormSchema } from '$lib/forms/strict-form';
import { ATTEMPT, strictPost } from '$lib/server/form-post';
import type { Campaign } from '$lib/server/storage/campaigns';

/** Longest identifier a participant may type. */
const MAX_IDENTIFIER_LENGTH = 60;

/**
 * An open campaign by code; unknown and closed campaigns look alike to the visitor, and every
 * code tried counts against the client's budget until it opens a campaign (ADR 0023).
 */
const openCampaignOr404 = openCampaignByCodeOr404;

/** The join form as the page shows it: fields for the choice and identifier only if asked. */
function joinForm(campaign: Campaign): FormSchema {
	return fields({
		...(campaign.diagnosticIds.length > 1
			? { diagnostic: { kind: 'choice', options: new Set(campaign.diagnosticIds) } as const }
			: {}),
		...(campaign.groupField
			? { group: { kind: 'choice', options: new Set(['', ...campaign.groupField.options]) } }
			: {}),
		...(campaign.identifierLabel
			? { identifier: { kind: 'text', maxLength: MAX_IDENTIFIER_LENGTH } as const }
			: {}),
		consent: { kind: 'choice', options: new Set(['oui']) },
		attempt: ATTEMPT
	});
}

export const load = (async ({ params, setHeaders }) => {
	const campaign = await openCampaignOr404(params.code);
	// The form carries a one-time join attempt (it leads to a private link): never cached.
	setHeaders({ 'cache-control': 'private, no-store' });
	const locale = getLocale();
	return {
		name: campaign.name,
		k: campaign.k,
		groupField: campaign.groupField,
		identifierLabel: campaign.identifierLabel,
		attempt: newToken().token,
		diagnostics: campaign.diagnosticIds.flatMap((id) => {
			const q = findQuestionnaire(id);
			return q
				? [
						{
							id,
							title: localize(q.pkg.manifest.title, locale),
							organisation: q.pkg.manifest.subject === 'organisation'
						}
					]
				: [];
		})
	};
}) satisfies PageServerLoad;

export const actions = {
	/** After consent, starts the chosen diagnostic as part of the campaign (nothing shared yet). */
	default: async ({ params, request }) => {
		const campaign = await openCampaignOr404(params.code);
		const labels = new Map<string, string>([
			['diagnostic', m.j_diagnostic()],
			['consent', m.j_consent()],
			...(campaign.groupField ? [['group', campaign.groupField.label] as [string, string]] : []),
			...(campaign.identifierLabel
				? [['identifier', campaign.identifierLabel] as [string, string]]
				: [])
		]);
		const read = await strictPost(
			request,
			joinForm(campaign),
			(field) => labels.get(field),
			getLocale(),
			'/rejoindre/[code]'
		);
		const form = read.raw;
		const value = (name: string) => {
			const v = form.get(name);
			return typeof v === 'string' ? withoutControlCharacters(v).trim() : '';
		};
		if (!read.ok) {
			return fail(400, {
				...read.refusal,
				values: {
					diagnostic: value('diagnostic'),
					group: value('group'),
					identifier: value('identifier')
				}
			});
		}
		const errors: Record<string, string> = {};
		const diagnostic =
			campaign.diagnosticIds.length === 1 ? campaign.diagnosticIds[0]! : value('diagnostic');
		const questionnaire = campaign.diagnosticIds.includes(diagnostic)
			? findQuestionnaire(diagnostic)
			: undefined;
		if (!questionnaire) errors.diagnostic = m.j_choose();
		const group = value('group');
		if (group && !campaign.groupField?.options.includes(group)) errors.group = m.j_choose();
		const identifier = value('identifier');
		if (form.get('consent') !== 'oui') errors.consent = m.j_consent_required();
		if (Object.keys(errors).length > 0 || !questionnaire) {
			logRefusedForm('/rejoindre/[code]', Object.keys(errors));
			return fail(400, { errors, refused: null, values: { diagnostic, group, identifier } });
		}
		const link = tokenForAttempt(
			form.get('attempt'),
			`join:${campaign.id}:${questionnaire.pkg.manifest.id}`
		);
		// A replay of this join lands on its participation, whatever the budget says.
		if (!(await participations.findByToken(link))) {
			const joined = await createWithin(BUDGETS.starts, () =>
				participations.create(
					{
						questionnaireId: questionnaire.pkg.manifest.id,
						questionnaireVersion: questionnaire.pkg.manifest.version,
						pageName: firstPageName(questionnaire.pkg),
						campaign: {
							id: campaign.id,
							group: group || null,
							identifier: campaign.identifierLabel && identifier ? identifier : null,
							shared: false,
							sharedOn: null,
							wave: campaigns.currentWave(campaign)
						}
					},
					link
				)
			);
			// Refused, unless a doubled click created it meanwhile.
			if ('retryAfter' in joined && !(await participations.findByToken(link))) {
				setRetryAfter(joined.retryAfter);
				return fail(429, {
					errors: {},
					refused: m.too_many_starts({ wait: formatWait(joined.retryAfter) }),
					values: { diagnostic, group, identifier }
				});
			}
		}
		redirect(303, href(`/p/${link}`));
	}
} satisfies Actions;
