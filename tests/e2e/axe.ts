/**
 * Accessibility checks for the browser tests: an axe-core scan (WCAG 2.0/2.1 A and AA) and the
 * choice-grouping check that axe does not make (A11Y-01 and A11Y-03 of
 * shared/reference/security-privacy-a11y.md §K).
 */
import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { javaScriptEnabled } from './browser';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** One axe violation, small enough to read in an assertion diff. */
export type Violation = {
	id: string;
	impact: string | null;
	help: string;
	/** The failing elements, as CSS selectors. */
	targets: string[];
	/** axe's explanation for the first failing element (e.g. the contrast ratio measured). */
	why: string;
};

type AxeWindow = { axe: typeof axe };

/**
 * Runs axe in a page that executes scripts. The source is evaluated through the DevTools
 * protocol rather than `page.addScriptTag({ content: axe.source })`: that inline <script>
 * would be blocked as soon as the app sends a strict Content-Security-Policy, while evaluate()
 * is not subject to CSP (@axe-core/playwright injects it the same way).
 */
async function scan(page: Page): Promise<Violation[]> {
	await page.evaluate(axe.source);
	return page.evaluate(async (tags) => {
		const { axe: running } = window as unknown as AxeWindow;
		const result = await running.run(document, {
			runOnly: { type: 'tag', values: tags },
			resultTypes: ['violations']
		});
		return result.violations.map((v) => ({
			id: v.id,
			impact: v.impact ?? null,
			help: v.help,
			targets: v.nodes.map((n) => n.target.map(String).join(' ')),
			why: (v.nodes[0]?.failureSummary ?? '').replace(/\s+/g, ' ').trim().slice(0, 300)
		}));
	}, TAGS);
}

/**
 * A copy of the page, for scanning pages shown with JavaScript disabled.
 *
 * With `javaScriptEnabled: false` neither `addScriptTag` nor `axe.run` work: the tag is added
 * but never runs, and axe's timers never fire. So the HTML the browser is showing
 * (`page.content()`) is served, with its <script> and modulepreload tags removed so that
 * nothing hydrates and the copy stays exactly the no-JS page, to a separate JavaScript-enabled
 * context under the same URL: a route answers the document request (no second request reaches
 * the server, which matters for the re-rendered answer of a POST), so relative links, fragment
 * targets and the stylesheets load exactly as in the original page. This has the effect of
 * `page.setContent(html)` after `page.goto(url)`, without loading the page twice.
 */
async function scriptlessCopy(page: Page): Promise<Page> {
	const browser = page.context().browser();
	if (!browser) throw new Error('the page has no browser');
	const url = page.url().split('#')[0]!;
	const html = (await page.content())
		.replace(/<script\b[\s\S]*?<\/script>/gi, '')
		.replace(/<link\b[^>]*\brel="modulepreload"[^>]*>/gi, '');
	const context = await browser.newContext({
		javaScriptEnabled: true,
		locale: 'fr-FR',
		viewport: page.viewportSize()
	});
	const copy = await context.newPage();
	await copy.route(
		(u) => u.href === url,
		(route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html })
	);
	await copy.goto(url, { waitUntil: 'load' });
	return copy;
}

/** The WCAG 2.0/2.1 A and AA violations axe finds in the page as it is now. */
export async function axeViolations(page: Page): Promise<Violation[]> {
	if (javaScriptEnabled) return scan(page);
	const copy = await scriptlessCopy(page);
	try {
		return await scan(copy);
	} finally {
		await copy.context().close();
	}
}

/**
 * The names of radio and checkbox groups that are not grouped under a visible name: each must
 * sit in a <fieldset> whose own <legend> has text, or in a [role=radiogroup]/[role=group]
 * whose aria-labelledby points at text. axe does not check this (its radiogroup rule was
 * removed in 3.4). A lone checkbox with its own label (e.g. a confirmation) is not a group.
 * Works with JavaScript disabled too: evaluate() of synchronous code still runs.
 */
export function radioGroupsWithoutLegend(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const inputs = [
			...document.querySelectorAll<HTMLInputElement>('input[type=radio], input[type=checkbox]')
		];
		const groups = new Map<string, HTMLInputElement[]>();
		for (const input of inputs) {
			const key = `${input.type}:${input.name || input.id}`;
			groups.set(key, [...(groups.get(key) ?? []), input]);
		}
		const text = (el: Element | null | undefined) => el?.textContent?.trim() ?? '';
		const named = (input: HTMLInputElement) => {
			const fieldset = input.closest('fieldset');
			if (fieldset) {
				const legend = [...fieldset.children].find((c) => c.tagName === 'LEGEND');
				if (text(legend) !== '') return true;
			}
			const group = input.closest('[role=radiogroup], [role=group]');
			const ids = group?.getAttribute('aria-labelledby')?.split(/\s+/).filter(Boolean) ?? [];
			return ids.some((id) => text(document.getElementById(id)) !== '');
		};
		return [...groups]
			.filter(([key, members]) => !(key.startsWith('checkbox:') && members.length === 1))
			.filter(([, members]) => !members.every(named))
			.map(([key]) => key);
	});
}
