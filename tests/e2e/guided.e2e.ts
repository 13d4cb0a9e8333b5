/**
 * A guided diagnostic in Chromium, JavaScript on and off: an advisor opens a session for a
 * client from the campaign's management link, answers on the client's behalf, adds notes,
 * advisor ratings (the gap is said in words) and an action plan, prints the report to PDF, and
 * downloads the same data as CSV and JSON; /gestion finds the campaign and the session again.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { parseCsv } from '../helpers/csv';
import { checkState } from './a11y-checks';
import { topsAt } from './layout-checks';
import { javaScriptEnabled, launch, openPage, submit, visit } from './browser';
import { answerPage, next, radarsIn } from './journey-helpers';
import { CANARY } from './log-check';
import { fieldsWithoutPersonalDataHint } from './privacy-checks';
import { compact } from './pdf';
import { checkPrintedReport } from './report-checks';
import { localize } from '$lib/diagnostic/localized';
import { loadById } from '../helpers/packages';

const baseURL = inject('baseURL');
const mode = javaScriptEnabled ? 'JavaScript on' : 'JavaScript off';
let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
});

/** Text as shown, with the non-breaking spaces of French typography as plain spaces. */
const plain = (text: string | null) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ').trim();

async function createCampaign(page: Page, name: string): Promise<string> {
	await visit(page, `${baseURL}/campagnes/nouvelle`);
	await page.getByLabel('Nom de la campagne').fill(name);
	for (const box of await page.locator('input[name=diagnostics]').all()) {
		if ((await box.getAttribute('value')) === 'exemple-mini') await box.check();
		else await box.uncheck();
	}
	await submit(page, page.getByRole('button', { name: 'Créer la campagne' }));
	expect(page.url()).toMatch(/\/campagnes\/[A-Za-z0-9_-]{22}$/);
	return page.url();
}

