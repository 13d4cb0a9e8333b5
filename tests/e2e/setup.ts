/**
 * Runs around every browser test (vitest setupFiles), whatever the test did:
 * - no request went to another origin (PRIV-02, CAP-03); the requests are recorded by
 *   same-origin.ts for every context of every browser;
 * - no HTML page served to a test page lacked the footer link to the accessibility statement
 *   (A11Y-09, browser.ts);
 * - no page met a Content-Security-Policy violation (ADR 0017), or the test fails with what was
 *   blocked and where. A test expecting one takes it with takeCspViolations() itself.
 */
import { afterAll, afterEach, expect } from 'vitest';
import { pagesWithoutStatementLink, settledPageChecks, takeCspViolations } from './browser';
import { takeExternalRequests } from './same-origin';

async function failOnViolations(when: string): Promise<void> {
	const seen = await takeCspViolations();
	if (seen.length === 0) return;
	const lines = seen.map((v) => `  ${v.url} [${v.seenAs}] ${v.detail}`);
	throw new Error(`Content-Security-Policy violations ${when}:\n${lines.join('\n')}`);
}

afterEach(async () => {
	expect(takeExternalRequests(), 'requests to another origin than the server').toEqual([]);
	await settledPageChecks();
	expect(
		pagesWithoutStatementLink.splice(0),
		'pages served without the footer link to the accessibility statement'
	).toEqual([]);
});
// Thrown rather than asserted, so that the hook adds no assertion to the test's count.
afterEach(() => failOnViolations('during this test'));
afterAll(() => failOnViolations('after the last test of this file'));
