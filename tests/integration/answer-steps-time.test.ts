/**
 * What a questionnaire page shows besides its questions (issue [7]): each scored statement's
 * step on its scale, and the time left, computed from the bundled packages as they are.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildPageView } from '$lib/server/survey/runtime';
import { validatePackage, type PackageFiles } from '$lib/diagnostic/validate-package';
import { PACKAGE_FILES, type QuestionnairePackage } from '$lib/diagnostic/types';
import { loadById, packageDir } from '../helpers/packages';

const packages: Record<string, QuestionnairePackage> = {};
beforeAll(async () => {
	for (const id of ['e-formateur', 'maturite-of', 'exemple-mini']) {
		packages[id] = (await loadById(id)).pkg;
	}
});

const pageNames = (pkg: QuestionnairePackage) => pkg.survey.pages.map((p) => p.name);

describe('time left', () => {
	test.each(['e-formateur', 'maturite-of'])(
		'%s: the first page’s total is close to the duration its authors state',
		(id) => {
			const pkg = packages[id]!;
			const first = buildPageView(pkg, {}, pageNames(pkg)[0]!, 'fr');
			const stated = pkg.manifest.durationMinutes;
			expect(first.time.total).toBeGreaterThanOrEqual(stated * 0.7);
			expect(first.time.total).toBeLessThanOrEqual(stated * 1.3);
		}
	);

	test('goes down page after page, the last page’s total being its own time', () => {
		const pkg = packages['e-formateur']!;
		const views = pageNames(pkg).map((name) => buildPageView(pkg, {}, name, 'fr'));
		const totals = views.map((v) => v.time.total);
		expect(totals).toEqual([...totals].sort((a, b) => b - a));
		expect(totals[0]).toBeGreaterThan(totals.at(-1)!);
		expect(views.at(-1)!.time.total).toBe(views.at(-1)!.time.page);
		for (const v of views) expect(v.time.page).toBeGreaterThanOrEqual(1);
	});
});

describe('answer steps', () => {
	test('e-formateur: six steps in the order of their points, named by the scale, none for « na »', () => {
		const pkg = packages['e-formateur']!;
		const view = buildPageView(pkg, {}, 'e3', 'fr');
		const q = view.questions.find((x) => x.name === 'e3_classe_virtuelle')!;
		expect(q.choices.map((c) => [c.key, c.step?.step, c.step?.of, c.step?.lead])).toEqual([
			['a1', 1, 6, 'Je connais'],
			['a2', 2, 6, 'J’ai essayé'],
			['b1', 3, 6, 'J’utilise'],
			['b2', 4, 6, 'J’analyse et je choisis'],
			['c1', 5, 6, 'Je réfléchis et j’ajuste'],
			['c2', 6, 6, 'J’initie'],
			['na', undefined, undefined, undefined]
		]);
		// The option's own words are unchanged.
		expect(q.choices[0]!.text).toBe(
			'Je connais le principe de la classe virtuelle, mais je n’en ai jamais animé.'
		);
		const en = buildPageView(pkg, {}, 'e3', 'en').questions[0]!;
		expect(en.choices.map((c) => c.step?.lead)).toContain('I analyse and select');
	});

	test('maturite-of: five steps without names, for its matrix’s columns too', () => {
		const pkg = packages['maturite-of']!;
		const view = buildPageView(pkg, {}, 'strategie', 'fr');
		const q = view.questions.find((x) => x.name === 'strat_partagee')!;
		expect(q.choices.map((c) => c.step?.step)).toEqual([1, 2, 3, 4, 5, undefined]);
		expect(q.choices.every((c) => c.step?.lead === undefined)).toBe(true);
		const matrix = buildPageView(pkg, {}, 'qualite', 'fr').questions.find(
			(x) => x.widget === 'matrix'
		)!;
		expect(matrix.choices.map((c) => c.step?.step)).toEqual([1, 2, 3, 4, 5]);
	});

	test('exemple-mini: three steps and « na » outside them; yes/no gets no steps', () => {
		const pkg = packages['exemple-mini']!;
		const questions = buildPageView(pkg, {}, 'outils', 'fr').questions;
		const byName = Object.fromEntries(questions.map((q) => [q.name, q]));
		// classe_virtuelle: jamais 0, parfois 1, souvent 2.
		expect(byName.classe_virtuelle!.choices.map((c) => c.step?.step)).toEqual([1, 2, 3, undefined]);
		expect(byName.difficulte_quiz!.choices.every((c) => c.step === undefined)).toBe(true);
	});
});

describe('scoring.json « steps » is checked', () => {
	const withSteps = async (steps: unknown) => {
		const files: PackageFiles = {};
		for (const name of PACKAGE_FILES) {
			files[name] = await readFile(path.join(packageDir('exemple-mini'), name), 'utf8');
		}
		const scoring = JSON.parse(files['scoring.json']!) as {
			scales: Record<string, Record<string, unknown>>;
		};
		scoring.scales.frequence!.steps = steps;
		files['scoring.json'] = JSON.stringify(scoring);
		return validatePackage('exemple-mini', files);
	};

	test('accepted: a short name for every scored value', async () => {
		const result = await withSteps({
			jamais: { fr: 'Jamais' },
			parfois: { fr: 'Parfois', en: 'Sometimes' },
			souvent: { fr: 'Souvent' }
		});
		expect(result.errors).toEqual([]);
	});

	test('refused, each problem named with its place', async () => {
		const result = await withSteps({
			jamais: { en: 'Never' },
			parfois: { fr: 'Parfois, et même un peu plus souvent que parfois, selon les semaines' },
			na: { fr: 'Sans objet' }
		});
		expect(result.ok).toBe(false);
		const lines = result.errors.map((e) => `${e.file}${e.pointer}: ${e.message}`);
		expect(lines).toEqual(
			expect.arrayContaining([
				expect.stringMatching(/^scoring\.json\/scales\/frequence\/steps\/jamais: .*français/),
				expect.stringMatching(/^scoring\.json\/scales\/frequence\/steps\/parfois: .*trop long/),
				expect.stringMatching(
					/^scoring\.json\/scales\/frequence\/steps\/na: .*pas une valeur notée/
				),
				expect.stringMatching(
					/^scoring\.json\/scales\/frequence\/steps: .*manquant pour « souvent »/
				)
			])
		);
	});
});
