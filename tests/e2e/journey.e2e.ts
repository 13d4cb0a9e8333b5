/**
 * The participant journey of issue [2], in Chromium with JavaScript on and off:
 * start → answer part → reload → resume from the private link in a fresh context → finish →
 * results equal to the engine (table and radar) → print to PDF → retake with other answers →
 * changes shown → download → delete → the links are gone; headers and logs checked on the way.
 */
import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { scoreAnswers } from '$lib/scoring/score';
import { compareResults } from '$lib/results/compare';
import { formatScore } from '$lib/format/number';
import type { Answers } from '$lib/scoring/types';
import { buildResultView } from '../../src/routes/p/[token]/result-view';
import { loadById } from '../helpers/packages';
import { javaScriptEnabled, launch, openPage, submit, visit } from './browser';
import {
	answerPage,
	answerToTheEnd,
	expectedTable,
	next,
	radarData,
	random,
	tableCells
} from './journey-helpers';
import { compact, readPdf } from './pdf';

const baseURL = inject('baseURL');
let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
});

const mode = javaScriptEnabled ? 'JavaScript on' : 'JavaScript off';
const tokenOf = (url: string) => new URL(url).pathname.split('/').at(-1)!;

describe(`the participant journey (${mode})`, async () => {
	const { pkg, model } = await loadById('e-formateur');

	test('start, resume elsewhere, results, PDF, retake, progress, download, delete', async () => {
		// Start: the private link is shown on the first page, ready to copy.
		const first = await openPage(browser);
		await visit(first.page, `${baseURL}/diagnostics/e-formateur`);
		await submit(first.page, first.page.getByRole('button', { name: 'Commencer le diagnostic' }));
		const link = first.page.url();
		expect(link).toMatch(/\/p\/[A-Za-z0-9_-]{22}$/);
		await expect.poll(() => first.page.locator('#private-link').inputValue()).toBe(link);
		await expect
			.poll(() => first.page.locator('#progress-label').textContent())
			.toContain('Partie 1 sur 6');

		// Private-link responses: not cached, not indexed, no Referer.
		const response = await fetch(link);
		expect(response.headers.get('cache-control')).toBe('no-store');
		expect(response.headers.get('referrer-policy')).toBe('no-referrer');
		expect(response.headers.get('x-robots-tag')).toBe('noindex, nofollow');

		// Answer part: two pages, then reload: the journey is where it was left.
		const pick = random(javaScriptEnabled ? 11 : 12);
		const answers: Answers = {};
		for (let i = 0; i < 2; i++) {
			Object.assign(answers, await answerPage(first.page, pick));
			await next(first.page);
		}
		await first.page.reload();
		await expect
			.poll(() => first.page.locator('#progress-label').textContent())
			.toContain('Partie 3 sur 6');
		await expect
			.poll(() => first.page.locator('h1').textContent())
			.toBe('Enseigner et faire apprendre');

		// Resume from the private link in a fresh context ("another device"), and finish there.
		const other = await openPage(browser);
		await visit(other.page, link);
		await expect
			.poll(() => other.page.locator('#progress-label').textContent())
			.toContain('Partie 3 sur 6');
		Object.assign(answers, await answerToTheEnd(other.page, pick));
		await first.page.context().close();

		// Results: the table and the radar equal the engine's output for the same answers.
		const page = other.page;
		await expect.poll(() => page.locator('h1').textContent()).toBe('Vos résultats');
		const before = scoreAnswers(model, answers);
		const view = buildResultView(pkg, before, 'fr');
		expect(await tableCells(page, view)).toEqual(expectedTable(view));
		// The radar, drawn by the server (JavaScript on or off): every area name whole, the scores.
		const radar = await radarData(page);
		expect(radar.axes).toEqual(view.areas.map((a) => a.name));
		expect(radar.series).toEqual([
			{ name: 'Maintenant', values: before.areas.map((a) => a.score) }
		]);
		expect(await page.locator('canvas').count()).toBe(0);
		expect(await page.getByRole('heading', { name: 'Vos priorités' }).count()).toBe(1);
		expect(await page.locator('[data-recommendations]').count()).toBeGreaterThan(0);

		// Print to PDF: 1 to 3 A4 pages, with the levels in the text.
		const pdf = await readPdf(await page.pdf({ format: 'A4', printBackground: true }));
		expect(pdf.pages).toBeGreaterThanOrEqual(1);
		expect(pdf.pages).toBeLessThanOrEqual(3);
		expect(pdf.text).toContain(compact(`Niveau d’ensemble : ${view.overall.level!.name}`));
		for (const area of view.areas) {
			expect(pdf.text).toContain(compact(area.level ? area.level.name : 'Données insuffisantes'));
		}
		expect(pdf.text).not.toContain(tokenOf(link));

		// Retake with other answers: a new link; the results then show the changes per area.
		await submit(page, page.getByRole('button', { name: 'Refaire le diagnostic' }));
		const retake = page.url();
		expect(tokenOf(retake)).not.toBe(tokenOf(link));
		const now = scoreAnswers(
			model,
			await answerToTheEnd(page, random(javaScriptEnabled ? 21 : 22))
		);
		await expect.poll(() => page.getByRole('heading', { name: 'Votre évolution' }).count()).toBe(1);
		const changes = compareResults(before, now);
		for (const change of [...changes.areas, changes.overall]) {
			const cells = page.locator(`#evolution tr[data-change="${change.id}"] td`);
			const text = (v: number | null) => (v === null ? '—' : formatScore(v));
			expect(
				[await cells.nth(0).textContent(), await cells.nth(1).textContent()],
				change.id
			).toEqual([text(change.before), text(change.now)]);
		}
		const overlaid = await radarData(page);
		expect(overlaid.series.map((s) => s.name)).toEqual(['Maintenant', 'Diagnostic précédent']);
		expect(overlaid.series[1]!.values).toEqual(before.areas.map((a) => a.score));

		// My data: the download holds both attempts.
		const download = await fetch(`${retake}/donnees.json`);
		expect(download.headers.get('content-disposition')).toContain('attachment');
		const data = (await download.json()) as {
			attempts: { answers: Answers; status: string; campaign: unknown }[];
		};
		expect(data.attempts.map((a) => [a.status, a.campaign])).toEqual([
			['completed', null],
			['completed', null]
		]);
		expect(JSON.stringify(data)).not.toContain(tokenOf(retake));

		// Delete: a confirmation is required, then everything tied to the link is gone.
		await page.getByRole('link', { name: 'Supprimer mes résultats' }).click();
		await page.waitForURL('**/supprimer');
		if (javaScriptEnabled) await page.waitForSelector('html[data-hydrated="true"]');
		await submit(page, page.getByRole('button', { name: 'Supprimer définitivement' }));
		await expect.poll(() => page.getByRole('alert').textContent()).toContain('Cochez la case');
		await page.getByLabel('Je comprends que cette suppression est définitive.').check();
		await submit(page, page.getByRole('button', { name: 'Supprimer définitivement' }));
		await expect.poll(() => page.getByRole('status').first().textContent()).toContain('supprimés');

		for (const gone of [retake, link]) {
			expect((await fetch(gone)).status, gone).toBe(404);
			expect((await fetch(`${gone}/donnees.json`)).status).toBe(404);
			const post = await fetch(`${gone}?/save`, {
				method: 'POST',
				headers: {
					origin: baseURL,
					'content-type': 'application/x-www-form-urlencoded',
					accept: 'text/html'
				},
				body: 'page=e1&nav=stay'
			});
			expect(post.status).toBe(404);
		}
		await page.context().close();

		// Tokens never reach the logs.
		const log = await readFile(inject('serverLog'), 'utf8');
		for (const token of [tokenOf(link), tokenOf(retake)]) expect(log).not.toContain(token);
	});

	test('the English version: switch, questions, results', async () => {
		const { page } = await openPage(browser);
		await visit(page, `${baseURL}/diagnostics/exemple-mini`);
		await page.getByRole('link', { name: 'Read this page in English' }).click();
		await page.waitForURL('**/en/diagnostics/exemple-mini');
		if (javaScriptEnabled) await page.waitForSelector('html[data-hydrated="true"]');
		expect(await page.locator('html').getAttribute('lang')).toBe('en');
		await submit(page, page.getByRole('button', { name: 'Start the diagnostic' }));
		expect(page.url()).toMatch(/\/en\/p\/[A-Za-z0-9_-]{22}$/);
		await expect.poll(() => page.getByText('I run virtual classrooms.').count()).toBe(1);
		const { pkg: mini, model: miniModel } = await loadById('exemple-mini');
		const answers = await answerToTheEnd(page, random(5));
		await expect.poll(() => page.locator('h1').textContent()).toBe('Your results');
		const view = buildResultView(mini, scoreAnswers(miniModel, answers), 'en');
		expect(await tableCells(page, view)).toEqual(expectedTable(view, 'en'));
		expect(await page.locator('html').getAttribute('lang')).toBe('en');
		await page.context().close();
	});
});

