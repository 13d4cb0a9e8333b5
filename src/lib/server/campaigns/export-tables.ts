/** The tables of a campaign export, in the request's locale. */
import { aggregateResults } from '../../campaigns/aggregate';
import {
	participantTable,
	prioritiesTable,
	summaryTable,
	type ExportLabels,
	type Table
} from '../../campaigns/export';
import { collectivePriorities } from '../../campaigns/priorities';
import { findQuestionnaire } from '../questionnaires/registry';
import type { Campaign } from '../storage/campaigns';
import type { Locale } from '../../diagnostic/types';
import { m } from '../../paraglide/messages';
import * as participations from '../storage/participations';
import { selectedGroup, selectedWave, sharedRows } from './shared-results';
import { unlockedCampaignOr403 } from './campaign-access';
import { error, type Cookies } from '@sveltejs/kit';
import { getLocale } from '../../i18n';

function labels(k: number): ExportLabels {
	return {
		campaign: m.x_campaign(),
		diagnostic: m.j_diagnostic(),
		wave: m.x_wave(),
		group: m.x_group(),
		identifier: m.x_identifier(),
		completedOn: m.x_completed_on(),
		sharedOn: m.x_shared_on(),
		overall: m.overall(),
		score: m.x_score(),
		level: m.x_level(),
		participants: m.th_participants(),
		mean: m.x_mean(),
		min: m.x_min(),
		median: m.x_median(),
		max: m.x_max(),
		suppressed: m.c_unit_suppressed({ k })
	};
}

/** Participant and summary tables of one diagnostic of a campaign, or null if it has none. */
export async function exportTables(
	campaign: Campaign,
	diagnosticId: string,
	group: string | null,
	wave: string | null,
	locale: Locale
): Promise<{ participants: Table; summary: Table; priorities: Table; slug: string } | null> {
	const questionnaire = campaign.diagnosticIds.includes(diagnosticId)
		? findQuestionnaire(diagnosticId)
		: undefined;
	if (!questionnaire) return null;
	const rows = sharedRows(
		campaign,
		await participations.listByCampaign(campaign.id),
		diagnosticId,
		group,
		wave
	);
	const l = labels(campaign.k);
	const results = rows.map((r) => r.result);
	const aggregate = aggregateResults(questionnaire.model, results, campaign.k);
	return {
		participants: participantTable({
			campaignName: campaign.name,
			pkg: questionnaire.pkg,
			rows,
			groupLabel: campaign.groupField?.label ?? null,
			identifierLabel: campaign.identifierLabel,
			labels: l,
			locale
		}),
		summary: summaryTable(questionnaire.pkg, aggregate, l, locale),
		// As on the dashboard: nothing below k, every competence below its target above it.
		priorities: prioritiesTable(
			questionnaire.pkg,
			aggregate.suppressed
				? []
				: collectivePriorities(
						questionnaire.pkg,
						campaign.targets?.[diagnosticId] ?? {},
						results,
						Infinity,
						campaign.k
					),
			{
				competence: m.th_competence(),
				target: m.th_target(),
				targetFrom: m.x_target_from(),
				fromProfile: m.x_from_profile(),
				fromMedian: m.x_from_median(),
				participants: m.th_participants(),
				below: m.th_below(),
				share: m.x_share_below(),
				mean: m.x_mean()
			},
			locale
		),
		slug: diagnosticId
	};
}

/** The tables an export request asks for (`?diagnostic=`, `?groupe=`), or 403/404. */
export async function requestedTables(token: string, url: URL, cookies: Cookies) {
	const campaign = await unlockedCampaignOr403(token, cookies);
	const tables = await exportTables(
		campaign,
		url.searchParams.get('diagnostic') ?? campaign.diagnosticIds[0]!,
		selectedGroup(campaign, url.searchParams),
		// Every wave unless the request names one (the dashboard's links do).
		url.searchParams.has('vague') ? selectedWave(campaign, url.searchParams) : null,
		getLocale()
	);
	if (!tables) error(404, 'Not found');
	return tables;
}
