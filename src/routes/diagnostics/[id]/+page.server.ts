import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { findQuestionnaire } from '$lib/server/questionnaires/registry';
import { firstPageName } from '$lib/server/survey/runtime';
import * as participations from '$lib/server/storage/participations';

function questionnaireOr404(id: string) {
	const questionnaire = findQuestionnaire(id);
	if (!questionnaire) error(404, 'Ce diagnostic n’existe pas.');
	return questionnaire;
}

export const load = (({ params }) => {
	const { pkg, questionCount } = questionnaireOr404(params.id);
	return {
		manifest: pkg.manifest,
		questionCount,
		pageCount: pkg.survey.pages.length,
		areas: pkg.framework.areas.map((a) => ({
			id: a.id,
			name: a.name,
			competenceCount: a.competences.length
		})),
		levels: {
			name: pkg.levels.name,
			note: pkg.levels.note,
			labels: pkg.levels.levels.map((l) => (l.code ? `${l.code} ${l.name.fr}` : l.name.fr))
		}
	};
}) satisfies PageServerLoad;

export const actions = {
	/** Starts a participation and sends the person to its private link. */
	start: async ({ params }) => {
		const { pkg } = questionnaireOr404(params.id);
		const { token } = await participations.create({
			questionnaireId: pkg.manifest.id,
			questionnaireVersion: pkg.manifest.version,
			pageName: firstPageName(pkg)
		});
		redirect(303, `/p/${token}`);
	}
} satisfies Actions;
