/**
 * `boolean`: yes or no. Its two values are `valueTrue` and `valueFalse` (true and false unless
 * set), shown as `labelTrue` and `labelFalse`, or as survey-core's own « Oui » / « Non »
 * (« Yes » / « No ») when the package does not name them.
 */
import type { Locale, SurveyText } from '../diagnostic/types';
import { surveyText, valueKey } from '../diagnostic/survey-json';
import type { LiveOption, LiveQuestion, QuestionType } from './definition';

/** survey-core's defaults (booleanCheckedLabel / booleanUncheckedLabel of its fr and en localisations). */
const YES: Record<Locale, string> = { fr: 'Oui', en: 'Yes' };
const NO: Record<Locale, string> = { fr: 'Non', en: 'No' };

function live(q: LiveQuestion): LiveOption[] {
	return [
		{ value: q.valueTrue ?? true, text: String(q.labelTrue) },
		{ value: q.valueFalse ?? false, text: String(q.labelFalse) }
	];
}

export const boolean: QuestionType = {
	name: 'boolean',
	answer: 'one',
	scorable: true,
	widget: 'radios-inline',
	options(element, pointer) {
		const side = (value: unknown, label: unknown, fallback: Record<Locale, string>) => ({
			key: valueKey(value),
			value,
			pointer,
			text: (locale: Locale) =>
				surveyText(label as SurveyText | undefined, locale) ?? fallback[locale]
		});
		return [
			side(element.valueTrue ?? true, element.labelTrue, YES),
			side(element.valueFalse ?? false, element.labelFalse, NO)
		];
	},
	liveOptions: live,
	declaredOptions: live
};
