/**
 * The expressions of a survey.json (conditions, computed values, triggers…) checked before any
 * participant meets them: each must parse, call only known functions and name only questions,
 * calculated values or variables that exist. survey-core silently treats a broken condition as
 * false (a question never shown) and an unknown name as empty; an author would never know.
 *
 * Pure: the parser (survey-core's, on the server) is passed in, so that this module and the
 * validator stay free of survey-core (ADR 0004).
 */
import type { PackageError } from './validate-package';
import { M, problem, type Message } from './validator-messages';

/** What a parser says of one expression. */
export type ParsedExpression =
	| { ok: true; variables: string[]; functions: string[] }
	| { ok: false; at: number; found: string | null };

export interface ExpressionParser {
	parse(text: string): ParsedExpression;
	hasFunction(name: string): boolean;
	/**
	 * Lowercase names SurveyJS provides itself: prefixes that depend on where the expression
	 * runs (`row`, `panel`, `item`…) and variables of every survey (`locale`, `pageno`…).
	 */
	contextNames: string[];
	/** Suffix SurveyJS accepts after a name for its raw value (`-unwrapped`). */
	unwrapSuffix: string;
}

/** One expression written in survey.json. */
export interface SurveyExpression {
	pointer: string;
	property: string;
	text: string;
}

const isObj = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

/** Properties of a question, panel or page that hold an expression (SurveyJS's `isExpression`). */
export const ELEMENT_EXPRESSIONS = [
	'visibleIf',
	'enableIf',
	'requiredIf',
	'resetValueIf',
	'setValueIf',
	'setValueExpression',
	'defaultValueExpression',
	'choicesVisibleIf',
	'choicesEnableIf',
	'rowsVisibleIf',
	'columnsVisibleIf',
	'minValueExpression',
	'maxValueExpression'
] as const;
/** Properties of a choice, a row or a column. */
const ITEM_EXPRESSIONS = ['visibleIf', 'enableIf'] as const;
const ITEM_LISTS = ['choices', 'rows', 'columns', 'rateValues'] as const;
/** Lists of the survey whose entries have an `expression`. */
const SURVEY_LISTS = [
	'calculatedValues',
	'triggers',
	'completedHtmlOnCondition',
	'navigateToUrlOnCondition'
] as const;

/** Every expression of a survey.json, with its JSON Pointer. */
export function surveyExpressions(survey: unknown): SurveyExpression[] {
	const out: SurveyExpression[] = [];
	const add = (obj: Record<string, unknown>, property: string, at: string) => {
		const text = obj[property];
		if (typeof text === 'string' && text.trim() !== '') {
			out.push({ pointer: `${at}/${property}`, property, text });
		}
	};
	const element = (node: unknown, at: string) => {
		if (!isObj(node)) return;
		for (const property of ELEMENT_EXPRESSIONS) add(node, property, at);
		// An `expression` question's formula.
		if (node.type === 'expression') add(node, 'expression', at);
		for (const list of ITEM_LISTS) {
			const items = node[list];
			if (!Array.isArray(items)) continue;
			items.forEach((item, i) => {
				if (isObj(item)) for (const p of ITEM_EXPRESSIONS) add(item, p, `${at}/${list}/${i}`);
			});
		}
		if (Array.isArray(node.validators)) {
			node.validators.forEach((v, i) => {
				if (isObj(v) && v.type === 'expression') add(v, 'expression', `${at}/validators/${i}`);
			});
		}
		// Panels (and dynamic panels' templates) hold elements of their own.
		for (const list of ['elements', 'templateElements']) {
			const children = node[list];
			if (Array.isArray(children)) children.forEach((c, i) => element(c, `${at}/${list}/${i}`));
		}
	};
	if (!isObj(survey)) return out;
	if (Array.isArray(survey.pages)) survey.pages.forEach((p, i) => element(p, `/pages/${i}`));
	for (const list of SURVEY_LISTS) {
		const entries = survey[list];
		if (!Array.isArray(entries)) continue;
		entries.forEach((entry, i) => {
			if (!isObj(entry)) return;
			add(entry, 'expression', `/${list}/${i}`);
			if (list === 'triggers') add(entry, 'runExpression', `/${list}/${i}`);
		});
	}
	return out;
}

