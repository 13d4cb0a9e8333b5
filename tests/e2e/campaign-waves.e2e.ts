/**
 * A campaign combining the organisation diagnostic (the direction) with the trainers' one, then
 * a second wave: in Chromium with JavaScript on and off. The participants are driven with plain
 * form posts (tests/helpers/participant.ts); the organiser's dashboard is read in the browser and
 * its figures are checked against the pure domain functions on the same answers.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { scoreAnswers } from '$lib/scoring/score';
import { aggregateResults } from '$lib/campaigns/aggregate';
import { crossReading } from '$lib/campaigns/cross-reading';
import { compareWaves } from '$lib/campaigns/waves';
import { formatPercent, formatScore } from '$lib/format/number';
import { scoreWords } from '$lib/results/score-words';
import { loadById } from '../helpers/packages';
import {
	createCampaign,
	miniAnswers,
	miniPages,
	orgaPages,
	retake,
	takePart
} from '../helpers/participant';
import { parseCsv } from '../helpers/csv';
import { javaScriptEnabled, launch, openPage, submit, visit } from './browser';
import { checkState } from './a11y-checks';
import { radarsIn } from './journey-helpers';

const baseURL = inject('baseURL');
let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
});

const cell = (page: Page, selector: string, column: number) =>
	page.locator(selector).locator('td').nth(column).textContent();

/** The radars drawn in a part of the page (server-drawn SVG, JavaScript on or off). */
async function charts(page: Page, within: string) {
	await expect.poll(() => page.locator(`${within} [data-radar]`).count()).toBeGreaterThan(0);
	return radarsIn(page, within);
}

