import type {
	Answers,
	AreaScore,
	CompetenceScore,
	Counts,
	ItemOutcome,
	ModelItem,
	ScoreResult,
	ScoringModel
} from './types';
import { levelOf } from './level-scale';

/** Rounds to one decimal, the precision shown to people and used to pick a level. */
export function roundScore(score: number): number {
	return Math.round((score + Number.EPSILON) * 10) / 10;
}

export { levelOf } from './level-scale';

const isBlank = (v: unknown) => v === undefined || v === null || v === '';

/** Value (0–1) of one item for an answer set, or why it has none. */
export function scoreItem(item: ModelItem, answers: Answers): ItemOutcome {
	let raw = answers[item.question];
	if (item.row !== undefined) {
		raw =
			typeof raw === 'object' && raw !== null && !Array.isArray(raw)
				? (raw as Record<string, unknown>)[item.row]
				: undefined;
	}
	if (item.kind === 'multiple') {
		const list = Array.isArray(raw) ? raw.map(String) : isBlank(raw) ? [] : [String(raw)];
		const scored = list.filter((key) => item.points[key] !== undefined);
		if (scored.length === 0) {
			return list.some((key) => item.notApplicable.includes(key))
				? { status: 'not-applicable' }
				: { status: 'unanswered' };
		}
		const sum = scored.reduce((total, key) => total + item.points[key]!, 0);
		const value = item.max > 0 ? Math.min(Math.max(sum, 0), item.max) / item.max : 0;
		return { status: 'valued', value: item.reverse ? 1 - value : value };
	}
	if (isBlank(raw) || Array.isArray(raw) || typeof raw === 'object')
		return { status: 'unanswered' };
	const key = String(raw);
	if (item.notApplicable.includes(key)) return { status: 'not-applicable' };
	const points = item.points[key];
	if (points === undefined) return { status: 'unanswered' };
	const value = item.max > item.min ? (points - item.min) / (item.max - item.min) : 0;
	return { status: 'valued', value: item.reverse ? 1 - value : value };
}

const emptyCounts = (): Counts => ({ items: 0, answered: 0, notApplicable: 0, valued: 0 });
const addCounts = (a: Counts, b: Counts): Counts => ({
	items: a.items + b.items,
	answered: a.answered + b.answered,
	notApplicable: a.notApplicable + b.notApplicable,
	valued: a.valued + b.valued
});

/** Weighted mean of the parts that have a score, or null when none has. */
function weightedMean(parts: { score: number | null; weight: number }[]): number | null {
	let total = 0;
	let weights = 0;
	for (const p of parts) {
		if (p.score === null) continue;
		total += p.score * p.weight;
		weights += p.weight;
	}
	return weights > 0 ? total / weights : null;
}

/**
 * Scores an answer set: per competence, per area and overall, a 0–100 score and a level,
 * with coverage counts. Pure: the same answers always give the same result.
 * @example scoreAnswers(buildScoringModel(pkg), { q1: 'b1', q2: 'na' })
 */
export function scoreAnswers(model: ScoringModel, answers: Answers): ScoreResult {
	const byCompetence = new Map<string, { counts: Counts; total: number; weights: number }>();
	for (const item of model.items) {
		const acc = byCompetence.get(item.competence) ?? {
			counts: emptyCounts(),
			total: 0,
			weights: 0
		};
		const outcome = scoreItem(item, answers);
		acc.counts.items += 1;
		if (outcome.status !== 'unanswered') acc.counts.answered += 1;
		if (outcome.status === 'not-applicable') acc.counts.notApplicable += 1;
		if (outcome.status === 'valued') {
			acc.counts.valued += 1;
			acc.total += outcome.value * item.weight;
			acc.weights += item.weight;
		}
		byCompetence.set(item.competence, acc);
	}

	const rounded = (score: number | null) => (score === null ? null : roundScore(score));
	const withLevel = (score: number | null) => ({
		score: rounded(score),
		level: score === null ? null : levelOf(model.levels, roundScore(score))
	});
	const enough = (part: number, whole: number) =>
		part > 0 && whole > 0 && part / whole >= model.minCoverage;

	const competences: CompetenceScore[] = [];
	const areas: AreaScore[] = [];
	const areaParts: { score: number | null; weight: number }[] = [];
	let overallCounts = emptyCounts();

	for (const area of model.areas) {
		let areaCounts = emptyCounts();
		const parts: { score: number | null; weight: number }[] = [];
		for (const c of area.competences) {
			const acc = byCompetence.get(c.id) ?? { counts: emptyCounts(), total: 0, weights: 0 };
			const score =
				enough(acc.counts.valued, acc.counts.items) && acc.weights > 0
					? (acc.total / acc.weights) * 100
					: null;
			competences.push({
				id: c.id,
				areaId: area.id,
				...acc.counts,
				...withLevel(score),
				coverage: acc.counts.items > 0 ? acc.counts.valued / acc.counts.items : 0
			});
			parts.push({ score, weight: c.weight });
			areaCounts = addCounts(areaCounts, acc.counts);
		}
		const scoredCompetences = parts.filter((p) => p.score !== null).length;
		const score = enough(scoredCompetences, parts.length) ? weightedMean(parts) : null;
		areas.push({
			id: area.id,
			...areaCounts,
			...withLevel(score),
			competences: parts.length,
			scoredCompetences,
			coverage: parts.length > 0 ? scoredCompetences / parts.length : 0
		});
		areaParts.push({ score, weight: area.weight });
		overallCounts = addCounts(overallCounts, areaCounts);
	}

	const scoredAreas = areaParts.filter((p) => p.score !== null).length;
	const overall = enough(scoredAreas, areaParts.length) ? weightedMean(areaParts) : null;
	return {
		questionnaireId: model.questionnaireId,
		version: model.version,
		overall: {
			...overallCounts,
			...withLevel(overall),
			areas: areaParts.length,
			scoredAreas,
			coverage: areaParts.length > 0 ? scoredAreas / areaParts.length : 0
		},
		areas,
		competences
	};
}
