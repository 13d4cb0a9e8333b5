import { describe, expect, test } from 'vitest';
import { surveyWarnings } from '$lib/diagnostic/survey-warnings';

const withQuestion = (question: Record<string, unknown>) => ({
	pages: [{ name: 'p', elements: [{ name: 'q', ...question }] }]
});
const codes = (survey: unknown) => surveyWarnings(survey).map((w) => `${w.code} ${w.pointer}`);

describe('warnings about a survey', () => {
	test.each([
		'Votre nom',
		'Prénom',
		'Votre adresse e-mail',
		'Votre courriel',
		'Numéro de téléphone',
		'Your name'
	])('a free-text question titled « %s » seems to ask for personal data', (title) => {
		expect(codes(withQuestion({ type: 'comment', title }))).toEqual([
			'personal-data /pages/0/elements/0/title'
		]);
	});

	test.each([
		'Nombre de stagiaires formés',
		'Comment vous adressez-vous aux apprenants ?',
		'Au nombre des outils, lesquels utilisez-vous ?'
	])('« %s » asks for no personal data', (title) => {
		expect(codes(withQuestion({ type: 'text', title }))).toEqual([]);
	});

	test('a choice question is not warned about for its title: it collects no free text', () => {
		expect(codes(withQuestion({ type: 'radiogroup', title: 'Votre nom', choices: ['a'] }))).toEqual(
			[]
		);
	});

	test('text inputs for e-mail or telephone', () => {
		expect(codes(withQuestion({ type: 'text', title: 'Contact', inputType: 'tel' }))).toEqual([
			'personal-data /pages/0/elements/0/inputType'
		]);
	});

	test('a dynamic panel’s questions are warned about as the page’s own', () => {
		const survey = withQuestion({
			type: 'paneldynamic',
			title: 'Vos collègues',
			templateElements: [{ type: 'text', name: 'nom', title: 'Son nom' }]
		});
		expect(codes(survey)).toEqual(['personal-data /pages/0/elements/0/templateElements/0/title']);
	});

	test('properties Repères does not show, on the survey and on questions', () => {
		const survey = {
			showProgressBar: 'top',
			title: 'x',
			...withQuestion({ type: 'text', title: 'Rôle', titleLocation: 'left', isRequired: true })
		};
		expect(codes(survey)).toEqual([
			'ignored-property /showProgressBar',
			'ignored-property /pages/0/elements/0/titleLocation'
		]);
	});

	test('a matrix’s columns are warned about as questions of their cell type', () => {
		const survey = withQuestion({
			type: 'matrixdynamic',
			title: 'Vos collègues',
			transposeData: true,
			columns: [
				{ name: 'nom', title: 'Son nom', cellType: 'text' },
				{ name: 'role', title: 'Son nom de poste', choices: ['a'] },
				{ name: 'heures', cellType: 'text', inputType: 'number', totalExpression: 'sum' }
			]
		});
		expect(codes(survey)).toEqual([
			'ignored-property /pages/0/elements/0/transposeData',
			'personal-data /pages/0/elements/0/columns/0/title',
			'ignored-property /pages/0/elements/0/columns/2/totalExpression'
		]);
	});
});
