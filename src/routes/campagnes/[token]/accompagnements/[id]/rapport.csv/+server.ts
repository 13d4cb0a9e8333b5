import type { RequestHandler } from './$types';
import { toCsv } from '$lib/campaigns/export';
import { reportTable } from '$lib/guided/report';
import { exportedReport, reportFileName, reportLabels } from '$lib/server/campaigns/guided-report';

/** The client report as one table: a row per area, then a row per action (French Excel CSV). */
export const GET: RequestHandler = async ({ params, cookies }) => {
	const report = await exportedReport(params.token, params.id, cookies);
	return new Response(toCsv(reportTable(report, reportLabels())), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${reportFileName(report, 'csv')}"`
		}
	});
};
