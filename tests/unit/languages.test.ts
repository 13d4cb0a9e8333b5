import { describe, expect, test } from 'vitest';
import {
	asLocale,
	contentLanguage,
	langWhenOther,
	languageName,
	packageLanguages,
	surveyLocale
} from '$lib/diagnostic/languages';
import { localize, localizedLang } from '$lib/diagnostic/localized';
import { defaultText, surveyText } from '$lib/diagnostic/survey-json';
import type { SurveyJson } from '$lib/diagnostic/types';

const survey = (extra: Record<string, unknown> = {}): SurveyJson => ({ pages: [], ...extra });
const pkg = (languages: string[] | undefined, extra: Record<string, unknown> = {}) => ({
	manifest: languages ? { languages } : {},
	survey: survey(extra)
});

describe('a package’s languages', () => {
	test('the manifest’s, else survey.json’s locale, else French', () => {
		expect(packageLanguages(pkg(['en', 'fr']))).toEqual(['en', 'fr']);
		expect(packageLanguages(pkg(undefined, { locale: 'de' }))).toEqual(['de']);
		expect(packageLanguages(pkg(undefined, { locale: 'pt-BR' }))).toEqual(['pt']);
		expect(packageLanguages(pkg(undefined))).toEqual(['fr']);
		expect(packageLanguages(pkg([]))).toEqual(['fr']);
	});

	test('survey.json’s locale as a primary tag, when it has one', () => {
		expect(surveyLocale({ locale: 'DE' })).toBe('de');
		expect(surveyLocale({ locale: '' })).toBeUndefined();
		expect(surveyLocale({})).toBeUndefined();
		expect(surveyLocale(null)).toBeUndefined();
	});

	test('read in the interface’s locale when the package has it, else in its first language', () => {
		expect(contentLanguage(pkg(['fr', 'en']), 'en')).toBe('en');
		expect(contentLanguage(pkg(['fr', 'en']), 'fr')).toBe('fr');
		// An English-only questionnaire is never passed off as French.
		expect(contentLanguage(pkg(['en']), 'fr')).toBe('en');
		expect(contentLanguage(pkg(undefined, { locale: 'de' }), 'fr')).toBe('de');
		expect(contentLanguage(pkg(undefined), 'en')).toBe('fr');
	});

	test('a lang attribute only where the language changes; French names for messages', () => {
		expect(langWhenOther('en', 'fr')).toBe('en');
		expect(langWhenOther('fr', 'fr')).toBeUndefined();
		expect(asLocale('en')).toBe('en');
		expect(asLocale('de')).toBeUndefined();
		expect(languageName('en')).toBe('anglais');
		expect(languageName('de')).toBe('allemand');
		expect(languageName('zz')).toBe('« zz »');
	});
});

describe('SurveyJS texts, as survey-core reads them', () => {
	const text = { default: 'Sometimes', fr: 'Parfois' };
	test('the language’s own key, else `default` (the package’s first language)', () => {
		expect(surveyText(text, 'fr')).toBe('Parfois');
		expect(surveyText(text, 'en')).toBe('Sometimes');
		expect(surveyText({ default: 'Manchmal', fr: '' }, 'fr')).toBe('Manchmal');
		expect(surveyText('Often', 'fr')).toBe('Often');
		expect(surveyText({ fr: 'Parfois' }, 'en')).toBeUndefined();
		expect(surveyText(undefined, 'fr')).toBeUndefined();
	});

	test('the text as written first: plain, `default`, else French', () => {
		expect(defaultText(text)).toBe('Sometimes');
		expect(defaultText({ fr: 'Parfois' })).toBe('Parfois');
		expect(defaultText('Often')).toBe('Often');
	});
});

describe('texts of our own files', () => {
	test('in the interface’s locale, else the other one', () => {
		expect(localize({ fr: 'Outils', en: 'Tools' }, 'fr')).toBe('Outils');
		expect(localize({ fr: 'Outils' }, 'en')).toBe('Outils');
		// An English-only package has no French.
		expect(localize({ en: 'Tools' }, 'fr')).toBe('Tools');
		expect(localize('H5P', 'fr')).toBe('H5P');
	});

	test('their language is marked when it is not the interface’s', () => {
		expect(localizedLang({ en: 'Tools' }, 'fr')).toBe('en');
		expect(localizedLang({ fr: 'Outils' }, 'en')).toBe('fr');
		expect(localizedLang({ fr: 'Outils', en: 'Tools' }, 'en')).toBeUndefined();
		expect(localizedLang('H5P', 'en')).toBeUndefined();
	});
});