describe(`guided diagnostic (${mode})`, () => {
	test('session, notes, advisor ratings, action plan, report to PDF, CSV and JSON', async () => {
		const { page } = await openPage(browser);
		const campaign = `${CANARY.org} Réseau accompagné ${javaScriptEnabled ? 'JS' : 'sans JS'}`;
		const client = `${CANARY.org} Horizon ${javaScriptEnabled ? 'JS' : 'sans JS'}`;
		const management = await createCampaign(page, campaign);

		// From the dashboard to the list of guided sessions.
		await page
			.getByRole('link', {
				name: 'Passer un diagnostic avec un client, noter, bâtir un plan d’action'
			})
			.click();
		await page.waitForURL(/\/accompagnements$/);
		if (javaScriptEnabled) await page.waitForSelector('html[data-hydrated="true"]');
		await checkState(page, 'guided sessions, none yet');
		expect((await fieldsWithoutPersonalDataHint(page)).withoutHint).toEqual([]);
		expect(await page.locator('[data-sessions]').count()).toBe(0);

		// Refused without a client name; then opened.
		await submit(page, page.getByRole('button', { name: 'Ouvrir l’accompagnement' }));
		await expect
			.poll(async () => plain(await page.getByRole('alert').textContent()))
			.toContain('Indiquez le nom de l’organisme accompagné');
		await checkState(page, 'guided session opening, refused');
		await page.getByLabel('Organisme accompagné').fill(client);
		await page.getByLabel('Diagnostic').selectOption('exemple-mini');
		await submit(page, page.getByRole('button', { name: 'Ouvrir l’accompagnement' }));
		expect(page.url()).toMatch(/\/accompagnements\/[0-9a-f-]{36}$/);
		const session = page.url();

		// The advisor answers on the client's behalf: no private link is shown.
		expect(plain(await page.locator('.diagnostic-title').textContent())).toBe(
			`Accompagnement de ${client} : Exemple minimal (test)`
		);
		expect(await page.locator('#private-link').count()).toBe(0);
		await checkState(page, 'guided questionnaire');
		// The lowest answer everywhere: « Débutant » in both areas, resources recommended.
		const lowest = () => 0;
		for (let step = 0; step < 6 && (await page.locator('[data-areas]').count()) === 0; step++) {
			await answerPage(page, lowest);
			await next(page);
		}
		await expect.poll(() => page.locator('h1').textContent()).toBe(client);
		await checkState(page, 'guided workspace');
		// The diagnostic and the date apart: « … de formation · terminé le 7 décembre 2026 ».
		expect((await page.locator('p.subtitle').innerText()).replace(/\s+/g, ' ')).toMatch(
			/\S · terminé le \d{1,2} \S+ \d{4}$/
		);
		// Results first (issue [7]): at 1280×800 the radar, the table of levels and the priorities
		// come before the notes form and the action plan.
		const tops = await topsAt(
			page,
			{
				radarCell: '[data-chart-cell="radar"]',
				radar: '[data-chart-cell="radar"] [role="img"]',
				areas: '[data-areas]',
				priorities: '[data-priorities]',
				notes: 'form.assess',
				plan: '#plan'
			},
			{ width: 1280, height: 800 }
		);
		expect(tops.radarCell, 'radar in the first screen').toBeLessThan(800);
		// Without JavaScript the radar is drawn only once it is an SVG from the server.
		if (javaScriptEnabled || tops.radar !== null) {
			expect(tops.radar!, 'radar in the first screen').toBeLessThan(800);
		}
		for (const first of ['radarCell', 'areas', 'priorities'] as const) {
			expect(tops[first], `${first} shown`).not.toBeNull();
			expect(tops[first]!, `${first} above the notes form`).toBeLessThan(tops.notes!);
		}
		expect(tops.notes!, 'notes above the action plan').toBeLessThan(tops.plan!);
		const workspace = await fieldsWithoutPersonalDataHint(page);
		expect(workspace.withoutHint).toEqual([]);
		// A note per area, the action's title and owner.
		expect(workspace.fields).toBe(4);
		const row = (area: string) => page.locator(`[data-areas] tr[data-area="${area}"] td`);
		// The level, then where the score sits in it (ADR 0029).
		expect(plain(await row('A').nth(1).textContent())).toMatch(
			/^Débutant ?(bas|milieu|haut) du niveau$/
		);
		expect(plain(await row('B').nth(1).textContent())).toMatch(
			/^Débutant ?(bas|milieu|haut) du niveau$/
		);

		// Notes and advisor ratings: « Outils » one level above the self-assessment.
		const notes = {
			A: `${CANARY.text} Les outils existent ; personne ne les utilise encore en séance.`,
			B: `${CANARY.text} Le tutorat à distance repose sur une seule personne.`
		};
		await page
			.getByRole('group', { name: 'Outils' })
			.getByLabel('Note du conseiller')
			.fill(notes.A);
		await page
			.getByRole('group', { name: 'Outils' })
			.getByLabel('Niveau selon le conseiller')
			.selectOption('confirme');
		await page
			.getByRole('group', { name: 'Accompagnement' })
			.getByLabel('Note du conseiller')
			.fill(notes.B);
		await page
			.getByRole('group', { name: 'Accompagnement' })
			.getByLabel('Niveau selon le conseiller')
			.selectOption('debutant');
		await submit(page, page.getByRole('button', { name: 'Enregistrer les notes et les niveaux' }));
		await expect.poll(async () => plain(await row('A').nth(3).textContent())).toBe('+1 niveau');
		expect(plain(await row('A').nth(2).textContent())).toBe('Confirmé');
		expect(plain(await row('B').nth(3).textContent())).toBe('même niveau');
		await checkState(page, 'guided workspace, assessed');

		// An action without a title is refused, and what was typed stays.
		await page.getByLabel('Responsable').fill(`Direction pédagogique ${CANARY.person}`);
		await submit(page, page.getByRole('button', { name: 'Ajouter l’action' }));
		await expect
			.poll(async () => plain(await page.getByRole('alert').textContent()))
			.toContain('Donnez un intitulé à l’action');
		expect(await page.getByLabel('Responsable').inputValue()).toBe(
			`Direction pédagogique ${CANARY.person}`
		);
		await checkState(page, 'guided workspace, action refused');

		// Two actions with resources chosen among the recommended ones.
		const actions = [
			{
				title: 'Former l’équipe aux quiz en ligne',
				target: 'A.2',
				owner: `Direction pédagogique ${CANARY.person}`,
				dueOn: '2027-03-31',
				status: 'todo',
				resource: 'h5p'
			},
			{
				title: 'Partager le cadre DigCompEdu',
				target: 'B',
				owner: 'Référent numérique',
				dueOn: '',
				status: 'doing',
				resource: 'digcompedu'
			}
		];
		for (const a of actions) {
			await page.getByLabel('Action', { exact: true }).fill(a.title);
			await page.getByLabel('Domaine ou compétence').selectOption(a.target);
			await page.getByLabel('Responsable').fill(a.owner);
			if (a.dueOn) await page.getByLabel('Échéance').fill(a.dueOn);
			await page.getByLabel('Statut', { exact: true }).selectOption(a.status);
			await page.locator(`input[name=resources][value="${a.resource}"]`).check();
			await submit(page, page.getByRole('button', { name: 'Ajouter l’action' }));
			await expect
				.poll(() => page.locator('[data-plan] tr[data-action] th').allTextContents())
				.toContain(a.title);
		}
		// The add form is empty again.
		expect(await page.getByLabel('Action', { exact: true }).inputValue()).toBe('');

		// Change a status: the first action is done.
		const first = page.locator('[data-plan] tr[data-action]').first();
		await first.getByLabel(/^Statut de/).selectOption('done');
		await submit(page, first.getByRole('button', { name: /Changer le statut/ }));
		await expect
			.poll(() =>
				page.locator('[data-plan] tr[data-action]').first().locator('[data-status]').textContent()
			)
			.toBe('Fait');
		await checkState(page, 'guided workspace, action plan');

		// The printable report.
		await page.getByRole('link', { name: 'Rapport imprimable' }).click();
		await page.waitForURL(/\/rapport$/);
		if (javaScriptEnabled) await page.waitForSelector('html[data-hydrated="true"]');
		await checkState(page, 'guided report');
		expect(await page.locator('h1').textContent()).toBe(client);
		const reportRow = (area: string) => page.locator(`[data-areas] tr[data-area="${area}"] td`);
		expect(plain(await reportRow('A').nth(2).textContent())).toBe('Confirmé');
		expect(plain(await reportRow('A').nth(3).textContent())).toBe('+1 niveau');
		expect(plain(await page.locator('[data-note="A"] p').textContent())).toBe(notes.A);
		const planText = plain(await page.locator('[data-plan]').textContent());
		for (const a of actions) expect(planText).toContain(a.title);
		expect(planText).toContain('Fait');
		expect(planText).toContain('31 mars 2027');
		expect(plain(await page.locator('#r-reco').locator('..').textContent())).toContain(
			'H5P – Content types and applications'
		);

		// Printed: at most 3 A4 pages, the radar over half the page with every area name whole,
		// the table of areas on one page (tests/e2e/report-checks.ts).
		const { pkg } = await loadById('exemple-mini');
		const areaNames = pkg.framework.areas.map((a) => localize(a.name, 'fr'));
		expect((await radarsIn(page)).map((r) => r.axes)).toEqual([areaNames]);
		const pdf = await checkPrintedReport(browser, page, {
			name: `guided-report-${javaScriptEnabled ? 'js' : 'nojs'}`,
			maxPages: 3,
			whole: areaNames,
			together: [],
			tables: ['[data-areas]']
		});
		for (const text of [
			notes.A,
			notes.B,
			actions[0]!.title,
			actions[1]!.title,
			'Niveau selon le conseiller',
			'Confirmé',
			'+1 niveau',
			'https://h5p.org/content-types-and-applications'
		]) {
			expect(pdf.text, text).toContain(compact(text));
		}
		// The report is for the client: no management link in it.
		const token = new URL(management).pathname.split('/').at(-1)!;
		expect(pdf.text).not.toContain(token);

		// CSV and JSON: the same notes, ratings and actions.
		const csvResponse = await fetch(`${session}/rapport.csv`);
		expect(csvResponse.headers.get('cache-control')).toBe('no-store');
		const bytes = new Uint8Array(await csvResponse.arrayBuffer());
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1);
		const [header, ...rows] = parseCsv(csv);
		const col = (name: string) => header!.findIndex((h) => plain(h) === name);
		expect(rows.map((r) => r[col('Type de ligne')])).toEqual([
			'domaine',
			'domaine',
			'action',
			'action'
		]);
		expect(rows.slice(0, 2).map((r) => r[col('Note du conseiller')])).toEqual([notes.A, notes.B]);
		expect(rows.slice(0, 2).map((r) => r[col('Niveau selon le conseiller')])).toEqual([
			'Confirmé',
			'Débutant'
		]);
		expect(rows.slice(0, 2).map((r) => r[col('Écart (niveaux)')])).toEqual(['1', '0']);
		expect(rows.slice(2).map((r) => r[col('Action')])).toEqual(actions.map((a) => a.title));
		expect(rows.slice(2).map((r) => r[col('Statut')])).toEqual(['Fait', 'En cours']);
		expect(rows.slice(2).map((r) => r[col('Échéance')])).toEqual(['2027-03-31', '']);
		expect(csv).not.toContain(token);

		const json = await (await fetch(`${session}/rapport.json`)).json();
		expect(json.client).toBe(client);
		expect(json.areas.map((a: { note: string }) => a.note)).toEqual([notes.A, notes.B]);
		expect(json.areas.map((a: { advisorLevel: { id: string } }) => a.advisorLevel.id)).toEqual([
			'confirme',
			'debutant'
		]);
		expect(json.areas.map((a: { gap: number }) => a.gap)).toEqual([1, 0]);
		expect(
			json.actions.map((a: { title: string; status: string; resources: { id: string }[] }) => [
				a.title,
				a.status,
				a.resources.map((r) => r.id)
			])
		).toEqual([
			[actions[0]!.title, 'done', ['h5p']],
			[actions[1]!.title, 'doing', ['digcompedu']]
		]);
		expect(JSON.stringify(json)).not.toContain(token);

		// /gestion: the management link pasted finds the campaign and its session.
		await visit(page, `${baseURL}/gestion`);
		await checkState(page, 'my campaigns');
		await page
			.getByLabel('Liens de gestion, un par ligne')
			.fill(`${management}\nAAAAAAAAAAAAAAAAAAAAAA`);
		await submit(page, page.getByRole('button', { name: 'Retrouver mes campagnes' }));
		await expect
			.poll(() => page.getByRole('heading', { name: 'Campagnes retrouvées' }).count())
			.toBe(1);
		await checkState(page, 'my campaigns, found');
		expect(await page.getByRole('link', { name: campaign, exact: true }).getAttribute('href')).toBe(
			new URL(management).pathname
		);
		expect(await page.getByRole('link', { name: client }).getAttribute('href')).toBe(
			new URL(session).pathname
		);
		expect(plain(await page.locator('[data-result-line="2"]').textContent())).toBe(
			'Ligne 2 : lien introuvable.'
		);
		await page.context().close();
	});
});
