/**
 * The « every type » questionnaire of the SurveyJS corpus (tous-les-types.json): one question of
 * each supported type, wrapped as a package with every scorable one scored (points 0…N-1 in the
 * order of its values), and answer sets at each end of the scale. Shared by the Node test and
 * the browser journey.
 */
import type { QuestionnairePackage } from '$lib/diagnostic/types';
import { answerValues, cellElement } from '$lib/question-types/registry';
import type { Answers, ScoringModel } from '$lib/scoring/types';
import { extremeKey, questionsOf } from './answers';
import { allElements, corpusSurveys } from './surveyjs-corpus';

export const EVERY_TYPE_ID = 'tous-les-types';

export const everyTypeSurvey = () => corpusSurveys().find((c) => c.id === EVERY_TYPE_ID)!.survey;

/** Answers to the questions that are not scored (texts), as SurveyJS keeps them. */
export const TEXTS: Answers = {
	heures: 120,
	formation: { intitule: 'Classe inversée', outil: 'Moodle' },
	sessions: [{ theme: 'Accueil', mode: 'synchrone' }],
	modules: [{ intitule: 'Accueil à distance', modalite: 'asynchrone' }],
	remarque: 'Rien à ajouter.'
};

/**
 * Every scored question at its highest points (a checkbox: every choice with points) or its
 * lowest (a checkbox: its lowest choice alone; a ranking: its stated order, or reversed), as
 * SurveyJS values, with the texts.
 */
export function extremeAnswers(
	pkg: QuestionnairePackage,
	model: ScoringModel,
	highest: boolean
): Answers {
	const elements = new Map(allElements(pkg.survey).map((e) => [e.name, e]));
	const valueOf = (question: string, key: string) =>
		answerValues(elements.get(question)!).find((o) => o.key === key)!.value;
	const answers: Answers = { ...TEXTS };
	for (const [question, items] of questionsOf(model)) {
		const first = items[0]!;
		if (first.column !== undefined) {
			// A matrix's scored cells, each as its column's kin (ADR 0037).
			const rows = (answers[question] ??= {}) as Record<string, Record<string, unknown>>;
			for (const item of items) {
				const cell = cellElement(elements.get(question)!, item.column!)!;
				const value = (key: string) => answerValues(cell).find((o) => o.key === key)!.value;
				(rows[item.row!] ??= {})[item.column!] =
					item.kind === 'multiple'
						? highest
							? Object.entries(item.points)
									.filter(([, p]) => p > 0)
									.map(([k]) => value(k))
							: [value(extremeKey(item, false))]
						: value(extremeKey(item, highest));
			}
		} else if (first.kind === 'order') {
			// A ranking: its stated order, or that order reversed.
			const order = first.order!.map((k) => valueOf(question, k));
			answers[question] = highest ? order : order.reverse();
		} else if (first.row !== undefined) {
			answers[question] = Object.fromEntries(
				items.map((i) => [i.row!, valueOf(question, extremeKey(i, highest))])
			);
		} else if (first.kind === 'multiple') {
			answers[question] = highest
				? Object.entries(first.points)
						.filter(([, p]) => p > 0)
						.map(([k]) => valueOf(question, k))
				: [valueOf(question, extremeKey(first, false))];
		} else answers[question] = valueOf(question, extremeKey(first, highest));
	}
	return answers;
}
