/**
 * A campaign's shared results: what the dashboard and the exports may use, and nothing else
 * (results participants did not share never leave this module). Who may see them is
 * campaign-access.ts's concern, so that this module runs outside a request too (benchmarks).
 */
import * as campaigns from '../storage/campaigns';
import type { Participation } from '../storage/participations';
import type { Campaign } from '../storage/campaigns';
import type { SharedRow } from '../../campaigns/export';

/** The group filter of a request, if it names one of the campaign's options. */
export function selectedGroup(campaign: Campaign, params: URLSearchParams): string | null {
	const group = params.get('groupe');
	return group !== null && campaign.groupField?.options.includes(group) ? group : null;
}

/** The wave of a request (`?vague=`), if it names one of the campaign's; else the current one. */
export function selectedWave(campaign: Campaign, params: URLSearchParams): string {
	const wave = params.get('vague');
	return wave !== null && campaigns.wavesOf(campaign).some((w) => w.id === wave)
		? wave
		: campaigns.currentWave(campaign);
}

/** The wave of a participation (older data has none: T0). */
export const waveOf = (link: { wave?: string }) => link.wave ?? 'T0';

/**
 * Of a campaign's participations (read once per request), the completed, shared ones of one
 * diagnostic in one wave (null: every wave), optionally of one group.
 */
export function sharedRows(
	campaign: Campaign,
	everyone: Participation[],
	diagnosticId: string,
	group: string | null,
	wave: string | null
): SharedRow[] {
	return everyone
		.filter(
			(p) =>
				p.questionnaireId === diagnosticId &&
				p.status === 'completed' &&
				p.result !== null &&
				p.campaign?.shared === true &&
				(group === null || p.campaign.group === group) &&
				(wave === null || waveOf(p.campaign) === wave)
		)
		.map((p) => ({
			wave: waveOf(p.campaign!),
			group: p.campaign!.group,
			identifier: campaign.identifierLabel ? p.campaign!.identifier : null,
			completedOn: p.completedAt?.slice(0, 10) ?? null,
			sharedOn: p.campaign!.sharedOn,
			result: p.result!
		}));
}
