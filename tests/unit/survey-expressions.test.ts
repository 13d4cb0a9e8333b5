import { describe, expect, test } from 'vitest';
import { checkSurveyExpressions, surveyExpressions } from '$lib/diagnostic/survey-expressions';
import { surveyCoreExpressions } from '$lib/server/questionnaires/expressions';

/** A survey with one question per page element given, and the expression under test. */
const survey = (extra: Record<string, unknown> = {}, elements: unknown[] = []) => ({
	calculatedValues: [{ name: 'total', expression: '{q1} + 1' }],
	pages: [
		{
			name: 'p1',
			title: 'Pratiques',
			elements: [
				{ type: 'radiogroup', name: 'q1', title: 'Q1', choices: [1, 2] },
				{ type: 'matrix', name: 'suivi', title: 'Suivi', columns: [0, 1], rows: ['relance'] },
				{ type: 'text', name: 'nom.complet', title: 'Nom' },
				...elements
			]
		}
	],
	...extra
});

const check = (s: unknown) =>
	checkSurveyExpressions(s, surveyCoreExpressions).map((e) => `${e.code} ${e.pointer}`);

const withCondition = (visibleIf: string, type = 'comment') =>
	survey({}, [{ type, name: 'cible', title: 'Cible', visibleIf }]);

describe('expressions of survey.json', () => {
	test.each([
		'{q1} = 1 and {suivi.relance} > 0',
		'{suivi.relance} notempty',
		'{q1-unwrapped} = 1',
		'{total} > 2',
		'{nom.complet} notempty',
		'{Q1} = 1',
		'iif({q1} = 1, true, false)',
		'{row.x} = 1 or {panel.y} = 2 or {item} = 3 or {$item} = 4 or {choice} = 5',
		"{locale} = 'fr' and {pageno} > 1",
		'{q1[0]} = 1 or {q1.length} > 0',
		'{q1} anyof [1, 2] and age({q1}) > 0'
	])('%s is accepted', (expression) => {
		expect(check(withCondition(expression))).toEqual([]);
	});

	test('a condition that does not parse is refused with where it stops', () => {
		const errors = checkSurveyExpressions(withCondition('{q1} = 1 and'), surveyCoreExpressions);
		expect(errors).toEqual([
			expect.objectContaining({
				code: 'invalid-expression',
				pointer: '/pages/0/elements/3/visibleIf',
				message: expect.stringContaining('incomplète')
			})
		]);
		const middle = checkSurveyExpressions(withCondition('{q1} = = 1'), surveyCoreExpressions);
		expect(middle.map((e) => e.message)).toEqual([
			'« visibleIf » : l’expression « {q1} = = 1 » ne se lit pas au caractère 8 (« {q1} = ▸= 1 ») : « = » inattendu'
		]);
	});

	test('an unknown function and an unknown question are refused', () => {
		expect(check(withCondition('siSinon({q1} = 1, 1, 2) = 1'))).toEqual([
			'unknown-function /pages/0/elements/3/visibleIf'
		]);
		expect(check(withCondition('{q2} = 1'))).toEqual([
			'unknown-variable /pages/0/elements/3/visibleIf'
		]);
		expect(check(withCondition('{suivii.relance} = 1'))).toEqual([
			'unknown-variable /pages/0/elements/3/visibleIf'
		]);
	});

	test('every place an expression lives is checked', () => {
		const s = survey(
			{
				triggers: [
					{ type: 'runexpression', expression: '{x1} = 1', runExpression: '{x2}' },
					{ type: 'copyvalue', expression: '{q1} = 1', fromName: 'q9', setToName: 'q1' },
					{ type: 'setvalue', expression: '{q1} = 1', setToName: 'drapeau', setValue: 1 }
				],
				completedHtmlOnCondition: [{ expression: '{x3} = 1', html: 'x' }]
			},
			[
				{
					type: 'checkbox',
					name: 'c',
					title: 'C',
					enableIf: '{x4}',
					requiredIf: '{x5}',
					choicesVisibleIf: '{item} <> 1 and {x6}',
					defaultValueExpression: '{x7}',
					choices: [
						{ value: 1, visibleIf: '{x8}' },
						{ value: 2, enableIf: '{drapeau} = 1' }
					],
					validators: [{ type: 'expression', expression: '{x9} = 1' }]
				},
				{ type: 'expression', name: 'e', expression: '{x10}' }
			]
		);
		(s.pages[0] as Record<string, unknown>).visibleIf = '{x11}';
		expect(check(s)).toEqual([
			'unknown-variable /pages/0/visibleIf',
			'unknown-variable /pages/0/elements/3/enableIf',
			'unknown-variable /pages/0/elements/3/requiredIf',
			'unknown-variable /pages/0/elements/3/defaultValueExpression',
			'unknown-variable /pages/0/elements/3/choicesVisibleIf',
			'unknown-variable /pages/0/elements/3/choices/0/visibleIf',
			'unknown-variable /pages/0/elements/3/validators/0/expression',
			'unknown-variable /pages/0/elements/4/expression',
			'unknown-variable /triggers/0/expression',
			'unknown-variable /triggers/0/runExpression',
			'unknown-variable /completedHtmlOnCondition/0/expression',
			'unknown-variable /triggers/1/fromName'
		]);
		expect(surveyExpressions(s)).toHaveLength(15);
	});
});
