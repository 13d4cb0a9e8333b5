import type { PageServerLoad } from './$types';
import { listQuestionnaires } from '$lib/server/questionnaires/registry';
import { levelLabel, localize, localizedLang } from '$lib/diagnostic/localized';
import { getLocale } from '$lib/i18n';

/**
 * The home page's picture of a result: the level scale and first areas of the first bundled
 * diagnostic, as the package names them; which level each gets is an example, and the page
 * says so (« Exemple »). No figure is shown.
 */
const EXAMPLE_RANKS = [2, 1, 3];

export const load = (({ url }) => {
	const locale = getLocale();
	const all = listQuestionnaires();
	const first = all[0]?.pkg;
	const example = first && {
		diagnostic: localize(first.manifest.title, locale),
		levels: first.levels.levels.map((l) => levelLabel(l, locale, ' – ')),
		overall: Math.min(2, first.levels.levels.length - 1),
		areas: first.framework.areas.slice(0, EXAMPLE_RANKS.length).map((a, i) => ({
			name: localize(a.name, locale),
			rank: Math.min(EXAMPLE_RANKS[i]!, first.levels.levels.length - 1)
		}))
	};
	return {
		deleted: url.searchParams.has('supprime'),
		example,
		diagnostics: all.map(({ pkg, counts }) => ({
			id: pkg.manifest.id,
			// The package's words, marked when not in the page's language (RGAA 8.7).
			lang: localizedLang(pkg.manifest.title, locale),
			title: localize(pkg.manifest.title, locale),
			summary: localize(pkg.manifest.summary, locale),
			audience: localize(pkg.manifest.audience, locale),
			durationMinutes: pkg.manifest.durationMinutes,
			questions: counts.questions,
			scoredQuestions: counts.scoredQuestions
		}))
	};
}) satisfies PageServerLoad;
