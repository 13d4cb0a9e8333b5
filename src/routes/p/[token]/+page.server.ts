import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { findQuestionnaire } from '$lib/server/questionnaires/registry';
import * as participations from '$lib/server/storage/participations';
import { isTokenShaped } from '$lib/server/storage/tokens';
import {
	adjacentPageName,
	buildPageView,
	firstPageName,
	completeAnswers,
	readPageForm,
	validatePage
} from '$lib/server/survey/runtime';
import { scoreAnswers } from '$lib/scoring/score';
import { buildResultView } from './result-view';

/** Private-link pages: never cached, never indexed, never leaked through Referer. */
const PRIVATE_HEADERS = {
	'cache-control': 'no-store',
	'referrer-policy': 'no-referrer',
	'x-robots-tag': 'noindex'
};

function resolve(token: string) {
	const participation = isTokenShaped(token) ? participations.findByToken(token) : undefined;
	const questionnaire = participation && findQuestionnaire(participation.questionnaireId);
	if (!participation || !questionnaire) error(404, 'Ce lien ne correspond à aucun diagnostic.');
	return { participation, questionnaire };
}

export const load = (({ params, setHeaders }) => {
	setHeaders(PRIVATE_HEADERS);
	const { participation, questionnaire } = resolve(params.token);
	const { pkg } = questionnaire;
	if (participation.status === 'completed' && participation.result) {
		return {
			state: 'completed' as const,
			result: buildResultView(pkg, participation.result, 'fr'),
			completedAt: participation.completedAt
		};
	}
	// A page removed from an edited package: start again from the first page, answers kept.
	const pageName = pkg.survey.pages.some((p) => p.name === participation.pageName)
		? participation.pageName
		: firstPageName(pkg);
	return {
		state: 'answering' as const,
		title: pkg.manifest.title.fr,
		page: buildPageView(pkg, participation.answers, pageName, 'fr')
	};
}) satisfies PageServerLoad;

export const actions = {
	/** Saves the page shown, then moves to the previous or next page, or completes. */
	save: async ({ params, request }) => {
		const { participation, questionnaire } = resolve(params.token);
		const { pkg, model } = questionnaire;
		if (participation.status === 'completed') redirect(303, `/p/${params.token}`);

		const form = await request.formData();
		const pageName = form.get('page');
		if (typeof pageName !== 'string' || !pkg.survey.pages.some((p) => p.name === pageName)) {
			return fail(400, { errors: {}, message: 'Étape inconnue : la page a été rechargée.' });
		}
		const read = readPageForm(pkg, participation.answers, pageName, form, 'fr');

		if (form.get('nav') === 'prev') {
			// Going back keeps what was typed, even incomplete, but never an unknown value.
			const previous = adjacentPageName(pkg, read.answers, pageName, -1) ?? pageName;
			await participations.saveProgress(participation, read.answers, previous);
			redirect(303, `/p/${params.token}`);
		}

		const errors = { ...validatePage(pkg, read.answers, pageName, 'fr'), ...read.errors };
		if (Object.keys(errors).length > 0) {
			await participations.saveProgress(participation, read.answers, pageName);
			return fail(400, { errors, message: null });
		}

		const next = adjacentPageName(pkg, read.answers, pageName, 1);
		if (next !== null) {
			await participations.saveProgress(participation, read.answers, next);
			redirect(303, `/p/${params.token}`);
		}

		const completed = completeAnswers(pkg, read.answers);
		if (!completed.ok) {
			await participations.saveProgress(participation, read.answers, completed.pageName);
			redirect(303, `/p/${params.token}`);
		}
		// The server computes the score from the answers; nothing computed by a browser is used.
		await participations.complete(
			participation,
			completed.answers,
			scoreAnswers(model, completed.answers)
		);
		redirect(303, `/p/${params.token}`);
	}
} satisfies Actions;
