import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { SCHEMAS, schemaErrors, type SchemaFile } from '$lib/diagnostic/package-schemas';
import { BUNDLED, ROOT, TEST_QUESTIONNAIRES } from '../helpers/paths';

const packages = [BUNDLED, TEST_QUESTIONNAIRES].flatMap((root) =>
	readdirSync(root, { withFileTypes: true })
		.filter((e) => e.isDirectory())
		.map((e) => path.join(root, e.name))
);
const files = packages.flatMap((dir) =>
	(Object.keys(SCHEMAS) as SchemaFile[])
		.filter((file) => existsSync(path.join(dir, file)))
		.map((file) => [path.relative(ROOT, path.join(dir, file)), dir, file] as const)
);

describe('every bundled and fixture package file against its JSON Schema', () => {
	test('there are files of every kind', () => {
		expect(new Set(files.map(([, , file]) => file))).toEqual(new Set(Object.keys(SCHEMAS)));
	});

	test.each(files)('%s', (_name, dir, file) => {
		const text = readFileSync(path.join(dir, file), 'utf8');
		const json = JSON.parse(text) as { $schema?: string };
		expect(schemaErrors(file, json)).toEqual([]);
		// Editors find the schema through `$schema`, relative to the file.
		expect(json.$schema).toBeDefined();
		expect(path.resolve(dir, json.$schema!)).toBe(
			path.join(ROOT, 'schemas', file.replace(/\.json$/, '.schema.json'))
		);
	});
});

/** A valid levels.json, changed by `change`. */
const levels = (change: (l: Record<string, unknown>) => void = () => {}) => {
	const value = JSON.parse(
		readFileSync(path.join(TEST_QUESTIONNAIRES, 'exemple-mini', 'levels.json'), 'utf8')
	) as Record<string, unknown>;
	change(value);
	return value;
};
const level = (l: Record<string, unknown>, i: number) =>
	(l.levels as Record<string, unknown>[])[i]!;
const lines = (file: SchemaFile, value: unknown) =>
	schemaErrors(file, value).map((e) => `${e.code} ${e.pointer} ${e.message}`);

describe('the schemas’ complaints, in French and located', () => {
	test('a missing property', () => {
		expect(
			lines(
				'levels.json',
				levels((l) => delete l.note)
			)
		).toEqual([
			'invalid-shape /note « note » manquant (texte traduit { "fr": …, "en": … } attendu)'
		]);
	});

	test('an unknown property, with the one it probably meant', () => {
		expect(
			lines(
				'levels.json',
				levels((l) => {
					l.minCoverag = l.minCoverage;
					delete l.minCoverage;
				})
			)
		).toEqual([
			'invalid-shape /minCoverage « minCoverage » manquant',
			'invalid-shape /minCoverag propriété « minCoverag » inconnue ici : vouliez-vous dire « minCoverage » ?'
		]);
	});

	test('a wrong type, a bound, too few items', () => {
		expect(
			lines(
				'levels.json',
				levels((l) => (level(l, 1).min = '50'))
			)
		).toEqual(['invalid-shape /levels/1/min « min » : nombre attendu']);
		expect(
			lines(
				'levels.json',
				levels((l) => (l.minCoverage = 1.5))
			)
		).toEqual(['invalid-shape /minCoverage « minCoverage » : 1.5 : nombre ≤ 1 attendu']);
		expect(
			lines(
				'levels.json',
				levels((l) => (l.levels = [level(l, 0)]))
			)
		).toEqual(['invalid-shape /levels « levels » : au moins 2 élément(s) attendu(s)']);
	});

	test('a text of ours empty, blank in French, or not translated', () => {
		// Which language is required depends on the manifest's languages: the validator says so
		// (validate-package.ts); an English-only package's texts have no French (ADR 0035).
		expect(
			lines(
				'levels.json',
				levels((l) => (level(l, 0).name = { en: 'Beginner' }))
			)
		).toEqual([]);
		expect(
			lines(
				'levels.json',
				levels((l) => (level(l, 0).name = {} as never))
			)
		).toEqual([
			'invalid-shape /levels/0/name « name » : texte vide : { "fr": … } ou { "en": … } attendu'
		]);
		expect(
			lines(
				'levels.json',
				levels((l) => (level(l, 0).name = { fr: ' ' }))
			)
		).toEqual(['missing-french /levels/0/name « name » : texte français manquant']);
		expect(
			lines(
				'levels.json',
				levels((l) => (level(l, 0).name = 'Débutant'))
			)
		).toEqual([
			'invalid-shape /levels/0/name « name » : texte traduit { "fr": …, "en": … } attendu'
		]);
	});

	test('an id that is not one, a value outside a list', () => {
		expect(
			lines(
				'levels.json',
				levels((l) => (level(l, 0).id = 'dé butant'))
			)
		).toEqual([
			'invalid-shape /levels/0/id « id » : « dé butant » : identifiant fait de lettres, chiffres, « . », « - » ou « _ » attendu'
		]);
		const manifest = JSON.parse(
			readFileSync(path.join(TEST_QUESTIONNAIRES, 'exemple-mini', 'manifest.json'), 'utf8')
		) as Record<string, unknown>;
		manifest.subject = 'personne';
		expect(lines('manifest.json', manifest)).toEqual([
			'invalid-shape /subject « subject » : valeur « personne » inconnue (valeurs possibles : individual, organisation)'
		]);
	});
});
