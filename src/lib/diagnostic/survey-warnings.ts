/**
 * Warnings about a survey.json: things that load and work, but that an author probably does not
 * mean. A warning never stops a package; questionnaires:check and the server's start print them.
 *
 * - Properties survey-core understands but Repères does not show: the page is Repères' own
 *   (QuestionField.svelte, ADR 0027, 0030), so SurveyJS's layout, navigation and theme settings
 *   have no effect. The list is kept short and sure: a property missing here is not warned about,
 *   a property listed here that Repères comes to show must leave it.
 * - Questions that seem to collect personal data: Repères is anonymous by default (ADR 0019), and
 *   a free-text field asking for a name or an e-mail address makes answers identifying.
 */
import type { PackageError } from './validate-package';
import { defaultText } from './survey-json';
import { isSupportedType, questionType } from '../question-types/registry';
import type { SurveyText } from './types';

const PAGE_IS_OURS = 'Repères affiche ses propres étapes, sa progression et sa mise en page';
const NOT_SHOWN = 'Repères ne l’affiche pas';

/** Survey-wide properties Repères ignores, with why. */
export const IGNORED_SURVEY_PROPERTIES: Readonly<Record<string, string>> = {
	showQuestionNumbers: 'Repères ne numérote pas les questions',
	questionNumberPattern: 'Repères ne numérote pas les questions',
	showProgressBar: PAGE_IS_OURS,
	progressBarType: PAGE_IS_OURS,
	progressBarLocation: PAGE_IS_OURS,
	showTOC: PAGE_IS_OURS,
	tocLocation: PAGE_IS_OURS,
	questionsOnPageMode: PAGE_IS_OURS,
	showPrevButton: PAGE_IS_OURS,
	showNavigationButtons: PAGE_IS_OURS,
	navigationButtonsLocation: PAGE_IS_OURS,
	questionTitleLocation: PAGE_IS_OURS,
	questionDescriptionLocation: PAGE_IS_OURS,
	questionErrorLocation: PAGE_IS_OURS,
	widthMode: PAGE_IS_OURS,
	width: PAGE_IS_OURS,
	headerView: PAGE_IS_OURS,
	logo: 'le thème et le logo sont ceux de Repères',
	logoPosition: 'le thème et le logo sont ceux de Repères',
	backgroundImage: 'le thème et le logo sont ceux de Repères',
	completedHtml: 'Repères montre ses résultats à la fin du questionnaire',
	completedHtmlOnCondition: 'Repères montre ses résultats à la fin du questionnaire',
	showCompletedPage: 'Repères montre ses résultats à la fin du questionnaire',
	navigateToUrl: 'Repères montre ses résultats à la fin du questionnaire',
	navigateToUrlOnCondition: 'Repères montre ses résultats à la fin du questionnaire',
	showTimer: 'Repères ne minute pas les réponses',
	showTimerPanel: 'Repères ne minute pas les réponses',
	timeLimit: 'Repères ne minute pas les réponses',
	maxTimeToFinish: 'Repères ne minute pas les réponses'
};

/** Properties of a question Repères ignores, with why. */
export const IGNORED_QUESTION_PROPERTIES: Readonly<Record<string, string>> = {
	titleLocation: PAGE_IS_OURS,
	descriptionLocation: PAGE_IS_OURS,
	hideNumber: 'Repères ne numérote pas les questions',
	startWithNewLine: PAGE_IS_OURS,
	width: PAGE_IS_OURS,
	minWidth: PAGE_IS_OURS,
	maxWidth: PAGE_IS_OURS,
	colCount: PAGE_IS_OURS,
	renderAs: PAGE_IS_OURS,
	displayMode: PAGE_IS_OURS,
	rateType: PAGE_IS_OURS,
	placeholder: NOT_SHOWN,
	showCommentArea: 'Repères ne montre pas de zone de commentaire sous une question',
	hasComment: 'Repères ne montre pas de zone de commentaire sous une question',
	showClearButton: NOT_SHOWN,
	allowCustomChoices:
		'Repères ne propose que les choix du questionnaire : on ne peut pas en ajouter',
	maskType: 'Repères n’applique pas de masque de saisie',
	maskSettings: 'Repères n’applique pas de masque de saisie'
};

/** Words of a title that ask who someone is or how to reach them. */
const PERSONAL_TITLE =
	/(^|[^\p{L}])(nom|prénom|prenom|e-?mail|courriel|mail|téléphone|telephone|portable|adresse|name|surname|phone|address)([^\p{L}]|$)/iu;
const PERSONAL_INPUT_TYPES: Readonly<Record<string, string>> = {
	email: 'une adresse e-mail',
	tel: 'un numéro de téléphone'
};

const isObj = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every warning about a survey.json (pointers only; the validator puts the place in front). */
export function surveyWarnings(survey: unknown): PackageError[] {
	const warnings: PackageError[] = [];
	if (!isObj(survey)) return warnings;
	const warn = (code: PackageError['code'], pointer: string, message: string) =>
		warnings.push({ code, file: 'survey.json', pointer, message });
	const ignored = (
		obj: Record<string, unknown>,
		table: Readonly<Record<string, string>>,
		at: string
	) => {
		for (const key of Object.keys(obj)) {
			const why = Object.hasOwn(table, key) ? table[key] : undefined;
			if (why) warn('ignored-property', `${at}/${key}`, `« ${key} » sans effet : ${why}`);
		}
	};
	ignored(survey, IGNORED_SURVEY_PROPERTIES, '');

	const element = (node: unknown, at: string) => {
		if (!isObj(node)) return;
		ignored(node, IGNORED_QUESTION_PROPERTIES, at);
		// A dynamic panel's questions are asked in each panel: warned about the same way.
		for (const list of ['elements', 'templateElements'] as const) {
			const children = node[list];
			if (Array.isArray(children)) children.forEach((e, i) => element(e, `${at}/${list}/${i}`));
		}
		if (!isSupportedType(node.type) || questionType(node.type, node).answer !== 'text') return;
		const kind =
			typeof node.inputType === 'string' ? PERSONAL_INPUT_TYPES[node.inputType] : undefined;
		const title = defaultText(node.title as SurveyText | undefined) ?? '';
		const word = PERSONAL_TITLE.exec(title)?.[2];
		if (kind || word) {
			warn(
				'personal-data',
				kind ? `${at}/inputType` : `${at}/title`,
				`cette question semble demander ${kind ?? `une donnée personnelle (« ${word} »)`} : ` +
					'Repères est anonyme par défaut, et une telle réponse identifie la personne ; ' +
					'dites-le dans l’intro ou retirez la question'
			);
		}
	};
	if (Array.isArray(survey.pages)) {
		survey.pages.forEach((page, p) => {
			if (!isObj(page) || !Array.isArray(page.elements)) return;
			page.elements.forEach((e, i) => element(e, `/pages/${p}/elements/${i}`));
		});
	}
	return warnings;
}
