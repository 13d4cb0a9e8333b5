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
import { cellTypeOf } from '../question-types/matrix-cells';
import type { SurveyText } from './types';
import { M, problem, type Message } from './validator-messages';

const PAGE_IS_OURS = M.pageIsOurs;
const NOT_SHOWN = M.notShown;

/** Survey-wide properties Repères ignores, with why. */
export const IGNORED_SURVEY_PROPERTIES: Readonly<Record<string, Message>> = {
	showQuestionNumbers: M.noNumbering,
	questionNumberPattern: M.noNumbering,
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
	logo: M.themeIsOurs,
	logoPosition: M.themeIsOurs,
	backgroundImage: M.themeIsOurs,
	completedHtml: M.resultsAtEnd,
	completedHtmlOnCondition: M.resultsAtEnd,
	showCompletedPage: M.resultsAtEnd,
	navigateToUrl: M.resultsAtEnd,
	navigateToUrlOnCondition: M.resultsAtEnd,
	showTimer: M.noTimer,
	showTimerPanel: M.noTimer,
	timeLimit: M.noTimer,
	maxTimeToFinish: M.noTimer
};

/** Properties of a question Repères ignores, with why. */
export const IGNORED_QUESTION_PROPERTIES: Readonly<Record<string, Message>> = {
	titleLocation: PAGE_IS_OURS,
	descriptionLocation: PAGE_IS_OURS,
	hideNumber: M.noNumbering,
	startWithNewLine: PAGE_IS_OURS,
	width: PAGE_IS_OURS,
	minWidth: PAGE_IS_OURS,
	maxWidth: PAGE_IS_OURS,
	colCount: PAGE_IS_OURS,
	renderAs: PAGE_IS_OURS,
	displayMode: PAGE_IS_OURS,
	rateType: PAGE_IS_OURS,
	placeholder: NOT_SHOWN,
	showCommentArea: M.noCommentArea,
	hasComment: M.noCommentArea,
	showClearButton: NOT_SHOWN,
	allowCustomChoices: M.noCustomChoices,
	maskType: M.noInputMask,
	maskSettings: M.noInputMask,
	// Matrices of cells (ADR 0037): rows are shown as rows, without totals or detail panels.
	transposeData: PAGE_IS_OURS,
	allowRowReorder: PAGE_IS_OURS,
	detailPanelMode: NOT_SHOWN,
	detailElements: NOT_SHOWN,
	totalExpression: NOT_SHOWN,
	totalType: NOT_SHOWN,
	totalText: NOT_SHOWN
};

/** Words of a title that ask who someone is or how to reach them. */
const PERSONAL_TITLE =
	/(^|[^\p{L}])(nom|prénom|prenom|e-?mail|courriel|mail|téléphone|telephone|portable|adresse|name|surname|phone|address)([^\p{L}]|$)/iu;
const PERSONAL_INPUT_TYPES = ['email', 'tel'] as const;

const isObj = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every warning about a survey.json (pointers only; the validator puts the place in front). */
export function surveyWarnings(survey: unknown): PackageError[] {
	const warnings: PackageError[] = [];
	if (!isObj(survey)) return warnings;
	const warn = (code: PackageError['code'], pointer: string, message: Message) =>
		warnings.push(problem(code, 'survey.json', pointer, message));
	const ignored = (
		obj: Record<string, unknown>,
		table: Readonly<Record<string, Message>>,
		at: string
	) => {
		for (const key of Object.keys(obj)) {
			const why = Object.hasOwn(table, key) ? table[key] : undefined;
			if (why) warn('ignored-property', `${at}/${key}`, M.ignoredProperty({ property: key, why }));
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
		// A matrix's columns are questions asked in each row, of their cell type (ADR 0037).
		if (
			(node.type === 'matrixdropdown' || node.type === 'matrixdynamic') &&
			Array.isArray(node.columns)
		) {
			node.columns.forEach((column, i) => {
				if (isObj(column))
					element({ ...column, type: cellTypeOf(node as never, column) }, `${at}/columns/${i}`);
			});
		}
		if (!isSupportedType(node.type) || questionType(node.type, node).answer !== 'text') return;
		const inputType = PERSONAL_INPUT_TYPES.find((t) => t === node.inputType);
		const title = defaultText(node.title as SurveyText | undefined) ?? '';
		const word = PERSONAL_TITLE.exec(title)?.[2];
		if (inputType || word) {
			warn(
				'personal-data',
				inputType ? `${at}/inputType` : `${at}/title`,
				M.personalData(inputType ? { inputType } : { word })
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
