/**
 * The management link in Chromium, JavaScript on and off (issue [7], ADR 0029): a copy button when
 * scripts run, the address still there and selectable when they do not, a warning that losing it
 * loses access, and a card that prints on one A4 page with the link whole and its QR code.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { post } from '../helpers/participant';
import { javaScriptEnabled, launch, openPage, visit } from './browser';
import { checkState } from './a11y-checks';
import { compact, readPdf } from './pdf';

const baseURL = inject('baseURL');
let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
});

const mode = javaScriptEnabled ? 'JavaScript' : 'no JavaScript';

describe(`the management link (${mode})`, () => {
	test('copy button or selectable address, warning, printable card with its QR code', async () => {
		const created = await post(baseURL, '/campagnes/nouvelle', [
			['name', `Carte ${mode}`],
			['diagnostics', 'e-formateur'],
			['k', '3']
		]);
		expect(created.status).toBe(303);
		const link = `${baseURL}${created.headers.get('location')!}`;

		const { page } = await openPage(browser);
		await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
			origin: baseURL
		});
		await visit(page, link);
		const section = page.getByRole('region', { name: 'Votre lien de gestion' });
		const address = section.getByLabel('Adresse de votre lien de gestion');
		expect(await address.inputValue()).toBe(link);
		expect(await address.getAttribute('readonly')).not.toBeNull();
		await expect
			.poll(() => section.textContent())
			.toContain('Si vous perdez ce lien, vous perdez l’accès à la campagne et à ses résultats');
		const copy = section.getByRole('button', { name: 'Copier le lien' });
		if (javaScriptEnabled) {
			await copy.click();
			await expect.poll(() => section.getByRole('status').textContent()).toBe('Lien copié.');
			expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
		} else {
			// No button that would do nothing; the whole address can be selected and copied by hand.
			expect(await copy.count()).toBe(0);
			await address.selectText();
			expect(
				await address.evaluate((input: HTMLInputElement) => [
					input.selectionStart,
					input.selectionEnd
				])
			).toEqual([0, link.length]);
		}

		await section
			.getByRole('link', { name: 'Imprimer une carte avec ce lien et son QR code' })
			.click();
		await page.waitForURL(`${link}/carte`);
		if (javaScriptEnabled) await page.waitForSelector('html[data-hydrated="true"]');
		await checkState(page, 'management-link card');
		const qr = page.getByRole('img', { name: 'QR code du lien de gestion de la campagne' });
		expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(
			true
		);
		expect(await page.getByRole('button', { name: 'Imprimer la carte' }).count()).toBe(
			javaScriptEnabled ? 1 : 0
		);
		// Printed: one A4 page with the link written out whole, and none of the site around it.
		const printed = await readPdf(await page.pdf({ format: 'A4' }));
		expect(printed.pages).toBe(1);
		expect(printed.text).toContain(compact(link));
		expect(printed.text).toContain(compact('Si vous perdez ce lien'));
		expect(printed.text).not.toContain(compact('Retour au tableau de bord'));
		await page.context().close();
	});
});
