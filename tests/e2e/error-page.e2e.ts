/**
 * The page of an unexpected error in Chromium, JavaScript on and off (LOG-01, A11Y-01/02): it
 * passes the accessibility checks in French and English and shows the id the server logged,
 * whether rendered by the server or, with JavaScript, after a client-side navigation.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { checkState } from './a11y-checks';
import { javaScriptEnabled, launch, openPage, visit } from './browser';
import { startServer } from './global-setup';
import { allowServer } from './same-origin';

// A server of its own: fault injection stays off on the one the other browser tests share.
let browser: Browser;
let url: string;
let child: ChildProcess;
let dir: string;
beforeAll(async () => {
	dir = await mkdtemp(path.join(tmpdir(), 'reperes-error-page-'));
	browser = await launch();
	({ url, child } = await startServer(
		{ DATA_DIR: path.join(dir, 'data'), REPERES_TEST_FAULTS: '1' },
		path.join(dir, 'server.log')
	));
	allowServer(url);
});
afterAll(async () => {
	await browser?.close();
	if (child && child.exitCode === null) {
		const exited = new Promise((r) => child.once('exit', r));
		child.kill('SIGTERM');
		await exited;
	}
	await rm(dir, { recursive: true, force: true });
});

/** The id shown on the page; checks it is in the server log with the stack. */
async function shownId(page: Page): Promise<string> {
	const id = (await page.locator('[data-error-id]').textContent())?.trim() ?? '';
	expect(id).toMatch(/^[0-9a-f-]{36}$/);
	const text = await page.locator('main').textContent();
	expect(text).not.toContain('injected fault');
	expect(text).not.toContain('SELECT');
	let line: { stack?: string } | undefined;
	for (let i = 0; i < 50 && !line; i++) {
		line = (await readFile(path.join(dir, 'server.log'), 'utf8'))
			.split('\n')
			.filter((l) => l.startsWith('{'))
			.map((l) => JSON.parse(l) as { id?: string; stack?: string })
			.find((l) => l.id === id);
		if (!line) await new Promise((r) => setTimeout(r, 50));
	}
	expect(line?.stack).toContain('injected fault (page load)');
	return id;
}

describe('error page', () => {
	test('French and English: accessible, with the id of the logged error', async () => {
		const { page } = await openPage(browser);
		await visit(page, `${url}/test-faults`);
		expect(await checkState(page, 'unexpected error (fr)')).toBe('Erreur – Repères');
		await expect
			.poll(() => page.getByRole('heading', { level: 1 }).textContent())
			.toBe('Une erreur est survenue');
		await shownId(page);

		await visit(page, `${url}/en/test-faults`);
		expect(await checkState(page, 'unexpected error (en)', 'en')).toBe('Error – Repères');
		expect(await page.locator('main').textContent()).toContain('Error reference');
		await shownId(page);
		await page.context().close();
	});

	// Client-side navigation exists with JavaScript only; without, the test above is the whole story.
	if (javaScriptEnabled) {
		test('after a client-side navigation, the id comes with the page data', async () => {
			const { page } = await openPage(browser);
			await visit(page, `${url}/`);
			// No page links to the fault route: add a link, and the router follows it. The
			// marker shows the document was not reloaded.
			await page.evaluate(() => {
				const a = document.createElement('a');
				a.href = '/test-faults';
				a.id = 'fault-link';
				a.textContent = 'fault';
				document.querySelector('main')!.append(a);
				(window as unknown as { marker: number }).marker = 1;
			});
			await page.click('#fault-link');
			await page.waitForSelector('[data-error-id]');
			expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
			expect(await page.title()).toBe('Erreur – Repères');
			await shownId(page);
			await page.context().close();
		});
	}
});
