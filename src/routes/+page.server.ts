import type { PageServerLoad } from './$types';
import { listQuestionnaires } from '$lib/server/questionnaires/registry';
import { localize } from '$lib/diagnostic/localized';
import { getLocale } from '$lib/i18n';

export const load = (({ url }) => {
	const locale = getLocale();
	return {
		deleted: url.searchParams.has('supprime'),
		diagnostics: listQuestionnaires().map(({ pkg, counts }) => ({
			id: pkg.manifest.id,
			title: localize(pkg.manifest.title, locale),
			summary: localize(pkg.manifest.summary, locale),
			audience: localize(pkg.manifest.audience, locale),
			durationMinutes: pkg.manifest.durationMinutes,
			questions: counts.questions,
			scoredQuestions: counts.scoredQuestions
		}))
	};
}) satisfies PageServerLoad;
