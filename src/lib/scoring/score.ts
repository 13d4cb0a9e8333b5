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
import { Fraction, exact, roundHalfUp } from './exact';

export { roundScore } from './exact';
export { levelOf } from './level-scale';

const isBlank = (v: unknown) => v === undefined || v === null || v === '';

/** An item's points, range and weight as exact fractions, computed once per item. */
interface ExactItem {
	points: Map<string, Fraction>;
	min: Fraction;
	max: Fraction;
	weight: Fraction;
}
const exactItems = new WeakMap<ModelItem, ExactItem>();
function exactItem(item: ModelItem): ExactItem {
	let e = exactItems.get(item);
	if (!e) {
		e = {
			points: new Map(Object.entries(item.points).map(([k, p]) => [k, exact(p)])),
			min: exact(item.min),
			max: exact(item.max),
			weight: exact(item.weight)
		};
		exactItems.set(item, e);
	}
	return e;
}

type ExactOutcome =
	{ status: 'valued'; value: Fraction } | { status: 'not-applicable' } | { status: 'unanswered' };

const inObject = (raw: unknown, key: string): unknown =>
	typeof raw === 'object' && raw !== null && !Array.isArray(raw)
		? (raw as Record<string, unknown>)[key]
		: undefined;

/** The answer an item reads: the question's, its row's for a matrix row, its cell's for a matrix's cell. */
export function itemAnswer(item: ModelItem, answers: Answers): unknown {
	const raw = answers[item.question];
	if (item.row === undefined) return raw;
	const row = inObject(raw, item.row);
	return item.column === undefined ? row : inObject(row, item.column);
}

/** Which scored values an item's answer holds, or why it has none. */
function itemStatus(
	item: ModelItem,
	answers: Answers
): { status: 'valued'; keys: string[] } | { status: 'not-applicable' } | { status: 'unanswered' } {
	const raw = itemAnswer(item, answers);
	if (item.kind === 'order') {
		if (!Array.isArray(raw) || raw.length === 0) return { status: 'unanswered' };
		const stated = new Set(item.order);
		const keys = [...new Set(raw.map(String))].filter((key) => stated.has(key));
		// Fewer than two options ranked (a single choice shown): the order measures nothing.
		return keys.length < 2 ? { status: 'not-applicable' } : { status: 'valued', keys };
	}
	if (item.kind === 'multiple') {
		const list = Array.isArray(raw) ? raw.map(String) : isBlank(raw) ? [] : [String(raw)];
		const keys = list.filter((key) => item.points[key] !== undefined);
		if (keys.length > 0) return { status: 'valued', keys };
		return list.some((key) => item.notApplicable.includes(key))
			? { status: 'not-applicable' }
			: { status: 'unanswered' };
	}
	if (isBlank(raw) || Array.isArray(raw) || typeof raw === 'object')
		return { status: 'unanswered' };
	const key = String(raw);
	if (item.notApplicable.includes(key)) return { status: 'not-applicable' };
	return item.points[key] === undefined
		? { status: 'unanswered' }
		: { status: 'valued', keys: [key] };
}

/**
 * How close an order is to the stated one, exactly, from 1 (the same) to 0 (reversed): 1 − F / M,
 * where F is the Spearman footrule distance (the sum of each option's displacement between the
 * two orders) and M = ⌊k² / 2⌋ its largest value for k options, reached by the reversed order
 * (ADR 0036). Both orders are taken on the options `given` ranks (distinct, at least two, all in
 * `stated`), so that options a condition hid count for nothing.
 * @example orderCloseness(['a', 'b', 'c'], ['b', 'a', 'c']) // 1 − 2/4 = 1/2
 */
export function orderCloseness(stated: readonly string[], given: readonly string[]): Fraction {
	const ranked = new Set(given);
	const at = new Map(stated.filter((key) => ranked.has(key)).map((key, i) => [key, i]));
	const distance = given.reduce((sum, key, i) => sum + Math.abs(i - at.get(key)!), 0);
	const max = Math.floor((given.length * given.length) / 2);
	return new Fraction(max - distance, max);
}