describe(`organisation × trainers and waves (${javaScriptEnabled ? 'JavaScript on' : 'JavaScript off'})`, async () => {
	const orga = await loadById('exemple-orga');
	const mini = await loadById('exemple-mini');

	test('a seeded divergence is flagged, then wave T1 is compared with T0', async () => {
		const { token, code } = await createCampaign(baseURL, [
			['name', `Réseau ${javaScriptEnabled ? 'JS' : 'sans JS'}`],
			['diagnostics', 'exemple-orga'],
			['diagnostics', 'exemple-mini'],
			['k', '5'],
			['groupLabel', 'Rôle'],
			['groupOptions', 'Direction\nFormateurs']
		]);
		const management = `${baseURL}/campagnes/${token}`;

		// T0. The direction rates distance tutoring and the platform as mature…
		await takePart(
			baseURL,
			code,
			[
				['diagnostic', 'exemple-orga'],
				['group', 'Direction']
			],
			orgaPages('oui', 'oui'),
			true
		);
		// …while three trainers of five score 0 on tutoring (below « Confirmé »).
		const tutoring = [0, 0, 0, 2, 2];
		const trainers: string[] = [];
		for (const b of tutoring) {
			trainers.push(
				await takePart(
					baseURL,
					code,
					[
						['diagnostic', 'exemple-mini'],
						['group', 'Formateurs']
					],
					miniPages(b),
					true
				)
			);
		}
		const t0 = tutoring.map((b) => scoreAnswers(mini.model, miniAnswers(b)));
		const direction = [scoreAnswers(orga.model, { tutorat: 'oui', plateforme: 'oui' })];
		const expected = crossReading(orga.pkg, mini.pkg, direction, t0, 5);
		expect(expected.find((r) => r.organisation === 'O1')!.divergence).toBe('organisation-ahead');

		const { page } = await openPage(browser);
		await visit(page, management);
		await checkState(page, 'dashboard with organisation × trainers');
		const cross = '[data-cross-reading="exemple-orga"]';
		expect(await page.locator(`${cross} [data-flags]`).getAttribute('data-flags')).toBe('1');
		for (const row of expected) {
			const tr = `${cross} tr[data-link="${row.organisation}"]`;
			expect(await page.locator(tr).getAttribute('data-divergence')).toBe(row.divergence ?? 'none');
			expect(await cell(page, tr, 2)).toBe(
				scoreWords(mini.pkg.levels.levels, row.trainersMean!, 'fr').brief
			);
			expect(await cell(page, tr, 3)).toBe(formatPercent(row.belowShare!));
		}
		// Which side is ahead, with both figures, in one sentence above the table (ADR 0029).
		expect(await cell(page, `${cross} tr[data-link="O1"]`, 4)).toContain(
			'l’organisme se dit plus avancé que ses formateurs'
		);
		expect(await page.locator(`${cross} [data-flag="O1"] [data-sentence]`).textContent()).toMatch(
			/^L’organisme se dit plus avancé que ses formateurs\u00a0: il se situe au niveau Mature \([\d,]+\), alors que \d+ formateurs? sur \d+ \([\d,]+\s%\) (est|sont) sous Confirmé\.$/
		);
		// The organisation's radar beside the trainers' aggregated radar (drawn without JavaScript too).
		const drawn = await charts(page, cross);
		expect(drawn.map((c) => c.series[0]!.values)).toEqual([
			aggregateResults(orga.model, direction, 1).areas.map((a) => (a.suppressed ? null : a.mean)),
			aggregateResults(mini.model, t0, 5).areas.map((a) => (a.suppressed ? null : a.mean))
		]);

		// Wave T1, opened from the dashboard: from now on retakes count in it.
		await submit(page, page.getByRole('button', { name: 'Ouvrir la vague T1' }));
		await expect.poll(() => page.url()).toContain('vague=T1');
		await expect
			.poll(() => page.locator('[data-wave-comparison="exemple-mini"]').textContent())
			.toContain('Comparaison impossible');
		await checkState(page, 'dashboard, wave T1 without results');

		// Every trainer retakes from their private link after training: tutoring now at 100.
		for (const trainer of trainers) await retake(baseURL, trainer, miniPages(2), true);
		const t1 = tutoring.map(() => scoreAnswers(mini.model, miniAnswers(2)));
		const change = compareWaves(
			aggregateResults(mini.model, t0, 5),
			aggregateResults(mini.model, t1, 5)
		);
		expect(change.areas.find((a) => a.id === 'B')!.change).toBe(60);

		await visit(page, management);
		expect(await page.locator('[data-count="shared"]').textContent()).toBe('5');
		const comparison = '[data-wave-comparison="exemple-mini"]';
		for (const row of [...change.areas, change.overall]) {
			const tr = `${comparison} tr[data-unit="${row.id}"]`;
			const signed = row.change! > 0 ? `+${formatScore(row.change!)}` : formatScore(row.change!);
			expect([await cell(page, tr, 0), await cell(page, tr, 1), await cell(page, tr, 2)]).toEqual([
				formatScore(row.before!),
				formatScore(row.after!),
				signed
			]);
		}
		// The direction did not answer again: no cross reading in T1, and no wave comparison for it.
		expect(await page.locator(`${cross} [data-flags]`).textContent()).toContain(
			'Pas encore de lecture croisée possible'
		);
		expect(await page.locator('[data-wave-comparison="exemple-orga"]').textContent()).toContain(
			'Comparaison impossible'
		);
		await checkState(page, 'dashboard, T1 compared with T0');
		const [overlaid] = await charts(page, comparison);
		expect(overlaid!.series.map((s) => s.name)).toEqual(['Vague T0', 'Vague T1']);
		expect(overlaid!.series[1]!.values).toEqual(change.areas.map((a) => a.after));

		// T0 is still there, unchanged.
		await page.getByLabel('Vague affichée').selectOption('T0');
		await submit(page, page.getByRole('button', { name: 'Afficher' }));
		await expect.poll(() => page.locator('[data-count="shared"]').textContent()).toBe('6');

		// Exports: every wave by default, one wave when asked, with the wave in each row.
		const rows = async (query: string) => {
			const text = await (await fetch(`${management}/export.csv?${query}`)).text();
			return parseCsv(text.replace(/^\uFEFF/, '')).slice(1);
		};
		expect((await rows('diagnostic=exemple-mini')).map((r) => r[2]).sort()).toEqual([
			...Array(5).fill('T0'),
			...Array(5).fill('T1')
		]);
		expect((await rows('diagnostic=exemple-mini&vague=T1')).map((r) => r[2])).toEqual(
			Array(5).fill('T1')
		);
		await page.context().close();
	});
});
