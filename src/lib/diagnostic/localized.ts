import type { Locale, LocalizedText } from './types';

/** Text of our own package files in a locale, falling back to French. */
export function localize(text: LocalizedText, locale: Locale): string {
	return locale === 'en' ? (text.en ?? text.fr) : text.fr;
}
