/**
 * survey-core's expression parser and function registry, given to the pure expression checks
 * (src/lib/diagnostic/survey-expressions.ts): the rules stay pure, the grammar and the list of
 * functions are survey-core's own, so they cannot drift from what runs the questionnaire.
 */
import {
	ConditionsParser,
	FunctionFactory,
	getBuiltInVariableNames,
	settings,
	type Operand
} from 'survey-core';
import type { ExpressionParser, ParsedExpression } from '../../diagnostic/survey-expressions';

/** What the grammar met where it stopped: a quoted token, or null at the end of the text. */
function found(code: string): string | null {
	const what = /but (.*) found\.?$/.exec(code)?.[1];
	if (what === undefined || what === 'end of input') return null;
	return what.replace(/^"(.*)"$/, '$1').replace(/\\(.)/g, '$1');
}

function parse(text: string): ParsedExpression {
	// One parser per text: a parser keeps its last error even after a later success.
	const parser = new ConditionsParser();
	const operand = parser.parseExpression(text) as Operand | null | undefined;
	if (!operand) {
		const error = parser.error as { at?: number; code?: string } | undefined;
		return { ok: false, at: error?.at ?? 0, found: found(error?.code ?? '') };
	}
	const variables: string[] = [];
	operand.setVariables(variables);
	const operands: Operand[] = [];
	operand.addOperandsToList(operands);
	const functions = operands
		.filter((o) => o.getType() === 'function')
		.map((o) => (o as unknown as { functionName: string }).functionName);
	return { ok: true, variables, functions };
}

const { unwrapPostfix, ...contextVariables } = settings.expressionVariables as Record<
	string,
	string
>;

export const surveyCoreExpressions: ExpressionParser = {
	parse,
	hasFunction: (name) => FunctionFactory.Instance.hasFunction(name),
	contextNames: [...Object.values(contextVariables), ...getBuiltInVariableNames()].map((n) =>
		n.toLowerCase()
	),
	unwrapSuffix: unwrapPostfix ?? '-unwrapped'
};
