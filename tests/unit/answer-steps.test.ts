import { describe, expect, test } from 'vitest';
import { answerSteps } from '$lib/diagnostic/answer-steps';
import type { ScoringSpec } from '$lib/diagnostic/types';

const scoring: ScoringSpec = {
	scales: {
		usage: {
			points: { jamais: 0, parfois: 1, souvent: 2 },
			notApplicable: ['na'],
			steps: {
				jamais: { fr: 'Jamais' },
				parfois: { fr: 'Parfois', en: 'Sometimes' },
				souvent: { fr: 'Souvent' }
			}
		}
	},
	items: [
		{ question: 'direct', competence: 'A', scale: 'usage' },
		{ question: 'inverse', competence: 'A', scale: 'usage', reverse: true },
		// Listed out of order, two values on the same points.
		{ question: 'inline', competence: 'A', points: { c: 4, a: 0, b: 2, b2: 2 } },
		{ question: 'oui_non', competence: 'A', points: { true: 1, false: 0 } },
		{ question: 'grille', points: { '0': 0, '1': 1, '2': 2 }, rows: { r: { competence: 'A' } } },
		{
			question: 'grille_mixte',
			points: { '0': 0, '1': 1, '2': 2 },
			rows: { r: { competence: 'A' }, s: { competence: 'A', reverse: true } }
		}
	]
};

const steps = (question: string, locale: 'fr' | 'en' = 'fr') => {
	const found = answerSteps(scoring, question, locale);
	return found && Object.fromEntries(found);
};

describe('answerSteps', () => {
	test('steps follow the points, named by the scale in the locale, « not applicable » left out', () => {
		expect(steps('direct')).toEqual({
			jamais: { step: 1, of: 3, lead: 'Jamais' },
			parfois: { step: 2, of: 3, lead: 'Parfois' },
			souvent: { step: 3, of: 3, lead: 'Souvent' }
		});
		expect(steps('direct', 'en')?.parfois?.lead).toBe('Sometimes');
		expect(steps('direct', 'en')?.jamais?.lead).toBe('Jamais');
	});

	test('a reversed item counts from its highest points', () => {
		expect(steps('inverse')?.souvent?.step).toBe(1);
		expect(steps('inverse')?.jamais?.step).toBe(3);
	});

	test('by points, not by position; equal points share a step', () => {
		expect(steps('inline')).toEqual({
			a: { step: 1, of: 3 },
			b: { step: 2, of: 3 },
			b2: { step: 2, of: 3 },
			c: { step: 3, of: 3 }
		});
	});

	test('a matrix: its columns, when every row is scored the same way round', () => {
		expect(steps('grille')?.['2']).toEqual({ step: 3, of: 3 });
		expect(steps('grille_mixte')).toBeNull();
	});

	test('none for yes/no or a question not scored', () => {
		expect(steps('oui_non')).toBeNull();
		expect(steps('profil')).toBeNull();
	});
});
