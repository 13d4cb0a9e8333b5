/**
 * `tagbox`: a multiple choice shown by SurveyJS as a drop-down of tags. Its answer, its items
 * (« none », « other », « select all ») and its scoring are a checkbox's; Repères shows it as the
 * same group of checkboxes, which every keyboard and screen reader knows.
 */
import type { QuestionType } from './definition';
import { checkbox } from './checkbox';

export const tagbox: QuestionType = { ...checkbox, name: 'tagbox' };
