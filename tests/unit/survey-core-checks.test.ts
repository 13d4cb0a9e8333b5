import { describe, expect, test } from 'vitest';
import { closestProperty, surveyCoreErrors } from '$lib/server/questionnaires/survey-core-checks';

const survey = {
	title: 'Test',
	calculatedValues: [{ name: 'total', expresion: '1' }],
	pages: [
		{
			name: 'p1',
			title: { default: 'Pratiques' },
			visibleIff: '{q1} = 1',
			elements: [
				{ type: 'radiogroup', name: 'q1', title: 'Q1', choices: [{ value: 1, txt: 'Un' }] },
				{ type: 'rating', name: 'q2', title: 'Q2', rateType: 'étoiles' }
			]
		}
	]
};

describe('survey-core’s complaints, in French and located', () => {
	const errors = surveyCoreErrors(survey).map((e) => `${e.pointer} ${e.message}`);

	test('an unknown property of a page, a choice, a calculated value', () => {
		expect(errors).toContain(
			'/pages/0/visibleIff Page « Pratiques » : propriété « visibleIff » inconnue de SurveyJS pour un élément « page » : vouliez-vous dire « visibleIf » ?'
		);
		expect(errors).toContain(
			'/pages/0/elements/0/choices/0/txt Page « Pratiques » · question « q1 » (« Q1 ») : propriété « txt » inconnue de SurveyJS pour un élément « choiceitem » : vouliez-vous dire « text » ?'
		);
		expect(errors).toContain(
			'/calculatedValues/0/expresion Valeur calculée « total » : propriété « expresion » inconnue de SurveyJS pour un élément « calculatedvalue » : vouliez-vous dire « expression » ?'
		);
	});

	test('a value outside a property’s choices', () => {
		expect(errors).toContain(
			'/pages/0/elements/1/rateType Page « Pratiques » · question « q2 » (« Q2 ») : valeur « étoiles » non permise pour « rateType » (valeurs possibles : labels, stars, smileys)'
		);
		expect(errors).toHaveLength(4);
	});

	test('a misspelt property is matched within two edits, never an unrelated one', () => {
		expect(closestProperty('radiogroup', 'isRequried')).toBe('isRequired');
		expect(closestProperty('radiogroup', 'VISIBLEIF')).toBe('visibleIf');
		expect(closestProperty('radiogroup', 'couleur')).toBeUndefined();
	});
});

describe('survey-core’s complaints in English', () => {
	const english = {
		...survey,
		pages: [{ ...survey.pages[0]!, title: { default: 'Pratiques', en: 'Practices' } }]
	};

	test('each has its English message beside the French, the place in front', () => {
		const first = surveyCoreErrors(english).find((e) => e.pointer === '/pages/0/visibleIff');
		expect(first?.messages.en).toBe(
			'Page “Pratiques”: property “visibleIff” unknown to SurveyJS for a “page” element: did you mean “visibleIf”?'
		);
		expect(first?.message).toBe(first?.messages.fr);
	});

	test('titles are read in the package’s first language', () => {
		const first = surveyCoreErrors(english, 'en').find((e) => e.pointer === '/pages/0/visibleIff');
		expect(first?.messages.en).toMatch(/^Page “Practices”: property “visibleIff”/);
		expect(first?.messages.fr).toMatch(/^Page « Practices » : propriété « visibleIff »/);
	});
});
