/**
 * The check the browser tests run over the server's whole log at teardown (LOG-02, CAP-04):
 * it must fail on a logged answer, a token, a line that is not JSON.
 */
import { describe, expect, test } from 'vitest';
import { CANARY, logProblems, tokensIn } from '../e2e/log-check';

const line = (fields: Record<string, unknown>) =>
	JSON.stringify({ time: '2026-12-01T10:00:00.000Z', level: 'info', event: 'x', ...fields });

describe('the server-log check', () => {
	test('a clean log passes, adapter-node’s start line included', () => {
		const log = [
			line({ event: 'retention.purged', unfinished: 0, completed: 2 }),
			'Listening on http://127.0.0.1:39127',
			line({ event: 'lookup.failed', where: '/p/[token]', client: 'dGhpcy1pcy0x' }),
			line({ event: 'store.database_unavailable', code: '57P01' }),
			''
		].join('\n');
		expect(logProblems(log, [])).toEqual([]);
	});

	test('an answer typed by a test, a token seen, a line of plain text all fail', () => {
		const token = 'Q2FuYXJ5LXRva2VuLTEyMw';
		const log = [
			line({ event: 'debug', answers: `{"remarque":"${CANARY.text} Un commentaire"}` }),
			line({ event: 'request', path: `/p/${token}` }),
			'Error: something went wrong at /p/abc',
			'[1,2]'
		].join('\n');
		expect(logProblems(log, [token])).toEqual([
			expect.stringMatching(/^line 1 holds a canary value/),
			expect.stringMatching(/^line 2 holds a token seen during the run/),
			expect.stringMatching(/^line 2 holds something shaped like a token/),
			expect.stringMatching(/^line 3 is not JSON/),
			expect.stringMatching(/^line 4 is not a JSON object/)
		]);
	});

	test('a token never seen by the tests is still caught by its shape; names and ids are not', () => {
		expect(logProblems(line({ url: '/campagnes/Zm9vYmFyLWJhei1xdXV4LT' }), [])).toHaveLength(1);
		expect(
			logProblems(
				line({
					event: 'store.database_unavailable',
					id: '3f1c9a2e-7b4d-4e1a-9c3b-2d5e6f7a8b9c',
					route: '/campagnes/[token]/accompagnements/[id]?/addAction'
				}),
				[]
			)
		).toEqual([]);
	});

	test('tokens are read from link paths', () => {
		expect(
			tokensIn(
				'http://127.0.0.1:1/p/AAAAAAAAAAAAAAAAAAAAAA/supprimer /campagnes/BBBBBBBBBBBBBBBBBBBBBB?x'
			)
		).toEqual(['AAAAAAAAAAAAAAAAAAAAAA', 'BBBBBBBBBBBBBBBBBBBBBB']);
		expect(tokensIn('/p/short /diagnostics/AAAAAAAAAAAAAAAAAAAAAA')).toEqual([]);
	});
});
