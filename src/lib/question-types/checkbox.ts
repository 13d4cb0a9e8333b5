/** `checkbox`: Several choices; scored on the capped sum of their points. */
import type { QuestionType } from './definition';
import { choiceListDeclared, choiceListLive, choiceListOptions } from './choice-list';

export const checkbox: QuestionType = {
	name: 'checkbox',
	answer: 'several',
	scorable: true,
	widget: 'checkboxes',
	options: choiceListOptions,
	liveOptions: choiceListLive,
	declaredOptions: choiceListDeclared
};
