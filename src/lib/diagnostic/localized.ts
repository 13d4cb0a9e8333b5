import type { Level, Locale, LocalizedText, NameText } from './types';

/**
 * Text of our own package files in a locale, else in the other one: an English-only package
 * gives its texts in English alone (ADR 0035). A plain string (a name allowed to be one, such as
 * a provider's) is the same in every language.
 */
export function localize(text: LocalizedText | NameText, locale: Locale): string {
	if (typeof text === 'string') return text;
	return (locale === 'en' ? (text.en ?? text.fr) : (text.fr ?? text.en)) ?? '';
}

/**
 * The language `localize` reads a text in when it is not `locale` (an English-only package's
 * text on the French interface), for its `lang` attribute (RGAA 8.7); else undefined.
 */
export function localizedLang(text: LocalizedText | NameText, locale: Locale): Locale | undefined {
	if (typeof text === 'string') return undefined;
	const own = locale === 'en' ? text.en : text.fr;
	return own === undefined ? (locale === 'en' ? 'fr' : 'en') : undefined;
}

/** A competence as shown: its framework code when the id is one (« 1.1 Communication… »), not internal ids. */
export function competenceLabel(id: string, name: string): string {
	return /^\d+(\.\d+)*$/.test(id) ? `${id} ${name}` : name;
}

/** A level as shown: its code, if any, before its name (« B1 Intégrateur »). */
export function levelLabel(level: Level, locale: Locale, separator = ' '): string {
	const name = localize(level.name, locale);
	return level.code ? `${level.code}${separator}${name}` : name;
}
