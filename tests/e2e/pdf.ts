/**
 * Reading a PDF printed by Chromium: page count and text (pdfjs-dist, pure JavaScript), and its
 * pages as images (pdfjs-dist again, drawing on a canvas of a blank Chromium page).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Browser } from 'playwright-core';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export async function readPdf(
	bytes: Uint8Array | Buffer
): Promise<{ pages: number; text: string; pageTexts: string[] }> {
	const pdf = await getDocument({
		data: new Uint8Array(bytes),
		disableFontFace: true,
		useSystemFonts: false
	}).promise;
	const pageTexts: string[] = [];
	for (let i = 1; i <= pdf.numPages; i++) {
		const content = await (await pdf.getPage(i)).getTextContent();
		pageTexts.push(compact(content.items.map((item) => ('str' in item ? item.str : '')).join(' ')));
	}
	const pages = pdf.numPages;
	await pdf.destroy();
	// Line breaks and ligatures (« ffi ») split words in extracted text: compare without spaces.
	return { pages, text: pageTexts.join('\n'), pageTexts };
}

/** Text without any whitespace, for comparisons that survive PDF layout. */
export const compact = (text: string): string => text.replace(/\s+/g, '');

const require = createRequire(import.meta.url);

/**
 * Each page of a PDF drawn as a PNG (`scale` × 72 dpi) by pdfjs-dist in a blank page of
 * `browser` (no request: the library and its worker are handed over as text), with the share
 * of its pixels that carry ink, so that a test can tell a drawn page from a blank one.
 */
export async function renderPdf(
	browser: Browser,
	bytes: Uint8Array | Buffer,
	scale = 1.5
): Promise<{ png: Buffer; ink: number }[]> {
	const [library, worker] = await Promise.all(
		['pdfjs-dist/build/pdf.min.mjs', 'pdfjs-dist/build/pdf.worker.min.mjs'].map((m) =>
			readFile(require.resolve(m), 'utf8')
		)
	);
	const context = await browser.newContext({ javaScriptEnabled: true });
	try {
		const page = await context.newPage();
		await page.setContent('<!doctype html><title>PDF</title>');
		await page.addScriptTag({ content: library, type: 'module' });
		await page.waitForFunction(() => 'pdfjsLib' in globalThis);
		const pages = await page.evaluate(
			async ({ worker, data, scale }) => {
				type PdfJs = typeof import('pdfjs-dist');
				const pdfjs = (globalThis as unknown as { pdfjsLib: PdfJs }).pdfjsLib;
				pdfjs.GlobalWorkerOptions.workerSrc = URL.createObjectURL(
					new Blob([worker], { type: 'text/javascript' })
				);
				const binary = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
				const pdf = await pdfjs.getDocument({ data: binary }).promise;
				const images: { url: string; ink: number }[] = [];
				for (let i = 1; i <= pdf.numPages; i++) {
					const pdfPage = await pdf.getPage(i);
					const viewport = pdfPage.getViewport({ scale });
					const canvas = document.createElement('canvas');
					canvas.width = Math.ceil(viewport.width);
					canvas.height = Math.ceil(viewport.height);
					const context = canvas.getContext('2d')!;
					context.fillStyle = '#ffffff';
					context.fillRect(0, 0, canvas.width, canvas.height);
					await pdfPage.render({ canvas, canvasContext: context, viewport }).promise;
					const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
					let inked = 0;
					for (let p = 0; p < pixels.length; p += 4)
						if (pixels[p]! + pixels[p + 1]! + pixels[p + 2]! < 3 * 200) inked++;
					images.push({ url: canvas.toDataURL('image/png'), ink: inked / (pixels.length / 4) });
				}
				await pdf.destroy();
				return images;
			},
			{ worker: worker!, data: Buffer.from(bytes).toString('base64'), scale }
		);
		return pages.map(({ url, ink }) => ({
			png: Buffer.from(url.slice(url.indexOf(',') + 1), 'base64'),
			ink
		}));
	} finally {
		await context.close();
	}
}
