import { error, fail, redirect } from '@sveltejs/kit';
import { formatWait } from '$lib/format/duration';
import type { Actions, PageServerLoad } from './$types';
import { findQuestionnaire } from '$lib/server/questionnaires/registry';
import { firstPageName } from '$lib/server/survey/runtime';
import * as participations from '$lib/server/storage/participations';
import { newToken, tokenForAttempt } from '$lib/server/storage/tokens';
import { levelLabel, localize, localizedLang } from '$lib/diagnostic/localized';
import { contentLanguage, languageNameIn, langWhenOther } from '$lib/diagnostic/languages';
import { getLocale, href, m } from '$lib/i18n';
import { BUDGETS, createWithin, setRetryAfter } from '$lib/server/security/budgets';
import { fields } from '$lib/forms/strict-form';
import { ATTEMPT, strictPost } from '$lib/server/form-post';

const START_FORM = fields({ attempt: ATTEMPT });

function questionnaireOr404(id: string) {
	const questionnaire = findQuestionnaire(id);
	if (!questionnaire) error(404, 'Not found');
	return questionnaire;
}

export const load = (async ({ params, setHeaders }) => {
	const { pkg, counts } = questionnaireOr404(params.id);
	// The page carries a one-time start attempt (it leads to a private link): never cached.
	setHeaders({ 'cache-control': 'private, no-store' });
	const locale = getLocale();
	const t = (text: Parameters<typeof localize>[0]) => localize(text, locale);
	const { manifest } = pkg;
	const language = contentLanguage(pkg, locale);
	return {
		// The package's words, marked when not in the page's language (RGAA 8.7), and the
		// questionnaire's language said when it is not the interface's (ADR 0035).
		lang: localizedLang(manifest.title, locale),
		questionsLanguage: langWhenOther(language, locale) && languageNameIn(language, locale),
		title: t(manifest.title),
		summary: t(manifest.summary),
		audience: t(manifest.audience),
		measures: t(manifest.measures),
		about: t(manifest.about),
		durationMinutes: manifest.durationMinutes,
		licence: manifest.licence,
		version: manifest.version,
		sources: manifest.sources.map((s) => ({
			...s,
			publisher: t(s.publisher),
			licence: t(s.licence),
			use: t(s.use)
		})),
		counts,
		areas: pkg.framework.areas.map((a) => ({
			id: a.id,
			name: t(a.name),
			competenceCount: a.competences.length
		})),
		levels: {
			name: t(pkg.levels.name),
			note: t(pkg.levels.note),
			labels: pkg.levels.levels.map((l) => levelLabel(l, locale))
		},
		attempt: newToken().token
	};
}) satisfies PageServerLoad;

export const actions = {
	/**
	 * Starts a participation and sends the person to its private link. Starts count against the
	 * client's hourly budget (ADR 0023); a replay of the same attempt is not a new start.
	 */
	start: async ({ params, request }) => {
		const { pkg } = questionnaireOr404(params.id);
		const read = await strictPost(
			request,
			START_FORM,
			() => undefined,
			getLocale(),
			'/diagnostics/[id]?/start'
		);
		if (!read.ok) return fail(400, { refused: read.refusal.refused });
		const attempt = read.form.has('attempt') ? read.form.text('attempt') : null;
		const link = tokenForAttempt(attempt, `start:${pkg.manifest.id}`);
		if (!(await participations.findByToken(link))) {
			const started = await createWithin(BUDGETS.starts, () =>
				participations.create(
					{
						questionnaireId: pkg.manifest.id,
						questionnaireVersion: pkg.manifest.version,
						pageName: firstPageName(pkg)
					},
					link
				)
			);
			// Refused, unless a doubled click created it meanwhile.
			if ('retryAfter' in started && !(await participations.findByToken(link))) {
				setRetryAfter(started.retryAfter);
				return fail(429, { refused: m.too_many_starts({ wait: formatWait(started.retryAfter) }) });
			}
		}
		redirect(303, href(`/p/${link}`));
	}
} satisfies Actions;
