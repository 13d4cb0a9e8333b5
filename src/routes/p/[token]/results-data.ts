/**
 * Everything the results page shows, assembled from the stored result and the package in one
 * locale. Pure: the browser tests build the same data to compare it with the page.
 */
import type { Locale, QuestionnairePackage, Resource, ResourceFormat } from '$lib/diagnostic/types';
import { RESOURCE_FORMATS } from '$lib/diagnostic/types';
import { localize } from '$lib/diagnostic/localized';
import type { Answers, ScoreResult, ScoringModel } from '$lib/scoring/types';
import { extremeAreas, strengthsAndPriorities } from '$lib/results/insights';
import { filterRecommendations, recommend, type ResourceFilter } from '$lib/results/recommend';
import { compareResults, type Change } from '$lib/results/compare';
import { radarLevels } from '$lib/charts/radar-levels';
import type { RadarLevel } from '$lib/charts/radar-geometry';
import { buildResultView, type ResultView } from './result-view';

/** A catalogue resource with its texts in the reader's language. */
export type ResourceView = Omit<
	Resource,
	'description' | 'durationText' | 'checkedOn' | 'aboutPage'
> & {
	description: string;
	durationText: string | null;
	aboutPage: boolean;
};

export interface ResultsData {
	view: ResultView;
	summary: {
		strongest: string;
		strongestScore: number;
		weakest: string;
		weakestScore: number;
	} | null;
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
	recommendations: {
		competenceId: string;
		competence: string;
		level: string;
		resources: ResourceView[];
	}[];
	/** Competences with recommendations left out because `showAll` is off. */
	moreCount: number;
	showAll: boolean;
	/** Whether any recommendation exists before filtering. */
	hasRecommendations: boolean;
	formats: ResourceFormat[];
	filter: ResourceFilter;
}

/** Insights with display names and level names taken from the results view. */
function labelled(
	insights: ReturnType<typeof strengthsAndPriorities>,
	competences: Map<string, ResultView['areas'][number]['competences'][number]>
) {
	const named = <T extends { id: string }>(x: T) => ({
		...x,
		name: competences.get(x.id)!.name,
		levelName: competences.get(x.id)!.level?.name ?? ''
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
	const areaName = new Map(view.areas.map((a) => [a.id, a.name]));
	const competence = new Map(view.areas.flatMap((a) => a.competences).map((c) => [c.id, c]));
	const extremes = extremeAreas(result);
	const areaScore = (id: string) => result.areas.find((a) => a.id === id)!.score!;
	const all = recommend(pkg, result);
	const filtered = filterRecommendations(all, filter);
	const recommendations = showAll ? filtered : filtered.slice(0, SHOWN_GROUPS);
	const changes = previous ? compareResults(previous.result, result) : null;
	return {
		view,
		summary: extremes && {
			strongest: areaName.get(extremes.strongest)!,
			strongestScore: areaScore(extremes.strongest),
			weakest: areaName.get(extremes.weakest)!,
			weakestScore: areaScore(extremes.weakest)
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
		insights: labelled(strengthsAndPriorities(pkg, model, result, answers, locale), competence),
		recommendations: recommendations.map((r) => ({
			competenceId: r.competenceId,
			competence: competence.get(r.competenceId)!.name,
			level: competence.get(r.competenceId)!.level!.name,
			resources: r.resources.map((x) => ({
				id: x.id,
				title: x.title,
				provider: x.provider,
				url: x.url,
				format: x.format,
				durationMinutes: x.durationMinutes,
				durationText: x.durationText ? localize(x.durationText, locale) : null,
				cost: x.cost,
				languages: x.languages,
				description: localize(x.description, locale),
				aboutPage: x.aboutPage === true
			}))
		})),
		moreCount: filtered.length - recommendations.length,
		showAll,
		hasRecommendations: all.length > 0,
		formats: RESOURCE_FORMATS.filter((f) =>
			all.some((r) => r.resources.some((x) => x.format === f))
		),
		filter
	};
}
