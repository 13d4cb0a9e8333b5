/** Where things sit on a page (issue [7]: results first on the results page, the dashboard and the workspace). */
import type { Page } from 'playwright-core';

/** An element's top and bottom edges, in CSS pixels from the top of the page. */
export interface Edges {
	top: number;
	bottom: number;
}

/**
 * The edges of the first visible element matching each selector at a viewport of
 * `width`×`height`; null for a selector that matches nothing visible. The viewport is put back
 * afterwards.
 */
export async function edgesAt(
	page: Page,
	selectors: Record<string, string>,
	{ width, height }: { width: number; height: number }
): Promise<Record<string, Edges | null>> {
	const viewport = page.viewportSize();
	await page.setViewportSize({ width, height });
	const edges = await page.evaluate((wanted) => {
		const found: Record<string, { top: number; bottom: number } | null> = {};
		for (const [name, selector] of Object.entries(wanted)) {
			const el = [...document.querySelectorAll(selector)].find((e) =>
				e.checkVisibility({ visibilityProperty: true })
			);
			const box = el?.getBoundingClientRect();
			found[name] = box
				? {
						top: Math.round(box.top + window.scrollY),
						bottom: Math.round(box.bottom + window.scrollY)
					}
				: null;
		}
		return found;
	}, selectors);
	if (viewport) await page.setViewportSize(viewport);
	return edges;
}

/** The top edge of the first visible element matching each selector (see `edgesAt`). */
export async function topsAt(
	page: Page,
	selectors: Record<string, string>,
	size: { width: number; height: number }
): Promise<Record<string, number | null>> {
	const edges = await edgesAt(page, selectors, size);
	return Object.fromEntries(Object.entries(edges).map(([name, e]) => [name, e?.top ?? null]));
}
