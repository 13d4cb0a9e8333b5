import { error } from '@sveltejs/kit';
import QRCode from 'qrcode';
import type { PageServerLoad } from './$types';
import * as campaigns from '$lib/server/storage/campaigns';
import * as participations from '$lib/server/storage/participations';
import { isTokenShaped } from '$lib/server/storage/tokens';
import { findQuestionnaire } from '$lib/server/questionnaires/registry';
import { aggregateResults } from '$lib/campaigns/aggregate';
import { displayCode } from '$lib/campaigns/code';
import { localize } from '$lib/diagnostic/localized';
import { getLocale, href } from '$lib/i18n';

/** The campaign of a management link, or 404 (never telling a wrong link from a deleted one). */
function campaignOr404(token: string) {
	const campaign = isTokenShaped(token) ? campaigns.findByManagementToken(token) : undefined;
	if (!campaign) error(404, 'Not found');
	return campaign;
}

export const load = (async ({ params, url }) => {
	const campaign = campaignOr404(params.token);
	const locale = getLocale();
	const all = participations.listByCampaign(campaign.id);
	const group = url.searchParams.get('groupe');
	const selectedGroup = campaign.groupField?.options.includes(group ?? '') ? group : null;

	// Participation per day: joined (start), completed and shared, by calendar day.
	const days = new Map<string, { joined: number; completed: number; shared: number }>();
	const bump = (day: string | null | undefined, key: 'joined' | 'completed' | 'shared') => {
		if (!day) return;
		const d = day.slice(0, 10);
		const row = days.get(d) ?? { joined: 0, completed: 0, shared: 0 };
		row[key] += 1;
		days.set(d, row);
	};
	for (const p of all) {
		bump(p.createdAt, 'joined');
		bump(p.completedAt, 'completed');
		if (p.campaign?.shared) bump(p.campaign.sharedOn, 'shared');
	}

	const joinUrl = `${url.origin}${href(`/rejoindre/${campaign.code}`)}`;
	return {
		name: campaign.name,
		k: campaign.k,
		code: displayCode(campaign.code),
		joinUrl,
		qr: await QRCode.toDataURL(joinUrl, { margin: 1, width: 220 }),
		link: `${url.origin}${url.pathname}`,
		groupField: campaign.groupField,
		selectedGroup,
		counts: {
			joined: all.length,
			inProgress: all.filter((p) => p.status === 'in_progress').length,
			completed: all.filter((p) => p.status === 'completed').length,
			shared: all.filter((p) => p.status === 'completed' && p.campaign?.shared).length
		},
		byDay: [...days]
			.sort((a, b) => a[0].localeCompare(b[0]))
			.map(([day, row]) => ({ day, ...row })),
		diagnostics: campaign.diagnosticIds.flatMap((id) => {
			const questionnaire = findQuestionnaire(id);
			if (!questionnaire) return [];
			const { pkg, model } = questionnaire;
			// Only results the participants chose to share, in the group filtered on.
			const results = all
				.filter(
					(p) =>
						p.questionnaireId === id &&
						p.status === 'completed' &&
						p.result &&
						p.campaign?.shared &&
						(selectedGroup === null || p.campaign.group === selectedGroup)
				)
				.map((p) => p.result!);
			const levels = new Map(
				pkg.levels.levels.map((l) => [
					l.id,
					l.code ? `${l.code} ${localize(l.name, locale)}` : localize(l.name, locale)
				])
			);
			return [
				{
					id,
					title: localize(pkg.manifest.title, locale),
					areaNames: Object.fromEntries(
						pkg.framework.areas.map((a) => [a.id, localize(a.name, locale)])
					),
					levels: [...levels].map(([levelId, name]) => ({ id: levelId, name })),
					aggregate: aggregateResults(model, results, campaign.k)
				}
			];
		})
	};
}) satisfies PageServerLoad;
