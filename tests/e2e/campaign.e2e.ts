/**
 * A campaign without accounts, in Chromium with JavaScript on and off: an organiser creates it
 * with a group field; six participants join with the code in two groups, complete, five share;
 * the dashboard's figures equal the engine's aggregate of the same answers, and a group below k
 * shows no figure.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { scoreAnswers } from '$lib/scoring/score';
import { aggregateResults, levelDistribution } from '$lib/campaigns/aggregate';
import { belowTarget, collectivePriorities } from '$lib/campaigns/priorities';
import { formatPercent } from '$lib/format/number';
import { localize } from '$lib/diagnostic/localized';
import { formatScore } from '$lib/format/number';
import { scoreWords } from '$lib/results/score-words';
import type { ScoreResult } from '$lib/scoring/types';
import { loadById } from '../helpers/packages';
import { javaScriptEnabled, launch, openPage, submit, visit } from './browser';
import { answerToTheEnd, radarsIn, random } from './journey-helpers';
import { checkState } from './a11y-checks';
import { topsAt } from './layout-checks';
import { CANARY } from './log-check';
import { fieldsWithoutPersonalDataHint } from './privacy-checks';
import ExcelJS from 'exceljs';
import { parseCsv } from '../helpers/csv';

const baseURL = inject('baseURL');
let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
});

async function createCampaign(page: Page): Promise<{ management: string; code: string }> {
	await visit(page, `${baseURL}/campagnes/nouvelle`);
	await checkState(page, 'campaign creation');
	expect((await fieldsWithoutPersonalDataHint(page)).withoutHint).toEqual([]);
	// Target profile: area « Outils » of the example should reach « Expert », its competence
	// « Quiz en ligne » « Confirmé » only; « Tutorat » « Expert » although its area has no target.
	await page.getByText('Profil visé (facultatif)').click();
	const targets = page.getByRole('group', { name: 'Niveau visé : Exemple minimal (test)' });
	await targets.getByLabel('Outils').selectOption('expert');
	await targets.getByText('Compétences du domaine « Outils »').click();
	await targets.getByLabel('Quiz en ligne').selectOption('confirme');
	await targets.getByText('Compétences du domaine « Accompagnement »').click();
	await targets.getByLabel('Tutorat').selectOption('expert');
	// Refused without a name: errors are listed and the form keeps what was typed and chosen.
	await submit(page, page.getByRole('button', { name: 'Créer la campagne' }));
	await expect.poll(() => page.getByRole('alert').textContent()).toContain('Donnez un nom');
	await checkState(page, 'campaign creation, refused');
	expect([
		await targets.getByLabel('Outils').inputValue(),
		await targets.getByLabel('Classe virtuelle').inputValue(),
		await targets.getByLabel('Quiz en ligne').inputValue(),
		await targets.getByLabel('Accompagnement').inputValue(),
		await targets.getByLabel('Tutorat').inputValue()
	]).toEqual(['expert', '', 'confirme', '', 'expert']);
	await page
		.getByLabel('Nom de la campagne')
		.fill(`${CANARY.org} ${javaScriptEnabled ? 'JS' : 'sans JS'}`);
	for (const box of await page.locator('input[name=diagnostics]').all()) {
		if ((await box.getAttribute('value')) !== 'exemple-mini') await box.uncheck();
		else await box.check();
	}
	await page.getByLabel('Champ de choix proposé aux participants (facultatif)').fill('Site');
	await page.getByLabel('Choix possibles, un par ligne').fill('Site A\nSite B');
	await page.getByLabel('Identifiant libre demandé aux participants (facultatif)').fill('Session');
	await submit(page, page.getByRole('button', { name: 'Créer la campagne' }));
	expect(page.url()).toMatch(/\/campagnes\/[A-Za-z0-9_-]{22}$/);
	await checkState(page, 'campaign management');
	return { management: page.url(), code: (await page.locator('[data-code]').textContent())! };
}

describe(`campaigns (${javaScriptEnabled ? 'JavaScript on' : 'JavaScript off'})`, async () => {
	const { model, pkg } = await loadById('exemple-mini');

	test('create, join in two groups, share, aggregate with k', async () => {
		const organiser = await openPage(browser);
		const { management, code } = await createCampaign(organiser.page);
		expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);

		// The server checks the target profile itself: unknown units or levels are refused.
		for (const [key, level] of [
			['target.exemple-mini.Z.9', 'expert'],
			['target.exemple-mini.A.1', 'maitre'],
			['target.inconnu.A', 'expert']
		]) {
			const refused = await fetch(`${baseURL}/campagnes/nouvelle`, {
				method: 'POST',
				body: new URLSearchParams({
					name: 'X',
					diagnostics: 'exemple-mini',
					k: '5',
					[key!]: level!
				}),
				headers: { origin: baseURL, accept: 'text/html' },
				redirect: 'manual'
			});
			expect(refused.status, key).toBe(400);
			expect(await refused.text(), key).toContain('Domaine, compétence ou niveau visé inconnu.');
		}

		const response = await fetch(management);
		expect(response.headers.get('cache-control')).toBe('no-store');
		expect(response.headers.get('x-robots-tag')).toBe('noindex, nofollow');

		const shared: ScoreResult[] = [];
		// A formula typed as an identifier must never run in a spreadsheet.
		const canary = '=HYPERLINK("https://example.invalid","x")';
		for (let i = 0; i < 6; i++) {
			const { page } = await openPage(browser);
			// People type codes as they can: lower case, no dash.
			await visit(page, `${baseURL}/rejoindre`);
			await page.getByLabel('Code participant').fill(code.replace('-', ' ').toLowerCase());
			await submit(page, page.getByRole('button', { name: 'Continuer' }));
			expect(page.url()).toContain(`/rejoindre/${code.replace('-', '')}`);
			if (i === 0) await checkState(page, 'consent');
			if (i === 0) expect((await fieldsWithoutPersonalDataHint(page)).withoutHint).toEqual([]);
			await page.getByLabel('Site').selectOption(i < 3 ? 'Site A' : 'Site B');
			if (i === 0) {
				// Consent is required before anything starts.
				await submit(page, page.getByRole('button', { name: 'Commencer' }));
				await expect.poll(() => page.getByRole('alert').textContent()).toContain('Cochez la case');
				await checkState(page, 'consent, refused');
				await page.getByLabel('Site').selectOption('Site A');
			}
			await page.getByLabel('Session').fill(i === 0 ? canary : `${CANARY.person}-${i}`);
			await page.getByLabel('J’ai lu ce que l’organisateur pourra voir.').check();
			await submit(page, page.getByRole('button', { name: 'Commencer' }));
			expect(page.url()).toMatch(/\/p\/[A-Za-z0-9_-]{22}$/);
			const result = scoreAnswers(model, await answerToTheEnd(page, random(100 + i)));
			await expect
				.poll(() => page.locator('[data-shared]').textContent())
				.toContain('ne sont pas partagés');
			if (i === 0) await checkState(page, 'results in a campaign');
			if (i < 5) {
				await submit(page, page.getByRole('button', { name: 'Partager mes résultats' }));
				await expect
					.poll(() => page.locator('[data-shared]').getAttribute('data-shared'))
					.toBe('true');
				shared.push(result);
			}
			await page.context().close();
		}

		// Dashboard: counts, and figures equal to the engine's aggregate of the shared results.
		const page = organiser.page;
		await visit(page, management);
		await checkState(page, 'campaign dashboard');
		// Results first (issue [7]): on a 1280×800 desktop the participation figures and the first
		// results come before inviting, the management link and the waves.
		const tops = await topsAt(
			page,
			{
				participation: '[data-count="shared"]',
				results: '[data-diagnostic] h2',
				levels: '[data-diagnostic] [data-levels]',
				invite: '[data-code]',
				manageLink: '#manage-link',
				waves: '#waves-title'
			},
			{ width: 1280, height: 800 }
		);
		expect(tops.participation).not.toBeNull();
		expect(tops.participation!, 'participation above the results').toBeLessThan(tops.results!);
		// The participation and the first results heading within the first screen.
		expect(tops.results!, 'first results heading within 800 px').toBeLessThan(800);
		for (const after of ['invite', 'manageLink', 'waves'] as const) {
			expect(tops.levels!, `results above ${after}`).toBeLessThan(tops[after]!);
		}
		const count = (name: string) => page.locator(`[data-count="${name}"]`).textContent();
		expect([await count('joined'), await count('completed'), await count('shared')]).toEqual([
			'6',
			'6',
			'5'
		]);
		const expected = aggregateResults(model, shared, 5);
		expect(expected.suppressed).toBe(false);
		for (const unit of [...expected.areas, expected.overall]) {
			const cells = page.locator(`[data-aggregate="exemple-mini"] tr[data-unit="${unit.id}"] td`);
			const shown = [await cells.nth(0).textContent(), await cells.nth(1).textContent()];
			expect(shown, unit.id).toEqual(
				unit.suppressed
					? ['moins de 5', '—']
					: // The mean in words, its level first (ADR 0029): « Confirmé, bas du niveau (53,3) ».
						[String(unit.n), scoreWords(pkg.levels.levels, unit.mean, 'fr').brief]
			);
		}

		// Spread: min – Q1 – median – Q3 – max, equal to the engine's.
		for (const unit of [...expected.areas, expected.overall]) {
			if (unit.suppressed) continue;
			const spread = page.locator(
				`[data-aggregate="exemple-mini"] tr[data-unit="${unit.id}"] td[data-spread]`
			);
			expect((await spread.textContent())!.trim(), unit.id).toBe(
				[unit.min, unit.q1, unit.median, unit.q3, unit.max].map((v) => formatScore(v)).join(' – ')
			);
		}

		// Distribution of levels: participants per level, in number and percent.
		const levelIds = pkg.levels.levels.map((l) => l.id);
		for (const unit of [...expected.areas, expected.overall]) {
			const row = page.locator(`[data-levels="exemple-mini"] tr[data-unit="${unit.id}"]`);
			if (unit.suppressed) {
				expect(await row.locator('td').allTextContents(), unit.id).toEqual(['moins de 5']);
				continue;
			}
			const shown = await row.locator('td[data-level]').allTextContents();
			expect(shown, unit.id).toEqual(
				levelDistribution(unit, levelIds).map((l) => `${l.count} (${formatPercent(l.share)})`)
			);
		}

		// Target profile: share below « Expert » in « Outils », per competence with its own target
		// or its area's, and collective priorities.
		const profile = { A: 'expert', 'A.2': 'confirme', 'B.1': 'expert' };
		const below = belowTarget(pkg, profile, shared);
		const [belowA] = below.areas;
		expect(
			await page.locator('[data-below="exemple-mini"] tr[data-unit="A"] td').nth(1).textContent()
		).toBe(`${formatPercent(belowA!.share)} (${belowA!.below} / ${belowA!.n})`);
		expect(below.competences.map((c) => c.id)).toEqual(['A.1', 'A.2', 'B.1']);
		for (const c of below.competences) {
			const cells = page.locator(
				`[data-below-competences="exemple-mini"] tr[data-unit="${c.id}"] td`
			);
			const name = pkg.levels.levels.find((l) => l.id === c.target)!.name.fr;
			expect(
				(await cells.allTextContents()).map((t) => t.trim()),
				c.id
			).toEqual([
				c.areaId === 'A' ? 'Outils' : 'Accompagnement',
				c.inherited ? `${name} (comme le domaine)` : name,
				c.n < 5 ? 'moins de 5' : `${formatPercent(c.share)} (${c.below} / ${c.n})`
			]);
		}
		const priorities = collectivePriorities(pkg, profile, shared, 5, 5);
		expect(priorities.length).toBeGreaterThan(0);
		const shownPriorities = await page
			.locator('[data-priorities="exemple-mini"] > li')
			.evaluateAll((items) => items.map((li) => li.getAttribute('data-priority')));
		expect(shownPriorities).toEqual(priorities.map((p) => p.competenceId));

		// Charts: drawn by the server from the same figures, JavaScript on or off.
		const [radar, ...others] = await radarsIn(page, '[data-diagnostic="exemple-mini"]');
		expect(others).toEqual([]);
		expect(radar!.axes).toEqual(pkg.framework.areas.map((a) => localize(a.name, 'fr')));
		expect(radar!.series).toEqual([
			{ name: 'Moyenne', values: expected.areas.map((a) => (a.suppressed ? null : a.mean)) }
		]);
		// The spread as a band, from the first quartile to the third.
		expect(radar!.band).toEqual({
			name: 'Moitié centrale des participants (Q1 à Q3)',
			low: expected.areas.map((a) => (a.suppressed ? null : a.q1)),
			high: expected.areas.map((a) => (a.suppressed ? null : a.q3))
		});
		const bars = page.locator('[data-diagnostic="exemple-mini"] [data-level-bars]');
		expect(
			await bars.locator('.legend li').evaluateAll((li) => li.map((l) => l.textContent!.trim()))
		).toEqual(pkg.levels.levels.map((l) => l.name.fr));
		const drawnShares = await bars
			.locator('[data-unit-label]')
			.evaluateAll((all) =>
				all.map((r) => JSON.parse(r.getAttribute('data-shares') ?? 'null') as number[] | null)
			);
		expect(drawnShares).toEqual(
			[...expected.areas, expected.overall].map((u) =>
				u.suppressed
					? null
					: levelIds.map((_, i) => Math.round(levelDistribution(u, levelIds)[i]!.share * 1000) / 10)
			)
		);

		// Exports: one row per shared participation, equal to the engine; the canary is inert.
		const csvResponse = await fetch(`${management}/export.csv?diagnostic=exemple-mini`);
		expect(csvResponse.headers.get('content-type')).toContain('text/csv');
		expect(csvResponse.headers.get('cache-control')).toBe('no-store');
		// Read the bytes: Response.text() would drop the byte-order mark silently.
		const bytes = new Uint8Array(await csvResponse.arrayBuffer());
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const csvText = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1);
		const [header, ...rows] = parseCsv(csvText);
		expect(rows).toHaveLength(5);
		expect(header!.slice(0, 9)).toEqual([
			'Campagne',
			'Diagnostic',
			'Vague',
			'Site',
			'Session',
			'Terminé le',
			'Partagé le',
			'Ensemble – score',
			'Ensemble – niveau'
		]);
		const number = (v: number | null) => (v === null ? '' : String(v).replace('.', ','));
		expect(rows.map((r) => r[7])).toEqual(shared.map((r) => number(r.overall.score)));
		const a1 = header!.indexOf('Classe virtuelle – score');
		expect(rows.map((r) => r[a1])).toEqual(
			shared.map((r) => number(r.competences.find((c) => c.id === 'A.1')!.score))
		);
		expect(rows[0]![4]).toBe(`'${canary}`);
		expect(rows.every((r) => r[2] === 'T0')).toBe(true);
		expect(rows.every((r) => /^\d{4}-\d{2}-\d{2}$/.test(r[6]!))).toBe(true);
		expect(csvText).not.toMatch(/[A-Za-z0-9_-]{22}/);

		const book = new ExcelJS.Workbook();
		await book.xlsx.load(
			await (await fetch(`${management}/export.xlsx?diagnostic=exemple-mini`)).arrayBuffer()
		);
		const sheet = book.getWorksheet('Participants')!;
		expect(sheet.rowCount).toBe(6);
		expect(sheet.getRow(2).getCell(5).value).toBe(`'${canary}`);
		expect(sheet.getRow(2).getCell(8).value).toBe(shared[0]!.overall.score);
		const summary = book.getWorksheet('Synthèse')!;
		expect(summary.getRow(2).values).toEqual([
			undefined,
			'Ensemble',
			5,
			expected.overall.suppressed ? undefined : expected.overall.mean,
			...(expected.overall.suppressed
				? []
				: [expected.overall.min, expected.overall.median, expected.overall.max])
		]);

		// Site B has 2 shared results, below k = 5: no figure at all.
		await page.getByLabel('Site').selectOption('Site B');
		await submit(page, page.getByRole('button', { name: 'Filtrer' }));
		await expect.poll(() => page.locator('[data-suppressed]').count()).toBe(1);
		await checkState(page, 'campaign dashboard, group below k');
		expect(await page.locator('[data-aggregate]').count()).toBe(0);
		await page.context().close();

		// An unknown code is refused with a readable message.
		const stranger = await openPage(browser);
		await visit(stranger.page, `${baseURL}/rejoindre?code=AAAA-AAAA`);
		await expect
			.poll(() => stranger.page.getByRole('alert').textContent())
			.toContain('ne correspond à aucune campagne');
		await checkState(stranger.page, 'join, unknown code');
		await stranger.page.context().close();

		// A wrong management link shows nothing.
		expect((await fetch(`${baseURL}/campagnes/AAAAAAAAAAAAAAAAAAAAAA`)).status).toBe(404);
	});
});
