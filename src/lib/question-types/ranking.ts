/**
 * `ranking`: the person puts the choices in order. SurveyJS keeps the value of every choice it
 * shows, in that order (hidden choices are left out, choices shown since are added at the end:
 * survey-core does both). The form has a field `name[value]` per choice holding its position;
 * scoring.json scores the order against a stated one (`order`, ADR 0036). No « none », « other »
 * or « select all » item: survey-core's ranking has none.
 */
import { listOptions, type QuestionType } from './definition';
import { choiceListDeclared, choiceListLive } from './choice-list';

export const ranking: QuestionType = {
	name: 'ranking',
	answer: 'order',
	scorable: true,
	widget: 'ranking',
	options: (element, pointer) => listOptions(element.choices, pointer, 'choices'),
	liveOptions: choiceListLive,
	declaredOptions: choiceListDeclared
};
