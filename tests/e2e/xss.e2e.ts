/**
 * XSS canaries (OUT-01), in Chromium with JavaScript on and off: markup typed into every free
 * text and name (campaign name, choice field and its options, identifier label and values,
 * questionnaire comment, guided client, notes, action title and owner) stays text on every page
 * that shows it, in the print view and after enhanced (client-side) updates: no script runs
 * (`window.__x` stays undefined), no dialog opens, no element is injected. The exports give the
 * same text back, formulas neutralised.
 */
import type { Browser, Page } from 'playwright-core';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { parseCsv } from '../helpers/csv';
import { miniPages, post } from '../helpers/participant';
import { javaScriptEnabled, launch, openPage, submit, visit } from './browser';
import { answerPage, next } from './journey-helpers';

const baseURL = inject('baseURL');
const mode = javaScriptEnabled ? 'JavaScript on' : 'JavaScript off';
let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
});

const C1 = '"><img src=x onerror=window.__x=1>';
const C2 = '</script><script>window.__x=1</script>';
const C3 = '</textarea></title><svg onload=alert(1)>';
const FORMULA = '=HYPERLINK("https://example.invalid","x")';
const tag = javaScriptEnabled ? 'js' : 'nojs';

/** A page that records every dialog; `inert` checks nothing ran and nothing was injected. */
async function watched(): Promise<{ page: Page; inert: (where: string) => Promise<void> }> {
	const { page } = await openPage(browser);
	const dialogs: string[] = [];
	page.on('dialog', (d) => {
		dialogs.push(d.message());
		void d.dismiss();
	});
	const inert = async (where: string) => {
		const state = await page.evaluate(() => ({
			ran: (window as unknown as { __x?: unknown }).__x ?? null,
			injected: document.querySelectorAll('img[src="x"], svg[onload], [onerror], [onload]').length,
			scripts: [...document.scripts].filter((s) => s.textContent?.trim() === 'window.__x=1').length
		}));
		expect(state, where).toEqual({ ran: null, injected: 0, scripts: 0 });
		expect(dialogs, where).toEqual([]);
	};
	return { page, inert };
}

const text = async (page: Page, selector = 'main') =>
	(await page.locator(selector).textContent()) ?? '';

async function csvOf(url: string): Promise<string[][]> {
	const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
	return parseCsv(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1));
}

