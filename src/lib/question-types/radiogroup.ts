/** `radiogroup`: One choice among statements or a scale. */
import type { QuestionType } from './definition';
import { choiceListDeclared, choiceListLive, choiceListOptions } from './choice-list';

export const radiogroup: QuestionType = {
	name: 'radiogroup',
	answer: 'one',
	scorable: true,
	widget: 'radios',
	options: choiceListOptions,
	liveOptions: choiceListLive,
	declaredOptions: choiceListDeclared
};
