/**
 * SurveyJS logic as the server applies it when a page is read (issue [8], ADR 0032): answers go
 * through survey-core one by one, as a browser sets them, so that triggers, setValueIf and
 * defaults follow; what the page did not show, or showed read-only, keeps its value; a page whose
 * answers reveal questions says so instead of refusing them.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { loadPackage } from '$lib/server/questionnaires/load';
import { buildPageView, checkPage, initialAnswers, readPageForm } from '$lib/server/survey/runtime';
import type { QuestionnairePackage } from '$lib/diagnostic/types';
import type { Answers } from '$lib/scoring/types';
import { corpusSurveys, wrapAsPackage } from '../helpers/surveyjs-corpus';
import { TEST_QUESTIONNAIRES } from '../helpers/paths';

const dir = mkdtempSync(path.join(tmpdir(), 'reperes-logic-'));
const packages = new Map<string, QuestionnairePackage>();

async function load(folder: string): Promise<QuestionnairePackage> {
	const loaded = await loadPackage(folder);
	if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
	return loaded.questionnaire.pkg;
}

beforeAll(async () => {
	for (const { id, survey } of corpusSurveys()) {
		if (['trigger-skip', 'trigger-complete', 'checkbox-none-other', 'read-only'].includes(id)) {
			packages.set(id, await load(wrapAsPackage(id, survey, dir)));
		}
	}
	packages.set('logique-vivante', await load(path.join(TEST_QUESTIONNAIRES, 'logique-vivante')));
});

const form = (page: string, entries: [string, string][]) => {
	const data = new FormData();
	data.set('page', page);
	for (const [k, v] of entries) data.append(k, v);
	return data;
};
const read = (id: string, answers: Answers, page: string, entries: [string, string][]) => {
	const r = readPageForm(packages.get(id)!, answers, form(page, entries));
	if (!r.ok) throw new Error(JSON.stringify(r.problems));
	return r;
};

describe('a page read through survey-core', () => {
	test('a follow-up revealed on the same page is said to have appeared, not refused', () => {
		const r = read('logique-vivante', {}, 'profil', [['distance', 'oui']]);
		expect(r.appeared).toContain('À quelle fréquence animez-vous une classe virtuelle ?');
		// Once shown, it is an ordinary required question.
		const again = read('logique-vivante', r.answers, 'profil', [
			['distance', 'oui'],
			[
				'shown',
				JSON.stringify([
					['distance', ['oui', 'non']],
					['frequence', ['jamais', 'parfois', 'souvent']]
				])
			]
		]);
		expect(again.appeared).not.toContain('À quelle fréquence animez-vous une classe virtuelle ?');
	});

	test('setValueIf fills a question when its condition becomes true', () => {
		const r = read('logique-vivante', { distance: 'oui', frequence: 'souvent' }, 'profil', [
			['distance', 'oui'],
			['frequence', 'souvent'],
			['enregistre', 'true']
		]);
		expect(r.answers).toMatchObject({ enregistre: true, plateforme: 'à préciser' });
	});

	test('a read-only question keeps its default, whatever the form carries', () => {
		const pkg = packages.get('read-only')!;
		expect(initialAnswers(pkg)).toMatchObject({ statut: 'salarie' });
		const view = buildPageView(pkg, {}, 'fiche', 'fr');
		expect(view.questions.find((q) => q.name === 'statut')).toMatchObject({
			enabled: false,
			value: 'salarie'
		});
		// A disabled field is not sent; a forged one is not read.
		const r = read('read-only', {}, 'fiche', [
			['statut', 'independant'],
			['auto_evaluation', '3']
		]);
		expect(r.answers).toMatchObject({ statut: 'salarie', auto_evaluation: 3 });
	});

	test('« none » is exclusive, and « other » keeps its text', () => {
		const r = read('checkbox-none-other', { outils: ['visio'] }, 'outils', [
			['outils', 'visio'],
			['outils', 'none'],
			['besoin', 'other'],
			['besoin-Comment', 'Un tuteur']
		]);
		expect(r.answers.outils).toEqual(['none']);
		expect(r.answers).toMatchObject({ besoin: 'other', 'besoin-Comment': 'Un tuteur' });
		const view = buildPageView(packages.get('checkbox-none-other')!, r.answers, 'outils', 'fr');
		const outils = view.questions.find((q) => q.name === 'outils')!;
		expect(outils.choices.find((c) => c.key === 'none')).toMatchObject({ exclusive: true });
		// « Select all » is an action, not a value: not among the choices.
		expect(outils.choices.map((c) => c.key)).not.toContain('');
		expect(outils.selectAll).toBeTruthy();
		expect(view.questions.find((q) => q.name === 'besoin')).toMatchObject({ comment: 'Un tuteur' });
	});

	test('a skip trigger leads to its question’s page', () => {
		const r = read('trigger-skip', {}, 'debut', [['debutant', 'true']]);
		expect(r.skipTo).not.toBeNull();
		expect(r.skipTo).not.toBe('debut');
		expect(read('trigger-skip', {}, 'debut', [['debutant', 'false']]).skipTo).toBeNull();
	});

	test('a complete trigger makes its page the last one and completes there', () => {
		const pkg = packages.get('trigger-complete')!;
		expect(buildPageView(pkg, { eligible: 'oui' }, 'eligibilite', 'fr').isLast).toBe(false);
		expect(buildPageView(pkg, { eligible: 'non' }, 'eligibilite', 'fr').isLast).toBe(true);
		const check = checkPage(pkg, { eligible: 'non' }, 'eligibilite', 'fr', true);
		expect(check.next).toBeNull();
		expect(check.completion).toMatchObject({ ok: true });
		expect(checkPage(pkg, { eligible: 'oui' }, 'eligibilite', 'fr', true).next).toBe('suite');
	});
});
