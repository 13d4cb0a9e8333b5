import type { PageServerLoad } from './$types';
import { listQuestionnaires } from '$lib/server/questionnaires/registry';

export const load = (() => ({
	diagnostics: listQuestionnaires().map(({ pkg, questionCount }) => ({
		id: pkg.manifest.id,
		title: pkg.manifest.title,
		summary: pkg.manifest.summary,
		audience: pkg.manifest.audience,
		durationMinutes: pkg.manifest.durationMinutes,
		questionCount
	}))
})) satisfies PageServerLoad;
