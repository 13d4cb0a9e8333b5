/**
 * What the plain results page shows: the server's stored result joined with the package's
 * names and level narratives, in one locale. Pure, so the browser tests can build the same view.
 */
import type { Locale, QuestionnairePackage } from '$lib/diagnostic/types';
import { competenceLabel, levelLabel, localize } from '$lib/diagnostic/localized';
import { m } from '$lib/i18n';
import type { ScoreResult } from '$lib/scoring/types';
import { scoreWords } from '$lib/results/score-words';

export interface ScoreLine {
	id: string;
	/** Name to show, with the framework's code when it has one (« 1.1 Communication… »). */
	name: string;
	score: number | null;
	/** The level, with its rank in the scale (0 = lowest) and the scale's size, for its badge. */
	level: { id: string; name: string; rank: number; of: number } | null;
	/** Where the score sits within its level (« bas du niveau »), ADR 0029; null without a score. */
	where: string | null;
	/** valued / items, 0–1. */
	coverage: number;
	valued: number;
	items: number;
	notApplicable: number;
}

export interface ResultView {
	title: string;
	scaleName: string;
	scaleNote: string;
	overall: ScoreLine & { narrative: string | null };
	areas: (ScoreLine & { competences: ScoreLine[] })[];
}

const text = localize;

/** Joins a result with the names of its package. */
export function buildResultView(
	pkg: QuestionnairePackage,
	result: ScoreResult,
	locale: Locale
): ResultView {
	const scale = pkg.levels.levels;
	const levels = new Map(scale.map((l) => [l.id, l]));
	const level = (id: string | null) => {
		const l = id ? levels.get(id) : undefined;
		return l
			? { id: l.id, name: levelLabel(l, locale, ' – '), rank: scale.indexOf(l), of: scale.length }
			: null;
	};
	const where = (score: number | null | undefined) =>
		score === null || score === undefined
			? null
			: scoreWords(pkg.levels.levels, score, locale).where;
	const byCompetence = new Map(result.competences.map((c) => [c.id, c]));
	const byArea = new Map(result.areas.map((a) => [a.id, a]));
	const overallLevel = result.overall.level ? levels.get(result.overall.level) : undefined;
	return {
		title: text(pkg.manifest.title, locale),
		scaleName: text(pkg.levels.name, locale),
		scaleNote: text(pkg.levels.note, locale),
		overall: {
			id: 'overall',
			name: m.overall({}, { locale }),
			score: result.overall.score,
			level: level(result.overall.level),
			where: where(result.overall.score),
			coverage: result.overall.items > 0 ? result.overall.valued / result.overall.items : 0,
			valued: result.overall.valued,
			items: result.overall.items,
			notApplicable: result.overall.notApplicable,
			narrative: overallLevel ? text(overallLevel.narrative, locale) : null
		},
		areas: pkg.framework.areas.map((area) => {
			const a = byArea.get(area.id);
			return {
				id: area.id,
				name: text(area.name, locale),
				score: a?.score ?? null,
				level: level(a?.level ?? null),
				where: where(a?.score),
				coverage: a && a.items > 0 ? a.valued / a.items : 0,
				valued: a?.valued ?? 0,
				items: a?.items ?? 0,
				notApplicable: a?.notApplicable ?? 0,
				competences: area.competences.map((competence) => {
					const c = byCompetence.get(competence.id);
					return {
						id: competence.id,
						name: competenceLabel(competence.id, text(competence.name, locale)),
						score: c?.score ?? null,
						level: level(c?.level ?? null),
						where: where(c?.score),
						coverage: c?.coverage ?? 0,
						valued: c?.valued ?? 0,
						items: c?.items ?? 0,
						notApplicable: c?.notApplicable ?? 0
					};
				})
			};
		})
	};
}
