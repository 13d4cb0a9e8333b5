/**
 * Strengths and priorities of a result, and what reaching the next level looks like for each
 * priority competence, taken from the questionnaire's own answer statements. Pure.
 */
import type { Locale, QuestionnairePackage, SurveyElementJson } from '../diagnostic/types';
import { levelLabel, localize } from '../diagnostic/localized';
import { asLocale, contentLanguage } from '../diagnostic/languages';
import { surveyElements, valueKey } from '../diagnostic/survey-json';
import { answerLabel, cellElement, itemPractice } from '../question-types/registry';
import { itemAnswer, scoreItem } from '../scoring/score';
import { levelRank, nextLevel, topLevel } from '../scoring/level-scale';
import type {
	Answers,
	CompetenceScore,
	ModelItem,
	ScoreResult,
	ScoringModel
} from '../scoring/types';

export interface CompetenceRef {
	id: string;
	areaId: string;
	name: string;
	score: number;
	level: string;
}

export interface NextStep {
	/** The practice the item asks about (question title or matrix row). */
	practice: string;
	/** The answer one step above the person's, in the questionnaire's own words. */
	next: string;
}

export interface Priority extends CompetenceRef {
	/** Gap to the top (0–1) × weight of the competence and of its area: the ranking key. */
	urgency: number;
	nextLevel: { id: string; name: string; narrative: string } | null;
	steps: NextStep[];
}

/** Weight of a competence in the overall score: its own weight × its area's. */
export function competenceWeight(pkg: QuestionnairePackage, competenceId: string): number {
	for (const area of pkg.framework.areas) {
		const c = area.competences.find((x) => x.id === competenceId);
		if (c) return (c.weight ?? 1) * (area.weight ?? 1);
	}
	return 1;
}

/** Ranking key of a competence for recommendations and priorities: gap to 100 × weight. */
export function urgency(pkg: QuestionnairePackage, score: CompetenceScore): number {
	return score.score === null ? 0 : ((100 - score.score) / 100) * competenceWeight(pkg, score.id);
}

function refOf(pkg: QuestionnairePackage, c: CompetenceScore, locale: Locale): CompetenceRef {
	const name = pkg.framework.areas.flatMap((a) => a.competences).find((x) => x.id === c.id)!.name;
	return {
		id: c.id,
		areaId: c.areaId,
		name: localize(name, locale),
		score: c.score!,
		level: c.level!
	};
}

/**
 * For each valued item of a competence, the answer one step up (none for reverse or checkbox
 * items; for a ranking not in the stated order, that order).
 */
function nextSteps(
	pkg: QuestionnairePackage,
	model: ScoringModel,
	answers: Answers,
	competenceId: string,
	locale: Locale
): NextStep[] {
	const elements = new Map(surveyElements(pkg.survey).map((e) => [e.element.name, e.element]));
	// survey.json's words in the questionnaire's language; one the interface lacks reads its
	// `default` texts through the interface's locale (which the package has no key for).
	const language = asLocale(contentLanguage(pkg, locale)) ?? locale;
	const steps: NextStep[] = [];
	for (const item of model.items) {
		if (item.competence !== competenceId || item.reverse) continue;
		if (item.kind === 'order') {
			const step = orderStep(elements.get(item.question), item, answers, locale);
			if (step) steps.push(step);
			continue;
		}
		if (item.kind !== 'single') continue;
		const outcome = scoreItem(item, answers);
		if (outcome.status !== 'valued') continue;
		const raw = itemAnswer(item, answers);
		const current = item.points[valueKey(raw)]!;
		const higher = Object.entries(item.points)
			.filter(([, p]) => p > current)
			.sort((a, b) => a[1] - b[1])[0];
		if (!higher) continue;
		const matrix = elements.get(item.question)!;
		// A matrix's cell is answered as its column's kin (ADR 0037).
		const element =
			item.column !== undefined ? (cellElement(matrix, item.column) ?? matrix) : matrix;
		// The answer's text as the form showed it, whatever the question's type (ADR 0025).
		const text = answerLabel(element, higher[0], language);
		const practice = itemPractice(matrix, item.row, language, item.column);
		steps.push({ practice: practice ?? item.question, next: text ?? higher[0] });
	}
	return steps;
}

