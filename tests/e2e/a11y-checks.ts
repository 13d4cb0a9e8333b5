/** The accessibility checks every page state gets in the browser tests. */
import type { Page } from 'playwright-core';
import { expect, vi } from 'vitest';
import { axeViolations, radioGroupsWithoutLegend } from './axe';

/**
 * Elements sticking out of a 320 px wide page (WCAG 1.4.10), empty when it reflows. Waits a
 * little for late layout (Chart.js resizes its canvas on a ResizeObserver), then restores the
 * viewport.
 */
export async function overflowAt320(page: Page): Promise<string[]> {
	const viewport = page.viewportSize();
	await page.setViewportSize({ width: 320, height: 640 });
	const measure = () =>
		page.evaluate(() => {
			const width = document.documentElement.scrollWidth;
			if (width <= 320) return [];
			// Name the culprits: the outermost boxes that stick out, and the innermost elements
			// whose content (e.g. an unbreakable word) does; scrolling containers clip theirs.
			const all = [...document.body.querySelectorAll<HTMLElement>('*')];
			const clipped = (el: HTMLElement) => {
				for (let a = el.parentElement; a && a !== document.body; a = a.parentElement)
					if (getComputedStyle(a).overflowX !== 'visible') return true;
				return false;
			};
			const boxOut = (el: Element | null) => !!el && el.getBoundingClientRect().right > 320.5;
			const contentOut = (el: HTMLElement) =>
				!boxOut(el) &&
				getComputedStyle(el).overflowX === 'visible' &&
				el.getBoundingClientRect().left + el.scrollWidth > 320.5;
			const boxes = all.filter((el) => boxOut(el) && !boxOut(el.parentElement) && !clipped(el));
			const contents = all.filter((el) => contentOut(el) && !clipped(el));
			const innermost = contents.filter(
				(el) => ![...boxes, ...contents].some((o) => o !== el && el.contains(o))
			);
			const describe = (el: HTMLElement) => {
				const classes = [...el.classList]
					.filter((c) => !c.startsWith('svelte-'))
					.map((c) => `.${c}`)
					.join('');
				const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 30);
				const right = Math.round(el.getBoundingClientRect().left + el.scrollWidth);
				return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${classes} "${text}" reaches ${right} px`;
			};
			return [`scrollWidth ${width} px`, ...[...boxes, ...innermost].slice(0, 8).map(describe)];
		});
	let overflow: string[] = [];
	await vi
		.waitFor(
			async () => {
				overflow = await measure();
				if (overflow.length > 0) throw new Error('overflow');
			},
			{ timeout: 2_000, interval: 100 }
		)
		.catch(() => undefined);
	if (viewport) await page.setViewportSize(viewport);
	return overflow;
}

/**
 * The checks every page state gets (A11Y-01, 02, 03, 07); returns the page title so that the
 * caller can compare the titles of a whole journey.
 */
export async function checkState(page: Page, state: string, lang = 'fr'): Promise<string> {
	expect.soft(await page.locator('html').getAttribute('lang'), `${state}: <html lang>`).toBe(lang);
	expect.soft(await axeViolations(page), `${state}: axe violations`).toEqual([]);
	expect
		.soft(await radioGroupsWithoutLegend(page), `${state}: choice groups without a legend`)
		.toEqual([]);
	expect.soft(await overflowAt320(page), `${state}: content wider than 320 px`).toEqual([]);
	const title = (await page.title()).trim();
	expect.soft(title, `${state}: <title>`).not.toBe('');
	return title;
}
