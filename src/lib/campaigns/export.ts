/**
 * Campaign exports as tables: one row per shared participation, and a summary of the
 * aggregates. Pure: the CSV and XLSX writers only lay these tables out. No token, IP address or
 * precise timestamp ever appears: dates are days.
 */
import type { Locale, QuestionnairePackage } from '../diagnostic/types';
import { competenceLabel, localize } from '../diagnostic/localized';
import type { ScoreResult } from '../scoring/types';
import type { CampaignAggregate } from './aggregate';
import type { CollectivePriority } from './priorities';

export type Cell = string | number | null;
export interface Table {
	header: string[];
	rows: Cell[][];
}

export interface SharedRow {
	/** Campaign wave (T0, T1…). */
	wave: string;
	group: string | null;
	identifier: string | null;
	completedOn: string | null;
	sharedOn: string | null;
	result: ScoreResult;
}

export interface ExportLabels {
	campaign: string;
	diagnostic: string;
	wave: string;
	group: string;
	identifier: string;
	completedOn: string;
	sharedOn: string;
	overall: string;
	score: string;
	level: string;
	participants: string;
	mean: string;
	min: string;
	median: string;
	max: string;
	suppressed: string;
}

/** One row per shared participation: scores and levels per area and competence, and overall. */
export function participantTable(input: {
	campaignName: string;
	pkg: QuestionnairePackage;
	rows: SharedRow[];
	groupLabel: string | null;
	identifierLabel: string | null;
	labels: ExportLabels;
	locale: Locale;
}): Table {
	const { pkg, labels, locale } = input;
	const level = (id: string | null) => {
		const l = pkg.levels.levels.find((x) => x.id === id);
		return l ? (l.code ?? localize(l.name, locale)) : null;
	};
	const areas = pkg.framework.areas;
	const competences = areas.flatMap((a) => a.competences);
	const header = [
		labels.campaign,
		labels.diagnostic,
		labels.wave,
		...(input.groupLabel ? [input.groupLabel] : []),
		...(input.identifierLabel ? [input.identifierLabel] : []),
		labels.completedOn,
		labels.sharedOn,
		`${labels.overall} – ${labels.score}`,
		`${labels.overall} – ${labels.level}`,
		...areas.flatMap((a) => [
			`${localize(a.name, locale)} – ${labels.score}`,
			`${localize(a.name, locale)} – ${labels.level}`
		]),
		...competences.flatMap((c) => {
			const name = competenceLabel(c.id, localize(c.name, locale));
			return [`${name} – ${labels.score}`, `${name} – ${labels.level}`];
		})
	];
	const rows = input.rows.map((r) => {
		const area = (id: string) => r.result.areas.find((a) => a.id === id);
		const competence = (id: string) => r.result.competences.find((c) => c.id === id);
		return [
			input.campaignName,
			localize(pkg.manifest.title, locale),
			r.wave,
			...(input.groupLabel ? [r.group] : []),
			...(input.identifierLabel ? [r.identifier] : []),
			r.completedOn,
			r.sharedOn,
			r.result.overall.score,
			level(r.result.overall.level),
			...areas.flatMap((a) => [area(a.id)?.score ?? null, level(area(a.id)?.level ?? null)]),
			...competences.flatMap((c) => [
				competence(c.id)?.score ?? null,
				level(competence(c.id)?.level ?? null)
			])
		];
	});
	return { header, rows };
}

/** The aggregates as a table; units below k carry the suppression message, not figures. */
export function summaryTable(
	pkg: QuestionnairePackage,
	aggregate: CampaignAggregate,
	labels: ExportLabels,
	locale: Locale
): Table {
	const names = new Map<string, string>([
		['overall', labels.overall],
		...pkg.framework.areas.map((a) => [a.id, localize(a.name, locale)] as [string, string]),
		...pkg.framework.areas
			.flatMap((a) => a.competences)
			.map((c) => [c.id, localize(c.name, locale)] as [string, string])
	]);
	return {
		header: ['', labels.participants, labels.mean, labels.min, labels.median, labels.max],
		rows: [aggregate.overall, ...aggregate.areas, ...aggregate.competences].map((u) =>
			u.suppressed
				? [names.get(u.id) ?? u.id, labels.suppressed, null, null, null, null]
				: [names.get(u.id) ?? u.id, u.n, u.mean, u.min, u.median, u.max]
		)
	};
}

export interface PriorityLabels {
	competence: string;
	target: string;
	targetFrom: string;
	fromProfile: string;
	fromMedian: string;
	participants: string;
	below: string;
	share: string;
	mean: string;
}

/**
 * The collective priorities as a table, the target of each competence and where it comes from:
 * the campaign's profile, or the level above the group's median (ADR 0029). Shares are
 * percentages with one decimal.
 */
export function prioritiesTable(
	pkg: QuestionnairePackage,
	priorities: CollectivePriority[],
	labels: PriorityLabels,
	locale: Locale
): Table {
	const competences = new Map(
		pkg.framework.areas
			.flatMap((a) => a.competences)
			.map((c) => [c.id, competenceLabel(c.id, localize(c.name, locale))])
	);
	const level = (id: string) => {
		const l = pkg.levels.levels.find((x) => x.id === id)!;
		return l.code ?? localize(l.name, locale);
	};
	return {
		header: [
			labels.competence,
			labels.target,
			labels.targetFrom,
			labels.participants,
			labels.below,
			labels.share,
			labels.mean
		],
		rows: priorities.map((p) => [
			competences.get(p.competenceId) ?? p.competenceId,
			level(p.target),
			p.targetFrom === 'profile' ? labels.fromProfile : labels.fromMedian,
			p.n,
			p.below,
			Math.round(p.share * 1000) / 10,
			p.mean
		])
	};
}

/**
 * A text cell that a spreadsheet would take for a formula (= + - @, tab, carriage return) is
 * prefixed with an apostrophe (OWASP "CSV injection").
 */
export function neutralize(value: string): string {
	return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * CSV for French Excel: UTF-8 with BOM, `;` separator, CRLF, RFC 4180 quoting, decimal commas,
 * formula-like text neutralised.
 */
export function toCsv(table: Table): string {
	const cell = (value: Cell): string => {
		if (value === null) return '';
		const text = typeof value === 'number' ? String(value).replace('.', ',') : neutralize(value);
		return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
	};
	const lines = [table.header, ...table.rows].map((row) => row.map(cell).join(';'));
	return `\uFEFF${lines.join('\r\n')}\r\n`;
}