/**
 * A ranking away from its stated order: the order to reach, numbered, in the options' own words
 * (« 1. Maîtriser les outils ; 2. Repenser la pédagogie »), on the options the person ranked.
 */
function orderStep(
	element: SurveyElementJson | undefined,
	item: ModelItem,
	answers: Answers,
	locale: Locale
): NextStep | null {
	const outcome = scoreItem(item, answers);
	if (!element || outcome.status !== 'valued' || outcome.value >= 1) return null;
	const ranked = new Set((answers[item.question] as unknown[]).map(valueKey));
	const separator = locale === 'fr' ? '\u202f; ' : '; ';
	const next = (item.order ?? [])
		.filter((key) => ranked.has(key))
		.map((key, i) => `${i + 1}. ${answerLabel(element, key, locale) ?? key}`)
		.join(separator);
	return { practice: itemPractice(element, undefined, locale) ?? item.question, next };
}

/**
 * The person's strengths (highest scored competences) and priorities (highest gap × weight),
 * `count` of each, never the same competence in both. A strength must stand out (ADR 0029): above
 * the person's lowest competence score and above the scale's first level, so that an all-zero
 * result, or one where every competence scores the same, praises nothing.
 */
export function strengthsAndPriorities(
	pkg: QuestionnairePackage,
	model: ScoringModel,
	result: ScoreResult,
	answers: Answers,
	locale: Locale,
	count = 3
): { strengths: CompetenceRef[]; priorities: Priority[] } {
	const scored = result.competences.filter((c) => c.score !== null);
	const levels = pkg.levels.levels;
	const top = topLevel(levels).id;
	const priorities = scored
		.filter((c) => c.level !== top)
		.map((c) => ({ c, u: urgency(pkg, c) }))
		.sort((a, b) => b.u - a.u || a.c.score! - b.c.score!)
		.slice(0, count);
	const taken = new Set(priorities.map((p) => p.c.id));
	const lowest = Math.min(...scored.map((c) => c.score!));
	const strengths = scored
		.filter((c) => !taken.has(c.id) && c.score! > lowest && levelRank(levels, c.level) > 0)
		.sort((a, b) => b.score! - a.score!)
		.slice(0, count)
		.map((c) => refOf(pkg, c, locale));
	return {
		strengths,
		priorities: priorities.map(({ c, u }) => {
			const next = nextLevel(levels, c.level!);
			return {
				...refOf(pkg, c, locale),
				urgency: u,
				nextLevel: next
					? {
							id: next.id,
							name: levelLabel(next, locale, ' – '),
							narrative: localize(next.narrative, locale)
						}
					: null,
				steps: nextSteps(pkg, model, answers, c.id, locale)
			};
		})
	};
}

/** Areas at one end of a result, with the score they share. */
export interface AreaExtreme {
	ids: string[];
	score: number;
}

/**
 * The strongest and the weakest scored areas, for a one-sentence summary (null: no scored area).
 * Areas tied at an end are named together. When every area scores the same, neither end is
 * named; the strongest is not named either while it is at the scale's first level, since
 * nothing there deserves praise (ADR 0029).
 */
export function extremeAreas(
	result: ScoreResult,
	levels: readonly { id: string }[]
): { strongest: AreaExtreme | null; weakest: AreaExtreme | null; even: boolean } | null {
	const scored = result.areas.filter((a) => a.score !== null);
	if (scored.length === 0) return null;
	const high = Math.max(...scored.map((a) => a.score!));
	const low = Math.min(...scored.map((a) => a.score!));
	if (high === low) return { strongest: null, weakest: null, even: true };
	const at = (score: number) => ({
		ids: scored.filter((a) => a.score === score).map((a) => a.id),
		score
	});
	const top = scored.find((a) => a.score === high)!;
	return {
		strongest: levelRank(levels, top.level) > 0 ? at(high) : null,
		weakest: at(low),
		even: false
	};
}
