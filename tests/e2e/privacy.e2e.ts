/**
 * Privacy by design in Chromium, JavaScript on and off. PRIV-02: no page sets a cookie or
 * writes to the browser's storage before a diagnostic starts (nor after, for a participant);
 * the only cookie is an organiser's, after giving a campaign's passphrase; the same-origin check
 * every test gets can fail. PRIV-03: the notice gives controller, purposes, legal basis,
 * recipients, retention, rights and the CNIL, is linked from every intro page and the join
 * pages, and every free-text field warns against personal data (here the test diagnostics;
 * the bundled ones page by page in answer-diagnostics.e2e.ts, organisers' and advisors' forms
 * in campaign.e2e.ts and guided.e2e.ts).
 * The canary values typed here reach the store, so the log check at teardown means something.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { createCampaign } from '../helpers/participant';
import { javaScriptEnabled, launch, openPage, submit, visit } from './browser';
import { answerPage, next } from './journey-helpers';
import { CANARY } from './log-check';
import { fieldsWithoutPersonalDataHint } from './privacy-checks';
import { takeExternalRequests } from './same-origin';

const baseURL = inject('baseURL');
const dataDir = inject('dataDir');
const mode = javaScriptEnabled ? 'JavaScript on' : 'JavaScript off';
let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
});

/** What the browser keeps for the site: cookies and every kind of storage a page can write. */
async function browserStorage(page: Page) {
	const cookies = (await page.context().cookies()).map((c) => c.name);
	// Runs even with JavaScript off: evaluate() is the test's code, not the page's.
	const kept = await page.evaluate(async () => ({
		localStorage: Object.keys(localStorage),
		sessionStorage: Object.keys(sessionStorage),
		indexedDB: (await indexedDB.databases()).map((d) => d.name ?? '')
	}));
	return { cookies, ...kept };
}
const NOTHING = { cookies: [], localStorage: [], sessionStorage: [], indexedDB: [] };

/** Same-origin pages linked from a page that open nothing private (no link token). */
async function publicLinks(page: Page): Promise<string[]> {
	const hrefs = await page
		.locator('a[href]')
		.evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
	return hrefs
		.map((h) => new URL(h))
		.filter((u) => u.origin === new URL(baseURL).origin)
		.filter((u) => !/\/(p|campagnes)\/[A-Za-z0-9_-]{22}/.test(u.pathname))
		.map((u) => `${u.pathname}${u.search}`);
}

/** Every file of the server's store, as text. */
async function storedText(): Promise<string> {
	const texts: string[] = [];
	const walk = async (dir: string) => {
		for (const entry of await readdir(dir, { withFileTypes: true })) {
			const file = path.join(dir, entry.name);
			if (entry.isDirectory()) await walk(file);
			else if (entry.name.endsWith('.json')) texts.push(await readFile(file, 'utf8'));
		}
	};
	await walk(dataDir);
	return texts.join('\n');
}

/** Answers the page, choosing « Souvent » where offered so that exemple-mini shows its comment. */
async function answerShowingComments(page: Page): Promise<void> {
	await answerPage(page, () => 0);
	const often = page.locator('input[name="classe_virtuelle"][value="souvent"]');
	if ((await often.count()) > 0) await often.check();
}

