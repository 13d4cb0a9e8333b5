/**
 * A questionnaire is read in its own language (ADR 0035): an English-only or German-only package
 * stays so on the French interface, with survey-core's own words (« Yes », its error messages) in
 * that language too; a bilingual one follows the interface.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { buildPageView, checkPage, pageForm } from '$lib/server/survey/runtime';
import { buildScoringModel } from '$lib/scoring/build-model';
import { scoreAnswers } from '$lib/scoring/score';
import type { QuestionnairePackage } from '$lib/diagnostic/types';
import { buildResultsData } from '../../src/routes/p/[token]/results-data';
import { loadById } from '../helpers/packages';

const packages = new Map<string, QuestionnairePackage>();
beforeAll(async () => {
	for (const id of ['sample-english', 'sample-german', 'exemple-mini']) {
		packages.set(id, (await loadById(id)).pkg);
	}
});
const get = (id: string) => packages.get(id)!;

describe('the page of a questionnaire in one language', () => {
	test('English-only on the French interface: English texts and survey-core words', () => {
		const view = buildPageView(get('sample-english'), {}, 'habits', 'fr');
		expect(view.language).toBe('en');
		expect(view.title).toBe('Everyday habits');
		expect(view.questions.map((q) => q.title)).toEqual([
			'I share documents with colleagues online.',
			'I keep a backup copy of my work files.'
		]);
		expect(view.questions[1]!.choices.map((c) => c.text)).toEqual(['Yes', 'No']);
		// The questionnaire's own rule, said by survey-core in the questionnaire's language.
		const check = checkPage(get('sample-english'), {}, 'habits', 'fr', false);
		expect(check.errors.sharing).toEqual(['Response required.']);
	});

	test('German-only (survey.json’s locale) on either interface: German texts and words', () => {
		for (const locale of ['fr', 'en'] as const) {
			const view = buildPageView(get('sample-german'), {}, 'habits', locale);
			expect(view.language).toBe('de');
			expect(view.title).toBe('Alltägliche Gewohnheiten');
			expect(view.questions[1]!.choices.map((c) => c.text)).toEqual(['Ja', 'Nein']);
		}
	});

	test('bilingual: in the interface’s locale', () => {
		const fr = buildPageView(get('exemple-mini'), {}, 'outils', 'fr');
		const en = buildPageView(get('exemple-mini'), {}, 'outils', 'en');
		expect([fr.language, fr.title, fr.questions[3]!.choices[0]!.text]).toEqual([
			'fr',
			'Outils',
			'Oui'
		]);
		expect([en.language, en.title, en.questions[3]!.choices[0]!.text]).toEqual([
			'en',
			'Tools',
			'Yes'
		]);
	});

	test('a message naming a field names it as the page shows it', () => {
		const form = pageForm(get('sample-english'), 'habits')!;
		expect(form.labels.fr.get('sharing')).toBe('I share documents with colleagues online.');
	});
});

describe('the results of an English-only questionnaire on the French interface', () => {
	test('its names and answer statements in English, marked as such', () => {
		const pkg = get('sample-english');
		const model = buildScoringModel(pkg);
		const answers = { sharing: 'sometimes', backup: false, tutorials: 'never' };
		const data = buildResultsData({
			pkg,
			model,
			result: scoreAnswers(model, answers),
			answers,
			previous: null,
			filter: { freeOnly: false, format: null, maxMinutes: null },
			showAll: true,
			locale: 'fr'
		});
		expect(data.langs).toEqual({ own: 'en', survey: 'en' });
		expect(data.view.title).toBe('Sample in English (test)');
		expect(data.view.areas.map((a) => a.name)).toEqual(['Everyday tools']);
		const steps = data.insights.priorities.flatMap((p) => p.steps);
		expect(steps).toContainEqual({
			practice: 'I learn new tools from online tutorials.',
			next: 'Sometimes'
		});
		expect(steps).toContainEqual({
			practice: 'I keep a backup copy of my work files.',
			next: 'Yes'
		});
	});
});
