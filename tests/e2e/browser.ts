/**
 * Real Chromium through playwright-core (Debian's package; CHROMIUM_PATH overrides the path),
 * with JavaScript on or off depending on the vitest project (E2E_JAVASCRIPT).
 *
 * Every context of a browser started here records the Content-Security-Policy violations of
 * its pages, and tests/e2e/setup.ts fails the test during which any happened (ADR 0017).
 */
import type {
	Browser,
	BrowserContext,
	BrowserContextOptions,
	Page,
	Response
} from 'playwright-core';
import { launchChromium } from '../helpers/chromium';
import { watchRequests } from './same-origin';

export const javaScriptEnabled = process.env.E2E_JAVASCRIPT !== '0';

/** A CSP violation seen in a page: the DOM event, or Chromium's console message about it. */
export interface CspViolation {
	url: string;
	seenAs: 'event' | 'console';
	detail: string;
}

const violations: CspViolation[] = [];
const recording = new Set<BrowserContext>();
const BINDING = '__reperesCspViolation';

/**
 * Records a context's CSP violations twice over: `securitypolicyviolation` events (only when
 * scripts run) and console messages, which Chromium also prints with JavaScript off.
 */
async function recordCspViolations(context: BrowserContext): Promise<void> {
	recording.add(context);
	context.on('close', () => recording.delete(context));
	context.on('console', (message) => {
		if (/Content Security Policy/i.test(message.text())) {
			violations.push({
				url: message.page()?.url() ?? '',
				seenAs: 'console',
				detail: message.text()
			});
		}
	});
	await context.exposeBinding(BINDING, ({ page }, detail: string) => {
		violations.push({ url: page.url(), seenAs: 'event', detail });
	});
	await context.addInitScript((binding) => {
		document.addEventListener('securitypolicyviolation', (e) => {
			const report = (window as unknown as Record<string, (detail: string) => void>)[binding];
			report?.(
				`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} ` +
					`(${e.sourceFile}:${e.lineNumber}) ${e.sample}`
			);
		});
	}, BINDING);
}

/**
 * The violations recorded since the last call, and forgets them. Each open page answers a
 * round trip first, so that events already sent by the browser have arrived.
 */
export async function takeCspViolations(): Promise<CspViolation[]> {
	for (const context of recording) {
		for (const page of context.pages()) await page.evaluate(() => 0).catch(() => undefined);
	}
	return violations.splice(0);
}

export async function launch(): Promise<Browser> {
	const browser = await launchChromium();
	// Every context, however a test opens it (browser.newPage() goes through newContext too).
	const newContext = browser.newContext.bind(browser);
	browser.newContext = async (options?: BrowserContextOptions) => {
		const context = await newContext(options);
		await recordCspViolations(context);
		return context;
	};
	// …and its requests watched (same-origin.ts).
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
 * (tests/e2e/setup.ts asserts after each test that none lacked it). `javaScript` overrides the
 * project's setting, for checks that need scripts to run.
 */
export async function openPage(
	browser: Browser,
	{ javaScript = javaScriptEnabled }: { javaScript?: boolean } = {}
): Promise<{ page: Page; external: string[] }> {
	const context = await browser.newContext({ javaScriptEnabled: javaScript, locale: 'fr-FR' });
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
		// Changed, and no form still waiting for its answer (an autosave's status line changes
		// the text too, before the submission is applied).
		await page.waitForFunction(
			(b) =>
				(document.querySelector('main')?.textContent ?? '') !== b &&
				!document.querySelector('main form[aria-busy="true"]'),
			before
		);
	} else {
		// A real form submission: click() waits for the navigation it starts.
		await button.click();
		await page.waitForLoadState('load');
	}
}
