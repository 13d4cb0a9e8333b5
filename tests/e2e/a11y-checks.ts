/** The accessibility checks every page state gets in the browser tests. */
import type { Page } from 'playwright-core';
import { expect, vi } from 'vitest';
import { axeViolations, radioGroupsWithoutLegend } from './axe';
import { checkChartLabels } from './chart-checks';

/**
 * Elements sticking out of the page at a given width (WCAG 1.4.10 at 320 px), optionally with
 * the text at 200 % (WCAG 1.4.4: the root font size, a proxy for the browser's text zoom);
 * empty when it reflows. Waits a little for late layout (fonts, a box sized by a container
 * query), then restores the viewport and the text size.
 */
export async function overflowAt(
	page: Page,
	{ width: target, text = 1 }: { width: number; text?: number }
): Promise<string[]> {
	const viewport = page.viewportSize();
	const resize = viewport?.width !== target;
	if (resize) await page.setViewportSize({ width: target, height: viewport?.height ?? 720 });
	// CSSOM, not a style attribute: allowed under a strict Content-Security-Policy.
	if (text !== 1) {
		await page.evaluate((t) => (document.documentElement.style.fontSize = `${t * 100}%`), text);
	}
	const measure = () =>
		page.evaluate((limit) => {
			const width = document.documentElement.scrollWidth;
			if (width <= limit) return [];
			// Name the culprits: the outermost boxes that stick out, and the innermost elements
			// whose content (e.g. an unbreakable word) does; scrolling containers clip theirs.
			const all = [...document.body.querySelectorAll<HTMLElement>('*')];
			const clipped = (el: HTMLElement) => {
				for (let a = el.parentElement; a && a !== document.body; a = a.parentElement)
					if (getComputedStyle(a).overflowX !== 'visible') return true;
				return false;
			};
			const boxOut = (el: Element | null) => !!el && el.getBoundingClientRect().right > limit + 0.5;
			const contentOut = (el: HTMLElement) =>
				!boxOut(el) &&
				getComputedStyle(el).overflowX === 'visible' &&
				el.getBoundingClientRect().left + el.scrollWidth > limit + 0.5;
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
		}, target);
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
	if (text !== 1) await page.evaluate(() => (document.documentElement.style.fontSize = ''));
	if (resize && viewport) await page.setViewportSize(viewport);
	return overflow;
}

/**
 * The controls a person cannot see or click at a viewport `width` px wide (A11Y-07): each
 * focusable control, once focused (a skip link shows itself then) and scrolled into view, must
 * lie within the viewport and be what a click at its centre hits (itself, its content, or its
 * label for an input styled through its label). Controls hidden on purpose (closed <details>,
 * display: none) are left out. Focus and scroll are put back as they were.
 */
