/**
 * Double clicks and reloads in a real browser (JavaScript on and off): a double click on
 * « Commencer » and on the final button, then a reload of the results, leave one participation,
 * completed once, on one private link. (Whether the browser sends one request or two, the
 * server must cope: tests/server/idempotent.test.ts sends the identical posts concurrently.)
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { javaScriptEnabled, launch, openPage, visit } from './browser';
import { answerPage, random } from './journey-helpers';

const baseURL = inject('baseURL');
const dataDir = inject('dataDir');
let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
});

/** Participation documents the server has written. */
async function stored(): Promise<number> {
	const root = path.join(dataDir, 'participations');
	const shards = await readdir(root).catch(() => [] as string[]);
	const files = await Promise.all(shards.map((s) => readdir(path.join(root, s))));
	return files.flat().filter((f) => f.endsWith('.json')).length;
}

/**
 * Double-clicks a submit button. Without JavaScript the second click starts a second navigation
 * that may abort the first one (net::ERR_ABORTED): that is the double submission under test.
 */
async function doubleClick(button: Locator): Promise<void> {
	await button.dblclick().catch((e: unknown) => {
		if (!/ERR_ABORTED|interrupted by another navigation/i.test(String(e))) throw e;
	});
}

describe(`double submissions (${javaScriptEnabled ? 'JavaScript on' : 'JavaScript off'})`, () => {
	test('a double click to start and to finish, then a reload: one participation, completed once', async () => {
		const before = await stored();
		const { page } = await openPage(browser);
		await visit(page, `${baseURL}/diagnostics/exemple-mini`);
		await doubleClick(page.getByRole('button', { name: 'Commencer le diagnostic' }));
		await page.waitForURL(/\/p\/[A-Za-z0-9_-]{22}$/);
		const link = page.url();
		await page.locator('[data-question]').first().waitFor();
		expect(await stored()).toBe(before + 1);

		const pick = random(3);
		await answerPage(page, pick);
		await page.getByRole('button', { name: 'Suivant' }).click();
		await page.getByRole('heading', { level: 1, name: /accompagnement/i }).waitFor();
		await answerPage(page, pick);
		await doubleClick(page.getByRole('button', { name: 'Terminer et voir mes résultats' }));
		await page.locator('#resultats-domaines').waitFor();
		expect(page.url()).toBe(link);

		await page.reload();
		await page.locator('#resultats-domaines').waitFor();
		expect(page.url()).toBe(link);
		expect(await stored()).toBe(before + 1);
		const mine = (await (await fetch(`${link}/donnees.json`)).json()) as {
			attempts: { status: string }[];
		};
		expect(mine.attempts.map((a) => a.status)).toEqual(['completed']);
		await page.context().close();
	});
});
