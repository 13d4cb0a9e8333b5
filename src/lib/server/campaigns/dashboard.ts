/**
 * A campaign's dashboard: every figure of the management page, computed from the campaign's
 * participations read once (participation by day, then per diagnostic the aggregate of shared
 * results with its spread, the comparison with the previous wave, the share below target, the
 * collective priorities, and the organisation × trainers reading). Aggregates below k are
 * suppressed by the functions it calls.
 */
import * as campaigns from '../storage/campaigns';
import type { Campaign } from '../storage/campaigns';
import type { Participation } from '../storage/participations';
import { sharedRows, waveOf } from './shared-results';
import { crossReadingView } from './cross-reading-view';
import { findQuestionnaire } from '../questionnaires/registry';
import { compareWaves } from '../../campaigns/waves';
import { radarLevels } from '../../charts/radar-levels';
import { aggregateResults, sharesMissing } from '../../campaigns/aggregate';
import {
	belowTarget,
	collectivePriorities,
	competenceTarget,
	type BelowTarget,
	type TargetProfile
} from '../../campaigns/priorities';
import { competenceLabel, levelLabel, localize } from '../../diagnostic/localized';
import type { Locale, QuestionnairePackage } from '../../diagnostic/types';
import { adviceGroups } from '../../results/recommend';
import { alsoServesLine } from '../../results/advice-view';
import { scoreWords } from '../../results/score-words';

/** Below-target figures, with no figure at all for a unit fewer than k participants have. */
function withSuppression(below: ReturnType<typeof belowTarget>, k: number) {
	const hide = ({ n, below, share, ...unit }: BelowTarget) =>
		n < k
			? { ...unit, suppressed: true as const }
			: { ...unit, n, below, share, suppressed: false as const };
	return { areas: below.areas.map(hide), competences: below.competences.map(hide) };
}

/**
 * Whether the target profile gives a level to every competence (`full`), to some (`partial`) or
 * to none (`none`): the page says when the default target (the level above the group's median)
 * is used instead (ADR 0029).
 */
function profileCoverage(pkg: QuestionnairePackage, profile: TargetProfile) {
	const given = pkg.framework.areas.flatMap((a) =>
		a.competences.map((c) => competenceTarget(profile, a.id, c.id) !== null)
	);
	return given.every(Boolean) ? 'full' : given.some(Boolean) ? 'partial' : 'none';
}

/**
 * The dashboard of one wave (and optionally one group) of a campaign, from `everyone`: all its
 * participations, as `participations.listByCampaign` returns them.
 */
export function dashboardView(
	campaign: Campaign,
	everyone: Participation[],
	{
		selectedGroup,
		selectedWave,
		locale
	}: { selectedGroup: string | null; selectedWave: string; locale: Locale }
) {
	const waves = campaigns.wavesOf(campaign);
	const waveIndex = waves.findIndex((w) => w.id === selectedWave);
	// The wave compared with: the one before the selected wave, if any.
	const previousWave = waveIndex > 0 ? waves[waveIndex - 1]!.id : null;
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

	return {
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
					radarLevels: radarLevels(pkg.levels.levels, locale),
					aggregate,
					waveComparison,
					competenceNames: Object.fromEntries(
						[...competenceNames].map(([cId, name]) => [cId, competenceLabel(cId, name)])
					),
					// Below k nothing is computed at all: the page shows the suppression message, and how
					// many more shared results it needs.
					missing: sharesMissing(aggregate),
					// Each shown mean in words (« B1 – Intégrateur, bas du niveau (36,5) »), ADR 0029.
					means: Object.fromEntries(
						[aggregate.overall, ...aggregate.areas].flatMap((u) =>
							u.suppressed ? [] : [[u.id, scoreWords(pkg.levels.levels, u.mean, locale).brief]]
						)
					),
					profile: profileCoverage(pkg, profile),
					below: aggregate.suppressed
						? { areas: [], competences: [] }
						: withSuppression(belowTarget(pkg, profile, results), campaign.k),
					priorities: aggregate.suppressed
						? []
						: prioritiesView(
								pkg,
								collectivePriorities(pkg, profile, results, 5, campaign.k),
								locale
							)
				}
			];
		}),
		crossReadings: crossReadingView(campaign, everyone, selectedWave, locale)
	};
}

/**
 * Collective priorities in words: the mean and the target on the scale, how many participants are
 * below, where the target comes from, and each resource once (ADR 0029).
 */
function prioritiesView(
	pkg: QuestionnairePackage,
	priorities: ReturnType<typeof collectivePriorities>,
	locale: Locale
) {
	const levels = new Map(pkg.levels.levels.map((l) => [l.id, levelLabel(l, locale)]));
	const competence = (id: string) =>
		competenceLabel(
			id,
			localize(
				pkg.framework.areas.flatMap((a) => a.competences).find((c) => c.id === id)!.name,
				locale
			)
		);
	const advice = adviceGroups(priorities.map((p) => ({ ...p, level: p.commonLevel })));
	return advice.map((p) => ({
		competence: competence(p.competenceId),
		competenceId: p.competenceId,
		target: levels.get(p.target)!,
		targetFrom: p.targetFrom,
		median: levels.get(p.medianLevel)!,
		commonLevel: levels.get(p.commonLevel)!,
		mean: scoreWords(pkg.levels.levels, p.mean, locale).brief,
		n: p.n,
		below: p.below,
		share: p.share,
		resources: p.items.map(({ resource, alsoServes }) => ({
			id: resource.id,
			title: resource.title,
			url: resource.url,
			provider: localize(resource.provider, locale),
			also: alsoServesLine(
				alsoServes.map((a) => competence(a.competenceId)),
				locale
			)
		})),
		shownAbove: p.shownAbove.map((x) => ({
			id: x.resourceId,
			title: pkg.catalogue.resources.find((r) => r.id === x.resourceId)?.title ?? x.resourceId
		}))
	}));
}
