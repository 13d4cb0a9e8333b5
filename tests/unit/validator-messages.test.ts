import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import {
	M,
	MESSAGES,
	catalogueSamples,
	cliLocale,
	type Message
} from '$lib/diagnostic/validator-messages';
import { placeOf, placed } from '$lib/diagnostic/survey-place';
import { formatPackageError, formatPackageErrorIn } from '$lib/diagnostic/validate-package';
import { validatePackage } from '$lib/diagnostic/validate-package';
import { ROOT } from '../helpers/paths';
import { frenchLeftovers, frenchTypographyFaults } from '../helpers/typography';

/** Entries that read the same in both languages, on purpose. */
const SAME_IN_BOTH = new Set(['placePageNumber']);

/** Every `x-expected` of our schemas: what a failure there expects, in words. */
function schemaExpectations(): { at: string; message: Message }[] {
	const out: { at: string; message: Message }[] = [];
	const walk = (node: unknown, at: string) => {
		if (Array.isArray(node)) node.forEach((v, i) => walk(v, `${at}/${i}`));
		else if (typeof node === 'object' && node !== null) {
			for (const [k, v] of Object.entries(node)) {
				if (k === 'x-expected') out.push({ at, message: v as Message });
				else walk(v, `${at}/${k}`);
			}
		}
	};
	const dir = path.join(ROOT, 'schemas');
	for (const file of readdirSync(dir)) {
		walk(JSON.parse(readFileSync(path.join(dir, file), 'utf8')), file);
	}
	return out;
}

describe('every message of the validator, in French and in English', () => {
	const samples = catalogueSamples();

	test('the catalogue is read whole: every entry has at least one rendering', () => {
		expect(new Set(samples.map((s) => s.key))).toEqual(new Set(Object.keys(MESSAGES)));
		expect(samples.length).toBeGreaterThan(100);
	});

	test.each(samples.map((s, i) => [`${s.key} #${i}`, s] as const))(
		'%s',
		(_name, { key, message }) => {
			expect(message.fr.trim(), 'French').not.toBe('');
			expect(message.en.trim(), 'English').not.toBe('');
			if (!SAME_IN_BOTH.has(key)) expect(message.en).not.toBe(message.fr);
			expect(frenchLeftovers(message.en), message.en).toEqual([]);
			expect(frenchTypographyFaults(message.fr), message.fr).toEqual([]);
		}
	);

	test.each(schemaExpectations().map((e) => [e.at, e.message] as const))(
		'schema expectation %s',
		(_at, message) => {
			expect(Object.keys(message).sort()).toEqual(['en', 'fr']);
			expect(message.en).not.toBe(message.fr);
			expect(frenchLeftovers(message.en), message.en).toEqual([]);
			expect(frenchTypographyFaults(message.fr), message.fr).toEqual([]);
		}
	);

	test('the checks themselves can fail: leftovers and faults are seen', () => {
		expect(frenchLeftovers('« q1 » : texte manquant')).toEqual([
			'« »',
			'space before « : ; ? ! »',
			'French word « manquant »'
		]);
		expect(frenchLeftovers('“q1”\u202f: missing')).toEqual([
			'no-break space',
			'space before « : ; ? ! »'
		]);
		expect(frenchTypographyFaults("“q1”: l'expression")).toEqual([
			'English quotes',
			'straight apostrophe',
			'no space before « : »'
		]);
		expect(frenchTypographyFaults('«q1» manquant ?')).toEqual([
			'no space after «',
			'no space before »'
		]);
		expect(frenchTypographyFaults('adresse « https://x » : { "fr": … } attendu')).toEqual([]);
	});
});

