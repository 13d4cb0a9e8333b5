/**
 * Personalised recommendations: the catalogue's rules applied to a result, grouped by
 * competence and ranked by gap × weight. Pure.
 */
import type { QuestionnairePackage, Resource, ResourceFormat } from '../diagnostic/types';
import type { ScoreResult } from '../scoring/types';
import { urgency } from './insights';

export interface CompetenceRecommendation {
	competenceId: string;
	areaId: string;
	score: number;
	level: string;
	/** Gap to 100 × weight: the ranking key. */
	urgency: number;
	resources: Resource[];
}

export interface ResourceFilter {
	/** Only resources free of charge (stated, or believed free: `free-unconfirmed`). */
	freeOnly: boolean;
	format: ResourceFormat | null;
	/** Only resources whose stated duration is at most this many minutes. */
	maxMinutes: number | null;
}

export const NO_FILTER: ResourceFilter = { freeOnly: false, format: null, maxMinutes: null };

/** Resources recommended for each competence whose level triggers a rule, most urgent first. */
export function recommend(
	pkg: QuestionnairePackage,
	result: ScoreResult
): CompetenceRecommendation[] {
	const resources = new Map(pkg.catalogue.resources.map((r) => [r.id, r]));
	const out: CompetenceRecommendation[] = [];
	for (const c of result.competences) {
		if (c.score === null || c.level === null) continue;
		const rules = pkg.catalogue.rules
			.filter((r) => r.competences.includes(c.id) && r.levels.includes(c.level!))
			.sort((a, b) => b.priority - a.priority);
		const ids = [...new Set(rules.flatMap((r) => r.resources))];
		if (ids.length === 0) continue;
		out.push({
			competenceId: c.id,
			areaId: c.areaId,
			score: c.score,
			level: c.level,
			urgency: urgency(pkg, c),
			resources: ids.map((id) => resources.get(id)!).filter(Boolean)
		});
	}
	return out.sort((a, b) => b.urgency - a.urgency || a.score - b.score);
}

/** Whether a resource passes a filter. Unknown durations never pass a duration limit. */
export function matchesFilter(resource: Resource, filter: ResourceFilter): boolean {
	if (filter.freeOnly && resource.cost !== 'free' && resource.cost !== 'free-unconfirmed')
		return false;
	if (filter.format && resource.format !== filter.format) return false;
	if (filter.maxMinutes !== null) {
		if (resource.durationMinutes === null || resource.durationMinutes > filter.maxMinutes)
			return false;
	}
	return true;
}

/** Applies a filter; competences left without resources are dropped. */
export function filterRecommendations(
	recommendations: CompetenceRecommendation[],
	filter: ResourceFilter
): CompetenceRecommendation[] {
	return recommendations
		.map((r) => ({ ...r, resources: r.resources.filter((x) => matchesFilter(x, filter)) }))
		.filter((r) => r.resources.length > 0);
}
