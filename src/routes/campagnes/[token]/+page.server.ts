import { fail, redirect } from '@sveltejs/kit';
import QRCode from 'qrcode';
import type { Actions, PageServerLoad } from './$types';
import * as campaigns from '$lib/server/storage/campaigns';
import { verifyPassphrase } from '$lib/server/security/passphrase';
import { lookups } from '$lib/server/security/lookups';
import * as participations from '$lib/server/storage/participations';
import {
	campaignOr404,
	isUnlocked,
	unlockedCampaignOr403,
	selectedGroup as groupOf,
	selectedWave as waveOfRequest,
	sessionCookie,
	sharedRows,
	waveOf
} from '$lib/server/campaigns/shared-results';
import { crossReadingView } from '$lib/server/campaigns/cross-reading-view';
import { compareWaves } from '$lib/campaigns/waves';
import { findQuestionnaire } from '$lib/server/questionnaires/registry';
import { aggregateResults } from '$lib/campaigns/aggregate';
import { belowTarget, collectivePriorities, type BelowTarget } from '$lib/campaigns/priorities';
import { displayCode } from '$lib/campaigns/code';
import { competenceLabel, levelLabel, localize } from '$lib/diagnostic/localized';
import { getLocale, href, m } from '$lib/i18n';

/** Below-target figures, with no figure at all for a unit fewer than k participants have. */
function withSuppression(below: ReturnType<typeof belowTarget>, k: number) {
	const hide = ({ n, below, share, ...unit }: BelowTarget) =>
		n < k
			? { ...unit, suppressed: true as const }
			: { ...unit, n, below, share, suppressed: false as const };
	return { areas: below.areas.map(hide), competences: below.competences.map(hide) };
}

export const load = (async ({ params, url, cookies }) => {
	const campaign = await campaignOr404(params.token);
	// With a passphrase, nothing of the campaign is shown until it is given.
	if (!isUnlocked(campaign, cookies)) return { locked: true as const };
	const locale = getLocale();
	const selectedGroup = groupOf(campaign, url.searchParams);
	const waves = campaigns.wavesOf(campaign);
	const selectedWave = waveOfRequest(campaign, url.searchParams);
	const waveIndex = waves.findIndex((w) => w.id === selectedWave);
	// The wave compared with: the one before the selected wave, if any.
	const previousWave = waveIndex > 0 ? waves[waveIndex - 1]!.id : null;
	// Read once: every figure of the page is computed from this list.
	const everyone = await participations.listByCampaign(campaign.id);
	const all = everyone.filter((p) => waveOf(p.campaign!) === selectedWave);

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
		locked: false as const,
		name: campaign.name,
		k: campaign.k,
		code: displayCode(campaign.code),
		joinUrl,
		qr: await QRCode.toDataURL(joinUrl, { margin: 1, width: 220 }),
		link: `${url.origin}${url.pathname}`,
		groupField: campaign.groupField,
		selectedGroup,
		waves,
		selectedWave,
		previousWave,
		currentWave: campaigns.currentWave(campaign),
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
			const results = sharedRows(campaign, everyone, id, selectedGroup, selectedWave).map(
				(r) => r.result
			);
			const profile = campaign.targets?.[id] ?? {};
			const aggregate = aggregateResults(model, results, campaign.k);
			// Each wave counts only the participants who shared in it; each is suppressed below k.
			const waveComparison = previousWave
				? compareWaves(
						aggregateResults(
							model,
							sharedRows(campaign, everyone, id, selectedGroup, previousWave).map((r) => r.result),
							campaign.k
						),
						aggregate
					)
				: null;
			const competenceNames = new Map(
				pkg.framework.areas
					.flatMap((a) => a.competences)
					.map((c) => [c.id, localize(c.name, locale)])
			);
			const levels = new Map(pkg.levels.levels.map((l) => [l.id, levelLabel(l, locale)]));
			return [
				{
					id,
					title: localize(pkg.manifest.title, locale),
					areaNames: Object.fromEntries(
						pkg.framework.areas.map((a) => [a.id, localize(a.name, locale)])
					),
					levels: [...levels].map(([levelId, name]) => ({ id: levelId, name })),
					aggregate,
					waveComparison,
					competenceNames: Object.fromEntries(
						[...competenceNames].map(([cId, name]) => [cId, competenceLabel(cId, name)])
					),
					// Below k nothing is computed at all: the page shows the suppression message.
					below: aggregate.suppressed
						? { areas: [], competences: [] }
						: withSuppression(belowTarget(pkg, profile, results), campaign.k),
					priorities: aggregate.suppressed
						? []
						: collectivePriorities(pkg, profile, results, 5, campaign.k).map((p) => ({
								competence: competenceLabel(p.competenceId, competenceNames.get(p.competenceId)!),
								competenceId: p.competenceId,
								target: levels.get(p.target)!,
								commonLevel: levels.get(p.commonLevel)!,
								mean: p.mean,
								share: p.share,
								resources: p.resources.map((r) => ({
									id: r.id,
									title: r.title,
									url: r.url,
									provider: r.provider
								}))
							}))
				}
			];
		}),
		crossReadings: crossReadingView(campaign, everyone, selectedWave, locale)
	};
}) satisfies PageServerLoad;

export const actions = {
	/** Opens the next wave (T1…): from now on participants join it; earlier waves stay as they are. */
	openWave: async ({ params, cookies }) => {
		const campaign = await unlockedCampaignOr403(params.token, cookies);
		const wave = await campaigns.openWave(campaign, new Date().toISOString().slice(0, 10));
		redirect(303, `${href(`/campagnes/${params.token}`)}?vague=${wave}`);
	},

	/** Checks the passphrase; a wrong one counts as a failed lookup (rate limit). */
	unlock: async ({ params, request, cookies, getClientAddress, url }) => {
		const campaign = await campaignOr404(params.token);
		const self = href(`/campagnes/${params.token}`);
		if (!campaign.passphrase) redirect(303, self);
		const address = getClientAddress();
		const wait = lookups.retryAfter(address);
		if (wait > 0) return fail(429, { error: m.too_many_lookups({ seconds: wait }) });
		const passphrase = (await request.formData()).get('passphrase');
		if (
			typeof passphrase !== 'string' ||
			!(await verifyPassphrase(passphrase, campaign.passphrase))
		) {
			lookups.fail(address);
			return fail(400, { error: m.c_wrong_passphrase() });
		}
		cookies.set(sessionCookie(campaign), await campaigns.openSession(campaign), {
			path: '/',
			httpOnly: true,
			sameSite: 'strict',
			secure: url.protocol === 'https:',
			maxAge: campaigns.SESSION_HOURS * 3600
		});
		redirect(303, self);
	}
} satisfies Actions;
