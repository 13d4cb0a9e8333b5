/**
 * The quick start in Chromium, JavaScript on and off (issue [6]): `npm start` sets
 * ORIGIN=http://localhost:PORT, and a person who opens http://127.0.0.1:PORT instead can still
 * start a diagnostic. Where a form is refused for coming from another address (a public ORIGIN,
 * the server opened by its IP address), the page says which address to open, in the page's
 * language, and passes the accessibility checks.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { checkState } from './a11y-checks';
import { launch, openPage, submit, visit } from './browser';
import { freePort, startServer } from './global-setup';
import { allowServer } from './same-origin';

const PUBLIC = 'https://reperes.example.org';

let browser: Browser;
let dir: string;
const servers: { url: string; child: ChildProcess }[] = [];
let local: string;
let publicOrigin: string;

async function start(origin: (port: number) => string, name: string): Promise<string> {
	const port = await freePort();
	const server = await startServer(
		{ DATA_DIR: path.join(dir, name), PORT: String(port), ORIGIN: origin(port) },
		path.join(dir, `${name}.log`)
	);
	servers.push(server);
	allowServer(server.url);
	return server.url;
}

beforeAll(async () => {
	dir = await mkdtemp(path.join(tmpdir(), 'reperes-loopback-e2e-'));
	browser = await launch();
	local = await start((port) => `http://localhost:${port}`, 'local');
	publicOrigin = await start(() => PUBLIC, 'public');
});
afterAll(async () => {
	await browser?.close();
	for (const { child } of servers) {
		if (child.exitCode !== null) continue;
		const exited = new Promise((r) => child.once('exit', r));
		child.kill('SIGTERM');
		await exited;
	}
	await rm(dir, { recursive: true, force: true });
});

describe('ORIGIN=http://localhost:PORT, as npm start sets it', () => {
	test('opened at http://127.0.0.1:PORT, « Commencer le diagnostic » starts it', async () => {
		expect(new URL(local).hostname).toBe('127.0.0.1');
		const { page } = await openPage(browser);
		await visit(page, `${local}/diagnostics/e-formateur`);
		await submit(page, page.getByRole('button', { name: 'Commencer le diagnostic' }));
		await page.waitForURL(/\/p\/[\w-]{22}$/);
		expect(new URL(page.url()).hostname).toBe('127.0.0.1');
		await expect
			.poll(() => page.locator('form[action="?/save"]').count(), { timeout: 10_000 })
			.toBe(1);
		await page.context().close();
	});
});

describe(`a public ORIGIN (${PUBLIC}), the server opened at its IP address`, () => {
	test.each([
		['fr', '', 'Commencer le diagnostic', 'Ouvrez Repères à son adresse', 'Reprendre à l’adresse'],
		['en', '/en', 'Start the diagnostic', 'Open Repères at its own address', 'Continue at']
	])(
		'%s: the refused start says which address to open',
		async (lang, prefix, button, heading, linkText) => {
			const { page } = await openPage(browser);
			await visit(page, `${publicOrigin}${prefix}/diagnostics/e-formateur`);
			await submit(page, page.getByRole('button', { name: button }));
			await expect.poll(() => page.locator('h1').textContent()).toBe(heading);
			const address = `${PUBLIC}${prefix}/diagnostics/e-formateur`;
			const link = page.getByRole('link', { name: `${linkText} ${address}` });
			expect(await link.getAttribute('href')).toBe(address);
			expect(await page.locator('main').textContent()).toContain(PUBLIC);
			await checkState(page, `refused start (${lang})`, lang);
			await page.context().close();
		}
	);
});