/** Names of the questions, panels and their value names, anywhere in the survey (lowercase). */
function elementNames(survey: Record<string, unknown>): Set<string> {
	const names = new Set<string>();
	const walk = (node: unknown) => {
		if (!isObj(node)) return;
		for (const key of ['name', 'valueName']) {
			if (typeof node[key] === 'string') names.add((node[key] as string).toLowerCase());
		}
		for (const list of ['elements', 'templateElements']) {
			if (Array.isArray(node[list])) (node[list] as unknown[]).forEach(walk);
		}
	};
	if (Array.isArray(survey.pages)) survey.pages.forEach(walk);
	return names;
}

/**
 * Whether a variable of an expression names something that exists. A name may go on with a
 * property or an index (`{matrix.row}`, `{q[0].x}`, `{q.length}`) and names may hold dots
 * themselves, so every prefix cut at a `.` or `[` is tried; a name SurveyJS provides in context
 * (`{row.x}`, `{panel.x}`, `{item}`) is accepted wherever it is written: when unsure, accept.
 */
function knownVariable(variable: string, known: Set<string>, parser: ExpressionParser): boolean {
	let name = variable.toLowerCase().trim();
	if (name.endsWith(parser.unwrapSuffix.toLowerCase())) {
		name = name.slice(0, -parser.unwrapSuffix.length);
	}
	const context = new Set(parser.contextNames);
	const head = name.replace(/^\$/, '').split(/[.[]/)[0] ?? '';
	if (context.has(head) || context.has(name)) return true;
	if (known.has(name)) return true;
	for (let i = 0; i < name.length; i++) {
		if ((name[i] === '.' || name[i] === '[') && known.has(name.slice(0, i))) return true;
	}
	return false;
}

/** Why an expression does not parse, said with the place it stops at. */
function syntaxProblem(
	property: string,
	expression: string,
	at: number,
	found: string | null
): Message {
	if (found === null || at >= expression.length) {
		return M.expressionIncomplete({ property, expression });
	}
	const before = expression.slice(Math.max(0, at - 15), at);
	const after = expression.slice(at, at + 15);
	return M.expressionUnreadable({ property, expression, at: at + 1, before, after, found });
}

/**
 * Checks every expression of a survey: it parses, calls known functions, names known
 * questions, calculated values or variables; and the names triggers copy from or go to exist.
 */
export function checkSurveyExpressions(survey: unknown, parser: ExpressionParser): PackageError[] {
	if (!isObj(survey)) return [];
	const errors: PackageError[] = [];
	const fail = (code: PackageError['code'], pointer: string, message: Message) =>
		errors.push(problem(code, 'survey.json', pointer, message));
	const known = elementNames(survey);
	if (Array.isArray(survey.calculatedValues)) {
		for (const v of survey.calculatedValues) {
			if (isObj(v) && typeof v.name === 'string') known.add(v.name.toLowerCase());
		}
	}
	const questionNames = new Set(known);
	// A `setvalue` trigger may set a variable that is no question: it then exists.
	const triggers = Array.isArray(survey.triggers) ? survey.triggers : [];
	for (const t of triggers) {
		if (isObj(t) && typeof t.setToName === 'string') known.add(t.setToName.toLowerCase());
	}

	for (const { pointer, property, text } of surveyExpressions(survey)) {
		const parsed = parser.parse(text);
		if (!parsed.ok) {
			fail('invalid-expression', pointer, syntaxProblem(property, text, parsed.at, parsed.found));
			continue;
		}
		for (const name of new Set(parsed.functions)) {
			if (!parser.hasFunction(name)) {
				fail('unknown-function', pointer, M.unknownFunction({ property, name, expression: text }));
			}
		}
		for (const variable of new Set(parsed.variables)) {
			if (!knownVariable(variable, known, parser)) {
				fail(
					'unknown-variable',
					pointer,
					M.unknownVariable({ property, variable, expression: text })
				);
			}
		}
	}

	// Triggers that copy a question or go to one name it by its name.
	triggers.forEach((t, i) => {
		if (!isObj(t)) return;
		for (const key of ['fromName', 'gotoName', 'setToName']) {
			const name = t[key];
			if (typeof name !== 'string' || name === '') continue;
			// setToName may create a variable: only a copy needs an existing target.
			if (key === 'setToName' && t.type !== 'copyvalue') continue;
			if (!questionNames.has(name.toLowerCase())) {
				fail(
					'unknown-variable',
					`/triggers/${i}/${key}`,
					M.triggerNameUnknown({ property: key, name })
				);
			}
		}
	});
	return errors;
}
