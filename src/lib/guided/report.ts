/**
 * The client report of a guided diagnostic (self-rating, advisor rating and gap, notes, action
 * plan, recommendations) and its CSV rows. Pure: the page, the CSV and the JSON all come from
 * the same report. No token and no precise time: dates are days.
 */
import type { Locale, QuestionnairePackage } from '../diagnostic/types';
import { competenceLabel, levelLabel, localize } from '../diagnostic/localized';
import type { ScoreResult } from '../scoring/types';
import { levelGap } from '../scoring/level-scale';
import { adviceGroups, recommend } from '../results/recommend';
import { alsoServesLine, unitNames } from '../results/advice-view';
import { scoreWords } from '../results/score-words';
import type { Cell, Table } from '../campaigns/export';
import type { ActionStatus, GuidedSession } from './types';

/** Recommendation groups the report keeps: the most urgent competences. */
export const REPORT_RECOMMENDATIONS = 5;

export interface NamedLevel {
	id: string;
	name: string;
}
export interface ResourceRef {
	id: string;
	title: string;
	provider: string;
	url: string;
}

export interface GuidedReport {
	client: string;
	diagnostic: { id: string; version: string; title: string };
	completedOn: string | null;
	scale: string;
	/** `sentence`: the overall score in words (ADR 0029), null when insufficient. */
	overall: { score: number | null; level: NamedLevel | null; sentence: string | null };
	areas: {
		id: string;
		name: string;
		score: number | null;
		/** Where the score sits within the level (« bas du niveau »), null without a score. */
		where: string | null;
		selfLevel: NamedLevel | null;
		advisorLevel: NamedLevel | null;
		gap: number | null;
		note: string;
	}[];
	actions: {
		title: string;
		target: { id: string; kind: 'area' | 'competence'; name: string };
		owner: string;
		dueOn: string | null;
		status: ActionStatus;
		resources: ResourceRef[];
	}[];
	/** The most urgent competences, each resource once (ADR 0029). */
	recommendations: {
		competenceId: string;
		competence: string;
		level: NamedLevel;
		/** `also`: the other competences it serves, said where it is shown. */
		resources: (ResourceRef & { also: string | null })[];
		/** Resources of this competence shown under an earlier one. */
		shownAbove: { id: string; title: string }[];
	}[];
}

/** Area and competence ids an action may target, with their display names, in framework order. */
export function actionTargets(
	pkg: QuestionnairePackage,
	locale: Locale
): { id: string; kind: 'area' | 'competence'; name: string }[] {
	return pkg.framework.areas.flatMap((area) => [
		{ id: area.id, kind: 'area' as const, name: localize(area.name, locale) },
		...area.competences.map((c) => ({
			id: c.id,
			kind: 'competence' as const,
			name: competenceLabel(c.id, localize(c.name, locale))
		}))
	]);
}

/** Resources recommended for a result (each once), the only ones an action may link. */
export function recommendedResources(
	pkg: QuestionnairePackage,
	result: ScoreResult,
	locale: Locale
): ResourceRef[] {
	const seen = new Map<string, ResourceRef>();
	for (const group of recommend(pkg, result)) {
		for (const r of group.resources) {
			if (!seen.has(r.id))
				seen.set(r.id, {
					id: r.id,
					title: r.title,
					provider: localize(r.provider, locale),
					url: r.url
				});
		}
	}
	return [...seen.values()];
}