describe(`privacy by design (${mode})`, () => {
	test('before a diagnostic starts, no page sets a cookie or writes to the browser', async () => {
		const { code } = await createCampaign(baseURL, [
			['name', `${CANARY.org} rejoindre`],
			['diagnostics', 'exemple-mini'],
			['k', '5'],
			['identifierLabel', 'Session']
		]);
		const { page } = await openPage(browser);
		// Pages found by following links from the home pages, plus those no link leads to.
		const queue = [
			'/',
			'/en/',
			'/rejoindre?code=ZZZZ-ZZZZ',
			`/rejoindre/${code}`,
			`/en/rejoindre/${code}`,
			'/p/AAAAAAAAAAAAAAAAAAAAAA'
		];
		const visited: string[] = [];
		while (queue.length > 0 && visited.length < 60) {
			const next = queue.shift()!;
			if (visited.includes(next)) continue;
			visited.push(next);
			await visit(page, `${baseURL}${next}`);
			expect.soft(await browserStorage(page), next).toEqual(NOTHING);
			for (const link of await publicLinks(page)) {
				if (!visited.includes(link) && !queue.includes(link)) queue.push(link);
			}
		}
		for (const expected of [
			'/confidentialite',
			'/en/confidentialite',
			'/diagnostics/e-formateur',
			'/diagnostics/maturite-of',
			'/en/diagnostics/exemple-mini',
			'/rejoindre',
			'/campagnes/nouvelle',
			'/gestion'
		]) {
			expect(visited, expected).toContain(expected);
		}
		await page.context().close();
	});

	test('a participant gets nothing in the browser after starting either; an organiser only the passphrase cookie', async () => {
		const participant = await openPage(browser);
		await visit(participant.page, `${baseURL}/diagnostics/exemple-mini`);
		await submit(
			participant.page,
			participant.page.getByRole('button', { name: 'Commencer le diagnostic' })
		);
		expect(await browserStorage(participant.page)).toEqual(NOTHING);
		await answerShowingComments(participant.page);
		await next(participant.page);
		await answerShowingComments(participant.page);
		await next(participant.page);
		await expect.poll(() => participant.page.locator('h1').textContent()).toBe('Vos résultats');
		expect(await browserStorage(participant.page)).toEqual(NOTHING);
		await participant.page.context().close();

		// The organiser of a campaign protected by a passphrase: one cookie once it is given.
		const organiser = await openPage(browser);
		const { page } = organiser;
		await visit(page, `${baseURL}/campagnes/nouvelle`);
		await page.getByLabel('Nom de la campagne').fill(`${CANARY.org} protégée`);
		for (const box of await page.locator('input[name=diagnostics]').all()) {
			if ((await box.getAttribute('value')) === 'exemple-mini') await box.check();
			else await box.uncheck();
		}
		await page.getByLabel('Phrase secrète de gestion (facultatif)').fill(CANARY.pass);
		await submit(page, page.getByRole('button', { name: 'Créer la campagne' }));
		await expect.poll(() => page.locator('h1').textContent()).toBe('Campagne protégée');
		expect(await browserStorage(page)).toEqual(NOTHING);
		await page.getByLabel('Phrase secrète de gestion').fill(`${CANARY.pass}-faux`);
		await submit(page, page.getByRole('button', { name: 'Ouvrir le tableau de bord' }));
		await expect.poll(() => page.getByRole('alert').textContent()).toContain('incorrecte');
		expect((await browserStorage(page)).cookies).toEqual([]);
		await page.getByLabel('Phrase secrète de gestion').fill(CANARY.pass);
		await submit(page, page.getByRole('button', { name: 'Ouvrir le tableau de bord' }));
		await expect.poll(() => page.locator('h1').textContent()).toBe(`${CANARY.org} protégée`);
		const cookies = await page.context().cookies();
		expect(cookies).toEqual([
			expect.objectContaining({
				name: expect.stringMatching(/^reperes_gestion_[0-9a-f]{8}$/),
				path: '/',
				httpOnly: true,
				sameSite: 'Strict'
			})
		]);
		const hours = (cookies[0]!.expires * 1000 - Date.now()) / 3_600_000;
		expect(hours).toBeGreaterThan(11.9);
		expect(hours).toBeLessThanOrEqual(12);
		expect({ ...(await browserStorage(page)), cookies: [] }).toEqual(NOTHING);
		await page.context().close();
	});

	test('the check that follows every test sees a request to another origin', async () => {
		const { page } = await openPage(browser);
		await page.context().route('http://192.0.2.1/**', (route) => route.abort());
		await page.setContent('<img src="http://192.0.2.1/pixel.png" alt="">');
		await expect.poll(() => takeExternalRequests()).toEqual(['http://192.0.2.1/pixel.png']);
		await page.context().close();
	});
});

