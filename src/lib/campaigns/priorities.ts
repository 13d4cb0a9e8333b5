/**
 * Target profiles and collective priorities of a campaign. Pure. A target profile gives the
 * level an area is expected to reach (for a job or a programme), and optionally a level for a
 * competence; a competence without its own target inherits its area's.
 */
import type { QuestionnairePackage, Resource } from '../diagnostic/types';
import type { ScoreResult } from '../scoring/types';
import { competenceWeight } from '../results/insights';
import {
	isBelow,
	levelOf,
	levelRank,
	levelThreshold,
	nextLevel,
	topLevel
} from '../scoring/level-scale';
import { meanScore, quantileScore } from '../scoring/exact';

/**
 * Required level per area id or competence id (a package's area and competence ids are unique
 * together). Profiles stored before competence targets existed hold area ids only.
 */
export type TargetProfile = Record<string, string>;

export interface BelowTarget {
	id: string;
	/** The area of a competence; the area itself for an area. */
	areaId: string;
	target: string;
	/** True when a competence's target is its area's (no target of its own). */
	inherited: boolean;
	/** Participants with a level for this unit. */
	n: number;
	below: number;
	share: number;
}

export interface CollectivePriority {
	competenceId: string;
	areaId: string;
	target: string;
	/**
	 * `profile`: the campaign's target profile (the competence's or its area's); `median`: none
	 * was given, so the level above the group's median level (ADR 0029).
	 */
	targetFrom: 'profile' | 'median';
	/** The level of the group's median score on the competence. */
	medianLevel: string;
	mean: number;
	/** Participants with a score on the competence, and how many of them are below target. */
	n: number;
	below: number;
	share: number;
	/** (target threshold − mean)/100, at least 0. */
	gap: number;
	/** gap × share × weight: the ranking key. */
	priority: number;
	/** The level most of those below target are at, and the resources the catalogue gives for it. */
	commonLevel: string;
	resources: Resource[];
}

/** Explicit target of a competence: its own, else its area's, else none. */
export function competenceTarget(
	profile: TargetProfile,
	areaId: string,
	competenceId: string
): { target: string; inherited: boolean } | null {
	const own = profile[competenceId];
	if (own) return { target: own, inherited: false };
	const area = profile[areaId];
	return area ? { target: area, inherited: true } : null;
}

/** Counts the levels given below `target`, over those who have one. */
function countBelow(
	pkg: QuestionnairePackage,
	target: string,
	levels: (string | null | undefined)[]
): { n: number; below: number; share: number } {
	const known = levels.filter((l): l is string => typeof l === 'string');
	const below = known.filter((l) => isBelow(pkg.levels.levels, l, target)).length;
	return { n: known.length, below, share: known.length > 0 ? below / known.length : 0 };
}

/**
 * Share of participants below the target level, per area the profile gives a level for and per
 * competence with a target of its own or inherited from its area.
 */
export function belowTarget(
	pkg: QuestionnairePackage,
	profile: TargetProfile,
	results: ScoreResult[]
): { areas: BelowTarget[]; competences: BelowTarget[] } {
	const areas: BelowTarget[] = [];
	const competences: BelowTarget[] = [];
	for (const area of pkg.framework.areas) {
		const areaTarget = profile[area.id];
		if (areaTarget) {
			const levels = results.map((r) => r.areas.find((x) => x.id === area.id)?.level);
			areas.push({
				id: area.id,
				areaId: area.id,
				target: areaTarget,
				inherited: false,
				...countBelow(pkg, areaTarget, levels)
			});
		}
		for (const competence of area.competences) {
			const t = competenceTarget(profile, area.id, competence.id);
			if (!t) continue;
			const levels = results.map((r) => r.competences.find((x) => x.id === competence.id)?.level);
			competences.push({
				id: competence.id,
				areaId: area.id,
				...t,
				...countBelow(pkg, t.target, levels)
			});
		}
	}
	return { areas, competences };
}

/**
 * Checks a target profile read from a form against a package: every id must be an area or a
 * competence of it and every level one of its levels; empty levels mean no target.
 */
