/**
 * What a questionnaire page looks like to the renderer: plain, serialisable data built on the
 * server from survey-core (ADR 0004), so that pages render without survey-core in the browser.
 */
import type { Widget } from '../question-types/definition';
import type { SupportedType } from '../question-types/registry';
import type { AnswerStep } from './answer-steps';
import type { TimeLeft } from './time-estimate';

export interface ChoiceView {
	/** Form value of the choice (the SurveyJS value as text). */
	key: string;
	text: string;
	/** Its place on the question's scale, for a scored choice (answer-steps.ts). */
	step?: AnswerStep;
}

/** Current answer in form terms: a key, several keys, keys per matrix row, or text. */
export type FormValue = string | string[] | Record<string, string> | null;

export interface QuestionView {
	name: string;
	type: SupportedType;
	/** How it is shown (its type's widget). */
	widget: Widget;
	title: string;
	description: string;
	required: boolean;
	choices: ChoiceView[];
	/** Matrix rows. */
	rows: ChoiceView[];
	value: FormValue;
	errors: string[];
	/** Free-text questions: maximum length accepted by the server. */
	maxLength?: number;
}

export interface PageView {
	name: string;
	/** Position among the visible pages, from 0. */
	index: number;
	count: number;
	title: string;
	description: string;
	questions: QuestionView[];
	isFirst: boolean;
	isLast: boolean;
	/** Estimated minutes for this page and for the rest of the questionnaire (time-estimate.ts). */
	time: TimeLeft;
}

/** Field errors of a page, by question name. */
export type FieldErrors = Record<string, string[]>;