/** Value (0–1) of one item, exactly, or why it has none. */
function itemOutcome(item: ModelItem, answers: Answers): ExactOutcome {
	const status = itemStatus(item, answers);
	if (status.status !== 'valued') return status;
	const { points, min, max } = exactItem(item);
	let value: Fraction;
	if (item.kind === 'order') {
		value = orderCloseness(item.order ?? [], status.keys);
	} else if (item.kind === 'multiple') {
		const sum = status.keys.reduce((total, key) => total.add(points.get(key)!), new Fraction(0));
		const capped = sum.lt(0) ? new Fraction(0) : sum.gt(max) ? max : sum;
		value = max.gt(0) ? capped.div(max) : new Fraction(0);
	} else {
		const p = points.get(status.keys[0]!)!;
		value = max.gt(min) ? p.sub(min).div(max.sub(min)) : new Fraction(0);
	}
	return { status: 'valued', value: item.reverse ? new Fraction(1).sub(value) : value };
}

/** Value (0–1) of one item for an answer set, or why it has none. */
export function scoreItem(item: ModelItem, answers: Answers): ItemOutcome {
	const outcome = itemOutcome(item, answers);
	return outcome.status === 'valued'
		? { status: 'valued', value: outcome.value.valueOf() }
		: outcome;
}

/**
 * Share (0–1) of the scored items that have an answer, « not applicable » included: the progress
 * shown while answering. Counts only, no arithmetic on points.
 */
export function answeredShare(model: ScoringModel, answers: Answers): number {
	if (model.items.length === 0) return 0;
	const answered = model.items.filter((i) => itemStatus(i, answers).status !== 'unanswered');
	return answered.length / model.items.length;
}

const emptyCounts = (): Counts => ({ items: 0, answered: 0, notApplicable: 0, valued: 0 });
const addCounts = (a: Counts, b: Counts): Counts => ({
	items: a.items + b.items,
	answered: a.answered + b.answered,
	notApplicable: a.notApplicable + b.notApplicable,
	valued: a.valued + b.valued
});

/** Weighted mean of the parts that have a score, exactly, or null when none has. */
function weightedMean(parts: { score: Fraction | null; weight: number }[]): Fraction | null {
	let total = new Fraction(0);
	let weights = new Fraction(0);
	for (const p of parts) {
		if (p.score === null) continue;
		const weight = exact(p.weight);
		total = total.add(p.score.mul(weight));
		weights = weights.add(weight);
	}
	return weights.gt(0) ? total.div(weights) : null;
}

/**
 * Scores an answer set: per competence, per area and overall, a 0–100 score and a level,
 * with coverage counts. Scores are computed exactly and each is rounded once, to one decimal,
 * half up; its level is that of the rounded score. Pure: the same answers always give the same
 * result.
 * @example scoreAnswers(buildScoringModel(pkg), { q1: 'b1', q2: 'na' })
 */
export function scoreAnswers(model: ScoringModel, answers: Answers): ScoreResult {
	type Acc = { counts: Counts; total: Fraction; weights: Fraction };
	const empty = (): Acc => ({
		counts: emptyCounts(),
		total: new Fraction(0),
		weights: new Fraction(0)
	});
	const byCompetence = new Map<string, Acc>();
	for (const item of model.items) {
		const acc = byCompetence.get(item.competence) ?? empty();
		const outcome = itemOutcome(item, answers);
		acc.counts.items += 1;
		if (outcome.status !== 'unanswered') acc.counts.answered += 1;
		if (outcome.status === 'not-applicable') acc.counts.notApplicable += 1;
		if (outcome.status === 'valued') {
			const { weight } = exactItem(item);
			acc.counts.valued += 1;
			acc.total = acc.total.add(outcome.value.mul(weight));
			acc.weights = acc.weights.add(weight);
		}
		byCompetence.set(item.competence, acc);
	}

	const withLevel = (score: Fraction | null) => {
		if (score === null) return { score: null, level: null };
		const rounded = roundHalfUp(score);
		return { score: rounded, level: levelOf(model.levels, rounded) };
	};
	const enough = (part: number, whole: number) =>
		part > 0 && whole > 0 && part / whole >= model.minCoverage;

	const competences: CompetenceScore[] = [];
	const areas: AreaScore[] = [];
	const areaParts: { score: Fraction | null; weight: number }[] = [];
	let overallCounts = emptyCounts();

	for (const area of model.areas) {
		let areaCounts = emptyCounts();
		const parts: { score: Fraction | null; weight: number }[] = [];
		for (const c of area.competences) {
			const acc = byCompetence.get(c.id) ?? empty();
			const score =
				enough(acc.counts.valued, acc.counts.items) && acc.weights.gt(0)
					? acc.total.div(acc.weights).mul(100)
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
