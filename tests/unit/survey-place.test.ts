import { describe, expect, test } from 'vitest';
import { placed, shortTitle, surveyPlace } from '$lib/diagnostic/survey-place';

const survey = {
	pages: [
		{
			name: 'p1',
			title: { default: 'Pratiques', en: 'Practices' },
			elements: [
				{ type: 'text', name: 'q1', title: 'Votre rôle' },
				{
					type: 'panel',
					name: 'bloc',
					elements: [{ type: 'radiogroup', name: 'q3', title: { fr: 'Utilisez-vous des quiz ?' } }]
				},
				{ type: 'html', name: 'intro' }
			]
		},
		{ name: 'sans_titre', elements: [] }
	],
	triggers: [{ type: 'complete', expression: '{q1} = 1' }],
	calculatedValues: [{ name: 'total', expression: '1' }]
};

describe('the place of a survey.json pointer', () => {
	test('names the page by its French title and the question by its name and title', () => {
		expect(surveyPlace(survey, '/pages/0/elements/0/choices/2')).toBe(
			'Page « Pratiques » · question « q1 » (« Votre rôle »)'
		);
	});

	test('goes down through panels', () => {
		expect(surveyPlace(survey, '/pages/0/elements/1/elements/0/visibleIf')).toBe(
			'Page « Pratiques » · panneau « bloc » · question « q3 » (« Utilisez-vous des quiz ? »)'
		);
	});

	test('a page without a title by its name; an html text as a text', () => {
		expect(surveyPlace(survey, '/pages/1/name')).toBe('Page « sans_titre »');
		expect(surveyPlace(survey, '/pages/0/elements/2/html')).toBe(
			'Page « Pratiques » · texte « intro »'
		);
	});

	test('triggers and calculated values; nothing for the survey itself', () => {
		expect(surveyPlace(survey, '/triggers/0/expression')).toBe('Déclencheur n° 1');
		expect(surveyPlace(survey, '/calculatedValues/0/expression')).toBe('Valeur calculée « total »');
		expect(surveyPlace(survey, '/title')).toBeUndefined();
		expect(placed(survey, '/title', 'texte manquant')).toBe('texte manquant');
	});

	test('a long title is cut at a word', () => {
		const title = shortTitle(
			'Dans votre pratique de formateur, utilisez-vous des outils de classe virtuelle pour animer ?'
		);
		expect(title).toBe('Dans votre pratique de formateur, utilisez-vous des outils…');
	});
});
