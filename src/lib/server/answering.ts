/**
 * Answering a diagnostic page by page, shared by the private link (/p/) and the advisor's
 * guided session: the page to show, and saving a submitted page. The server applies the
 * questionnaire's rules and computes the score itself at completion.
 */
import { fail, redirect } from '@sveltejs/kit';
import type { Locale } from '../diagnostic/types';
import type { FieldErrors, FormValue, PageView } from '../diagnostic/page-view';
import { answeredShare, scoreAnswers } from '../scoring/score';
import { m } from '../paraglide/messages';
import { surveyWidgets } from '../question-types/registry';
import type { LoadedQuestionnaire } from './questionnaires/load';
import * as participations from './storage/participations';
import type { Participation } from './storage/participations';
import { describeRefusal } from '../forms/problem-messages';
import { logRefusedForm } from './security/refusals';
import { withoutControlCharacters, type FormProblem } from '../forms/strict-form';
import {
	buildPageView,
	checkPage,
	firstPageName,
	MAX_TEXT_LENGTH,
	pageForm,
	readPageForm,
	type HeldOrder
} from './survey/runtime';

/** The page to answer now, and the share of scored items answered so far. */
export function answeringView(
	{ pkg, model }: LoadedQuestionnaire,
	participation: Participation,
	locale: Locale
) {
	// A page removed from an edited package: start again from the first page, answers kept.
	const pageName = pkg.survey.pages.some((p) => p.name === participation.pageName)
		? participation.pageName
		: firstPageName(pkg);
	return {
		answeredShare: answeredShare(model, participation.answers),
		page: buildPageView(pkg, participation.answers, pageName, locale),
		// Every widget the questionnaire may show, loaded before the page renders (ADR 0034).
		widgets: surveyWidgets(pkg.survey)
	};
}

/**
 * What became of a submitted page: `stay` (autosaved, errors only reported), `invalid` (kept,
 * to be shown again with errors: 400), `refused` (malformed, nothing of it saved: 400) or
 * `moved` (saved, maybe completed: show the link again).
 */
export type SaveOutcome =
	| {
			kind: 'stay';
			errors: FieldErrors;
			answeredShare: number;
			/** The page as the saved answers show it (its conditions applied), for live logic. */
			page: PageView | null;
	  }
	| {
			/** Sent to go on, but the answers showed new questions: the page is shown again. */
			kind: 'appeared';
			message: string;
			answeredShare: number;
	  }
	| {
			kind: 'invalid';
			errors: FieldErrors;
			message: string | null;
			answeredShare: number;
			page: PageView | null;
			/** A ranking's positions as given, when they were no order (shown again). */
			typed?: Record<string, FormValue>;
	  }
	| {
			kind: 'refused';
			/** Of the answers stored before (nothing of the refused page was saved). */
			answeredShare: number;
			errors: FieldErrors;
			message: string;
			/** Texts as typed (control characters taken out), so that they are not lost. */
			typed: Record<string, FormValue>;
			/** Names of the fields refused, for the security log. */
			fields: string[];
	  }
	| { kind: 'moved' };

/** The refusal of a malformed page: each problem beside its question, the rest in the message. */
function refusal(
	{ pkg, model }: LoadedQuestionnaire,
	stored: Participation['answers'],
	pageName: string | null,
	problems: FormProblem[],
	form: FormData,
	locale: Locale
): SaveOutcome {
	const page = pageName === null ? undefined : pageForm(pkg, pageName);
	const fields = problems.map((p) => p.field);
	const share = answeredShare(model, stored);
	if (!page) {
		const message = m.q_unknown_step();
		return { kind: 'refused', errors: {}, message, typed: {}, fields, answeredShare: share };
	}
	const { errors, refused } = describeRefusal(
		problems,
		(field) => (page.questionOf.has(field) ? page.labels[locale].get(field) : undefined),
		locale
	);
	const byQuestion: FieldErrors = {};
	for (const [field, message] of Object.entries(errors)) {
		const question = page.questionOf.get(field)!;
		byQuestion[question] = [...(byQuestion[question] ?? []), message];
	}
	const typed: Record<string, FormValue> = {};
	for (const q of page.questions) {
		const text = form.get(q.name);
		if (q.answer === 'text' && typeof text === 'string') {
			typed[q.name] = withoutControlCharacters(text).slice(0, MAX_TEXT_LENGTH);
		}
	}
	return {
		kind: 'refused',
		errors: byQuestion,
		message: refused ?? m.form_refused({}, { locale }),
		typed,
		fields,
		answeredShare: share
	};
}

/**
 * Why a ranking's positions are no order, in a locale, naming its options by their texts
 * (`texts`: option key → text on the page).
 */
function orderErrors(held: HeldOrder, texts: Map<string, string>, locale: Locale): string[] {
	const list = (keys: string[]) =>
		new Intl.ListFormat(locale, { type: 'conjunction' }).format(
			keys.map((k) => (locale === 'en' ? `“${texts.get(k) ?? k}”` : `« ${texts.get(k) ?? k} »`))
		);
	const { tied, missing } = held.gap;
	return [
		...tied.map((t) => m.q_rank_tied({ items: list(t.keys), position: t.position }, { locale })),
		...(missing.length > 0
			? [m.q_rank_missing({ count: missing.length, items: list(missing) }, { locale })]
			: [])
	];
}

