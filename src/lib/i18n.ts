/**
 * The app's locale helpers, on top of Paraglide's generated runtime (URL strategy: French at /,
 * English under /en/). Everything else imports messages and links from here.
 */
import type { Locale } from './diagnostic/types';
import { getLocale as paraglideLocale, localizeHref } from './paraglide/runtime';

export { m } from './paraglide/messages';
export { deLocalizeHref, localizeHref } from './paraglide/runtime';

/** The locale of the current request (server) or page (browser). */
export const getLocale = (): Locale => paraglideLocale();

/** A path of the app in the current locale: `href('/p/abc')` → `/en/p/abc` in English. */
export const href = (path: string): string => localizeHref(path);

const dateFormats = {
	fr: new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long' }),
	en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long' })
};

/** A date as people write it in the locale: « 23 novembre 2026 ». */
export function formatDate(iso: string, locale: Locale = getLocale()): string {
	return dateFormats[locale].format(new Date(iso));
}
