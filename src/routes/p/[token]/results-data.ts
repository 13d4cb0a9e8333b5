/**
 * Everything the results page shows, assembled from the stored result and the package in one
 * locale. Pure: the browser tests build the same data to compare it with the page.
 */
import type { Locale, QuestionnairePackage, ResourceFormat } from '$lib/diagnostic/types';
import { RESOURCE_FORMATS } from '$lib/diagnostic/types';
import type { Answers, ScoreResult, ScoringModel } from '$lib/scoring/types';
import { extremeAreas, strengthsAndPriorities, type AreaExtreme } from '$lib/results/insights';
import { adviceGroups, filterAdvice, recommend, type ResourceFilter } from '$lib/results/recommend';
import {
	adviceView,
	quotedList,
	resourceView,
	type AdviceGroupView,
	type ResourceView
} from '$lib/results/advice-view';
import { scoreWords, type ScoreWords } from '$lib/results/score-words';
import { compareResults, type Change } from '$lib/results/compare';
import { radarLevels } from '$lib/charts/radar-levels';
import type { RadarLevel } from '$lib/charts/radar-geometry';
import { buildResultView, type ResultView } from './result-view';
import { localizedLang } from '$lib/diagnostic/localized';
import { contentLanguage, langWhenOther } from '$lib/diagnostic/languages';

export type { ResourceView };

/** Areas named together at one end of the summary, with the level they share. */
export interface SummaryEnd {
	/** Quoted and listed: « « Évaluation » et « Ressources numériques » ». */
	names: string;
	count: number;
	level: string;
}

export interface ResultsData {
	view: ResultView;
	/**
	 * `lang` of the package's words when they are not in the page's language (RGAA 8.7): `own`,
	 * our files' names and narratives (an English-only package's on the French interface);
	 * `survey`, survey.json's questions and answers (ADR 0035).
	 */
	langs: { own?: string | undefined; survey?: string | undefined };
	/** The overall score in words (ADR 0029), or null when it is insufficient. */
	overallWords: ScoreWords | null;
	/**
	 * The one-sentence summary: the strongest and the weakest areas, either possibly left unnamed
	 * (ADR 0029); `even`: every area at the same point. Null when no area has a score.
	 */
	summary: { strongest: SummaryEnd | null; weakest: SummaryEnd | null; even: string | null } | null;
	radar: {
		axes: string[];
		levels: RadarLevel[];
		now: (number | null)[];
		before: (number | null)[] | null;
	};
	progress: {
		completedAt: string | null;
		areas: (Change & { name: string })[];
		overall: Change;
	} | null;
	insights: ReturnType<typeof labelled>;
	/**
	 * Each priority's best resource: the first the catalogue ranks for its competence and level,
	 * whatever the filters (the summary at the top of the page, issue [7]).
	 */
	bestResources: Record<string, ResourceView>;
	/** Advice per priority, each resource once (ADR 0029). */
	recommendations: AdviceGroupView[];
	/** Competences with recommendations left out because `showAll` is off. */
	moreCount: number;
	showAll: boolean;
	/** Whether any recommendation exists before filtering. */
	hasRecommendations: boolean;
	formats: ResourceFormat[];
	filter: ResourceFilter;
}

/** Insights with display names, level names and scores in words (ADR 0029). */
function labelled(
	insights: ReturnType<typeof strengthsAndPriorities>,
	competences: Map<string, ResultView['areas'][number]['competences'][number]>,
	words: (score: number) => ScoreWords
) {
	const named = <T extends { id: string; score: number }>(x: T) => ({
		...x,
		name: competences.get(x.id)!.name,
		levelName: competences.get(x.id)!.level?.name ?? '',
		level: competences.get(x.id)!.level,
		words: words(x.score)
	});
	return { strengths: insights.strengths.map(named), priorities: insights.priorities.map(named) };
}

/** Recommendation groups shown before « show all »: the most urgent competences. */
export const SHOWN_GROUPS = 5;

/** Whether the query asks for every recommendation group (`tout=1`). */
export const readShowAll = (params: URLSearchParams) => params.get('tout') === '1';

/** Reads the recommendation filter from query parameters (`gratuit`, `format`, `duree`). */
export function readFilter(params: URLSearchParams): ResourceFilter {
	const format = params.get('format');
	const minutes = Number(params.get('duree'));
	return {
		freeOnly: params.get('gratuit') === '1',
		format: (RESOURCE_FORMATS as readonly string[]).includes(format ?? '')
			? (format as ResourceFormat)
			: null,
		maxMinutes: Number.isInteger(minutes) && minutes > 0 ? minutes : null
	};
}

/** Assembles the results page of a completed participation. */
export function buildResultsData(input: {
	pkg: QuestionnairePackage;
	model: ScoringModel;
	result: ScoreResult;
	answers: Answers;
	previous: { result: ScoreResult; completedAt: string | null } | null;
	filter: ResourceFilter;
	showAll: boolean;
	locale: Locale;
}): ResultsData {
	const { pkg, model, result, answers, previous, filter, showAll, locale } = input;
	const view = buildResultView(pkg, result, locale);
	const levels = pkg.levels.levels;
	const words = (score: number) => scoreWords(levels, score, locale);
	const areaName = new Map(view.areas.map((a) => [a.id, a.name]));
	const competence = new Map(view.areas.flatMap((a) => a.competences).map((c) => [c.id, c]));
	const extremes = extremeAreas(result, levels);
	const end = (e: AreaExtreme | null): SummaryEnd | null =>
		e && {
			names: quotedList(
				e.ids.map((id) => areaName.get(id)!),
				locale
			),
			count: e.ids.length,
			level: words(e.score).level
		};
	const ranked = recommend(pkg, result);
	const all = adviceGroups(ranked);
	const filtered = filterAdvice(all, filter);
	const shown = showAll ? filtered : filtered.slice(0, SHOWN_GROUPS);
	const changes = previous ? compareResults(previous.result, result) : null;
	const insights = labelled(
		strengthsAndPriorities(pkg, model, result, answers, locale),
		competence,
		words
	);
	const evenScore = result.areas.find((a) => a.score !== null)?.score ?? null;
	return {
		view,
		langs: {
			own: localizedLang(pkg.manifest.title, locale),
			survey: langWhenOther(contentLanguage(pkg, locale), locale)
		},
		overallWords: result.overall.score === null ? null : words(result.overall.score),
		summary: extremes && {
			strongest: end(extremes.strongest),
			weakest: end(extremes.weakest),
			even: extremes.even && evenScore !== null ? words(evenScore).level : null
		},
		radar: {
			axes: view.areas.map((a) => a.name),
			levels: radarLevels(pkg.levels.levels, locale),
			now: result.areas.map((a) => a.score),
			before: previous
				? result.areas.map((a) => previous.result.areas.find((b) => b.id === a.id)?.score ?? null)
				: null
		},
		progress: changes && {
			completedAt: previous!.completedAt,
			areas: changes.areas.map((c) => ({ ...c, name: areaName.get(c.id)! })),
			overall: changes.overall
		},
		insights,
		bestResources: Object.fromEntries(
			insights.priorities.flatMap((p) => {
				const best = ranked.find((g) => g.competenceId === p.id)?.resources[0];
				return best ? [[p.id, resourceView(best, locale)]] : [];
			})
		),
		recommendations: adviceView(pkg, shown, locale),
		moreCount: filtered.length - shown.length,
		showAll,
		hasRecommendations: all.length > 0,
		formats: RESOURCE_FORMATS.filter((f) =>
			all.some((g) => g.items.some((i) => i.resource.format === f))
		),
		filter
	};
}
