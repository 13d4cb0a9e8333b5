import type { RequestHandler } from './$types';
import { exportedReport, reportFileName } from '$lib/server/campaigns/guided-report';

/** The client report as JSON: the same data as the page and the CSV. */
export const GET: RequestHandler = async ({ params, cookies }) => {
	const report = await exportedReport(params.token, params.id, cookies);
	return new Response(JSON.stringify(report, null, 2), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="${reportFileName(report, 'json')}"`
		}
	});
};