describe(`XSS canaries (${mode})`, () => {
	test('stay text on every page, in print, after enhanced updates and in the exports', async () => {
		const { page, inert } = await watched();

		// A campaign whose name, choice field, options and identifier label are markup.
		await visit(page, `${baseURL}/campagnes/nouvelle`);
		const name = `${C1} ${C2} ${tag}`;
		await page.getByLabel('Nom de la campagne').fill(name);
		for (const box of await page.locator('input[name=diagnostics]').all()) {
			if ((await box.getAttribute('value')) === 'exemple-mini') await box.check();
			else await box.uncheck();
		}
		await page.getByLabel('Taille minimale d’un groupe affiché (k)').fill('3');
		await page.getByLabel('Champ de choix proposé aux participants (facultatif)').fill(C3);
		await page.getByLabel('Choix possibles, un par ligne').fill(`${C1}\n${C2}`);
		await page.getByLabel('Identifiant libre demandé aux participants (facultatif)').fill(C2);
		await submit(page, page.getByRole('button', { name: 'Créer la campagne' }));
		expect(page.url()).toMatch(/\/campagnes\/[A-Za-z0-9_-]{22}$/);
		const management = page.url();
		const code = ((await page.locator('[data-code]').textContent()) ?? '').replace('-', '');
		await inert('dashboard, just created');
		expect(await text(page, 'h1')).toBe(name);

		// The join page shows all of them; one person joins in the browser with markup everywhere.
		const participant = await watched();
		await visit(participant.page, `${baseURL}/rejoindre/${code}`);
		await participant.inert('join page');
		expect(await text(participant.page, 'h1')).toBe(name);
		expect(await participant.page.title()).toContain(name);
		expect(await text(participant.page, 'label[for=group]')).toBe(C3);
		expect(await text(participant.page, 'label[for=identifier]')).toBe(C2);
		await participant.page.locator('#group').selectOption(C1);
		await participant.page.locator('#identifier').fill(C3);
		await participant.page.getByLabel('J’ai lu ce que l’organisateur pourra voir.').check();
		await submit(participant.page, participant.page.getByRole('button', { name: 'Commencer' }));
		expect(participant.page.url()).toMatch(/\/p\/[A-Za-z0-9_-]{22}$/);
		const privateLink = participant.page.url();
		await participant.page.getByLabel('Souvent').check();
		await next(participant.page);
		const comment = `${C3} ${C1} ${C2}`;
		await answerPage(participant.page, () => 0);
		await participant.page.getByLabel('Une remarque ?').fill(comment);
		await next(participant.page);
		await participant.page.locator('#resultats-domaines').waitFor();
		await participant.inert('results');
		expect(await text(participant.page, '.share')).toContain(name);
		await submit(
			participant.page,
			participant.page.getByRole('button', { name: 'Partager mes résultats' })
		);
		await participant.inert('results, shared');
		await participant.page.emulateMedia({ media: 'print' });
		await participant.inert('results, print');
		await participant.page.context().close();

		// Two more share (k = 3), with an identifier that is a formula; a fourth stops half-way
		// with the comment saved: it comes back in the textarea as text.
		const join = async (identifier: string, group: string) => {
			const joined = await post(baseURL, `/rejoindre/${code}`, [
				['group', group],
				['identifier', identifier],
				['consent', 'oui']
			]);
			expect(joined.status).toBe(303);
			return joined.headers.get('location')!.split('/').at(-1)!;
		};
		for (const [identifier, group] of [
			[FORMULA, C2],
			[C1, C1]
		] as const) {
			const token = await join(identifier, group);
			for (const { page: name, fields } of miniPages(2)) {
				const saved = await post(baseURL, `/p/${token}?/save`, [
					['page', name],
					['nav', 'next'],
					...fields
				]);
				expect(saved.status).toBe(303);
			}
			expect((await post(baseURL, `/p/${token}?/share`, [['partager', 'oui']])).status).toBe(303);
		}
		const halfway = await join(C2, C2);
		expect(
			(
				await post(baseURL, `/p/${halfway}?/save`, [
					['page', 'outils'],
					['nav', 'next'],
					['classe_virtuelle', 'souvent']
				])
			).status
		).toBe(303);
		expect(
			(
				await post(baseURL, `/p/${halfway}?/save`, [
					['page', 'accompagnement'],
					['nav', 'stay'],
					['remarque', comment]
				])
			).status
		).toBe(200);
		const resumed = await watched();
		await visit(resumed.page, `${baseURL}/p/${halfway}`);
		await resumed.inert('questionnaire with a saved comment');
		expect(await resumed.page.getByLabel('Une remarque ?').inputValue()).toBe(comment);
		await resumed.page.context().close();

		// The dashboard, then filtered by a group whose name is markup.
		await visit(page, management);
		await inert('dashboard with shared results');
		expect(await page.locator('[data-aggregate="exemple-mini"]').count()).toBe(1);
		await page.locator('#groupe').selectOption(C1);
		await submit(page, page.getByRole('button', { name: 'Filtrer' }));
		await inert('dashboard filtered by group');
		await page.emulateMedia({ media: 'print' });
		await inert('dashboard, print');
		await page.emulateMedia({ media: 'screen' });

		// A guided session for a client whose name is markup, answered, then notes and actions.
		await visit(page, `${management}/accompagnements`);
		const client = `${C1}${C2}`;
		await page.getByLabel('Organisme accompagné').fill(client);
		await page.getByLabel('Diagnostic').selectOption('exemple-mini');
		await submit(page, page.getByRole('button', { name: 'Ouvrir l’accompagnement' }));
		expect(page.url()).toMatch(/\/accompagnements\/[0-9a-f-]{36}$/);
		const session = page.url();
		await inert('guided questionnaire');
		for (let step = 0; step < 6 && (await page.locator('[data-areas]').count()) === 0; step++) {
			await answerPage(page, () => 0);
			await next(page);
		}
		await inert('guided workspace');
		expect(await text(page, 'h1')).toBe(client);
		const note = `${C1} ${C2} ${C3}`;
		await page.getByRole('group', { name: 'Outils' }).getByLabel('Note du conseiller').fill(note);
		// A rating too, so that the page visibly changes once saved (the gap is shown).
		await page
			.getByRole('group', { name: 'Outils' })
			.getByLabel('Niveau selon le conseiller')
			.selectOption('confirme');
		await page
			.getByRole('group', { name: 'Accompagnement' })
			.getByLabel('Note du conseiller')
			.fill(FORMULA);
		await submit(page, page.getByRole('button', { name: 'Enregistrer les notes et les niveaux' }));
		await inert('guided workspace, notes saved');
		const title = `${C3} ${C1}`;
		await page.getByLabel('Action', { exact: true }).fill(title);
		await page.getByLabel('Domaine ou compétence').selectOption('A');
		await page.getByLabel('Responsable').fill(FORMULA);
		await submit(page, page.getByRole('button', { name: 'Ajouter l’action' }));
		await inert('guided workspace, action added');
		expect(await page.locator('[data-plan] tr[data-action] th').allTextContents()).toEqual([title]);

		await page.getByRole('link', { name: 'Rapport imprimable' }).click();
		await page.waitForURL(/\/rapport$/);
		if (javaScriptEnabled) await page.waitForSelector('html[data-hydrated="true"]');
		await inert('guided report');
		expect(await text(page, 'h1')).toBe(client);
		expect(await text(page, '[data-note="A"] p')).toBe(note);
		await page.emulateMedia({ media: 'print' });
		await inert('guided report, print');
		await page.emulateMedia({ media: 'screen' });

		// The sessions list and /gestion.
		await visit(page, `${management}/accompagnements`);
		await inert('guided sessions');
		expect(await text(page)).toContain(client);
		await visit(page, `${baseURL}/gestion`);
		await page.getByLabel('Liens de gestion, un par ligne').fill(management);
		await submit(page, page.getByRole('button', { name: 'Retrouver mes campagnes' }));
		await inert('/gestion');
		expect(await text(page)).toContain(name);
		expect(await text(page)).toContain(client);
		await page.context().close();

		// Exports: the text comes back as text; formulas are neutralised as before.
		const [header, ...rows] = await csvOf(`${management}/export.csv?diagnostic=exemple-mini`);
		expect(header).toContain(C3);
		expect(header).toContain(C2);
		expect(rows.map((r) => r[0])).toEqual([name, name, name]);
		const identifiers = rows.map((r) => r[header!.indexOf(C2)]);
		expect(identifiers).toEqual([C3, `'${FORMULA}`, C1]);
		expect(rows.map((r) => r[header!.indexOf(C3)])).toEqual([C1, C2, C1]);
		const book = new ExcelJS.Workbook();
		await book.xlsx.load(
			await (await fetch(`${management}/export.xlsx?diagnostic=exemple-mini`)).arrayBuffer()
		);
		const sheet = book.getWorksheet('Participants')!;
		const column = (sheet.getRow(1).values as unknown[]).indexOf(C2);
		expect([2, 3, 4].map((r) => sheet.getRow(r).getCell(column).value)).toEqual([
			C3,
			`'${FORMULA}`,
			C1
		]);
		expect(sheet.getRow(2).getCell(1).value).toBe(name);

		const data = await (await fetch(`${privateLink}/donnees.json`)).json();
		expect(data.attempts[0].answers.remarque).toBe(comment);
		const report = await (await fetch(`${session}/rapport.json`)).json();
		expect(report.client).toBe(client);
		expect(report.areas.map((a: { note: string }) => a.note)).toEqual([note, FORMULA]);
		expect(report.actions.map((a: { title: string; owner: string }) => [a.title, a.owner])).toEqual(
			[[title, FORMULA]]
		);
		const reportCsv = (await csvOf(`${session}/rapport.csv`)).flat();
		for (const value of [client, note, title]) expect(reportCsv).toContain(value);
		expect(reportCsv).toContain(`'${FORMULA}`);
		expect(reportCsv).not.toContain(FORMULA);
	});
});
