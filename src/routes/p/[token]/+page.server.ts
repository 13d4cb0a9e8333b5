import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { findQuestionnaire } from '$lib/server/questionnaires/registry';
import * as participations from '$lib/server/storage/participations';
import { firstPageName } from '$lib/server/survey/runtime';
import { answerSave, answeringView, savePage } from '$lib/server/answering';
import { localize, localizedLang } from '$lib/diagnostic/localized';
import { getLocale, href } from '$lib/i18n';
import { buildResultsData, readFilter, readShowAll } from './results-data';
import * as campaigns from '$lib/server/storage/campaigns';
import { formPost, strictPost } from '$lib/server/form-post';
import { participationOr404 } from '$lib/server/security/lookups';
import { fields } from '$lib/forms/strict-form';

/** The share form: its one button says which way (`oui` shares, `non` withdraws). */
const SHARE_FORM = fields({ partager: { kind: 'choice', options: new Set(['oui', 'non']) } });
/** Forms that are a button alone. */
const NO_FIELDS = fields({});

/** The wave a retake joins: the campaign's current one (T0 if the campaign is gone). */
async function waveOfRetake(campaignId: string): Promise<string> {
	const campaign = await campaigns.findById(campaignId);
	return campaign ? campaigns.currentWave(campaign) : 'T0';
}

/**
 * The participation of a private link and its questionnaire, or 404 for GET and POST alike (a
 * link that opens nothing counts against the client's budget: 429 past it).
 */
async function resolve(token: string) {
	const participation = await participationOr404(token);
	const questionnaire = findQuestionnaire(participation.questionnaireId);
	// A valid link whose diagnostic was uninstalled: not a guess, not counted.
	if (!questionnaire) error(404, 'Not found');
	return { participation, questionnaire };
}

export const load = (async ({ params, url }) => {
	const { participation, questionnaire } = await resolve(params.token);
	const { pkg, model } = questionnaire;
	const locale = getLocale();
	const title = localize(pkg.manifest.title, locale);
	const titleLang = localizedLang(pkg.manifest.title, locale);
	const link = `${url.origin}${url.pathname}`;

	if (participation.status === 'completed' && participation.result) {
		const previous = participation.previousId
			? await participations.findById(participation.previousId)
			: undefined;
		const campaign = participation.campaign
			? await campaigns.findById(participation.campaign.id)
			: undefined;
		return {
			state: 'completed' as const,
			title,
			titleLang,
			link,
			completedAt: participation.completedAt,
			// Printed with the date, so that a report says which questionnaire it answers.
			version: participation.questionnaireVersion,
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

	return {
		state: 'answering' as const,
		title,
		titleLang,
		link,
		...answeringView(questionnaire, participation, locale)
	};
}) satisfies PageServerLoad;

export const actions = {
	/**
	 * Saves the page shown, then stays (autosave), goes back, goes on, or completes.
	 * Saving never needs the page to be valid: nothing typed is lost.
	 */
	save: async ({ params, request }) => {
		const { participation, questionnaire } = await resolve(params.token);
		const self = href(`/p/${params.token}`);
		if (participation.status === 'completed') redirect(303, self);
		const outcome = await savePage(
			questionnaire,
			participation,
			await formPost(request),
			getLocale(),
			// An enhanced submission (use:enhance, the autosave) swaps in the page it answers with.
			request.headers.get('x-sveltekit-action') === 'true'
		);
		return answerSave(outcome, '/p/[token]?/save', self);
	},

	/** Shares the results with the campaign the person joined, or withdraws them. */
	share: async ({ params, request }) => {
		const { participation } = await resolve(params.token);
		if (participation.status !== 'completed' || !participation.campaign) {
			redirect(303, href(`/p/${params.token}`));
		}
		const read = await strictPost(
			request,
			SHARE_FORM,
			() => undefined,
			getLocale(),
			'/p/[token]?/share'
		);
		if (!read.ok) return fail(400, { refused: read.refusal.refused });
		await participations.setShared(participation, read.form.text('partager') === 'oui');
		redirect(303, href(`/p/${params.token}`));
	},

	/**
	 * Starts a new attempt linked to this one; its results will be compared with these. A second
	 * click lands on the same new attempt.
	 */
	retake: async ({ params, request }) => {
		const { participation, questionnaire } = await resolve(params.token);
		if (participation.status !== 'completed') redirect(303, href(`/p/${params.token}`));
		const read = await strictPost(
			request,
			NO_FIELDS,
			() => undefined,
			getLocale(),
			'/p/[token]?/retake'
		);
		if (!read.ok) return fail(400, { refused: read.refusal.refused });
		const { token } = await participations.retake(participation, params.token, {
			questionnaireVersion: questionnaire.pkg.manifest.version,
			pageName: firstPageName(questionnaire.pkg),
			// A retake stays in the same campaign, in its current wave (that is how people take
			// part in T1), not shared until the person says so.
			campaign: participation.campaign
				? {
						...participation.campaign,
						shared: false,
						sharedOn: null,
						wave: await waveOfRetake(participation.campaign.id)
					}
				: null
		});
		redirect(303, href(`/p/${token}`));
	}
} satisfies Actions;
