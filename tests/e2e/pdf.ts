/** Reading a PDF printed by Chromium: page count and text (pdfjs-dist, pure JavaScript). */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export async function readPdf(
	bytes: Uint8Array | Buffer
): Promise<{ pages: number; text: string }> {
	const pdf = await getDocument({
		data: new Uint8Array(bytes),
		disableFontFace: true,
		useSystemFonts: false
	}).promise;
	let text = '';
	for (let i = 1; i <= pdf.numPages; i++) {
		const content = await (await pdf.getPage(i)).getTextContent();
		text += content.items.map((item) => ('str' in item ? item.str : '')).join(' ') + '\n';
	}
	const pages = pdf.numPages;
	await pdf.destroy();
	// Line breaks and ligatures (« ffi ») split words in extracted text: compare without spaces.
	return { pages, text: compact(text) };
}

/** Text without any whitespace, for comparisons that survive PDF layout. */
export const compact = (text: string): string => text.replace(/\s+/g, '');