if (javaScriptEnabled) {
	describe('saving with JavaScript', () => {
		test('answers are saved while typing, and a failed save is retried and announced', async () => {
			const { page } = await openPage(browser);
			await visit(page, `${baseURL}/diagnostics/exemple-mini`);
			await submit(page, page.getByRole('button', { name: 'Commencer le diagnostic' }));
			const link = page.url();
			const status = page.locator('.save-status');

			// The connection drops: the save fails, the person is told, a retry is scheduled.
			await page.route('**/p/**', (route) =>
				route.request().method() === 'POST' ? route.abort('internetdisconnected') : route.fallback()
			);
			await page.getByLabel('Souvent').check();
			await expect
				.poll(() => status.textContent(), { timeout: 10_000 })
				.toContain('Nouvelle tentative');

			// It comes back: the retry saves without any action from the person.
			await page.unroute('**/p/**');
			await expect
				.poll(() => status.textContent(), { timeout: 15_000 })
				.toContain('Réponses enregistrées');

			// Nothing lost: the answer is there on another device, though "Suivant" was never pressed.
			const other = await openPage(browser);
			await visit(other.page, link);
			await expect.poll(() => other.page.getByLabel('Souvent').isChecked()).toBe(true);
			await other.page.context().close();
			await page.context().close();
		});
	});
}
