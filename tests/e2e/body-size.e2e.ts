/**
 * REQ-02 in Chromium: the largest real form posts go through under the default body size limit
 * with room to spare (ADR 0017). Every field is filled to its maximum length with ’, the worst
 * character for size (3 bytes in UTF-8, 9 once percent-encoded), and every choice is made.
 * Forms post urlencoded with JavaScript on as off (use:enhance keeps a form's encoding); with it,
 * answers are also saved while typing. Sizes are printed.
 */
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { DEFAULT_BODY_SIZE_LIMIT } from '../../server/options.js';
import { javaScriptEnabled, launch, openPage, submit, visit } from './browser';
import { answerPage, next, random } from './journey-helpers';
import { createCampaign, post } from '../helpers/participant';

const baseURL = inject('baseURL');
const mode = javaScriptEnabled ? 'JavaScript on' : 'JavaScript off';
let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
});

const LIMIT = Number.parseInt(DEFAULT_BODY_SIZE_LIMIT) * 1024;
/** The largest real post may use at most this share of the limit. */
const HEADROOM = 1.5;
const worst = (length: number) => '’'.repeat(length);

/** Runs `action` and returns the size of the largest POST body the page sent meanwhile. */
async function largestPost(page: Page, action: () => Promise<void>): Promise<number> {
	const sizes: number[] = [];
	const record = (request: Request) => {
		if (request.method() === 'POST') sizes.push(request.postDataBuffer()?.length ?? 0);
	};
	page.on('request', record);
	await action();
	page.off('request', record);
	expect(sizes.length, 'a form was posted').toBeGreaterThan(0);
	return Math.max(...sizes);
}

function expectRoom(what: string, bytes: number) {
	console.info(
		`[body size] ${what} (${mode}): ${bytes} bytes; limit ${LIMIT} = ${(LIMIT / bytes).toFixed(2)} × that`
	);
	expect(bytes * HEADROOM, `${what}: ${bytes} bytes`).toBeLessThanOrEqual(LIMIT);
}

/** Fills every text field of a form to its maxlength with the worst character. */
async function fillToTheMax(page: Page, scope: string) {
	for (const field of await page.locator(`${scope} textarea, ${scope} input[type=text]`).all()) {
		if (await field.isEditable()) {
			await field.fill(worst(Number(await field.getAttribute('maxlength'))));
		}
	}
}

describe(`the largest real form posts fit under the body size limit (${mode})`, () => {
	test('the biggest questionnaire page: e-formateur’s last page with its comment', async () => {
		const { page } = await openPage(browser);
		await visit(page, `${baseURL}/diagnostics/e-formateur`);
		await submit(page, page.getByRole('button', { name: 'Commencer le diagnostic' }));
		const pick = random(17);
		while ((await page.locator('textarea').count()) === 0) {
			await answerPage(page, pick);
			await next(page);
		}
		await answerPage(page, (n) => n - 1);
		await fillToTheMax(page, 'form');
		const bytes = await largestPost(page, () => next(page));
		await page.locator('#resultats-domaines').waitFor();
		expectRoom('questionnaire page e6 (5 questions, comment of 2000)', bytes);
		await page.context().close();
	});

	test('the campaign form, every field at its maximum', async () => {
		const { page } = await openPage(browser);
		await visit(page, `${baseURL}/campagnes/nouvelle`);
		await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
		await page.locator('#name').fill(worst(120));
		for (const box of await page.locator('input[name=diagnostics]').all()) await box.check();
		for (const select of await page.locator('select[name^="target."]').all()) {
			const options = await select.locator('option').all();
			await select.selectOption({ index: options.length - 1 });
		}
		await page.locator('[name=k]').fill('100');
		await page.locator('[name=groupLabel]').fill(worst(60));
		// The form does not cap the number of groups: twenty sites or classes, 80 characters each.
		const groups = Array.from({ length: 20 }, (_, i) => `${i + 1} ${worst(77)}`);
		await page.locator('[name=groupOptions]').fill(groups.join('\n'));
		await page.locator('[name=identifierLabel]').fill(worst(60));
		await page.locator('[name=passphrase]').fill(worst(200));
		await page.locator('[name=opensOn]').fill('2027-01-04');
		await page.locator('[name=closesOn]').fill('2027-06-30');
		const bytes = await largestPost(page, () =>
			submit(page, page.getByRole('button', { name: 'Créer la campagne' }))
		);
		await page.waitForURL(/\/campagnes\/[A-Za-z0-9_-]{22}$/);
		expectRoom('campaign form (4 diagnostics, 20 groups)', bytes);
		await page.context().close();
	});

	test('a guided session’s notes on maturite-of: nine areas, each note of 2000', async () => {
		const { token } = await createCampaign(baseURL, [
			['name', `Notes longues ${mode}`],
			['diagnostics', 'maturite-of'],
			['k', '3']
		]);
		const opened = await post(baseURL, `/campagnes/${token}/accompagnements?/open`, [
			['client', 'Organisme aux longues notes'],
			['diagnostic', 'maturite-of']
		]);
		expect(opened.status).toBe(303);
		const session = `${baseURL}${opened.headers.get('location')}`;
		const { page } = await openPage(browser);
		await visit(page, session);
		const pick = random(23);
		for (let step = 0; step < 12 && (await page.locator('[data-areas]').count()) === 0; step++) {
			await answerPage(page, pick);
			await next(page);
		}
		const notes = page.locator('textarea[name^="note."]');
		expect(await notes.count()).toBe(9);
		await fillToTheMax(page, 'form:has(textarea[name^="note."])');
		for (const select of await page.locator('select[name^="rating."]').all()) {
			const options = await select.locator('option').all();
			await select.selectOption({ index: options.length - 1 });
		}
		const bytes = await largestPost(page, () =>
			submit(page, page.getByRole('button', { name: 'Enregistrer les notes et les niveaux' }))
		);
		// Saved: the notes come back from the store, whole.
		await visit(page, session);
		for (const note of await notes.all()) expect(await note.inputValue()).toBe(worst(2000));
		expectRoom('guided notes (maturite-of, 9 notes of 2000)', bytes);
		await page.context().close();
	});
});
