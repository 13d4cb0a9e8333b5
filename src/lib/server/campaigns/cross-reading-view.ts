/**
 * The organisation × trainers part of a campaign dashboard: for each organisation diagnostic of
 * the campaign whose crosswalk names another diagnostic of the same campaign.
 */
import { crossReading, divergenceSentence } from '../../campaigns/cross-reading';
import { formatPercent, formatScore } from '../../format/number';
import { scoreWords } from '../../results/score-words';
import { aggregateResults } from '../../campaigns/aggregate';
import { radarLevels } from '../../charts/radar-levels';
import { competenceLabel, levelLabel, localize } from '../../diagnostic/localized';
import type { Locale, QuestionnairePackage } from '../../diagnostic/types';
import { findQuestionnaire } from '../questionnaires/registry';
import type { Campaign } from '../storage/campaigns';
import type { Participation } from '../storage/participations';
import { sharedRows } from './shared-results';

/** Name of an area or competence id of a package, with the competence number where it has one. */
function unitName(pkg: QuestionnairePackage, id: string, locale: Locale): string {
	for (const area of pkg.framework.areas) {
		if (area.id === id) return localize(area.name, locale);
		const c = area.competences.find((x) => x.id === id);
		if (c) return competenceLabel(c.id, localize(c.name, locale));
	}
	return id;
}

/** Every organisation × trainers reading of a campaign, for one wave. */
export function crossReadingView(
	campaign: Campaign,
	everyone: Participation[],
	wave: string,
	locale: Locale
) {
	return campaign.diagnosticIds.flatMap((id) => {
		const organisation = findQuestionnaire(id);
		const crosswalk = organisation?.pkg.crosswalk;
		if (!organisation || !crosswalk || !campaign.diagnosticIds.includes(crosswalk.counterpart)) {
			return [];
		}
		const trainers = findQuestionnaire(crosswalk.counterpart);
		if (!trainers) return [];
		// The whole organisation against all its trainers: the group filter does not apply.
		const resultsOf = (diagnosticId: string) =>
			sharedRows(campaign, everyone, diagnosticId, null, wave).map((r) => r.result);
		const orgResults = resultsOf(id);
		const trainerResults = resultsOf(trainers.pkg.manifest.id);
		const orgLevels = new Map(organisation.pkg.levels.levels.map((l) => [l.id, l]));
		const trainerLevels = new Map(trainers.pkg.levels.levels.map((l) => [l.id, l]));
		// The organisation's profile describes the organisation, not a person: k does not apply
		// (the direction is often one or two people, who are told so before answering; ADR 0012).
		const orgAggregate = aggregateResults(organisation.model, orgResults, 1);
		const trainerAggregate = aggregateResults(trainers.model, trainerResults, campaign.k);
		const mature = levelLabel(orgLevels.get(crosswalk.organisationMature)!, locale);
		const ready = levelLabel(trainerLevels.get(crosswalk.trainersReady)!, locale);
		const areaNames = (pkg: QuestionnairePackage) =>
			Object.fromEntries(pkg.framework.areas.map((a) => [a.id, localize(a.name, locale)]));
		return [
			{
				organisationId: id,
				trainersId: trainers.pkg.manifest.id,
				organisationTitle: localize(organisation.pkg.manifest.title, locale),
				trainersTitle: localize(trainers.pkg.manifest.title, locale),
				organisationMature: mature,
				trainersReady: ready,
				k: campaign.k,
				organisation: {
					n: orgResults.length,
					axes: organisation.pkg.framework.areas.map((a) => localize(a.name, locale)),
					levels: radarLevels(organisation.pkg.levels.levels, locale),
					means: orgAggregate.areas.map((a) => (a.suppressed ? null : a.mean)),
					areaNames: areaNames(organisation.pkg)
				},
				trainers: {
					n: trainerResults.length,
					suppressed: trainerAggregate.suppressed,
					axes: trainers.pkg.framework.areas.map((a) => localize(a.name, locale)),
					levels: radarLevels(trainers.pkg.levels.levels, locale),
					means: trainerAggregate.areas.map((a) => (a.suppressed ? null : a.mean)),
					areaNames: areaNames(trainers.pkg)
				},
				rows: crossReading(
					organisation.pkg,
					trainers.pkg,
					orgResults,
					trainerResults,
					campaign.k
				).map((row, i) => {
					const levelName = row.organisationLevel
						? levelLabel(orgLevels.get(row.organisationLevel)!, locale)
						: null;
					return {
						...row,
						organisationName: unitName(organisation.pkg, row.organisation, locale),
						trainerNames: row.trainers.map((t) => unitName(trainers.pkg, t, locale)),
						organisationLevelName: levelName,
						// « Structuré, haut du niveau (54,2) »: the level first (ADR 0029).
						organisationWords:
							row.organisationScore === null
								? null
								: scoreWords(organisation.pkg.levels.levels, row.organisationScore, locale).brief,
						trainersWords:
							row.trainersMean === null
								? null
								: scoreWords(trainers.pkg.levels.levels, row.trainersMean, locale).brief,
						// Which way a flagged gap goes, with both figures (ADR 0029).
						sentence:
							levelName === null || row.organisationScore === null || row.belowShare === null
								? null
								: divergenceSentence(
										row,
										{
											organisationLevel: levelName,
											organisationScore: formatScore(row.organisationScore, locale),
											mature,
											ready,
											share: formatPercent(row.belowShare, locale)
										},
										locale
									),
						rationale: localize(crosswalk.links[i]!.rationale, locale)
					};
				})
			}
		];
	});
}
