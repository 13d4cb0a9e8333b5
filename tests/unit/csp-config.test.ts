/**
 * The Content-Security-Policy of svelte.config.js (ADR 0017): strict, nothing inline but Kit's
 * nonce'd start-up script and the one style attribute allowed by its hash.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from 'vitest';
import config, { ANNOUNCER_STYLE_HASH } from '../../svelte.config.js';
import { ROOT } from '../helpers/paths';

const directives = config.kit!.csp!.directives!;

test('the directives of a strict policy, with no unsafe-inline or unsafe-eval', () => {
	expect(directives).toEqual({
		'default-src': ['self'],
		'script-src': ['self'],
		'style-src': ['self'],
		'style-src-attr': ['unsafe-hashes', `sha256-${ANNOUNCER_STYLE_HASH}`],
		'img-src': ['self', 'data:'],
		'object-src': ['none'],
		'base-uri': ['none'],
		'frame-ancestors': ['none'],
		'form-action': ['self']
	});
	expect(config.kit!.csp!.mode).toBe('auto');
	const all = Object.values(directives).flat();
	expect(all).not.toContain('unsafe-inline');
	expect(all).not.toContain('unsafe-eval');
});

test('the allowed style attribute is exactly the one of Kit’s route announcer', async () => {
	const root = await readFile(
		path.join(ROOT, 'node_modules/@sveltejs/kit/src/core/sync/write_root.js'),
		'utf8'
	);
	const style = /<div id="svelte-announcer"[^>]*\sstyle="([^"]+)"/.exec(root)?.[1];
	expect(style, 'announcer markup not found in Kit').toBeDefined();
	expect(createHash('sha256').update(style!).digest('base64')).toBe(ANNOUNCER_STYLE_HASH);
});
