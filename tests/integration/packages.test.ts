import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import {
	loadPackage,
	loadQuestionnaires,
	formatLocatedError
} from '$lib/server/questionnaires/load';
import { BUNDLED, TEST_QUESTIONNAIRES } from '../helpers/paths';
import { listCases, materialiseCase } from '../helpers/package-cases';

const bundled = readdirSync(BUNDLED, { withFileTypes: true })
	.filter((e) => e.isDirectory())
	.map((e) => e.name);

describe('bundled questionnaire packages', () => {
	test('there are the two bundled diagnostics', () => {
		expect(bundled).toEqual(expect.arrayContaining(['e-formateur', 'maturite-of']));
	});

	test.each(bundled)('%s is valid', async (id) => {
		const loaded = await loadPackage(path.join(BUNDLED, id));
		expect(loaded.ok ? [] : loaded.errors.map(formatLocatedError)).toEqual([]);
	});

	test.each(bundled)('%s draws no warning', async (id) => {
		const loaded = await loadPackage(path.join(BUNDLED, id));
		expect(loaded.warnings.map(formatLocatedError)).toEqual([]);
	});
});

describe.each(bundled)('catalogue of %s', async (id) => {
	const loaded = await loadPackage(path.join(BUNDLED, id));
	if (!loaded.ok) throw new Error(loaded.errors.map(formatLocatedError).join('\n'));
	const { framework, catalogue, levels } = loaded.questionnaire.pkg;
	const top = levels.levels.at(-1)!.id;

	test.each(framework.areas.map((a) => [a.id, a] as const))(
		'area %s has at least 3 resources, recommended at more than one level',
		(_id, area) => {
			const ids = new Set(area.competences.map((c) => c.id));
			const rules = catalogue.rules.filter((r) => r.competences.some((c) => ids.has(c)));
			expect(new Set(rules.flatMap((r) => r.resources)).size).toBeGreaterThanOrEqual(3);
			expect(new Set(rules.flatMap((r) => r.levels)).size).toBeGreaterThan(1);
		}
	);

	/** A text of our own with both languages written out (not a name left in one language). */
	const bilingual = (text: unknown) =>
		typeof text === 'object' &&
		text !== null &&
		typeof (text as { fr?: unknown }).fr === 'string' &&
		typeof (text as { en?: unknown }).en === 'string' &&
		(text as { fr: string }).fr.trim() !== '' &&
		(text as { en: string }).en.trim() !== '';

	test('every catalogue text but the published title has French and English (ADR 0029)', () => {
		const missing = catalogue.resources.flatMap((r) =>
			(['provider', 'description', 'durationText'] as const)
				.filter((key) => (key === 'durationText' ? r[key] !== undefined : true))
				.filter((key) => !bilingual(r[key]))
				.map((key) => `${r.id}.${key}`)
		);
		expect(missing).toEqual([]);
	});

	test('every source line of the intro (publisher, licence, use) has French and English', () => {
		const { manifest } = loaded.questionnaire.pkg;
		const missing = manifest.sources.flatMap((s, i) =>
			(['publisher', 'licence', 'use'] as const)
				.filter((key) => !bilingual(s[key]))
				.map((key) => `sources/${i}.${key}`)
		);
		expect(missing).toEqual([]);
	});

	test('the French texts are French: no English note left in them', () => {
		// The notes of the first catalogue, as they read before (« article on », « reprint »…).
		const english =
			/\b(on the|with|since|article on|reprint|page of|project page|certification body|incubated|European Commission|regulatory text|design report|reuse authorised)\b/;
		const french = [
			...catalogue.resources.flatMap((r) => [
				typeof r.provider === 'string' ? r.provider : (r.provider.fr ?? ''),
				r.description.fr ?? ''
			]),
			...loaded.questionnaire.pkg.manifest.sources.flatMap((s) =>
				[s.publisher, s.licence].map((t) => (typeof t === 'string' ? t : (t.fr ?? '')))
			)
		];
		expect(french.filter((t) => english.test(t))).toEqual([]);
	});

	test('every competence below the top level gets a recommendation', () => {
		for (const area of framework.areas) {
			for (const competence of area.competences) {
				for (const level of levels.levels.filter((l) => l.id !== top)) {
					const fires = catalogue.rules.some(
						(r) => r.competences.includes(competence.id) && r.levels.includes(level.id)
					);
					expect(fires, `${competence.id} at ${level.id}`).toBe(true);
				}
			}
		}
	});
});

describe('QUESTIONNAIRES_DIR', () => {
	test('an extra folder adds its packages after the bundled ones', async () => {
		const result = await loadQuestionnaires([BUNDLED, TEST_QUESTIONNAIRES]);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.questionnaires.map((q) => q.pkg.manifest.id)).toEqual([
			...bundled.sort(),
			'exemple-mini',
			'exemple-orga',
			'logique-vivante',
			'sample-english',
			'sample-german'
		]);
	});

	test('two packages with the same id are refused', async () => {
		const result = await loadQuestionnaires([TEST_QUESTIONNAIRES, TEST_QUESTIONNAIRES]);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors.map((e) => e.code)).toEqual(Array(5).fill('id-mismatch'));
	});
});

describe('invalid packages are rejected with the file and the JSON path', async () => {
	const cases = await listCases();
	test.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
		const dir = await materialiseCase(c);
		const loaded = await loadPackage(dir);
		// A warning leaves the package loading; an error stops it.
		expect(loaded.ok).toBe(c.warning === true);
		const problems = loaded.ok ? loaded.warnings : loaded.errors;
		if (c.warning) expect(loaded.ok ? [] : loaded.errors.map(formatLocatedError)).toEqual([]);
		const { message: texts = [], ...where } = c.expected;
		expect(problems).toContainEqual(expect.objectContaining(where));
		const error = problems.find(
			(e) => e.code === where.code && e.pointer === where.pointer && e.file === where.file
		)!;
		const message = formatLocatedError(error);
		expect(message).toContain(c.expected.file);
		if (c.expected.pointer) expect(message).toContain(`#${c.expected.pointer}`);
		for (const text of texts) expect(message).toContain(text);
	});

	test('every rejection the format documents has a fixture', () => {
		const codes = new Set(cases.map((c) => c.expected.code));
		for (const code of [
			'invalid-json',
			'missing-file',
			'unsupported-type',
			'surveyjs-error',
			'duplicate-name',
			'duplicate-value',
			'unknown-question',
			'missing-competence',
			'competence-without-question',
			'choice-without-points',
			'unknown-competence',
			'unknown-level',
			'unknown-resource',
			'unknown-scale',
			'thresholds-not-increasing',
			'missing-french',
			'missing-text',
			'language-mismatch',
			'resource-not-https',
			'duplicate-id',
			'id-mismatch',
			'invalid-expression',
			'unknown-function',
			'unknown-variable',
			'invalid-image',
			'missing-alt-text',
			'ignored-property',
			'personal-data',
			'missing-translation',
			'undeclared-language'
		]) {
			expect(codes, code).toContain(code);
		}
	});
});
