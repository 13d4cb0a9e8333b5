/** Runs around every browser test: no HTML page served to a test page lacked the statement link. */
import { afterEach, expect } from 'vitest';
import { pagesWithoutStatementLink, settledPageChecks } from './browser';

afterEach(async () => {
	await settledPageChecks();
	expect(
		pagesWithoutStatementLink.splice(0),
		'pages served without the footer link to the accessibility statement'
	).toEqual([]);
});
