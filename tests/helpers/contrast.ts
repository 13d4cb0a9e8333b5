/** WCAG 2.1 contrast ratios of CSS colours, for the palette and focus-ring tests. */

/** An sRGB colour with its opacity (0–1). */
export type Rgba = { r: number; g: number; b: number; a: number };

/** Parses #rgb, #rrggbb, rgb(…) and rgba(…) (the forms the code base writes). */
export function parseColour(css: string): Rgba {
	const value = css.trim().toLowerCase();
	const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/.exec(value)?.[1];
	if (hex) {
		const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
		const [r, g, b] = [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16));
		return { r: r!, g: g!, b: b!, a: 1 };
	}
	const fn = /^rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*(?:,\s*([\d.]+)\s*)?\)$/.exec(
		value
	);
	if (fn) {
		const [r, g, b, a] = fn.slice(1).map((n) => (n === undefined ? 1 : Number(n)));
		return { r: r!, g: g!, b: b!, a: a! };
	}
	throw new Error(`unsupported colour: ${css}`);
}

/** A (possibly translucent) colour painted over an opaque one. */
export function over(top: string | Rgba, below: string | Rgba): Rgba {
	const t = typeof top === 'string' ? parseColour(top) : top;
	const b = typeof below === 'string' ? parseColour(below) : below;
	const mix = (x: number, y: number) => x * t.a + y * (1 - t.a);
	return { r: mix(t.r, b.r), g: mix(t.g, b.g), b: mix(t.b, b.b), a: 1 };
}

/** WCAG relative luminance of an opaque colour. */
export function luminance(colour: string | Rgba): number {
	const c = typeof colour === 'string' ? parseColour(colour) : colour;
	if (c.a < 1) throw new Error('luminance of a translucent colour: composite it first');
	const [r, g, b] = [c.r, c.g, c.b].map((v) => {
		const s = v / 255;
		return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
	});
	return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** WCAG contrast ratio (1–21) of two opaque colours. */
export function contrast(a: string | Rgba, b: string | Rgba): number {
	const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
	return (x! + 0.05) / (y! + 0.05);
}

/** The custom properties of the first `:root` rule of a stylesheet. */
export function rootProperties(css: string): Record<string, string> {
	const root = /:root\s*\{([^}]*)\}/.exec(css)?.[1] ?? '';
	return Object.fromEntries(
		[...root.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()])
	);
}

/** The declarations of the first rule whose selector is exactly `selector`. */
export function ruleOf(css: string, selector: string): Record<string, string> {
	const escaped = selector.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	const body = new RegExp(`(?:^|[}\\s])${escaped}\\s*\\{([^}]*)\\}`).exec(css)?.[1];
	if (body === undefined) throw new Error(`no rule for ${selector}`);
	return Object.fromEntries(
		[...body.matchAll(/([\w-]+)\s*:\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()])
	);
}
