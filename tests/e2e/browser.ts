/**
 * Real Chromium through playwright-core (Debian's package; CHROMIUM_PATH overrides the path),
 * with JavaScript on or off depending on the vitest project (E2E_JAVASCRIPT).
 */
import { chromium, type Browser, type Page, type Response } from 'playwright-core';
import { watchRequests } from './same-origin';

export const javaScriptEnabled = process.env.E2E_JAVASCRIPT !== '0';

/** Launches Chromium; every context it opens has its requests watched (same-origin.ts). */
export async function launch(): Promise<Browser> {
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run'
		]
	});
	return watchRequests(browser);
}

/** HTML pages served without the footer link to the accessibility statement (A11Y-09). */
export const pagesWithoutStatementLink: string[] = [];
const pendingPageChecks = new Set<Promise<void>>();

/** The footer of a served page links to the statement in the page's language. */
const STATEMENT_LINK =
	/<footer\b[^>]*>(?:(?!<\/footer>)[\s\S])*<a\b[^>]*\bhref="(?:\/en)?\/accessibilite"[^>]*\bdata-accessibility-statement(?=[\s=>])/;

/** Records every HTML page a test page is served that lacks the statement link. */
function checkStatementLink(response: Response): void {
	const html = response.headers()['content-type']?.startsWith('text/html');
	if (response.request().resourceType() !== 'document' || !html || response.status() >= 300) return;
	const check = response
		.text()
		.then((body) => {
			if (!STATEMENT_LINK.test(body)) pagesWithoutStatementLink.push(response.url());
		})
		// The page was closed before its body was read: nothing to check any more.
		.catch(() => undefined)
		.finally(() => pendingPageChecks.delete(check));
	pendingPageChecks.add(check);
}

/** Waits for the statement-link checks of the pages served so far. */
export async function settledPageChecks(): Promise<void> {
	await Promise.all([...pendingPageChecks]);
}

/**
 * A fresh page (own context: no shared cookies) that records requests leaving loopback, and
 * checks every HTML page it is served for the footer link to the accessibility statement
 * (tests/e2e/setup.ts asserts after each test that none lacked it).
 */
export async function openPage(browser: Browser): Promise<{ page: Page; external: string[] }> {
	const context = await browser.newContext({ javaScriptEnabled, locale: 'fr-FR' });
	const page = await context.newPage();
	const external: string[] = [];
	page.on('request', (r) => {
		const host = new URL(r.url()).hostname;
		if (!['127.0.0.1', 'localhost'].includes(host) && !r.url().startsWith('data:'))
			external.push(r.url());
	});
	page.on('response', checkStatementLink);
	return { page, external };
}

/** Goes to a URL and, with JavaScript, waits until the app is interactive. */
export async function visit(page: Page, url: string): Promise<void> {
	await page.goto(url);
	if (javaScriptEnabled) await page.waitForSelector('html[data-hydrated="true"]');
}

/** Clicks a submit button and waits for the server's answer to be on screen. */
export async function submit(page: Page, button: ReturnType<Page['getByRole']>): Promise<void> {
	if (javaScriptEnabled) {
		const before = await page.evaluate(() => document.querySelector('main')?.textContent ?? '');
		await button.click();
		await page.waitForFunction(
			(b) => (document.querySelector('main')?.textContent ?? '') !== b,
			before
		);
	} else {
		// A real form submission: click() waits for the navigation it starts.
		await button.click();
		await page.waitForLoadState('load');
	}
}
