/**
 * After every browser test: no request went to another origin (PRIV-02, CAP-03), whatever the
 * test did (the requests are recorded by same-origin.ts for every context of every browser), and
 * no HTML page served to a test page lacked the footer link to the accessibility statement
 * (A11Y-09, browser.ts).
 */
import { afterEach, expect } from 'vitest';
import { pagesWithoutStatementLink, settledPageChecks } from './browser';
import { takeExternalRequests } from './same-origin';

afterEach(async () => {
	expect(takeExternalRequests(), 'requests to another origin than the server').toEqual([]);
	await settledPageChecks();
	expect(
		pagesWithoutStatementLink.splice(0),
		'pages served without the footer link to the accessibility statement'
	).toEqual([]);
});
