/**
 * Answering a diagnostic page by page, shared by the private link (/p/) and the advisor's
 * guided session: the page to show, and saving a submitted page. The server applies the
 * questionnaire's rules and computes the score itself at completion.
 */
import type { Locale } from '../diagnostic/types';
import type { FieldErrors } from '../diagnostic/page-view';
import { scoreAnswers } from '../scoring/score';
import { m } from '../paraglide/messages';
import type { LoadedQuestionnaire } from './questionnaires/load';
import * as participations from './storage/participations';
import type { Participation } from './storage/participations';
import {
	adjacentPageName,
	buildPageView,
	completeAnswers,
	firstPageName,
	readPageForm,
	validatePage
} from './survey/runtime';

/** The page to answer now, and the share of items answered so far. */
export function answeringView(
	{ pkg, model }: LoadedQuestionnaire,
	participation: Participation,
	locale: Locale
) {
	// A page removed from an edited package: start again from the first page, answers kept.
	const pageName = pkg.survey.pages.some((p) => p.name === participation.pageName)
		? participation.pageName
		: firstPageName(pkg);
	const overall = scoreAnswers(model, participation.answers).overall;
	return {
		answeredShare: overall.items > 0 ? overall.answered / overall.items : 0,
		page: buildPageView(pkg, participation.answers, pageName, locale)
	};
}

/**
 * What became of a submitted page: `stay` (autosaved, errors only reported), `invalid` (kept,
 * to be shown again with errors: 400) or `moved` (saved, maybe completed: show the link again).
 */
export type SaveOutcome =
	| { kind: 'stay'; errors: FieldErrors }
	| { kind: 'invalid'; errors: FieldErrors; message: string | null }
	| { kind: 'moved' };

/**
 * Saves the page shown, then stays (autosave), goes back, goes on, or completes.
 * Saving never needs the page to be valid: nothing typed is lost.
 */
export async function savePage(
	{ pkg, model }: LoadedQuestionnaire,
	participation: Participation,
	form: FormData,
	locale: Locale
): Promise<SaveOutcome> {
	const pageName = form.get('page');
	if (typeof pageName !== 'string' || !pkg.survey.pages.some((p) => p.name === pageName)) {
		return { kind: 'invalid', errors: {}, message: m.q_unknown_step() };
	}
	const read = readPageForm(pkg, participation.answers, pageName, form, locale);
	const nav = form.get('nav');

	if (nav === 'stay') {
		await participations.saveProgress(participation, read.answers, pageName);
		return { kind: 'stay', errors: read.errors };
	}
	if (nav === 'prev') {
		const previous = adjacentPageName(pkg, read.answers, pageName, -1) ?? pageName;
		await participations.saveProgress(participation, read.answers, previous);
		return { kind: 'moved' };
	}

	const errors = { ...validatePage(pkg, read.answers, pageName, locale), ...read.errors };
	if (Object.keys(errors).length > 0) {
		await participations.saveProgress(participation, read.answers, pageName);
		return { kind: 'invalid', errors, message: null };
	}
	const next = adjacentPageName(pkg, read.answers, pageName, 1);
	if (next !== null) {
		await participations.saveProgress(participation, read.answers, next);
		return { kind: 'moved' };
	}
	const completed = completeAnswers(pkg, read.answers);
	if (!completed.ok) {
		await participations.saveProgress(participation, read.answers, completed.pageName);
		return { kind: 'moved' };
	}
	// The server computes the score from the answers; nothing computed by a browser is used.
	await participations.complete(
		participation,
		completed.answers,
		scoreAnswers(model, completed.answers)
	);
	return { kind: 'moved' };
}
