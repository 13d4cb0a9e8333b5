import type { RequestHandler } from './$types';
import { requestedTables } from '$lib/server/campaigns/export-tables';
import { toCsv } from '$lib/campaigns/export';

/** One row per shared participation of one diagnostic (`?diagnostic=`), for French Excel. */
export const GET: RequestHandler = async ({ params, url, cookies }) => {
	const tables = await requestedTables(params.token, url, cookies);
	return new Response(toCsv(tables.participants), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="reperes-campagne-${tables.slug}.csv"`
		}
	});
};
