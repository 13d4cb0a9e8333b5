/**
 * Real Chromium through playwright-core (Debian's package; CHROMIUM_PATH overrides the path),
 * with JavaScript on or off depending on the vitest project (E2E_JAVASCRIPT).
 */
import { chromium, type Browser, type Page } from 'playwright-core';
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

/** A fresh page (own context: no shared cookies) that records requests leaving loopback. */
export async function openPage(browser: Browser): Promise<{ page: Page; external: string[] }> {
	const context = await browser.newContext({ javaScriptEnabled, locale: 'fr-FR' });
	const page = await context.newPage();
	const external: string[] = [];
	page.on('request', (r) => {
		const host = new URL(r.url()).hostname;
		if (!['127.0.0.1', 'localhost'].includes(host) && !r.url().startsWith('data:'))
			external.push(r.url());
	});
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
