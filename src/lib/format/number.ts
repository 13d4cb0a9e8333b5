/** Formatting of figures shown to people, per locale (French typography by default). */

// Building an Intl formatter costs far more than using one: one per locale and style.
const formatters = new Map<string, Intl.NumberFormat>();
function formatter(locale: string, style: 'decimal' | 'percent'): Intl.NumberFormat {
	const key = `${locale}:${style}`;
	let f = formatters.get(key);
	if (!f) {
		f = new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'fr-FR', {
			style,
			maximumFractionDigits: style === 'percent' ? 0 : 1
		});
		formatters.set(key, f);
	}
	return f;
}

/** A 0–100 score with at most one decimal: « 62,5 » in French, "62.5" in English. */
export function formatScore(score: number, locale = 'fr'): string {
	return formatter(locale, 'decimal').format(score);
}

/** A 0–1 share as a whole percentage: « 75 % » (narrow no-break space in French). */
export function formatPercent(share: number, locale = 'fr'): string {
	return formatter(locale, 'percent').format(share);
}
