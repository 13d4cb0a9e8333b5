/**
 * Organisation × trainers: the organisation-maturity diagnostic (answered by the direction)
 * read against the trainers' own diagnostic, unit by unit, through the organisation package's
 * crosswalk.json. Pure.
 */
import type { Crosswalk, Locale, QuestionnairePackage } from '../diagnostic/types';
import { m } from '../paraglide/messages';
import type { ScoreResult } from '../scoring/types';
import { meanScore } from '../scoring/exact';
import { isAtLeast, isBelow, levelOf } from '../scoring/level-scale';

export type Divergence = 'organisation-ahead' | 'trainers-ahead';

export interface CrossReadingRow {
	/** Area or competence id of the organisation package. */
	organisation: string;
	/** Area or competence ids of the trainers' package. */
	trainers: string[];
	/** Organisation results with a score on the unit (the direction: often one or two people). */
	organisationN: number;
	organisationScore: number | null;
	organisationLevel: string | null;
	/** Trainers with a score on the linked units. */
	trainersN: number;
	/** Fewer than k trainers: no trainer figure is given. */
	suppressed: boolean;
	trainersMean: number | null;
	/** Share of trainers below the crosswalk's `trainersReady` level. */
	belowShare: number | null;
	/** How many trainers that is (null when suppressed). */
	belowCount: number | null;
	divergence: Divergence | null;
}

/** A unit's score (area or competence) in one result, or null. */
function unitScore(result: ScoreResult, id: string): number | null {
	return (
		result.areas.find((a) => a.id === id)?.score ??
		result.competences.find((c) => c.id === id)?.score ??
		null
	);
}

/**
 * Reads each crosswalk link: the organisation's mean score and level, the trainers' mean and
 * share below the ready level (suppressed below k), and whether the two diverge: the
 * organisation rates itself mature while most trainers are below the ready level, or the
 * reverse.
 */
export function crossReading(
	organisation: QuestionnairePackage,
	trainers: QuestionnairePackage,
	organisationResults: ScoreResult[],
	trainerResults: ScoreResult[],
	k: number
): CrossReadingRow[] {
	const crosswalk = organisation.crosswalk as Crosswalk;
	const majority = crosswalk.majority ?? 0.5;
	const orgLevels = organisation.levels.levels;
	const trainerLevels = trainers.levels.levels;
	const ready = crosswalk.trainersReady;

	return crosswalk.links.map((link) => {
		const orgScores = organisationResults
			.map((r) => unitScore(r, link.organisation))
			.filter((s) => s !== null);
		// A trainer's reading of a link: the mean of their scores on its units.
		const trainerScores = trainerResults.flatMap((r) => {
			const scores = link.trainers.map((id) => unitScore(r, id)).filter((s) => s !== null);
			return scores.length > 0 ? [meanScore(scores)] : [];
		});
		const organisationScore = orgScores.length > 0 ? meanScore(orgScores) : null;
		const organisationLevel =
			organisationScore === null ? null : levelOf(orgLevels, organisationScore);
		const suppressed = trainerScores.length < k;
		const belowCount = suppressed
			? null
			: trainerScores.filter((s) => isBelow(trainerLevels, levelOf(trainerLevels, s), ready))
					.length;
		const belowShare = belowCount === null ? null : belowCount / trainerScores.length;
		let divergence: Divergence | null = null;
		if (organisationLevel !== null && belowShare !== null) {
			const isMature = isAtLeast(orgLevels, organisationLevel, crosswalk.organisationMature);
			if (isMature && belowShare > majority) divergence = 'organisation-ahead';
			else if (!isMature && 1 - belowShare > majority) divergence = 'trainers-ahead';
		}
		return {
			organisation: link.organisation,
			trainers: link.trainers,
			organisationN: orgScores.length,
			organisationScore,
			organisationLevel,
			trainersN: trainerScores.length,
			suppressed,
			trainersMean: suppressed ? null : meanScore(trainerScores),
			belowShare,
			belowCount,
			divergence
		};
	});
}

/** The names a divergence sentence needs, in the reader's language. */
export interface DivergenceNames {
	/** The organisation's level on the unit, and its score as a figure of the locale. */
	organisationLevel: string;
	organisationScore: string;
	/** The crosswalk's `organisationMature` and `trainersReady` levels. */
	mature: string;
	ready: string;
	/** `belowShare` as a percentage of the locale. */
	share: string;
}

/**
 * One plain sentence saying which way a flagged gap goes, with both figures: the organisation's
 * level against how many of its trainers are below the ready level (ADR 0029). Null for a link
 * that is not flagged.
 */
export function divergenceSentence(
	row: Pick<CrossReadingRow, 'divergence' | 'belowCount' | 'trainersN'>,
	names: DivergenceNames,
	locale: Locale
): string | null {
	if (row.divergence === null || row.belowCount === null) return null;
	const figures = { ...names, below: row.belowCount, n: row.trainersN };
	if (row.divergence === 'organisation-ahead') return m.o_sentence_org_ahead(figures, { locale });
	return row.belowCount === 0
		? m.o_sentence_trainers_ahead_none(figures, { locale })
		: m.o_sentence_trainers_ahead(figures, { locale });
}