describe('a problem carries both languages', () => {
	const broken = validatePackage('x', {});
	const error = broken.ok ? undefined : broken.errors[0];

	test('`message` stays French, `messages` has French and English', () => {
		expect(error?.message).toBe('fichier manquant dans le paquet « x »');
		expect(error?.messages).toEqual({
			fr: 'fichier manquant dans le paquet « x »',
			en: 'file missing from package “x”'
		});
	});

	test('formatPackageError is French; formatPackageErrorIn picks the language', () => {
		expect(formatPackageError(error!)).toBe(
			'manifest.json : fichier manquant dans le paquet « x » [missing-file]'
		);
		expect(formatPackageErrorIn('en', error!)).toBe(
			'manifest.json: file missing from package “x” [missing-file]'
		);
	});
});

describe('the place of a problem, in both languages', () => {
	const survey = {
		pages: [
			{
				name: 'p1',
				title: { default: 'Pratiques', en: 'Practices' },
				elements: [
					{
						type: 'panel',
						name: 'bloc',
						elements: [
							{ type: 'radiogroup', name: 'q3', title: { default: 'Utilisez-vous des quiz ?' } }
						]
					}
				]
			}
		],
		triggers: [{ type: 'complete', expression: '{q3} = 1' }],
		calculatedValues: [{ expression: '1' }]
	};

	test('page, panel and question, the titles in the package’s language', () => {
		expect(placeOf(survey, '/pages/0/elements/0/elements/0/visibleIf')).toEqual({
			fr: 'Page « Pratiques » · panneau « bloc » · question « q3 » (« Utilisez-vous des quiz ? »)',
			en: 'Page “Pratiques” · panel “bloc” · question “q3” (“Utilisez-vous des quiz ?”)'
		});
		// A package whose first language is English: its titles are read in English.
		expect(placeOf(survey, '/pages/0/name', 'en')).toEqual({
			fr: 'Page « Practices »',
			en: 'Page “Practices”'
		});
	});

	test('triggers and unnamed calculated values by their rank', () => {
		expect(placeOf(survey, '/triggers/0/expression')?.en).toBe('Trigger no. 1');
		expect(placeOf(survey, '/calculatedValues/0/expression')).toEqual({
			fr: 'Valeur calculée n° 1',
			en: 'Calculated value no. 1'
		});
	});

	test('the place goes in front of the message in each language', () => {
		expect(placed(survey, '/pages/0/title', M.atLeastOnePage)).toEqual({
			fr: 'Page « Pratiques » : au moins une page est attendue',
			en: 'Page “Pratiques”: at least one page is expected'
		});
	});
});

describe('the language of questionnaires:check', () => {
	const none = {};
	test('French by default, English on request', () => {
		expect(cliLocale(['pkg'], none)).toEqual({ locale: 'fr', rest: ['pkg'] });
		expect(cliLocale(['--lang', 'en', 'pkg'], none)).toEqual({ locale: 'en', rest: ['pkg'] });
		expect(cliLocale(['pkg', '--lang=EN-gb'], none)).toEqual({ locale: 'en', rest: ['pkg'] });
	});

	test('an English system locale is honoured; --lang wins over it', () => {
		expect(cliLocale([], { LANG: 'en_US.UTF-8' })).toEqual({ locale: 'en', rest: [] });
		expect(cliLocale([], { LANG: 'C.UTF-8' })).toEqual({ locale: 'fr', rest: [] });
		expect(cliLocale([], { LANG: 'fr_FR.UTF-8', LC_ALL: 'en_GB.UTF-8' })).toMatchObject({
			locale: 'en'
		});
		expect(cliLocale([], { LANG: 'en_US.UTF-8', LC_MESSAGES: 'fr_FR.UTF-8' })).toMatchObject({
			locale: 'fr'
		});
		expect(cliLocale(['--lang', 'fr'], { LANG: 'en_US.UTF-8' })).toMatchObject({ locale: 'fr' });
	});

	test('another language is refused, in both languages', () => {
		expect(cliLocale(['--lang', 'de'], none)).toEqual({
			error: {
				fr: 'langue « de » inconnue pour --lang : fr (par défaut) ou en',
				en: 'unknown language “de” for --lang: fr (the default) or en'
			}
		});
	});
});
