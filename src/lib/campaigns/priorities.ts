/**
 * Target profiles and collective priorities of a campaign. Pure. A target profile gives the
 * level an area is expected to reach (for a job or a programme); its competences inherit it.
 */
import type { QuestionnairePackage, Resource } from '../diagnostic/types';
import type { ScoreResult } from '../scoring/types';
import { competenceWeight } from '../results/insights';

/** Required level per area id. */
export type TargetProfile = Record<string, string>;

export interface BelowTarget {
	id: string;
	target: string;
	/** Participants with a level for this unit. */
	n: number;
	below: number;
	share: number;
}

export interface CollectivePriority {
	competenceId: string;
	areaId: string;
	target: string;
	mean: number;
	share: number;
	/** (target threshold − mean)/100, at least 0. */
	gap: number;
	/** gap × share × weight: the ranking key. */
	priority: number;
	/** The level most of those below target are at, and the resources the catalogue gives for it. */
	commonLevel: string;
	resources: Resource[];
}

const rank = (pkg: QuestionnairePackage, level: string) =>
	pkg.levels.levels.findIndex((l) => l.id === level);

/** Target of a competence: its area's, or the top level when the profile says nothing. */
function targetOf(pkg: QuestionnairePackage, profile: TargetProfile, areaId: string): string {
	return profile[areaId] ?? pkg.levels.levels.at(-1)!.id;
}

/** Share of participants below the target level, per area of the profile. */
export function belowTarget(
	pkg: QuestionnairePackage,
	profile: TargetProfile,
	results: ScoreResult[]
): BelowTarget[] {
	return pkg.framework.areas
		.filter((a) => profile[a.id])
		.map((a) => {
			const target = profile[a.id]!;
			const levels = results
				.map((r) => r.areas.find((x) => x.id === a.id)?.level ?? null)
				.filter((l) => l !== null);
			const below = levels.filter((l) => rank(pkg, l) < rank(pkg, target)).length;
			return {
				id: a.id,
				target,
				n: levels.length,
				below,
				share: levels.length > 0 ? below / levels.length : 0
			};
		});
}

/**
 * Competences to work on first for the group, ranked by gap × share × weight, with the
 * resources recommended at the level most of those below target are at. Competences where
 * nobody is below target are left out.
 */
export function collectivePriorities(
	pkg: QuestionnairePackage,
	profile: TargetProfile,
	results: ScoreResult[],
	count = 5
): CollectivePriority[] {
	const resources = new Map(pkg.catalogue.resources.map((r) => [r.id, r]));
	const out: CollectivePriority[] = [];
	for (const area of pkg.framework.areas) {
		const target = targetOf(pkg, profile, area.id);
		const threshold = pkg.levels.levels[rank(pkg, target)]!.min;
		for (const competence of area.competences) {
			const scored = results
				.map((r) => r.competences.find((c) => c.id === competence.id))
				.filter((c) => c !== undefined && c.score !== null && c.level !== null);
			if (scored.length === 0) continue;
			const below = scored.filter((c) => rank(pkg, c!.level!) < rank(pkg, target));
			if (below.length === 0) continue;
			const mean = scored.reduce((t, c) => t + c!.score!, 0) / scored.length;
			const share = below.length / scored.length;
			const gap = Math.max(0, threshold - mean) / 100;
			const counts = new Map<string, number>();
			for (const c of below) counts.set(c!.level!, (counts.get(c!.level!) ?? 0) + 1);
			// Most frequent level below target; the lower one on a tie (the more basic resources).
			const commonLevel = [...counts].sort(
				(a, b) => b[1] - a[1] || rank(pkg, a[0]) - rank(pkg, b[0])
			)[0]![0];
			const ids = pkg.catalogue.rules
				.filter((r) => r.competences.includes(competence.id) && r.levels.includes(commonLevel))
				.sort((a, b) => b.priority - a.priority)
				.flatMap((r) => r.resources);
			out.push({
				competenceId: competence.id,
				areaId: area.id,
				target,
				mean: Math.round(mean * 10) / 10,
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
