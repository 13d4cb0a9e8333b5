import { fail, redirect } from '@sveltejs/kit';
import { formatWait } from '$lib/format/duration';
import type { Actions, PageServerLoad } from './$types';
import { actionCampaign, pageCampaign } from '$lib/server/campaigns/guided-access';
import { findQuestionnaire } from '$lib/server/questionnaires/registry';
import * as guided from '$lib/server/storage/guided';
import * as participations from '$lib/server/storage/participations';
import { firstPageName } from '$lib/server/survey/runtime';
import { localize } from '$lib/diagnostic/localized';
import type { Campaign } from '$lib/server/storage/campaigns';
import { getLocale, href, m } from '$lib/i18n';
import { fields } from '$lib/forms/strict-form';
import { strictPost } from '$lib/server/form-post';
import { logRefusedForm } from '$lib/server/security/refusals';
import { BUDGETS, createWithin, setRetryAfter } from '$lib/server/security/budgets';

/** The campaign's diagnostics still installed, with their titles. */
function diagnostics(campaign: Campaign) {
	const locale = getLocale();
	return campaign.diagnosticIds.flatMap((id) => {
		const q = findQuestionnaire(id);
		return q ? [{ id, title: localize(q.pkg.manifest.title, locale) }] : [];
	});
}

export const load = (async ({ params, cookies }) => {
	const campaign = await pageCampaign(params.token, cookies);
	const titles = new Map(diagnostics(campaign).map((d) => [d.id, d.title]));
	return {
		name: campaign.name,
		diagnostics: diagnostics(campaign),
		sessions: await Promise.all(
			(await guided.listByCampaign(campaign.id)).map(async (s) => {
				const p = await participations.findById(s.participationId);
				return {
					id: s.id,
					client: s.client,
					diagnostic: (p && titles.get(p.questionnaireId)) ?? p?.questionnaireId ?? '',
					completed: p?.status === 'completed',
					// Days only: the list needs no precise time.
					startedOn: s.createdAt.slice(0, 10),
					updatedOn: s.updatedAt.slice(0, 10)
				};
			})
		)
	};
}) satisfies PageServerLoad;

const MAX_CLIENT_LENGTH = 120;
const OPEN_LABELS = new Map([
	['client', m.g_client_label],
	['diagnostic', m.j_diagnostic]
]);

export const actions = {
	/** Opens a guided session for a client; its answers stay out of the campaign's aggregates. */
	open: async ({ params, request, cookies }) => {
		const campaign = await actionCampaign(params.token, cookies);
		const read = await strictPost(
			request,
			fields({
				client: { kind: 'text', maxLength: MAX_CLIENT_LENGTH },
				diagnostic: { kind: 'choice', options: new Set(campaign.diagnosticIds) }
			}),
			(field) => OPEN_LABELS.get(field)?.(),
			getLocale(),
			'/campagnes/[token]/accompagnements?/open'
		);
		const typed = (name: string) => {
			const v = read.raw.get(name);
			return typeof v === 'string' ? v : '';
		};
		if (!read.ok) {
			return fail(400, {
				...read.refusal,
				values: { client: typed('client'), diagnostic: typed('diagnostic') }
			});
		}
		const client = read.form.text('client').trim();
		const diagnostic = read.form.text('diagnostic');
		const errors: Record<string, string> = {};
		if (!client || client.length > MAX_CLIENT_LENGTH) errors.client = m.g_err_client();
		const questionnaire = campaign.diagnosticIds.includes(diagnostic)
			? findQuestionnaire(diagnostic)
			: undefined;
		if (!questionnaire) errors.diagnostic = m.g_err_diagnostic();
		if (!questionnaire || Object.keys(errors).length > 0) {
			logRefusedForm('/campagnes/[token]/accompagnements?/open', Object.keys(errors));
			return fail(400, { errors, refused: null, values: { client, diagnostic } });
		}
		// Sessions opened count against the client's hourly budget (ADR 0023).
		const opened = await createWithin(BUDGETS.guidedSessions, async () => {
			// campaign: null — the advisor's answers never count in the campaign's aggregates.
			const { participation } = await participations.create({
				questionnaireId: questionnaire.pkg.manifest.id,
				questionnaireVersion: questionnaire.pkg.manifest.version,
				pageName: firstPageName(questionnaire.pkg),
				campaign: null
			});
			return guided.create({
				campaignId: campaign.id,
				participationId: participation.id,
				client
			});
		});
		if ('retryAfter' in opened) {
			setRetryAfter(opened.retryAfter);
			return fail(429, {
				errors: {},
				refused: m.too_many_creations({ wait: formatWait(opened.retryAfter) }),
				values: { client, diagnostic }
			});
		}
		redirect(303, href(`/campagnes/${params.token}/accompagnements/${opened.created.id}`));
	}
} satisfies Actions;
