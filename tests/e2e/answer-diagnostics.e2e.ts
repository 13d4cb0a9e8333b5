/**
 * Answers each diagnostic to the end in Chromium (with or without JavaScript, per project)
 * and checks that the results tables equal the engine's result for the same answers.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { scoreAnswers } from '$lib/scoring/score';
import { formatScore } from '$lib/format/number';
import type { Answers } from '$lib/scoring/types';
import { buildResultView, type ScoreLine } from '../../src/routes/p/[token]/result-view';
import { SCORED_PACKAGES, loadById } from '../helpers/packages';
import { javaScriptEnabled, launch, openPage, submit, visit } from './browser';

const baseURL = inject('baseURL');
let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
});

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
	let s = seed >>> 0;
	return (n: number) => {
		s = (s * 1664525 + 1013904223) >>> 0;
		return s % n;
	};
}

/** Answers every question of the current page; returns the answers given, as form values. */
async function answerPage(page: Page, pick: (n: number) => number): Promise<Answers> {
	const answers: Answers = {};
	for (const block of await page.locator('[data-question]').all()) {
		const name = (await block.getAttribute('data-question'))!;
		const radios = block.locator(`input[type=radio][name="${name}"]`);
		const boxes = block.locator('input[type=checkbox]');
		const matrix = block.locator(`input[type=radio][name^="${name}["]`);
		const text = block.locator('textarea, input[type=text]');
		if ((await radios.count()) > 0) {
			const choice = radios.nth(pick(await radios.count()));
			await choice.check();
			answers[name] = await choice.getAttribute('value');
		} else if ((await boxes.count()) > 0) {
			const ticked: string[] = [];
			const count = await boxes.count();
			for (let i = 0; i < count; i++) {
				if (pick(2) === 0 && !(i === count - 1 && ticked.length === 0)) continue;
				await boxes.nth(i).check();
				ticked.push((await boxes.nth(i).getAttribute('value'))!);
			}
			answers[name] = ticked;
		} else if ((await matrix.count()) > 0) {
			const rows: Record<string, string> = {};
			for (const row of await block.locator('tbody tr').all()) {
				const cells = row.locator('input[type=radio]');
				const cell = cells.nth(pick(await cells.count()));
				await cell.check();
				const rowName = (await cell.getAttribute('name'))!.slice(name.length + 1, -1);
				rows[rowName] = (await cell.getAttribute('value'))!;
			}
			answers[name] = rows;
		} else if ((await text.count()) > 0) {
			await text.fill('Un commentaire de test, sans donnée personnelle.');
		}
	}
	return answers;
}

/** The text a results row shows for a score line. */
const expectedCells = (line: ScoreLine) => [
	line.score === null ? '—' : formatScore(line.score),
	line.level ? line.level.name : 'Données insuffisantes'
];

describe.each(SCORED_PACKAGES)(
	`answering %s (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`,
	async (id) => {
		const { pkg, model } = await loadById(id);

		test('home → intro → every page → results equal to the engine', async () => {
			const { page, external } = await openPage(browser);
			await visit(page, baseURL);
			await page.getByRole('link', { name: pkg.manifest.title.fr }).click();
			await page.waitForURL(`**/diagnostics/${id}`);
			if (javaScriptEnabled) await page.waitForSelector('html[data-hydrated="true"]');
			await submit(page, page.getByRole('button', { name: 'Commencer le diagnostic' }));
			expect(page.url()).toMatch(/\/p\/[A-Za-z0-9_-]{22}$/);

			const pick = random(id.length * 97 + (javaScriptEnabled ? 1 : 2));
			const answers: Answers = {};
			for (let step = 0; step < pkg.survey.pages.length + 1; step++) {
				if (await page.locator('#resultats-domaines').count()) break;
				Object.assign(answers, await answerPage(page, pick));
				const next = page.getByRole('button', {
					name: /^(Suivant|Terminer et voir mes résultats)$/
				});
				await submit(page, next);
			}
			await expect.poll(() => page.locator('h1').textContent()).toBe('Vos résultats');

			const expected = buildResultView(pkg, scoreAnswers(model, answers), 'fr');
			for (const line of [...expected.areas, expected.overall]) {
				const cells = page.locator(`#resultats-domaines tr[data-area="${line.id}"] td`);
				expect(
					[await cells.nth(0).textContent(), await cells.nth(1).textContent()],
					line.id
				).toEqual(expectedCells(line));
			}
			for (const area of expected.areas) {
				for (const competence of area.competences) {
					const cells = page.locator(`tr[data-competence="${competence.id}"] td`);
					expect(
						[await cells.nth(0).textContent(), await cells.nth(1).textContent()],
						competence.id
					).toEqual(expectedCells(competence));
				}
			}
			expect(external).toEqual([]);
			await page.context().close();
		});
	}
);

describe(`journey details (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, () => {
	test('the home page lists bundled diagnostics and those of QUESTIONNAIRES_DIR', async () => {
		const { page } = await openPage(browser);
		await visit(page, baseURL);
		await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('fr');
		for (const id of SCORED_PACKAGES) {
			const { pkg } = await loadById(id);
			await expect(page.getByRole('link', { name: pkg.manifest.title.fr }).count()).resolves.toBe(
				1
			);
		}
		await page.context().close();
	});

	test('an incomplete page is refused with a readable error, then the journey resumes elsewhere', async () => {
		const { page } = await openPage(browser);
		await visit(page, `${baseURL}/diagnostics/exemple-mini`);
		await submit(page, page.getByRole('button', { name: 'Commencer le diagnostic' }));
		const link = page.url();
		await submit(page, page.getByRole('button', { name: 'Suivant' }));
		const summary = page.getByRole('alert');
		await expect.poll(() => summary.textContent()).toContain("J'anime des classes virtuelles.");
		await expect
			.poll(() => summary.textContent())
			.toContain('La réponse à cette question est obligatoire.');
		if (javaScriptEnabled) {
			await expect
				.poll(() => page.evaluate(() => document.activeElement?.className ?? ''))
				.toContain('error-summary');
		}
		await page.getByLabel('Souvent').check();
		await submit(page, page.getByRole('button', { name: 'Suivant' }));
		await expect.poll(() => page.locator('h1').textContent()).toBe('Accompagnement');

		// The private link opens the same step in another browser context ("another device").
		const other = await openPage(browser);
		await visit(other.page, link);
		await expect.poll(() => other.page.locator('h1').textContent()).toBe('Accompagnement');
		await expect.poll(() => other.page.getByText('Étape 2 sur 2').count()).toBe(1);
		// visibleIf: the comment shows because the first answer was "Souvent".
		await expect.poll(() => other.page.getByLabel('Une remarque ?').count()).toBe(1);
		await other.page.context().close();
		await page.context().close();
	});

	test('an unknown private link answers 404', async () => {
		const response = await fetch(`${baseURL}/p/AAAAAAAAAAAAAAAAAAAAAA`);
		expect(response.status).toBe(404);
	});
});
