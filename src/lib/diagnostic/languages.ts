/**
 * The languages of a questionnaire package (ADR 0035): which language its SurveyJS `default`
 * texts are in, which others it gives, and the one a request reads it in. Pure.
 */
import type { Locale, Manifest, SurveyJson } from './types';
import type { Message } from './validator-messages';

/** A BCP 47 primary language subtag as manifest.json gives it: « fr », « en », « de ». */
export const LANGUAGE_TAG = /^[a-z]{2,3}$/;

/** A package that says nothing is French: every package written before languages were declared. */
export const DEFAULT_LANGUAGES: readonly string[] = ['fr'];

/** survey.json's own `locale` (what SurveyJS shows its `default` texts as), as a primary tag. */
export function surveyLocale(survey: unknown): string | undefined {
	const locale =
		typeof survey === 'object' && survey !== null
			? (survey as { locale?: unknown }).locale
			: undefined;
	if (typeof locale !== 'string' || locale.trim() === '') return undefined;
	return locale.trim().toLowerCase().split(/[-_]/)[0];
}

/**
 * The package's languages, first the one of its `default` texts and plain strings: the manifest's
 * `languages`, else survey.json's `locale`, else French.
 */
export function packageLanguages(pkg: {
	manifest: Pick<Manifest, 'languages'>;
	survey: SurveyJson;
}): readonly string[] {
	const declared = pkg.manifest.languages;
	if (declared && declared.length > 0) return declared;
	const locale = surveyLocale(pkg.survey);
	return locale ? [locale] : DEFAULT_LANGUAGES;
}

/**
 * The language a request reads the questionnaire in: the interface's when the package has it,
 * else the package's first. An English-only questionnaire stays English on the French interface.
 * @example contentLanguage({ manifest: { languages: ['en'] }, survey }, 'fr') // 'en'
 */
export function contentLanguage(
	pkg: { manifest: Pick<Manifest, 'languages'>; survey: SurveyJson },
	locale: string
): string {
	const languages = packageLanguages(pkg);
	return languages.includes(locale) ? locale : languages[0]!;
}

/** A language the interface has, for texts of our own files (`{ fr, en }`); else undefined. */
export const asLocale = (language: string): Locale | undefined =>
	language === 'fr' || language === 'en' ? language : undefined;

/**
 * The `lang` attribute content in this language needs inside a page in `locale` (RGAA 8.7):
 * undefined when it is the page's own.
 */
export const langWhenOther = (language: string, locale: string): string | undefined =>
	language === locale ? undefined : language;

/** A language's name in the interface's locale: « anglais », « English ». */
export function languageNameIn(language: string, locale: Locale): string {
	try {
		return new Intl.DisplayNames([locale], { type: 'language' }).of(language) ?? language;
	} catch {
		return language;
	}
}

const names = {
	fr: new Intl.DisplayNames(['fr'], { type: 'language' }),
	en: new Intl.DisplayNames(['en'], { type: 'language' })
};

/**
 * A language's name for the validator's messages: « anglais » (French, the default), « English »;
 * else the tag itself, quoted as the language quotes.
 */
export function languageName(language: string, locale: Locale = 'fr'): string {
	const tag = locale === 'fr' ? `« ${language} »` : `“${language}”`;
	try {
		const name = names[locale].of(language);
		return name && name !== language ? name : tag;
	} catch {
		return tag;
	}
}

/** A language's name in each of the validator's languages (validator-messages.ts). */
export const languageNames = (language: string): Message => ({
	fr: languageName(language, 'fr'),
	en: languageName(language, 'en')
});
