/** `rating`: a scale, written as `rateValues` or as `rateMin`…`rateMax` by `rateStep`. */
import { valueKey } from '../diagnostic/survey-json';
import { liveItems, listOptions, type OptionRef, type QuestionType } from './definition';

/** SurveyJS generates at most this many values from rateMin/rateMax (a guard, not a limit met). */
const MAX_GENERATED = 100;

/** Stars or smileys (`rateType`): the same values, shown as labelled icons. */
const ICONS = new Set(['stars', 'smileys']);

export const rating: QuestionType = {
	name: 'rating',
	answer: 'one',
	scorable: true,
	widget: 'radios-inline',
	options(element, pointer) {
		if (Array.isArray(element.rateValues) && element.rateValues.length > 0) {
			return listOptions(element.rateValues, pointer, 'rateValues');
		}
		const min = typeof element.rateMin === 'number' ? element.rateMin : 1;
		const max = typeof element.rateMax === 'number' ? element.rateMax : 5;
		const step =
			typeof element.rateStep === 'number' && element.rateStep > 0 ? element.rateStep : 1;
		const values: OptionRef[] = [];
		for (let v = min; v <= max && values.length < MAX_GENERATED; v += step) {
			const key = valueKey(v);
			values.push({ key, value: v, pointer, text: () => key });
		}
		return values;
	},
	liveOptions: (q) => liveItems(q.visibleRateValues),
	declaredOptions: (q) => liveItems(q.visibleRateValues),
	variant: (props) => (ICONS.has(String(props.rateType)) ? ratingIcons : undefined)
};

const ratingIcons: QuestionType = { ...rating, widget: 'rating-icons', variant: undefined };
