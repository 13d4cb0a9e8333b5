/**
 * Accessibility of every page state (shared/reference/security-privacy-a11y.md §K), with
 * JavaScript on and off per project: axe finds no WCAG 2.1 A/AA violation, choices are grouped
 * under a legend, <html lang> is right, titles are unique, pages reflow at 320 px, errors are
 * tied to their fields, and a diagnostic can be completed with the keyboard alone.
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

/** With JavaScript, waits for the radar chart so that it is scanned as people see it. */
async function waitForResults(page: Page): Promise<void> {
	await page.waitForSelector('#resultats-domaines');
	if (javaScriptEnabled) await page.waitForSelector('.radar canvas[data-chart]');
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

	test(`${MINI} can be completed with the keyboard alone, focus always visible`, async () => {
		const { page } = await openPage(browser);
		const problems: string[] = [];

		/** The focused element, and whether a sighted keyboard user can see it and its ring. */
		const focused = () =>
			page.evaluate(() => {
				const el = document.activeElement as HTMLElement | null;
				if (!el || el === document.body) return { tag: 'body', text: '', visible: true };
				const box = el.getBoundingClientRect();
				const style = getComputedStyle(el);
				const onScreen =
					box.width > 0 &&
					box.height > 0 &&
					box.bottom > 0 &&
					box.right > 0 &&
					box.top < innerHeight &&
					box.left < innerWidth &&
					el.checkVisibility({ visibilityProperty: true, opacityProperty: true });
				const interactive = el.matches('a[href], button, input, select, textarea, summary');
				const ring =
					(style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) ||
					style.boxShadow !== 'none';
				const name = (el as HTMLInputElement).name;
				const tag = `${el.tagName.toLowerCase()}${name ? `[name=${name}]` : ''}`;
				return {
					tag,
					text: (el.textContent ?? '').trim().slice(0, 60),
					visible: onScreen && (!interactive || ring)
				};
			});

		/** Presses a key and records a focus that cannot be seen. */
		const press = async (key: string) => {
			await page.keyboard.press(key);
			const now = await focused();
			if (!now.visible) problems.push(`${key} → ${now.tag} "${now.text}" (${page.url()})`);
		};

		/** Presses Tab (or Shift+Tab) until the focused element matches the selector. */
		const tabTo = async (selector: string, key = 'Tab') => {
			for (let i = 0; i < 40; i++) {
				await press(key);
				if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector))
					return;
			}
			throw new Error(`${key} never reached ${selector} on ${page.url()}`);
		};

		const isFocused = (selector: string) =>
			page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector);
		const checked = (name: string) =>
			page
				.locator(`input[name="${name}"]:checked`)
				.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));

		await visit(page, `${baseURL}/diagnostics/${MINI}`);

		// The skip link is the first stop and takes the keyboard to the main content.
		await press('Tab');
		expect(await focused()).toMatchObject({ tag: 'a', text: 'Aller au contenu', visible: true });
		await press('Enter');
		await tabTo('a, button, input');
		expect(await isFocused('main a'), 'first stop after the skip link').toBe(true);

		await tabTo('button[type=submit]');
		expect((await focused()).text).toBe('Commencer le diagnostic');
		await page.keyboard.press('Enter'); // navigates: nothing to look at until the next page
		await page.waitForURL(TOKEN_URL);
		await expect.poll(() => page.locator('h1').textContent()).toBe('Outils');
		await expect
			.poll(() => focused().then((f) => f.tag), { message: 'focus on page 1' })
			.toMatch(/^(body|h1)$/);

		// Page 1: a radio group (Space, then an arrow), a rating, checkboxes, a yes/no question.
		await tabTo('input[name="classe_virtuelle"]');
		await press('Space');
		await press('ArrowDown');
		expect(await checked('classe_virtuelle')).toEqual(['parfois']);
		await tabTo('input[name="aisance_quiz"]');
		await press('Space');
		await press('ArrowRight');
		expect(await checked('aisance_quiz')).toEqual(['2']);
		await tabTo('input[name="outils_quiz"][value="h5p"]');
		await press('Space');
		await tabTo('input[name="outils_quiz"][value="moodle"]');
		await press('Space');
		expect(await checked('outils_quiz')).toEqual(['h5p', 'moodle']);
		await tabTo('input[name="difficulte_quiz"]');
		await press('Space');
		expect(await checked('difficulte_quiz')).toHaveLength(1);
		await tabTo('button[value="next"]');
		// No trap: Shift+Tab goes back to the last question, Tab returns to the button.
		await press('Shift+Tab');
		expect(await isFocused('input[name="difficulte_quiz"]'), 'Shift+Tab').toBe(true);
		await tabTo('button[value="next"]');
		await page.keyboard.press('Enter');

		await expect.poll(() => page.locator('h1').textContent()).toBe('Accompagnement');
		// After a step, focus is on the new heading (JavaScript) or at the top (new page).
		await expect
			.poll(() => focused().then((f) => f.tag), { message: 'focus on page 2' })
			.toBe(javaScriptEnabled ? 'h1' : 'body');

		// Page 2: a matrix, one radio group per row.
		await tabTo('input[name="suivi[relance]"]');
		await press('Space');
		await press('ArrowRight');
		await tabTo('input[name="suivi[planning]"]');
		await press('Space');
		expect([await checked('suivi[relance]'), await checked('suivi[planning]')]).toEqual([
			['1'],
			['0']
		]);
		await tabTo('button[value="next"]');
		expect((await focused()).text).toBe('Terminer et voir mes résultats');
		await page.keyboard.press('Enter');

		await waitForResults(page);
		await expect.poll(() => page.locator('h1').textContent()).toBe('Vos résultats');
		// The results can be browsed on from wherever focus landed.
		await press('Tab');
		expect(problems, 'focus stops that cannot be seen').toEqual([]);
		await page.context().close();
	});
});