export async function controlsOutOfReach(page: Page, width: number): Promise<string[]> {
	const viewport = page.viewportSize();
	const resize = viewport?.width !== width;
	if (resize) await page.setViewportSize({ width, height: viewport?.height ?? 720 });
	const problems = await page.evaluate((limit) => {
		const selector =
			'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex="-1"])';
		const before = document.activeElement as HTMLElement | null;
		const scroll = [window.scrollX, window.scrollY] as const;
		const found: string[] = [];
		const describe = (el: Element, problem: string) => {
			const name =
				el.getAttribute('aria-label') ??
				(el as HTMLInputElement).labels?.[0]?.textContent ??
				el.textContent ??
				'';
			const text = name.trim().replace(/\s+/g, ' ').slice(0, 40);
			return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} "${text}" ${problem}`;
		};
		for (const el of document.querySelectorAll<HTMLElement>(selector)) {
			if (el.closest('[inert]')) continue;
			el.focus({ preventScroll: true });
			if (!el.checkVisibility({ visibilityProperty: true })) continue;
			el.scrollIntoView({ block: 'center', inline: 'nearest' });
			// Only a scrolling container (a wide table) may scroll sideways, never the page.
			window.scrollTo(0, window.scrollY);
			const label = (el as HTMLInputElement).labels?.[0];
			let target: Element = el;
			let box = el.getBoundingClientRect();
			if ((box.width <= 1 || box.height <= 1) && label) {
				target = label;
				box = label.getBoundingClientRect();
			}
			if (box.width < 1 || box.height < 1) {
				found.push(describe(el, 'has no size'));
				continue;
			}
			if (box.left < -0.5 || box.right > limit + 0.5) {
				found.push(describe(el, `spans ${Math.round(box.left)}–${Math.round(box.right)} px`));
				continue;
			}
			// A link wrapped over two lines has one box per line: a click on any line works.
			const hits = [...target.getClientRects()]
				.filter((r) => r.width >= 1 && r.height >= 1)
				.map((r) => document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2));
			const hitsIt = (hit: Element | null) =>
				!!hit &&
				(target.contains(hit) ||
					(label !== undefined && label.contains(hit)) ||
					hit.closest('label')?.control === el);
			const reached = hits.some(hitsIt);
			const hit = hits[0] ?? null;
			if (!reached) {
				const what = hit ? `${hit.tagName.toLowerCase()}${hit.id ? `#${hit.id}` : ''}` : 'nothing';
				found.push(describe(el, `is covered by ${what}`));
			}
		}
		if (before && before !== document.body) before.focus({ preventScroll: true });
		else (document.activeElement as HTMLElement | null)?.blur();
		window.scrollTo(scroll[0], scroll[1]);
		return found;
	}, width);
	if (resize && viewport) await page.setViewportSize(viewport);
	return problems;
}

/**
 * Table cells a person cannot read whole at a viewport `width` px wide: a cell whose content is
 * wider than its box (an unbreakable word, a nowrap text), or a cell cut by an ancestor that
 * does not show what overflows it (overflow hidden, clip, auto or scroll: a table wider than
 * its scrolling region hides its last columns until one scrolls, screenshot 09 of issue [7]).
 * Tables of the app never scroll sideways: narrow, their rows stack (DataTable). Also each
 * stacked cell must carry the label of its column; a header row hidden for sight then (its
 * names read by screen readers) is left out. Empty when every cell shows whole.
 */
export async function clippedTableCells(page: Page, width: number): Promise<string[]> {
	const viewport = page.viewportSize();
	const resize = viewport?.width !== width;
	if (resize) await page.setViewportSize({ width, height: viewport?.height ?? 720 });
	const measure = () =>
		page.evaluate(() => {
			const found: string[] = [];
			const describe = (cell: HTMLElement, problem: string) => {
				const table = cell.closest('table');
				const name =
					table?.querySelector('caption')?.textContent?.trim().slice(0, 40) ?? table?.id ?? 'table';
				const text = (cell.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 30);
				return `« ${name} », ${cell.tagName.toLowerCase()} "${text}" ${problem}`;
			};
			// Hidden on purpose for sight, kept for screen readers (.visually-hidden, or the
			// header row of stacked rows, whose names each cell then shows from its data-label).
			const visuallyHidden = (el: HTMLElement) => {
				for (let a: HTMLElement | null = el; a && a !== document.body; a = a.parentElement) {
					const style = getComputedStyle(a);
					const box = a.getBoundingClientRect();
					const tiny = box.width <= 1 && box.height <= 1 && style.overflow !== 'visible';
					if (tiny || style.clip === 'rect(0px, 0px, 0px, 0px)') return true;
				}
				return false;
			};
			for (const cell of document.querySelectorAll<HTMLElement>('main th, main td')) {
				if (!cell.checkVisibility({ visibilityProperty: true })) continue;
				if (visuallyHidden(cell)) continue;
				const box = cell.getBoundingClientRect();
				if (box.width < 1 || box.height < 1) continue;
				if (cell.scrollWidth > cell.clientWidth + 1) {
					found.push(describe(cell, `holds ${cell.scrollWidth} px in ${cell.clientWidth} px`));
					continue;
				}
				for (let a = cell.parentElement; a && a !== document.body; a = a.parentElement) {
					if (getComputedStyle(a).overflowX === 'visible') continue;
					const clip = a.getBoundingClientRect();
					if (box.right > clip.right + 1 || box.left < clip.left - 1) {
						found.push(
							describe(
								cell,
								`spans ${Math.round(box.left)}–${Math.round(box.right)} px, cut by ${a.tagName.toLowerCase()}${[...a.classList].map((c) => `.${c}`).join('')} at ${Math.round(clip.left)}–${Math.round(clip.right)} px`
							)
						);
						break;
					}
				}
				const stacked =
					getComputedStyle(cell).display === 'block' ||
					getComputedStyle(cell).display === 'flex' ||
					getComputedStyle(cell).display === 'grid';
				if (
					stacked &&
					cell.tagName === 'TD' &&
					!cell.hasAttribute('colspan') &&
					!cell.dataset.label
				) {
					found.push(describe(cell, 'is stacked without the label of its column'));
				}
			}
			return found.slice(0, 12);
		});
	// Late layout (a chart resizing) settles within a few frames.
	let clipped: string[] = [];
	await vi
		.waitFor(
			async () => {
				clipped = await measure();
				if (clipped.length > 0) throw new Error('clipped');
			},
			{ timeout: 2_000, interval: 100 }
		)
		.catch(() => undefined);
	if (resize && viewport) await page.setViewportSize(viewport);
	return clipped;
}

/**
 * The checks every page state gets (A11Y-01, 02, 03, 07: reflow at 320 px with every control reachable, and text at 200 %;
 * at 1280 and 375 px, no overflow and no clipped table cell; at 1280, 375 and 320 px, every chart
 * label whole, issue [7]);
 * returns the page title so that the caller can compare the titles of a whole journey.
 */
export async function checkState(page: Page, state: string, lang = 'fr'): Promise<string> {
	expect.soft(await page.locator('html').getAttribute('lang'), `${state}: <html lang>`).toBe(lang);
	expect.soft(await axeViolations(page), `${state}: axe violations`).toEqual([]);
	expect
		.soft(await radioGroupsWithoutLegend(page), `${state}: choice groups without a legend`)
		.toEqual([]);
	expect
		.soft(await overflowAt(page, { width: 320 }), `${state}: content wider than 320 px`)
		.toEqual([]);
	expect
		.soft(await controlsOutOfReach(page, 320), `${state}: controls out of reach at 320 px`)
		.toEqual([]);
	expect
		.soft(
			await overflowAt(page, { width: 1280, text: 2 }),
			`${state}: content wider than 1280 px with the text at 200 %`
		)
		.toEqual([]);
	// The two widths people were seen with (issue [7]): a 1280 px desktop, a 375 px phone.
	for (const width of [1280, 375]) {
		expect
			.soft(await overflowAt(page, { width }), `${state}: content wider than ${width} px`)
			.toEqual([]);
		expect
			.soft(await clippedTableCells(page, width), `${state}: table cells clipped at ${width} px`)
			.toEqual([]);
	}
	// Every chart label whole on a desktop, a phone and the narrowest reflow (issue [7]).
	for (const width of [1280, 375, 320]) {
		expect
			.soft(await checkChartLabels(page, width), `${state}: chart labels cut at ${width} px`)
			.toEqual([]);
	}
	const title = (await page.title()).trim();
	expect.soft(title, `${state}: <title>`).not.toBe('');
	return title;
}
