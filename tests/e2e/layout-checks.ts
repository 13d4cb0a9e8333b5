/** Where things sit on a management page (issue [7]: results first on the dashboard and the workspace). */
import type { Page } from 'playwright-core';

/**
 * The top edge, in CSS pixels from the top of the page, of the first element matching each
 * selector at a viewport of `width`×`height`; null for a selector that matches nothing visible.
 * The viewport is put back afterwards.
 */
export async function topsAt(
	page: Page,
	selectors: Record<string, string>,
	{ width, height }: { width: number; height: number }
): Promise<Record<string, number | null>> {
	const viewport = page.viewportSize();
	await page.setViewportSize({ width, height });
	const tops = await page.evaluate((wanted) => {
		const found: Record<string, number | null> = {};
		for (const [name, selector] of Object.entries(wanted)) {
			const el = [...document.querySelectorAll(selector)].find((e) =>
				e.checkVisibility({ visibilityProperty: true })
			);
			found[name] = el ? Math.round(el.getBoundingClientRect().top + window.scrollY) : null;
		}
		return found;
	}, selectors);
	if (viewport) await page.setViewportSize(viewport);
	return tops;
}