/** Builds the report of a completed guided session in one locale. */
export function buildReport(input: {
	pkg: QuestionnairePackage;
	result: ScoreResult;
	session: Pick<GuidedSession, 'client' | 'notes' | 'ratings' | 'actions'>;
	completedAt: string | null;
	locale: Locale;
}): GuidedReport {
	const { pkg, result, session, locale } = input;
	const levels = pkg.levels.levels;
	const named = (id: string | null | undefined): NamedLevel | null => {
		const l = id ? levels.find((x) => x.id === id) : undefined;
		return l ? { id: l.id, name: levelLabel(l, locale) } : null;
	};
	const targets = new Map(actionTargets(pkg, locale).map((t) => [t.id, t]));
	const resources = new Map(pkg.catalogue.resources.map((r) => [r.id, r]));
	const ref = (id: string): ResourceRef[] => {
		const r = resources.get(id);
		return r
			? [{ id: r.id, title: r.title, provider: localize(r.provider, locale), url: r.url }]
			: [];
	};
	const names = unitNames(pkg, locale);
	const words = (score: number | null | undefined) =>
		score === null || score === undefined ? null : scoreWords(levels, score, locale);
	return {
		client: session.client,
		diagnostic: {
			id: pkg.manifest.id,
			version: pkg.manifest.version,
			title: localize(pkg.manifest.title, locale)
		},
		completedOn: input.completedAt?.slice(0, 10) ?? null,
		scale: localize(pkg.levels.name, locale),
		overall: {
			score: result.overall.score,
			level: named(result.overall.level),
			sentence: words(result.overall.score)?.sentence ?? null
		},
		areas: pkg.framework.areas.map((area) => {
			const scored = result.areas.find((a) => a.id === area.id);
			const self = scored?.level ?? null;
			const advisor = session.ratings[area.id] ?? null;
			return {
				id: area.id,
				name: localize(area.name, locale),
				score: scored?.score ?? null,
				where: words(scored?.score)?.where ?? null,
				selfLevel: named(self),
				advisorLevel: named(advisor),
				// Advisor level minus self-assessed level, in levels of the scale.
				gap: levelGap(levels, self, advisor),
				note: session.notes[area.id] ?? ''
			};
		}),
		actions: session.actions.map((a) => ({
			title: a.title,
			target: targets.get(a.target) ?? { id: a.target, kind: 'area', name: a.target },
			owner: a.owner,
			dueOn: a.dueOn,
			status: a.status,
			resources: a.resourceIds.flatMap(ref)
		})),
		recommendations: adviceGroups(recommend(pkg, result))
			.slice(0, REPORT_RECOMMENDATIONS)
			.map((r) => ({
				competenceId: r.competenceId,
				competence: targets.get(r.competenceId)?.name ?? r.competenceId,
				level: named(r.level)!,
				resources: r.items.flatMap((item) =>
					ref(item.resource.id).map((x) => ({
						...x,
						also: alsoServesLine(
							item.alsoServes.map((a) => names.competence(a.competenceId)),
							locale
						)
					}))
				),
				shownAbove: r.shownAbove.map((x) => ({
					id: x.resourceId,
					title: resources.get(x.resourceId)?.title ?? x.resourceId
				}))
			}))
	};
}

export interface ReportLabels {
	client: string;
	diagnostic: string;
	type: string;
	area: string;
	action: string;
	subject: string;
	score: string;
	selfLevel: string;
	advisorLevel: string;
	gap: string;
	note: string;
	title: string;
	owner: string;
	dueOn: string;
	status: string;
	statuses: Record<ActionStatus, string>;
	resources: string;
}

/**
 * The report as one table: a row per area (scores, ratings, gap, note), then a row per action;
 * the « type » column tells them apart.
 */
export function reportTable(report: GuidedReport, labels: ReportLabels): Table {
	const header = [
		labels.client,
		labels.diagnostic,
		labels.type,
		labels.subject,
		labels.score,
		labels.selfLevel,
		labels.advisorLevel,
		labels.gap,
		labels.note,
		labels.title,
		labels.owner,
		labels.dueOn,
		labels.status,
		labels.resources
	];
	const lead = [report.client, report.diagnostic.title];
	const areaRows: Cell[][] = report.areas.map((a) => [
		...lead,
		labels.area,
		a.name,
		a.score,
		a.selfLevel?.name ?? null,
		a.advisorLevel?.name ?? null,
		a.gap,
		a.note || null,
		null,
		null,
		null,
		null,
		null
	]);
	const actionRows: Cell[][] = report.actions.map((a) => [
		...lead,
		labels.action,
		a.target.name,
		null,
		null,
		null,
		null,
		null,
		a.title,
		a.owner || null,
		a.dueOn,
		labels.statuses[a.status],
		a.resources.map((r) => r.title).join(' | ') || null
	]);
	return { header, rows: [...areaRows, ...actionRows] };
}
