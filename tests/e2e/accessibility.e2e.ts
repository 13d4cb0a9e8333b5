/**
 * Accessibility of every page state (shared/reference/security-privacy-a11y.md §K), with
 * JavaScript on and off per project: axe finds no WCAG 2.1 A/AA violation, choices are grouped
 * under a legend, <html lang> is right, titles are unique, pages reflow at 320 px and with the
 * text at 200 %, errors are tied to their fields, and the accessibility statement is linked
 * from every page. Keyboard-only journeys: keyboard.e2e.ts.
 * Per-state checks are soft: one run reports every problem, not only the first.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { checkState } from './a11y-checks';
import { javaScriptEnabled, launch, openPage, submit, visit } from './browser';
import { STATEMENT_CONTACT } from './global-setup';

const baseURL = inject('baseURL');
let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
});

const MINI = 'exemple-mini';
const MINI_TITLE = 'Exemple minimal (test)';
const TOKEN_URL = /\/p\/[A-Za-z0-9_-]{22}$/;

/** Titles used by more than one state: [title, states…] for each. */
function duplicateTitles(titles: [state: string, title: string][]): string[][] {
	const byTitle = new Map<string, string[]>();
	for (const [state, title] of titles) byTitle.set(title, [...(byTitle.get(title) ?? []), state]);
	return [...byTitle].filter(([, states]) => states.length > 1).map(([t, s]) => [t, ...s]);
}

/** Waits for the results and their radar (server-drawn SVG, with or without JavaScript). */
async function waitForResults(page: Page): Promise<void> {
	await page.waitForSelector('#resultats-domaines');
	await page.waitForSelector('[data-radar] svg');
}

/**
 * For each question the error summary links to: whether its field (the fieldset of a choice
 * question, else the control) is described by its error message, and which of its controls
 * lack aria-invalid="true". Radios are left out of the latter: ARIA 1.3 does not support
 * aria-invalid on role radio, and their fieldset carries the error description instead.
 */
function invalidQuestions(page: Page) {
	return page.evaluate(() =>
		[...document.querySelectorAll<HTMLAnchorElement>('.error-summary a[href^="#"]')].map((a) => {
			const id = a.hash.slice(1);
			const field = document.getElementById(id);
			const block = field?.closest('[data-question]');
			const describedBy = field?.getAttribute('aria-describedby')?.split(/\s+/) ?? [];
			const controls = [
				...(block?.querySelectorAll<HTMLInputElement>(
					'input:not([type=radio]):not([type=hidden]), select, textarea'
				) ?? [])
			];
			return {
				target: id,
				question: block?.getAttribute('data-question') ?? null,
				describedByError: describedBy.includes(`${id}-err`),
				message: document.getElementById(`${id}-err`)?.textContent?.trim() ?? '',
				notMarkedInvalid: controls
					.filter((c) => c.getAttribute('aria-invalid') !== 'true')
					.map((c) => c.value || c.name)
			};
		})
	);
}

/** Text as shown, with the non-breaking spaces of French typography as plain spaces. */
const plain = (text: string | null) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ').trim();

const activeClass = (page: Page) =>
	page.evaluate(() => document.activeElement?.getAttribute('class') ?? '');

