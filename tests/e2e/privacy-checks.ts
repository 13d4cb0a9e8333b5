/** Privacy checks the browser tests run on forms (PRIV-03). */
import type { Page } from 'playwright-core';

/**
 * The free-text fields of the page's forms (text inputs and text areas, not read-only ones) and
 * the names of those whose aria-describedby names no personal-data hint with text.
 */
export function fieldsWithoutPersonalDataHint(
	page: Page
): Promise<{ fields: number; withoutHint: string[] }> {
	return page.evaluate(() => {
		const fields = [
			...document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(
				'main form textarea, main form input[type=text], main form input:not([type])'
			)
		].filter((f) => !f.readOnly && !f.disabled);
		const hinted = (f: Element) =>
			(f.getAttribute('aria-describedby') ?? '')
				.split(/\s+/)
				.filter(Boolean)
				.some((id) => {
					const el = document.getElementById(id);
					return !!el?.hasAttribute('data-personal-data-hint') && el.textContent?.trim() !== '';
				});
		return {
			fields: fields.length,
			withoutHint: fields.filter((f) => !hinted(f)).map((f) => f.name || f.id)
		};
	});
}
