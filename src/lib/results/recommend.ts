/**
 * Personalised recommendations: the catalogue's rules applied to a result, grouped by
 * competence and ranked by gap × weight, then read as advice (ADR 0029): each resource once, under
 * the first competence it serves, saying which others it also serves. Pure.
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

/** What a group of advice is about: a competence at a level, and the resources given for it. */
export interface ResourceGroup {
	competenceId: string;
	level: string;
	resources: Resource[];
}

/** A competence (at a level) a resource also serves, besides the group it is shown in. */
export interface AlsoServes {
	competenceId: string;
	level: string;
}

/** A resource as advice: shown once, with the other competences it serves. */
export interface AdviceItem {
	resource: Resource;
	alsoServes: AlsoServes[];
}

export type AdviceGroup<G extends ResourceGroup = ResourceGroup> = Omit<G, 'resources'> & {
	/** 1 for the competence to work on first; kept when filters hide earlier groups. */
	rank: number;
	items: AdviceItem[];
	/** Resources of this competence already shown under an earlier group, and which one. */
	shownAbove: { resourceId: string; competenceId: string }[];
};

/**
 * Ordered groups (most urgent first) as advice: a resource the rules give for several
 * competences appears once, under the first, which says it also serves the others; the later
 * groups point back to it. No resource appears twice.
 */
export function adviceGroups<G extends ResourceGroup>(groups: G[]): AdviceGroup<G>[] {
	const first = new Map<string, { item: AdviceItem; competenceId: string }>();
	return groups.map(({ resources, ...group }, i) => {
		const items: AdviceItem[] = [];
		const shownAbove: AdviceGroup['shownAbove'] = [];
		for (const resource of resources) {
			const seen = first.get(resource.id);
			if (seen) {
				// Listed twice by one competence's rules: still once.
				if (seen.competenceId === group.competenceId) continue;
				seen.item.alsoServes.push({ competenceId: group.competenceId, level: group.level });
				shownAbove.push({ resourceId: resource.id, competenceId: seen.competenceId });
				continue;
			}
			const item: AdviceItem = { resource, alsoServes: [] };
			first.set(resource.id, { item, competenceId: group.competenceId });
			items.push(item);
		}
		return { ...group, rank: i + 1, items, shownAbove };
	});
}

/**
 * Applies a filter to advice: resources that fail it leave the groups they are shown in and the
 * pointers to them; groups left with nothing are dropped (the others keep their rank).
 */
export function filterAdvice<G extends ResourceGroup>(
	groups: AdviceGroup<G>[],
	filter: ResourceFilter
): AdviceGroup<G>[] {
	const kept = new Set(
		groups.flatMap((g) => g.items.filter((i) => matchesFilter(i.resource, filter)))
	);
	const keptIds = new Set([...kept].map((i) => i.resource.id));
	return groups
		.map((g) => ({
			...g,
			items: g.items.filter((i) => kept.has(i)),
			shownAbove: g.shownAbove.filter((s) => keptIds.has(s.resourceId))
		}))
		.filter((g) => g.items.length > 0 || g.shownAbove.length > 0);
}
