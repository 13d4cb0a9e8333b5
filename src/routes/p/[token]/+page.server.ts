import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { findQuestionnaire } from '$lib/server/questionnaires/registry';
import * as participations from '$lib/server/storage/participations';
import { isTokenShaped } from '$lib/server/storage/tokens';
import {
	adjacentPageName,
	buildPageView,
	completeAnswers,
	firstPageName,
	readPageForm,
	validatePage
} from '$lib/server/survey/runtime';
import { scoreAnswers } from '$lib/scoring/score';
import { localize } from '$lib/diagnostic/localized';
import { getLocale, href, m } from '$lib/i18n';
import { buildResultsData, readFilter, readShowAll } from './results-data';
import * as campaigns from '$lib/server/storage/campaigns';

/** The wave a retake joins: the campaign's current one (T0 if the campaign is gone). */
function waveOfRetake(campaignId: string): string {
	const campaign = campaigns.findById(campaignId);
	return campaign ? campaigns.currentWave(campaign) : 'T0';
}

/** The participation of a private link and its questionnaire, or 404 for GET and POST alike. */
function resolve(token: string) {
	const participation = isTokenShaped(token) ? participations.findByToken(token) : undefined;
	const questionnaire = participation && findQuestionnaire(participation.questionnaireId);
	if (!participation || !questionnaire) error(404, 'Not found');
	return { participation, questionnaire };
}

export const load = (({ params, url }) => {
	const { participation, questionnaire } = resolve(params.token);
	const { pkg, model } = questionnaire;
	const locale = getLocale();
	const title = localize(pkg.manifest.title, locale);
	const link = `${url.origin}${url.pathname}`;

	if (participation.status === 'completed' && participation.result) {
		const previous = participation.previousId
			? participations.findById(participation.previousId)
			: undefined;
		const campaign = participation.campaign
			? campaigns.findById(participation.campaign.id)
			: undefined;
		return {
			state: 'completed' as const,
			title,
			link,
			completedAt: participation.completedAt,
			campaign:
				campaign && participation.campaign
					? {
							name: campaign.name,
							k: campaign.k,
							shared: participation.campaign.shared,
							sharedOn: participation.campaign.sharedOn
						}
					: null,
			results: buildResultsData({
				pkg,
				model,
				result: participation.result,
				answers: participation.answers,
				previous: previous?.result
					? { result: previous.result, completedAt: previous.completedAt }
					: null,
				filter: readFilter(url.searchParams),
				showAll: readShowAll(url.searchParams),
				locale
			})
		};
	}

	// A page removed from an edited package: start again from the first page, answers kept.
	const pageName = pkg.survey.pages.some((p) => p.name === participation.pageName)
		? participation.pageName
		: firstPageName(pkg);
	const overall = scoreAnswers(model, participation.answers).overall;
	return {
		state: 'answering' as const,
		title,
		link,
		answeredShare: overall.items > 0 ? overall.answered / overall.items : 0,
		page: buildPageView(pkg, participation.answers, pageName, locale)
	};
}) satisfies PageServerLoad;

export const actions = {
	/**
	 * Saves the page shown, then stays (autosave), goes back, goes on, or completes.
	 * Saving never needs the page to be valid: nothing typed is lost.
	 */
	save: async ({ params, request }) => {
		const { participation, questionnaire } = resolve(params.token);
		const { pkg, model } = questionnaire;
		const locale = getLocale();
		const self = href(`/p/${params.token}`);
		if (participation.status === 'completed') redirect(303, self);

		const form = await request.formData();
		const pageName = form.get('page');
		if (typeof pageName !== 'string' || !pkg.survey.pages.some((p) => p.name === pageName)) {
			return fail(400, { errors: {}, message: m.q_unknown_step() });
		}
		const read = readPageForm(pkg, participation.answers, pageName, form, locale);
		const nav = form.get('nav');

		if (nav === 'stay') {
			await participations.saveProgress(participation, read.answers, pageName);
			return { saved: true, errors: read.errors, message: null };
		}
		if (nav === 'prev') {
			const previous = adjacentPageName(pkg, read.answers, pageName, -1) ?? pageName;
			await participations.saveProgress(participation, read.answers, previous);
			redirect(303, self);
		}

		const errors = { ...validatePage(pkg, read.answers, pageName, locale), ...read.errors };
		if (Object.keys(errors).length > 0) {
			await participations.saveProgress(participation, read.answers, pageName);
			return fail(400, { errors, message: null });
		}
		const next = adjacentPageName(pkg, read.answers, pageName, 1);
		if (next !== null) {
			await participations.saveProgress(participation, read.answers, next);
			redirect(303, self);
		}
		const completed = completeAnswers(pkg, read.answers);
		if (!completed.ok) {
			await participations.saveProgress(participation, read.answers, completed.pageName);
			redirect(303, self);
		}
		// The server computes the score from the answers; nothing computed by a browser is used.
		await participations.complete(
			participation,
			completed.answers,
			scoreAnswers(model, completed.answers)
		);
		redirect(303, self);
	},

	/** Shares the results with the campaign the person joined, or withdraws them. */
	share: async ({ params, request }) => {
		const { participation } = resolve(params.token);
		if (participation.status !== 'completed' || !participation.campaign) {
			redirect(303, href(`/p/${params.token}`));
		}
		const form = await request.formData();
		await participations.setShared(participation, form.get('partager') === 'oui');
		redirect(303, href(`/p/${params.token}`));
	},

	/** Starts a new attempt linked to this one; its results will be compared with these. */
	retake: async ({ params }) => {
		const { participation, questionnaire } = resolve(params.token);
		if (participation.status !== 'completed') redirect(303, href(`/p/${params.token}`));
		const { token } = await participations.create({
			questionnaireId: questionnaire.pkg.manifest.id,
			questionnaireVersion: questionnaire.pkg.manifest.version,
			pageName: firstPageName(questionnaire.pkg),
			previousId: participation.id,
			// A retake stays in the same campaign, in its current wave (that is how people take
			// part in T1), not shared until the person says so.
			campaign: participation.campaign
				? {
						...participation.campaign,
						shared: false,
						sharedOn: null,
						wave: waveOfRetake(participation.campaign.id)
					}
				: null
		});
		redirect(303, href(`/p/${token}`));
	}
} satisfies Actions;
