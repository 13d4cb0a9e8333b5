/**
 * A person pastes text with a control character into a comment (REQ-03), in Chromium with
 * JavaScript on and off: the page is refused, the message names the question, what was typed
 * stays on screen, nothing of that submission is saved, and once fixed the page goes through.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { checkState } from './a11y-checks';
import { javaScriptEnabled, launch, openPage, submit, visit } from './browser';
import { next } from './journey-helpers';

const baseURL = inject('baseURL');
let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
});

const plain = (text: string | null) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ');

describe(`a refused comment (${javaScriptEnabled ? 'JavaScript on' : 'JavaScript off'})`, () => {
	test('is named, kept on screen, not saved, and accepted once fixed', async () => {
		const { page } = await openPage(browser);
		await visit(page, `${baseURL}/diagnostics/exemple-mini`);
		await submit(page, page.getByRole('button', { name: 'Commencer le diagnostic' }));
		const link = page.url();
		await page.getByLabel('Souvent').check();
		await next(page);

		const comment = page.getByLabel('Une remarque ?');
		await comment.fill('Copié\u0007 depuis un vieux logiciel');
		// Leaving the field is a change: with JavaScript, it is autosaved.
		await comment.press('Tab');
		const message = '« Une remarque ? » contient des caractères invisibles non acceptés';
		if (javaScriptEnabled) {
			// The autosave says it was refused, and why, instead of « saved ».
			await expect
				.poll(async () => plain(await page.locator('.save-status').textContent()))
				.toContain(message);
		}
		await page.getByRole('radio', { name: 'Je relance les absents. Toujours' }).check();
		await page.getByRole('radio', { name: 'Je planifie des points. Toujours' }).check();
		await submit(page, page.getByRole('button', { name: 'Terminer et voir mes résultats' }));
		await expect
			.poll(async () => plain(await page.getByRole('alert').textContent()))
			.toContain(message);
		expect(plain(await page.locator('[role="status"] .callout').textContent())).toContain(
			'Envoi refusé, rien n’a été enregistré.'
		);
		expect(await page.title()).toMatch(/^Erreur – /);
		await checkState(page, 'questionnaire, refused comment');
		// What was typed stays (without the character, when the page was sent again).
		expect(['Copié\u0007 depuis un vieux logiciel', 'Copié depuis un vieux logiciel']).toContain(
			await comment.inputValue()
		);
		// Nothing of the refused submission was stored: the matrix answers are not there.
		const stored = await (await fetch(`${link}/donnees.json`)).json();
		expect(stored.attempts[0].answers).toEqual({ classe_virtuelle: 'souvent' });

		await comment.fill('Copié depuis un vieux logiciel');
		await page.getByRole('radio', { name: 'Je relance les absents. Toujours' }).check();
		await page.getByRole('radio', { name: 'Je planifie des points. Toujours' }).check();
		await submit(page, page.getByRole('button', { name: 'Terminer et voir mes résultats' }));
		await page.locator('#resultats-domaines').waitFor();
		const done = await (await fetch(`${link}/donnees.json`)).json();
		expect(done.attempts[0].answers.remarque).toBe('Copié depuis un vieux logiciel');
		await page.context().close();
	});
});
