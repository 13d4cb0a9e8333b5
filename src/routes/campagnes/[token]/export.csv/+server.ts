import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { selectedGroup, unlockedCampaignOr403 } from '$lib/server/campaigns/shared-results';
import { exportTables } from '$lib/server/campaigns/export-tables';
import { toCsv } from '$lib/campaigns/export';
import { getLocale } from '$lib/i18n';

/** One row per shared participation of one diagnostic (`?diagnostic=`), for French Excel. */
export const GET: RequestHandler = ({ params, url, cookies }) => {
	const campaign = unlockedCampaignOr403(params.token, cookies);
	const tables = exportTables(
		campaign,
		url.searchParams.get('diagnostic') ?? campaign.diagnosticIds[0]!,
		selectedGroup(campaign, url.searchParams),
		getLocale()
	);
	if (!tables) error(404, 'Not found');
	return new Response(toCsv(tables.participants), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="reperes-campagne-${tables.slug}.csv"`
		}
	});
};
