/** The report of a completed guided session, for the report page and its CSV and JSON exports. */
import { error, type Cookies } from '@sveltejs/kit';
import { buildReport, type GuidedReport, type ReportLabels } from '../../guided/report';
import { getLocale } from '../../i18n';
import { m } from '../../paraglide/messages';
import { actionCampaign, sessionOr404 } from './guided-access';
import type { Campaign } from '../storage/campaigns';

/** The report of a session of the campaign; 409 while the diagnostic is not completed. */
export async function reportOf(campaign: Campaign, id: string): Promise<GuidedReport> {
	const { session, participation, questionnaire } = await sessionOr404(campaign, id);
	if (participation.status !== 'completed' || !participation.result) error(409, 'Not completed');
	return buildReport({
		pkg: questionnaire.pkg,
		result: participation.result,
		session,
		completedAt: participation.completedAt,
		locale: getLocale()
	});
}

/** For exports: the report if the campaign is unlocked, else 403 / 404 / 409. */
export async function exportedReport(
	token: string,
	id: string,
	cookies: Cookies
): Promise<GuidedReport> {
	return await reportOf(await actionCampaign(token, cookies), id);
}

/** Column names and statuses of the CSV, in the request's locale. */
export function reportLabels(): ReportLabels {
	return {
		client: m.g_client(),
		diagnostic: m.j_diagnostic(),
		type: m.g_csv_type(),
		area: m.g_csv_area(),
		action: m.g_csv_action(),
		subject: m.g_csv_subject(),
		score: m.g_csv_score(),
		selfLevel: m.g_self_level(),
		advisorLevel: m.g_advisor_level(),
		gap: m.g_csv_gap(),
		note: m.g_note(),
		title: m.g_action_title(),
		owner: m.g_action_owner(),
		dueOn: m.g_action_due(),
		status: m.g_action_status(),
		statuses: { todo: m.g_status_todo(), doing: m.g_status_doing(), done: m.g_status_done() },
		resources: m.g_action_resources()
	};
}

/** A file name without the client's name (it may hold any character). */
export const reportFileName = (report: GuidedReport, ext: string) =>
	`reperes-accompagnement-${report.diagnostic.id}-${report.completedOn ?? 'en-cours'}.${ext}`;
