/**
 * How wide a line of text is, without a browser: the server lays out chart labels before any
 * font is known. Advance widths (in em) are those of DejaVu Sans, the widest of the common sans
 * faces (Debian's default; Arial, Noto Sans, Inter, Source Sans are narrower), so a label
 * measured here is never wider on screen than planned. The browser tests measure the real text
 * (tests/e2e/a11y-checks.ts, `checkChartLabels`). Pure.
 */

const WIDTHS: [chars: string, em: number][] = [
	[' ,.', 0.318],
	['iljI', 0.295],
	["'", 0.275],
	['’‘`', 0.318],
	[':;|', 0.337],
	['!', 0.401],
	['()[]{}', 0.39],
	['-', 0.361],
	['fr', 0.411],
	['t', 0.392],
	['/', 0.337],
	['"“”', 0.46],
	['sz', 0.525],
	['c', 0.55],
	['?J', 0.557],
	['«»', 0.62],
	['kL', 0.579],
	['vxyF', 0.592],
	['P', 0.603],
	['a', 0.613],
	['eo', 0.615],
	['TYE', 0.632],
	['bdghnpqu0123456789S', 0.636],
	['K', 0.656],
	['ABXZV', 0.686],
	['RC', 0.698],
	['–', 0.5],
	['U', 0.732],
	['HN', 0.752],
	['DG', 0.775],
	['OQ&', 0.787],
	['w', 0.818],
	['+=<>#', 0.838],
	['M', 0.863],
	['m%', 0.974],
	['W—œŒæÆ@', 1.0]
];

const EM = new Map<string, number>(WIDTHS.flatMap(([chars, em]) => [...chars].map((c) => [c, em])));
/** Anything else: a wide letter's width, so that an unknown character is never underestimated. */
const OTHER = 0.8;

/** Width of one character in em: accented letters as their base letter (« é » as « e »). */
function charWidth(char: string): number {
	const known = EM.get(char);
	if (known !== undefined) return known;
	const base = char.normalize('NFD')[0] ?? char;
	return EM.get(base) ?? OTHER;
}

/** Width of `text` set at `fontSize` (same unit as the result). */
export function textWidth(text: string, fontSize: number): number {
	let em = 0;
	for (const char of text) em += charWidth(char);
	return em * fontSize;
}

/**
 * Splits `text` into lines no wider than `maxWidth` where its words allow: words are never cut,
 * so a word wider than `maxWidth` gets a line of its own, and the line is then wider.
 */
export function wrapText(text: string, maxWidth: number, fontSize: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.trim().split(/\s+/)) {
		if (!word) continue;
		const candidate = line ? `${line} ${word}` : word;
		if (line && textWidth(candidate, fontSize) > maxWidth) {
			lines.push(line);
			line = word;
		} else line = candidate;
	}
	if (line) lines.push(line);
	return lines;
}
