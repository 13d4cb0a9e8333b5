/**
 * Counts (issue [6] point 17): every count shown comes from `packageCounts`, and the README's
 * table of bundled diagnostics says the same (so it cannot drift from the packages).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { packageCounts } from '$lib/diagnostic/counts';
import { scoreAnswers } from '$lib/scoring/score';
import { loadById } from '../helpers/packages';
import { ROOT } from '../helpers/paths';

describe('package counts', () => {
	test('questions asked, scored questions, scored items (a matrix row counts one), units, pages', async () => {
		const { pkg, model } = await loadById('exemple-mini');
		// Four questions and a matrix of two scored rows on page 1–2, and an unscored comment.
		expect(packageCounts(pkg, model)).toEqual({
			pages: 2,
			questions: 6,
			scoredQuestions: 5,
			scoredItems: 6,
			areas: 2,
			competences: 3
		});
		expect(packageCounts(pkg)).toEqual(packageCounts(pkg, model));
	});

	test.each(['e-formateur', 'maturite-of', 'exemple-mini'])(
		'%s: results count scored items, as packageCounts does',
		async (id) => {
			const { pkg, model } = await loadById(id);
			expect(scoreAnswers(model, {}).overall.items).toBe(packageCounts(pkg, model).scoredItems);
		}
	);
});

describe("the README's table of bundled diagnostics", () => {
	const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
	const table = readme.slice(readme.indexOf('Bundled diagnostics:'));
	const lines = table
		.split('\n')
		.slice(2)
		.filter((l, i, all) => all.slice(0, i + 1).every((x) => x.startsWith('|')));
	const cells = (line: string) =>
		line
			.split('|')
			.slice(1, -1)
			.map((c) => c.trim());
	const [header, , ...rows] = lines.map(cells);

	test('has a row per bundled diagnostic', () => {
		expect(rows.map((r) => r[0])).toEqual([
			'Compétences e-formateur',
			'Maturité numérique de l’organisme de formation'
		]);
	});

	test.each(['e-formateur', 'maturite-of'])('%s: the row gives the derived counts', async (id) => {
		const { pkg, model } = await loadById(id);
		const row = rows.find((r) => r[0] === pkg.manifest.title.fr)!;
		const column = (name: string) => row[header!.indexOf(name)];
		const counts = packageCounts(pkg, model);
		expect({
			questions: column('questions'),
			scoredQuestions: column('scored questions'),
			scoredItems: column('scored items'),
			competences: column('competences'),
			time: column('time')
		}).toEqual({
			questions: String(counts.questions),
			scoredQuestions: String(counts.scoredQuestions),
			scoredItems: String(counts.scoredItems),
			competences: String(counts.competences),
			time: `≈ ${pkg.manifest.durationMinutes} min`
		});
	});
});