describe(`the privacy notice (${mode})`, () => {
	test('controller, purposes, legal basis, recipients, retention, rights, the CNIL', async () => {
		const { page } = await openPage(browser);
		for (const [path, headings, missing, days] of [
			[
				'/confidentialite',
				[
					'Responsable du traitement',
					'À quoi servent vos données',
					'Sur quelle base',
					'Ce qui est enregistré',
					'Qui voit vos données',
					'Combien de temps',
					'Vos droits et comment les exercer',
					'Réclamation',
					'Cookies et stockage dans votre navigateur',
					'Pour les organisateurs'
				],
				'n’a pas encore indiqué qui est responsable',
				['180 jours', '730 jours']
			],
			[
				'/en/confidentialite',
				[
					'Data controller',
					'What your data is used for',
					'Legal basis',
					'What is stored',
					'Who sees your data',
					'How long',
					'Your rights and how to exercise them',
					'Complaints',
					'Cookies and storage in your browser',
					'For organisers'
				],
				'has not yet said who the controller',
				['180 days', '730 days']
			]
		] as const) {
			await visit(page, `${baseURL}${path}`);
			expect(await page.locator('main h2').allTextContents(), path).toEqual(headings);
			// The test server sets no CONTROLLER_*: the notice says so rather than invent one.
			expect(await page.locator('[data-controller]').textContent()).toContain(missing);
			const unfinished = await page.locator('[data-retention="unfinished"]').textContent();
			const completed = await page.locator('[data-retention="completed"]').textContent();
			expect(unfinished?.replace(/\s/g, ' ')).toContain(days[0]);
			expect(completed?.replace(/\s/g, ' ')).toContain(days[1]);
			expect(await page.locator('main a[href="https://www.cnil.fr"]').count()).toBe(1);
		}
		await page.context().close();
	});

	test('every intro page and the join pages link to it', async () => {
		const { code } = await createCampaign(baseURL, [
			['name', `${CANARY.org} lien`],
			['diagnostics', 'exemple-mini'],
			['k', '5']
		]);
		const { page } = await openPage(browser);
		await visit(page, baseURL);
		const intros = await page
			.locator('main a[href^="/diagnostics/"]')
			.evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
		expect(intros.length).toBeGreaterThanOrEqual(4);
		const pages = [
			...intros.flatMap((p) => [
				[p, '/confidentialite'],
				[`/en${p}`, '/en/confidentialite']
			]),
			['/rejoindre', '/confidentialite'],
			[`/rejoindre/${code}`, '/confidentialite'],
			[`/en/rejoindre/${code}`, '/en/confidentialite']
		];
		for (const [path, notice] of pages) {
			await visit(page, `${baseURL}${path}`);
			// In the page itself, not only in the footer every page has.
			expect(await page.locator(`main a[href="${notice}"]`).count(), path).toBeGreaterThan(0);
		}
		await page.context().close();
	});

	test('every free-text field of the test diagnostics carries the personal-data hint', async () => {
		// The bundled diagnostics are checked page by page in answer-diagnostics.e2e.ts.
		const { page } = await openPage(browser);
		let checked = 0;
		for (const id of ['exemple-mini', 'exemple-orga']) {
			await visit(page, `${baseURL}/diagnostics/${id}`);
			await submit(page, page.getByRole('button', { name: 'Commencer le diagnostic' }));
			for (let step = 0; step < 4; step++) {
				if ((await page.locator('#resultats-domaines').count()) > 0) break;
				const { fields, withoutHint } = await fieldsWithoutPersonalDataHint(page);
				expect(withoutHint, `${id}, page ${step + 1}`).toEqual([]);
				checked += fields;
				await answerShowingComments(page);
				await next(page);
			}
			await expect.poll(() => page.locator('#resultats-domaines').count(), { message: id }).toBe(1);
		}
		// exemple-mini's comment, shown after « Souvent ».
		expect(checked).toBe(1);
		await page.context().close();
	});

	test('the canary values typed here reached the store; the passphrase is not kept in clear', async () => {
		// A participant joins with an identifier and writes a comment.
		const { page } = await openPage(browser);
		const { code } = await createCampaign(baseURL, [
			['name', `${CANARY.org} identifiant`],
			['diagnostics', 'exemple-mini'],
			['k', '5'],
			['identifierLabel', 'Session']
		]);
		await visit(page, `${baseURL}/rejoindre/${code}`);
		const { withoutHint } = await fieldsWithoutPersonalDataHint(page);
		expect(withoutHint).toEqual([]);
		await page.getByLabel('Session').fill(CANARY.person);
		await page.getByLabel('J’ai lu ce que l’organisateur pourra voir.').check();
		await submit(page, page.getByRole('button', { name: 'Commencer' }));
		expect(page.url()).toMatch(/\/p\/[A-Za-z0-9_-]{22}$/);
		for (let step = 0; step < 2; step++) {
			await answerShowingComments(page);
			await next(page);
		}
		await expect.poll(() => page.locator('h1').textContent()).toBe('Vos résultats');
		await page.context().close();

		const stored = await storedText();
		for (const canary of [CANARY.text, CANARY.org, CANARY.person]) {
			expect(stored, canary).toContain(canary);
		}
		expect(stored).not.toContain(CANARY.pass);
	});
});
