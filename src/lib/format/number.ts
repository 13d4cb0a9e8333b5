/** Formatting of figures shown to people, per locale (French typography by default). */

/** A 0–100 score with at most one decimal: « 62,5 » in French, "62.5" in English. */
export function formatScore(score: number, locale = 'fr'): string {
	return new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'fr-FR', {
		maximumFractionDigits: 1
	}).format(score);
}

/** A 0–1 share as a whole percentage: « 75 % » (narrow no-break space in French). */
export function formatPercent(share: number, locale = 'fr'): string {
	return new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'fr-FR', {
		style: 'percent',
		maximumFractionDigits: 0
	}).format(share);
}
