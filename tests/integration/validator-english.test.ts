import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import {
	formatLocatedErrorIn,
	loadPackage,
	type LocatedPackageError
} from '$lib/server/questionnaires/load';
import { listCases, materialiseCase, type PackageCase } from '../helpers/package-cases';
import { ROOT } from '../helpers/paths';
import { frenchLeftovers, frenchTypographyFaults } from '../helpers/typography';

/** The problems of a package made from exemple-mini with these patches. */
async function problems(name: string, patch: PackageCase['patch']) {
	const dir = await materialiseCase({
		name,
		expected: { code: '', file: '', pointer: '' },
		patch
	});
	const loaded = await loadPackage(dir);
	return [...(loaded.ok ? [] : loaded.errors), ...loaded.warnings];
}

/** The English line of the problem with this code and pointer. */
function english(found: LocatedPackageError[], code: string, pointer: string): string {
	const problem = found.find((p) => p.code === code && p.pointer === pointer);
	expect(
		problem,
		`${code} at ${pointer} among ${found.map((p) => p.code).join(', ')}`
	).toBeDefined();
	return formatLocatedErrorIn('en', problem!);
}

/** A message with the package's own words (quoted names, titles, values) left out. */
const templateOnly = (text: string) =>
	text.replace(/“[^”]*”/g, '“…”').replace(/« [^»]* »/g, '« … »');

describe('the validator explains in English: a real broken package', () => {
	// exemple-mini's first page is « Outils », its first question « classe_virtuelle ».
	const firstQuestion =
		"survey.json#/pages/0/elements/0/isRequried: Page “Outils” · question “classe_virtuelle” (“J'anime des classes virtuelles.”)";

	test('a misspelt property: its place, the pointer of the property, what was meant', async () => {
		const found = await problems('en-misspelt', [
			{ file: 'survey.json', op: 'add', path: '/pages/0/elements/0/isRequried', value: true }
		]);
		const line = english(found, 'surveyjs-error', '/pages/0/elements/0/isRequried');
		expect(line).toContain(firstQuestion);
		expect(line).toContain(
			': property “isRequried” unknown to SurveyJS for a “radiogroup” element: did you mean “isRequired”? [surveyjs-error]'
		);
	});

	test('an unknown function: the question, its page, the expression', async () => {
		const found = await problems('en-function', [
			{
				file: 'survey.json',
				op: 'replace',
				path: '/pages/1/elements/1/visibleIf',
				value: "siSinon({classe_virtuelle} = 'souvent', true, false)"
			}
		]);
		const line = english(found, 'unknown-function', '/pages/1/elements/1/visibleIf');
		expect(line).toContain(
			'survey.json#/pages/1/elements/1/visibleIf: Page “Accompagnement” · question “remarque” (“Une remarque ?”): ' +
				"“visibleIf”: the function “siSinon()” of the expression “siSinon({classe_virtuelle} = 'souvent', true, false)” does not exist in SurveyJS [unknown-function]"
		);
	});

	test('a duplicate choice value: the question, its page, the choice’s pointer', async () => {
		const found = await problems('en-duplicate', [
			{
				file: 'survey.json',
				op: 'add',
				path: '/pages/0/elements/0/choices/-',
				value: { value: 'parfois', text: { default: 'Encore parfois' } }
			}
		]);
		const line = english(found, 'duplicate-value', '/pages/0/elements/0/choices/4');
		expect(line).toContain(
			"survey.json#/pages/0/elements/0/choices/4: Page “Outils” · question “classe_virtuelle” (“J'anime des classes virtuelles.”): " +
				'the value “parfois” twice in its choices: each value must be unique (1 and "1" are the same value) [duplicate-value]'
		);
	});

	test('an expression that does not parse: where it stops', async () => {
		const found = await problems('en-syntax', [
			{
				file: 'survey.json',
				op: 'replace',
				path: '/pages/1/elements/1/visibleIf',
				value: "{classe_virtuelle} = = 'souvent'"
			}
		]);
		const line = english(found, 'invalid-expression', '/pages/1/elements/1/visibleIf');
		expect(line).toContain(
			'survey.json#/pages/1/elements/1/visibleIf: Page “Accompagnement” · question “remarque” (“Une remarque ?”): ' +
				"“visibleIf”: the expression “{classe_virtuelle} = = 'souvent'” cannot be read at character 22 " +
				"(“e_virtuelle} = ▸= 'souvent'”): unexpected “=” [invalid-expression]"
		);
	});
});

describe('every problem of every invalid-package fixture (every code) in both languages', async () => {
	const cases = await listCases();
	test.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
		const dir = await materialiseCase(c);
		const loaded = await loadPackage(dir);
		const found = [...(loaded.ok ? [] : loaded.errors), ...loaded.warnings];
		expect(found.length).toBeGreaterThan(0);
		for (const p of found) {
			expect(p.message).toBe(p.messages.fr);
			expect(p.messages.en).not.toBe(p.messages.fr);
			expect(frenchLeftovers(templateOnly(p.messages.en)), p.messages.en).toEqual([]);
			expect(frenchTypographyFaults(templateOnly(p.messages.fr)), p.messages.fr).toEqual([]);
			if (p.pointer) expect(formatLocatedErrorIn('en', p)).toContain(`#${p.pointer}: `);
		}
	});
});

describe('npm run questionnaires:check --lang en', () => {
	const run = promisify(execFile);
	const check = async (args: string[], env: Record<string, string>) => {
		try {
			await run(
				path.join(ROOT, 'node_modules', '.bin', 'tsx'),
				['scripts/questionnaires-check.ts', ...args],
				{
					cwd: ROOT,
					env: { ...process.env, LC_ALL: '', LC_MESSAGES: '', ...env }
				}
			);
			return { code: 0, stderr: '' };
		} catch (e) {
			const { code, stderr } = e as { code: number; stderr: string };
			return { code, stderr };
		}
	};

	test('says a broken package’s problems in English, in French by default', async () => {
		const dir = await materialiseCase({
			name: 'en-cli',
			expected: { code: '', file: '', pointer: '' },
			patch: [
				{ file: 'survey.json', op: 'add', path: '/pages/0/elements/0/isRequried', value: true }
			]
		});
		const en = await check(['--lang', 'en', dir], { LANG: 'C.UTF-8' });
		expect(en.code).toBe(1);
		expect(en.stderr).toContain('1 problem(s) in the questionnaires:');
		expect(en.stderr).toContain('did you mean “isRequired”? [surveyjs-error]');
		const fr = await check([dir], { LANG: 'C.UTF-8' });
		expect(fr.stderr).toContain('1 problème(s) dans les questionnaires :');
		expect(fr.stderr).toContain('vouliez-vous dire « isRequired » ? [surveyjs-error]');
	}, 60_000);
});
