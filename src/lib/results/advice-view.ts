/**
 * Recommendations as a person reads them (ADR 0029): per priority, each resource once, with one
 * line saying why this one — the competence and level the catalogue's rules give it for — and
 * the other competences it also serves; every text in the reader's language, facts shown only
 * when the catalogue knows them. Pure: the results page, its printed report and the guided
 * report use it.
 */
import type { Locale, QuestionnairePackage, Resource, ResourceFormat } from '../diagnostic/types';
import { competenceLabel, levelLabel, localize } from '../diagnostic/localized';
import { m } from '../paraglide/messages';
import type { AdviceGroup, ResourceGroup } from './recommend';

/** A catalogue resource with its texts in one language and the facts that are known. */
export interface ResourceView {
	id: string;
	/** As published by the provider, in its own language. */
	title: string;
	provider: string;
	url: string;
	format: ResourceFormat;
	/** « 20 min », « 6 à 8 semaines… », or null when the catalogue does not know it. */
	duration: { minutes: number | null; text: string | null } | null;
	/** Null when the cost is unknown: nothing is said rather than « non indiqué ». */
	cost: Exclude<Resource['cost'], 'unknown'> | null;
	languages: string[];
	description: string;
	aboutPage: boolean;
}

export interface AdviceResourceView extends ResourceView {
	/** Why this one: the competence and level it is recommended for. */
	why: string;
	/** The other competences it serves (shown once, here), or null. */
	also: string | null;
}

export interface AdviceGroupView {
	rank: number;
	competenceId: string;
	/** « 1.4 Se former en continu ». */
	competence: string;
	/** « A1 – Nouveau venu ». */
	level: string;
	resources: AdviceResourceView[];
	/** Resources of this competence shown under an earlier priority. */
	shownAbove: { id: string; title: string; competence: string }[];
}

/** A resource's texts in one language; duration and cost only when known. */
export function resourceView(resource: Resource, locale: Locale): ResourceView {
	const text = resource.durationText ? localize(resource.durationText, locale) : null;
	return {
		id: resource.id,
		title: resource.title,
		provider: localize(resource.provider, locale),
		url: resource.url,
		format: resource.format,
		duration:
			resource.durationMinutes !== null || text !== null
				? { minutes: resource.durationMinutes, text }
				: null,
		cost: resource.cost === 'unknown' ? null : resource.cost,
		languages: resource.languages,
		description: localize(resource.description, locale),
		aboutPage: resource.aboutPage === true
	};
}

/** Names of a package's competences and levels, as the results show them. */
export function unitNames(pkg: QuestionnairePackage, locale: Locale) {
	const competences = new Map(
		pkg.framework.areas
			.flatMap((a) => a.competences)
			.map((c) => [c.id, competenceLabel(c.id, localize(c.name, locale))])
	);
	const levels = new Map(pkg.levels.levels.map((l) => [l.id, levelLabel(l, locale, ' – ')]));
	return {
		competence: (id: string) => competences.get(id) ?? id,
		level: (id: string) => levels.get(id) ?? id
	};
}

const listFormats = new Map<Locale, Intl.ListFormat>();
/** Names quoted and listed as the locale does: « « A » et « B » », “A” and “B”. */
export function quotedList(names: string[], locale: Locale): string {
	let list = listFormats.get(locale);
	if (!list) {
		list = new Intl.ListFormat(locale, { type: 'conjunction' });
		listFormats.set(locale, list);
	}
	return list.format(names.map((name) => m.quoted({ name }, { locale })));
}

/** The line saying which other competences a resource shown once also serves, or null. */
export function alsoServesLine(others: string[], locale: Locale): string | null {
	return others.length === 0
		? null
		: m.r_why_also({ others: quotedList(others, locale) }, { locale });
}

/** Advice groups of a person's result as words. */
export function adviceView<G extends ResourceGroup>(
	pkg: QuestionnairePackage,
	groups: AdviceGroup<G>[],
	locale: Locale
): AdviceGroupView[] {
	const names = unitNames(pkg, locale);
	const titles = new Map(pkg.catalogue.resources.map((r) => [r.id, r.title]));
	return groups.map((g) => ({
		rank: g.rank,
		competenceId: g.competenceId,
		competence: names.competence(g.competenceId),
		level: names.level(g.level),
		resources: g.items.map((item) => ({
			...resourceView(item.resource, locale),
			why: m.r_why(
				{ competence: names.competence(g.competenceId), level: names.level(g.level) },
				{ locale }
			),
			also: alsoServesLine(
				item.alsoServes.map((a) => names.competence(a.competenceId)),
				locale
			)
		})),
		shownAbove: g.shownAbove.map((s) => ({
			id: s.resourceId,
			title: titles.get(s.resourceId) ?? s.resourceId,
			competence: names.competence(s.competenceId)
		}))
	}));
}
