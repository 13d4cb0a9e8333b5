/**
 * Every request the browser tests' pages make, whatever the test (PRIV-02, CAP-03): each
 * context of a launched browser is watched, requests to any other origin than the server's are
 * kept for the check after each test (tests/e2e/setup.ts), and the link tokens and cookie values
 * seen on the way are remembered for the teardown's check of the server log (log-check.ts).
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { inject } from 'vitest';
import { rememberSecrets, tokensIn } from './log-check';

const external: string[] = [];
/** Origins the pages may reach: the shared server's, and those of servers a test starts itself. */
const allowed = new Set<string>();

/** Lets the pages reach a server the test started itself (`url`: its base URL). */
export function allowServer(url: string): void {
	allowed.add(new URL(url).origin);
}

/** Requests made to another origin since the last call; forgets them. */
export function takeExternalRequests(): string[] {
	return external.splice(0);
}

const WEB = new Set(['http:', 'https:', 'ws:', 'wss:']);

function watch(context: BrowserContext): void {
	context.on('request', (request) => {
		const url = new URL(request.url());
		// data:, blob: and about: URLs never leave the browser.
		if (WEB.has(url.protocol) && !allowed.has(url.origin)) external.push(request.url());
		rememberSecrets(tokensIn(request.url()));
	});
	context.on('response', (response) => {
		// Only the server's pages and form answers set cookies; reading raw headers costs a
		// round trip to the browser, so scripts, styles and images are left out.
		const kind = response.request().resourceType();
		if (
			!['document', 'fetch', 'xhr'].includes(kind) ||
			!allowed.has(new URL(response.url()).origin)
		)
			return;
		response
			.headerValue('set-cookie')
			.then((header) => {
				if (!header) return;
				// One cookie per line: keep each value (name=value; attributes…).
				rememberSecrets(
					header.split('\n').map((c) => c.split(';')[0]!.split('=').slice(1).join('='))
				);
			})
			.catch(() => undefined);
	});
}

/** Makes every context `browser` opens watched; returns the same browser. */
export function watchRequests(browser: Browser): Browser {
	allowServer(inject('baseURL'));
	const newContext = browser.newContext.bind(browser);
	browser.newContext = async (options) => {
		const context = await newContext(options);
		watch(context);
		return context;
	};
	return browser;
}