describe(`accessibility (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, () => {
	test('public pages: home, privacy, intro, 404 and the English pages', async () => {
		const { page } = await openPage(browser);
		const titles: [string, string][] = [];
		const pages: [state: string, path: string, lang: string, h1: string][] = [
			['home', '/', 'fr', 'Faire le point sur le numérique en formation'],
			['privacy', '/confidentialite', 'fr', 'Vos données et leur confidentialité'],
			['intro', `/diagnostics/${MINI}`, 'fr', MINI_TITLE],
			['404', '/p/AAAAAAAAAAAAAAAAAAAAAA', 'fr', 'Page introuvable'],
			['statement', '/accessibilite', 'fr', 'Déclaration d’accessibilité'],
			['English home', '/en/', 'en', 'Take stock of digital practice in training'],
			['English intro', `/en/diagnostics/${MINI}`, 'en', 'Minimal example (test)'],
			['English statement', '/en/accessibilite', 'en', 'Accessibility statement']
		];
		for (const [state, path, lang, h1] of pages) {
			await visit(page, `${baseURL}${path}`);
			await expect.poll(() => page.locator('h1').textContent(), { message: state }).toBe(h1);
			titles.push([state, await checkState(page, state, lang)]);
		}
		expect(duplicateTitles(titles)).toEqual([]);
		await page.context().close();
	});

	test('the accessibility statement: linked from the footer, with its status and a contact', async () => {
		const { page } = await openPage(browser);
		for (const [home, footer, statement, status, contact, recourse] of [
			[
				'/',
				'Accessibilité : non conforme',
				'/accessibilite',
				'Repères est non conforme avec le RGAA version 4.1.2',
				'Contact : ',
				'Défenseur des droits'
			],
			[
				'/en/',
				'Accessibility: non-compliant',
				'/en/accessibilite',
				'Repères is non-compliant with RGAA version 4.1.2',
				'Contact: ',
				'Défenseur des droits'
			]
		] as const) {
			await visit(page, `${baseURL}${home}`);
			const link = page.locator('footer a[data-accessibility-statement]');
			expect(plain(await link.textContent())).toBe(footer);
			expect(await link.getAttribute('href')).toBe(statement);
			await link.click();
			await page.waitForURL(`${baseURL}${statement}`);
			await expect
				.poll(async () => plain(await page.locator('[data-status]').textContent()))
				.toContain(status);
			// The contact configured for the server (ACCESSIBILITY_CONTACT), as a mail link.
			const mail = page.locator('[data-contact] a');
			expect(plain(await page.locator('[data-contact]').textContent())).toBe(
				`${contact}${STATEMENT_CONTACT}`
			);
			expect(await mail.getAttribute('href')).toBe(`mailto:${STATEMENT_CONTACT}`);
			expect(await page.locator('[data-contact-missing]').count()).toBe(0);
			expect(await page.locator('main').textContent()).toContain(recourse);
			// No compliance rate is claimed: none was measured.
			expect(await page.locator('main').textContent()).not.toMatch(
				/\d+(?:[,.]\d+)?\s*%\s*des critères|\d+(?:[,.]\d+)?\s*% of (?:the )?criteria/
			);
		}
		await page.context().close();
	});

	test(`a journey through ${MINI}: each step clean and in error, results, deletion`, async () => {
		const { page } = await openPage(browser);
		const titles: [string, string][] = [];
		const check = async (state: string) => titles.push([state, await checkState(page, state)]);

		await visit(page, baseURL);
		await check('home');
		await page.getByRole('link', { name: MINI_TITLE }).click();
		await page.waitForURL(`**/diagnostics/${MINI}`);
		await expect.poll(() => page.locator('h1').textContent()).toBe(MINI_TITLE);
		await check('intro');

		await submit(page, page.getByRole('button', { name: 'Commencer le diagnostic' }));
		expect(page.url()).toMatch(TOKEN_URL);
		const link = page.url();
		await expect.poll(() => page.locator('h1').textContent()).toBe('Outils');
		await check('page 1');

		// Required questions are marked before anything is sent (A11Y-04): a visible asterisk
		// explained above the form, a hidden « (réponse obligatoire) » in the group's name and
		// `required` on its inputs (the form is novalidate: the server's messages stay the check).
		expect
			.soft(await page.locator('main').textContent(), 'asterisk explained')
			.toContain('Les questions marquées d’un astérisque (*) demandent une réponse');
		const marks = await page.locator('.question[data-question]').evaluateAll((questions) =>
			questions.map((q) => ({
				question: q.getAttribute('data-question'),
				asterisk: q.querySelector('legend, label.q-label')?.textContent?.includes('*') ?? false,
				required: [
					...new Set(
						[...q.querySelectorAll('input, select, textarea')].map((i) =>
							i.hasAttribute('required')
						)
					)
				]
			}))
		);
		expect.soft(marks, 'required marks').toEqual([
			{ question: 'classe_virtuelle', asterisk: true, required: [true] },
			{ question: 'aisance_quiz', asterisk: false, required: [false] },
			{ question: 'outils_quiz', asterisk: false, required: [false] },
			{ question: 'difficulte_quiz', asterisk: false, required: [false] }
		]);
		expect
			.soft(
				await page
					.getByRole('group', { name: /J'anime des classes virtuelles\..*\(réponse obligatoire\)/ })
					.count(),
				'the group is named as required'
			)
			.toBe(1);

		// Sent empty: the required question is refused (A11Y-04).
		await submit(page, page.getByRole('button', { name: 'Suivant' }));
		const summary = page.locator('.error-summary');
		await expect.poll(() => summary.count()).toBe(1);
		expect.soft(await summary.getAttribute('role'), 'error summary role').toBe('alert');
		expect.soft(await summary.textContent()).toContain("J'anime des classes virtuelles.");
		expect.soft(await invalidQuestions(page), 'invalid questions').toEqual([
			{
				target: 'q-classe_virtuelle',
				question: 'classe_virtuelle',
				describedByError: true,
				message: 'La réponse à cette question est obligatoire.',
				notMarkedInvalid: []
			}
		]);
		if (javaScriptEnabled) {
			await expect
				.poll(() => activeClass(page), { message: 'focus after the refusal' })
				.toContain('error-summary');
		}
		await check('page 1 with an error');

		await page.getByLabel('Parfois').check();
		await submit(page, page.getByRole('button', { name: 'Suivant' }));
		await expect.poll(() => page.locator('h1').textContent()).toBe('Accompagnement');
		await check('page 2');

		await submit(page, page.getByRole('button', { name: 'Terminer et voir mes résultats' }));
		await waitForResults(page);
		await check('results');

		await page.getByRole('link', { name: 'Supprimer mes résultats' }).click();
		await page.waitForURL(`${link}/supprimer`);
		await expect.poll(() => page.locator('h1').textContent()).toBe('Supprimer mes résultats');
		await check('deletion');

		// Sent without ticking the box: refused, and the box says why.
		await submit(page, page.getByRole('button', { name: 'Supprimer définitivement' }));
		const error = page.locator('#confirm-error');
		await expect.poll(() => error.count()).toBe(1);
		expect
			.soft(await error.textContent().then((t) => t?.trim()))
			.toBe('Cochez la case pour confirmer la suppression.');
		const box = page.locator('input[name=confirmer]');
		expect.soft(await box.getAttribute('aria-invalid'), 'box aria-invalid').toBe('true');
		expect.soft(await box.getAttribute('aria-describedby'), 'box described').toBe('confirm-error');
		if (javaScriptEnabled) {
			await expect
				.poll(() => page.evaluate(() => document.activeElement?.id), {
					message: 'focus after the refusal'
				})
				.toBe('confirm-error');
		}
		await check('deletion with an error');

		expect(duplicateTitles(titles)).toEqual([]);
		await page.context().close();
	});

	test.each(['e-formateur', 'maturite-of'])('the first page of %s', async (id) => {
		const { page } = await openPage(browser);
		await visit(page, `${baseURL}/diagnostics/${id}`);
		await submit(page, page.getByRole('button', { name: 'Commencer le diagnostic' }));
		expect(page.url()).toMatch(TOKEN_URL);
		await expect.poll(() => page.locator('[data-question]').count()).toBeGreaterThan(0);
		await checkState(page, `${id}, page 1`);
		await page.context().close();
	});
});