export function parseTargetProfile(
	pkg: QuestionnairePackage,
	entries: [id: string, level: string][]
): { profile: TargetProfile; invalid: string[] } {
	const units = new Set(
		pkg.framework.areas.flatMap((a) => [a.id, ...a.competences.map((c) => c.id)])
	);
	const levels = new Set(pkg.levels.levels.map((l) => l.id));
	const profile: TargetProfile = {};
	const invalid: string[] = [];
	for (const [id, level] of entries) {
		if (!units.has(id) || (level !== '' && !levels.has(level))) invalid.push(id);
		else if (level !== '') profile[id] = level;
	}
	return { profile, invalid };
}

/**
 * The target of a competence the campaign gives none for (ADR 0029): the level just above the
 * group's median level, so that priorities point at the group's next step rather than at the
 * top of the scale; the top level when the median is already there. `scores` are the group's
 * scores on the competence, sorted or not.
 */
export function defaultTarget(
	levels: readonly { id: string; min: number }[],
	scores: readonly number[]
): { target: string; medianLevel: string } {
	const median = quantileScore(
		[...scores].sort((a, b) => a - b),
		0.5
	);
	const medianLevel = levelOf(levels, median);
	return { target: nextLevel(levels, medianLevel)?.id ?? topLevel(levels).id, medianLevel };
}

/**
 * Competences to work on first for the group, ranked by gap × share × weight, with the
 * resources recommended at the level most of those below target are at. A competence's target
 * is its own, else its area's, else the level above the group's median level
 * (`defaultTarget`). Competences where nobody is below target, or fewer than `k` participants
 * have a score, are left out (no figure over fewer than k).
 */
export function collectivePriorities(
	pkg: QuestionnairePackage,
	profile: TargetProfile,
	results: ScoreResult[],
	count = 5,
	k = 1
): CollectivePriority[] {
	const resources = new Map(pkg.catalogue.resources.map((r) => [r.id, r]));
	const out: CollectivePriority[] = [];
	const levels = pkg.levels.levels;
	for (const area of pkg.framework.areas) {
		for (const competence of area.competences) {
			const scored = results
				.map((r) => r.competences.find((c) => c.id === competence.id))
				.filter((c) => c !== undefined && c.score !== null && c.level !== null);
			if (scored.length === 0 || scored.length < k) continue;
			const scores = scored.map((c) => c!.score!);
			const fallback = defaultTarget(levels, scores);
			const given = competenceTarget(profile, area.id, competence.id)?.target;
			const target = given ?? fallback.target;
			const threshold = levelThreshold(levels, target);
			const below = scored.filter((c) => isBelow(levels, c!.level!, target));
			if (below.length === 0) continue;
			const mean = scores.reduce((t, s) => t + s, 0) / scored.length;
			const share = below.length / scored.length;
			const gap = Math.max(0, threshold - mean) / 100;
			const counts = new Map<string, number>();
			for (const c of below) counts.set(c!.level!, (counts.get(c!.level!) ?? 0) + 1);
			// Most frequent level below target; the lower one on a tie (the more basic resources).
			const commonLevel = [...counts].sort(
				(a, b) => b[1] - a[1] || levelRank(levels, a[0]) - levelRank(levels, b[0])
			)[0]![0];
			const ids = pkg.catalogue.rules
				.filter((r) => r.competences.includes(competence.id) && r.levels.includes(commonLevel))
				.sort((a, b) => b.priority - a.priority)
				.flatMap((r) => r.resources);
			out.push({
				competenceId: competence.id,
				areaId: area.id,
				target,
				targetFrom: given ? 'profile' : 'median',
				medianLevel: fallback.medianLevel,
				mean: meanScore(scores),
				n: scored.length,
				below: below.length,
				share,
				gap,
				priority: gap * share * competenceWeight(pkg, competence.id),
				commonLevel,
				resources: [...new Set(ids)].map((id) => resources.get(id)!).filter(Boolean)
			});
		}
	}
	return out.sort((a, b) => b.priority - a.priority || b.share - a.share).slice(0, count);
}
