/** Interface labels of catalogue values, in the current locale. */
import type { Locale, ResourceCost, ResourceFormat } from '../diagnostic/types';
import { m } from '../paraglide/messages';

const FORMATS: Record<ResourceFormat, () => string> = {
	mooc: m.format_mooc,
	course: m.format_course,
	guide: m.format_guide,
	tool: m.format_tool,
	framework: m.format_framework,
	article: m.format_article,
	certification: m.format_certification,
	toolkit: m.format_toolkit,
	platform: m.format_platform,
	workshop: m.format_workshop,
	catalogue: m.format_catalogue,
	community: m.format_community
};

const COSTS: Record<ResourceCost, () => string> = {
	free: m.cost_free,
	'free-unconfirmed': m.cost_free_unconfirmed,
	paid: m.cost_paid,
	mixed: m.cost_mixed,
	unknown: m.cost_unknown
};

export const formatLabel = (format: ResourceFormat): string => FORMATS[format]();
export const costLabel = (cost: ResourceCost): string => COSTS[cost]();

/** Language names in the reader's language: « français, anglais », or « 24 langues, dont français ». */
const displayNames = new Map<Locale, Intl.DisplayNames>();

export function languageNames(codes: string[], locale: Locale): string {
	let names = displayNames.get(locale);
	if (!names) {
		names = new Intl.DisplayNames([locale], { type: 'language' });
		displayNames.set(locale, names);
	}
	const name = (c: string) => names.of(c) ?? c;
	if (codes.length <= 4) return codes.map(name).join(', ');
	return codes.includes(locale)
		? m.languages_many_with({ count: codes.length, language: name(locale) })
		: m.languages_many({ count: codes.length });
}
