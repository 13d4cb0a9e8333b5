/**
 * `imagepicker`: a choice among pictures, one by default, several with `multiSelect` (then
 * answered and scored like a checkbox: the capped sum of its points, ADR 0034's `variant`). Its
 * images are files of the package (`imageLink`, checked by the validator, served by the app,
 * ADR 0039); each choice's `text` is the picture's alternative text. survey-core offers no
 * « none » or « other » item here, so none is implied.
 */
import { listOptions, type LiveOption, type LiveQuestion, type QuestionType } from './definition';
import { choiceListDeclared } from './choice-list';

/** survey-core's image items with the image each shows (in the model's locale). */
function imageItems(list: unknown): LiveOption[] {
	if (!Array.isArray(list)) return [];
	return list.map((c: { value: unknown; text: string; imageLink?: unknown }) => ({
		value: c.value,
		text: c.text,
		...(typeof c.imageLink === 'string' && c.imageLink !== '' ? { image: c.imageLink } : {})
	}));
}

export const imagepicker: QuestionType = {
	name: 'imagepicker',
	answer: 'one',
	scorable: true,
	widget: 'images',
	options: (element, pointer) => listOptions(element.choices, pointer, 'choices'),
	liveOptions: (q: LiveQuestion) => imageItems(q.visibleChoices),
	declaredOptions: choiceListDeclared,
	variant: (props) => (props.multiSelect === true ? imagepickerMultiple : undefined)
};

/** With `multiSelect`: several pictures, kept as a list (a checkbox's answer and scoring). */
const imagepickerMultiple: QuestionType = { ...imagepicker, answer: 'several', variant: undefined };
