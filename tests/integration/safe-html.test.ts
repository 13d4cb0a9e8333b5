/**
 * `html` questions (issue [8]): safe markup is kept (links, emphasis, lists, entities), the rest
 * is cleaned by sanitize-html; survey-core's text processing runs first, so that `{name}` shows
 * an answer.
 */
import { describe, expect, test } from 'vitest';
import { safeHtml } from '$lib/server/survey/html';

describe('safeHtml', () => {
	test.each([
		['entities', '<p>Durée&nbsp;: 20&nbsp;min</p>', '<p>Durée\u00a0: 20\u00a0min</p>'],
		[
			'emphasis and lists',
			'<p><strong>A</strong> <em>b</em></p><ul><li>un</li></ul>',
			'<p><strong>A</strong> <em>b</em></p><ul><li>un</li></ul>'
		],
		[
			'an https link',
			'<a href="https://www.legifrance.gouv.fr/">Code</a>',
			'<a href="https://www.legifrance.gouv.fr/">Code</a>'
		],
		['a script', '<p>a</p><script>alert(1)</script>', '<p>a</p>'],
		['an event handler', '<p onclick="alert(1)">a</p>', '<p>a</p>'],
		['a javascript: link', '<a href="javascript:alert(1)">x</a>', '<a>x</a>'],
		['an image (no request from a package)', '<img src="https://example.org/x.png" alt="x">', ''],
		['a style', '<p style="color:red">a</p><style>p{}</style>', '<p>a</p>'],
		['a page-level heading', '<h1>Titre</h1>', '<h3>Titre</h3>'],
		['an iframe', '<iframe src="https://example.org"></iframe>', '']
	])('%s', (_, html, expected) => {
		expect(safeHtml(html)).toBe(expected);
	});
});
