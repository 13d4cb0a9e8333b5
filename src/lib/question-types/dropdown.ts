/** `dropdown`: One choice in a list. */
import type { QuestionType } from './definition';
import { choiceListDeclared, choiceListLive, choiceListOptions } from './choice-list';

export const dropdown: QuestionType = {
	name: 'dropdown',
	answer: 'one',
	scorable: true,
	widget: 'select',
	options: choiceListOptions,
	liveOptions: choiceListLive,
	declaredOptions: choiceListDeclared
};
