/**
 * A printed report as a person holds it (issue [7]): the page printed to an A4 PDF by Chromium,
 * its text extracted and its pages drawn as images; and the page laid out for print, where the
 * radar is measured against the paper and its labels checked whole.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { checkChartLabels } from './chart-checks';
import { compact, readPdf, renderPdf } from './pdf';

/** A4 in CSS pixels (96 per inch), and the width inside the margins of src/app.css's @page. */
export const A4_WIDTH = Math.round((210 / 25.4) * 96);
const PRINT_WIDTH = Math.round(((210 - 2 * 14) / 25.4) * 96);

export interface PrintedReport {
	pages: number;
	text: string;
	pageTexts: string[];
}

/**
 * Prints `page` to an A4 PDF and checks, for a report of at most `maxPages` pages: the count,
 * every page drawn (not blank), every `whole` text present whole, the text of every element
 * `together` selects (as laid out for print) on a single page (a priority: never split), each
 * row of the `tables` on a page that also shows the table's header row (headers intact), the radar at least half the page wide with every label whole. With REPORT_PNG_DIR set, the pages are kept there as PNG (`name`-N.png).
 */
export async function checkPrintedReport(
	browser: Browser,
	page: Page,
	{
		name,
		maxPages,
		whole,
		together,
		tables = []
	}: { name: string; maxPages: number; whole: string[]; together: string[]; tables?: string[] }
): Promise<PrintedReport> {
	// Laid out for paper: the radar's drawing and its labels, measured as printed.
	const viewport = page.viewportSize();
	await page.emulateMedia({ media: 'print' });
	await page.setViewportSize({ width: PRINT_WIDTH, height: viewport?.height ?? 720 });
	const radars = await page
		.locator('[data-radar] svg[data-variant]')
		.evaluateAll((all) =>
			all
				.filter((svg) => svg.checkVisibility())
				.map((svg) => Math.round(svg.getBoundingClientRect().width))
		);
	expect(radars.length, `${name}: radars shown in print`).toBeGreaterThan(0);
	for (const width of radars)
		expect(width, `${name}: printed radar width (px, A4 = ${A4_WIDTH})`).toBeGreaterThanOrEqual(
			A4_WIDTH / 2
		);
	expect(await checkChartLabels(page, PRINT_WIDTH), `${name}: chart labels cut in print`).toEqual(
		[]
	);
	const blocks = together.length
		? await page
				.locator(together.join(', '))
				.evaluateAll((all) => all.map((el) => (el as HTMLElement).innerText))
		: [];
	expect(blocks.length, `${name}: blocks to keep together`).toBeGreaterThanOrEqual(together.length);
	// A table may run over two pages, its header row repeated on each.
	const heads = await Promise.all(
		tables.map((table) =>
			page.locator(table).evaluate((t) => ({
				head: (t.querySelector('thead') as HTMLElement).innerText,
				rows: [...t.querySelectorAll<HTMLElement>('tbody tr, tfoot tr')].map((r) => r.innerText)
			}))
		)
	);
	await page.emulateMedia({ media: null });
	if (viewport) await page.setViewportSize(viewport);

	const bytes = await page.pdf({ format: 'A4', printBackground: true });
	const pdf = await readPdf(bytes);
	const images = await renderPdf(browser, bytes);
	const keep = process.env.REPORT_PNG_DIR;
	if (keep) {
		await mkdir(keep, { recursive: true });
		await Promise.all(
			images.map((image, i) => writeFile(path.join(keep, `${name}-${i + 1}.png`), image.png))
		);
	}
	expect(images).toHaveLength(pdf.pages);
	for (const [i, image] of images.entries())
		expect(image.ink, `${name}: page ${i + 1} drawn`).toBeGreaterThan(0.005);
	expect(pdf.pages, `${name}: pages`).toBeGreaterThanOrEqual(1);
	expect(pdf.pages, `${name}: pages`).toBeLessThanOrEqual(maxPages);
	for (const text of whole)
		expect(pdf.text, `${name}: « ${text} » in the PDF`).toContain(compact(text));
	for (const text of blocks) {
		expect(
			pdf.pageTexts.some((p) => p.includes(compact(text))),
			`${name}: « ${text.slice(0, 60)}… » whole on one page`
		).toBe(true);
	}

	for (const [i, { head, rows }] of heads.entries()) {
		for (const row of rows) {
			const on = pdf.pageTexts.findIndex((p) => p.includes(compact(row)));
			expect(
				on,
				`${name}: ${tables[i]} row « ${row.slice(0, 40)} » printed`
			).toBeGreaterThanOrEqual(0);
			expect(
				pdf.pageTexts[on]!.includes(compact(head)),
				`${name}: ${tables[i]} headers on page ${on + 1}, with « ${row.slice(0, 40)} »`
			).toBe(true);
		}
	}
	return pdf;
}
