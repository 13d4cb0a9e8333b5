import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { pageCampaign, sessionOr404 } from '$lib/server/campaigns/guided-access';
import { reportOf } from '$lib/server/campaigns/guided-report';
import { getLocale, href } from '$lib/i18n';
import { radarLevels } from '$lib/charts/radar-levels';

export const load = (async ({ params, cookies }) => {
	const campaign = await pageCampaign(params.token, cookies);
	const { participation, questionnaire } = await sessionOr404(campaign, params.id);
	// Before completion there is nothing to report: back to the questionnaire.
	if (participation.status !== 'completed') {
		redirect(303, href(`/campagnes/${params.token}/accompagnements/${params.id}`));
	}
	return {
		campaign: campaign.name,
		report: await reportOf(campaign, params.id),
		radarLevels: radarLevels(questionnaire.pkg.levels.levels, getLocale())
	};
}) satisfies PageServerLoad;