/**
 * Saves the page shown, then stays (autosave), goes back, goes on, or completes. Saving never
 * needs the page to be complete: nothing typed is lost. A malformed page is refused whole.
 */
export async function savePage(
	questionnaire: LoadedQuestionnaire,
	participation: Participation,
	form: FormData,
	locale: Locale,
	/** An enhanced page (JavaScript) swaps in the page its answers show; a plain one reloads. */
	live = false
): Promise<SaveOutcome> {
	const { pkg, model } = questionnaire;
	const stored = participation.answers;
	const read = readPageForm(pkg, stored, form);
	if (!read.ok) return refusal(questionnaire, stored, read.pageName, read.problems, form, locale);
	const { pageName, nav, answers, appeared, skipTo, grew, held } = read;
	// An entry added or removed: saved, and the same page shown again with it (no errors yet).
	if (grew) {
		await participations.saveProgress(participation, answers, pageName);
		return { kind: 'moved' };
	}
	// Rankings numbered with ties or gaps: the rest of the page is saved and the page shown again
	// with the positions as given and why, wherever the person meant to go (nothing typed lost).
	if (held.length > 0) {
		await participations.saveProgress(participation, answers, pageName);
		const view = buildPageView(pkg, answers, pageName, locale);
		const errors: FieldErrors = {};
		const typed: Record<string, FormValue> = {};
		for (const h of held) {
			const choices = view.questions.find((q) => q.name === h.question)?.choices ?? [];
			errors[h.question] = orderErrors(h, new Map(choices.map((c) => [c.key, c.text])), locale);
			typed[h.question] = h.positions;
		}
		return {
			kind: 'invalid',
			errors,
			message: null,
			answeredShare: answeredShare(model, answers),
			page: live ? view : null,
			typed
		};
	}
	// A skip trigger fired: SurveyJS goes to its question's page at once.
	if (skipTo !== null && nav !== 'prev') {
		await participations.saveProgress(participation, answers, skipTo);
		return { kind: 'moved' };
	}
	// Never refused for a question the person could not see: the page comes back with it.
	if (appeared.length > 0 && nav === 'next') {
		await participations.saveProgress(participation, answers, pageName);
		return {
			kind: 'appeared',
			message: m.q_new_questions(
				{ count: appeared.length, titles: appeared.map((t) => `« ${t} »`).join(', ') },
				{ locale }
			),
			answeredShare: answeredShare(model, answers)
		};
	}
	const check = checkPage(pkg, answers, pageName, locale, nav === 'next');
	if (check.problems.length > 0) {
		return refusal(questionnaire, stored, pageName, check.problems, form, locale);
	}
	// What the progress line shows after this save, also when the page stays (autosave, refusal
	// as incomplete): the enhanced form does not reload the page's data then.
	const share = answeredShare(model, answers);

	if (nav === 'stay') {
		await participations.saveProgress(participation, answers, pageName);
		return {
			kind: 'stay',
			errors: check.errors,
			answeredShare: share,
			page: live ? buildPageView(pkg, answers, pageName, locale) : null
		};
	}
	if (nav === 'prev') {
		await participations.saveProgress(participation, answers, check.previous ?? pageName);
		return { kind: 'moved' };
	}
	if (Object.keys(check.errors).length > 0) {
		await participations.saveProgress(participation, answers, pageName);
		return {
			kind: 'invalid',
			errors: check.errors,
			message: null,
			answeredShare: share,
			page: live ? buildPageView(pkg, answers, pageName, locale) : null
		};
	}
	if (check.next !== null) {
		await participations.saveProgress(participation, answers, check.next);
		return { kind: 'moved' };
	}
	if (!check.completion?.ok) {
		await participations.saveProgress(
			participation,
			answers,
			check.completion?.pageName ?? pageName
		);
		return { kind: 'moved' };
	}
	// The server computes the score from the answers; nothing computed by a browser is used.
	const completed = check.completion.answers;
	await participations.complete(participation, completed, scoreAnswers(model, completed));
	return { kind: 'moved' };
}

/**
 * The answer of a page-save action to its outcome, the same for /p/ and guided sessions: the
 * autosave's result, 400 with the errors (refusals logged under `route`), or 303 to `self`.
 */
export function answerSave(outcome: SaveOutcome, route: string, self: string) {
	if (outcome.kind === 'moved') redirect(303, self);
	if (outcome.kind === 'appeared') {
		const { message, answeredShare } = outcome;
		return { saved: true, errors: {}, message, answeredShare };
	}
	const { errors, answeredShare } = outcome;
	if (outcome.kind === 'stay') {
		return { saved: true, errors, message: null, answeredShare, page: outcome.page };
	}
	logRefusedForm(route, outcome.kind === 'refused' ? outcome.fields : Object.keys(errors));
	return fail(400, {
		errors,
		message: outcome.message,
		typed: outcome.typed ?? {},
		answeredShare,
		...(outcome.kind === 'invalid' && outcome.page ? { page: outcome.page } : {})
	});
}
