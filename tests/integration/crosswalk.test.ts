/**
 * crosswalk.json: an organisation package's correspondences with its trainers' diagnostic are
 * checked at load, against the package itself and against the counterpart loaded beside it.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { formatLocatedError, loadQuestionnaires } from '$lib/server/questionnaires/load';
import { BUNDLED, TEST_QUESTIONNAIRES } from '../helpers/paths';

const roots: string[] = [];
afterEach(async () => {
	await Promise.all(roots.splice(0).map((r) => rm(r, { recursive: true, force: true })));
});

/** exemple-mini and exemple-orga in a fresh folder, the crosswalk changed by `edit`. */
async function withCrosswalk(edit: (crosswalk: Record<string, unknown>) => void) {
	const root = await mkdtemp(path.join(tmpdir(), 'reperes-crosswalk-'));
	roots.push(root);
	for (const id of ['exemple-mini', 'exemple-orga']) {
		await cp(path.join(TEST_QUESTIONNAIRES, id), path.join(root, id), { recursive: true });
	}
	const file = path.join(root, 'exemple-orga', 'crosswalk.json');
	const crosswalk = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
	edit(crosswalk);
	await writeFile(file, JSON.stringify(crosswalk));
	return loadQuestionnaires([root]);
}

describe('crosswalk.json', () => {
	test('the bundled and test packages load with their crosswalks', async () => {
		const loaded = await loadQuestionnaires([BUNDLED, TEST_QUESTIONNAIRES]);
		expect(loaded.ok).toBe(true);
		if (!loaded.ok) return;
		const maturity = loaded.questionnaires.find((q) => q.pkg.manifest.id === 'maturite-of')!;
		expect(maturity.pkg.crosswalk?.counterpart).toBe('e-formateur');
		// Distance tutoring is read against the trainers' tutoring and distance competences.
		expect(maturity.pkg.crosswalk?.links).toContainEqual(
			expect.objectContaining({ organisation: 'accompagnement', trainers: ['3.2', '3.5'] })
		);
	});

	const cases: [string, (c: Record<string, unknown>) => void, object][] = [
		[
			'unknown organisation unit',
			(c) => ((c.links as { organisation: string }[])[0]!.organisation = 'Z9'),
			{ code: 'unknown-competence', pointer: '/links/0/organisation' }
		],
		[
			'unknown counterpart',
			(c) => (c.counterpart = 'absent'),
			{ code: 'unknown-questionnaire', pointer: '/counterpart' }
		],
		[
			'unknown trainer unit',
			(c) => ((c.links as { trainers: string[] }[])[1]!.trainers = ['A.9']),
			{ code: 'unknown-competence', pointer: '/links/1/trainers/0' }
		],
		[
			'unknown trainer level',
			(c) => (c.trainersReady = 'B1'),
			{ code: 'unknown-level', pointer: '/trainersReady' }
		],
		[
			'unknown organisation level',
			(c) => (c.organisationMature = 'expert'),
			{ code: 'unknown-level', pointer: '/organisationMature' }
		],
		[
			'majority out of range',
			(c) => (c.majority = 1.5),
			{ code: 'invalid-shape', pointer: '/majority' }
		],
		['no links', (c) => (c.links = []), { code: 'invalid-shape', pointer: '/links' }],
		[
			'rationale without French',
			(c) => ((c.links as { rationale: object }[])[0]!.rationale = { en: 'x' }),
			{ code: 'missing-french', pointer: '/links/0/rationale' }
		]
	];
	test.each(cases)(
		'%s is refused, naming the file and the place',
		async (_name, edit, expected) => {
			const loaded = await withCrosswalk(edit);
			expect(loaded.ok).toBe(false);
			if (loaded.ok) return;
			expect(loaded.errors).toContainEqual(
				expect.objectContaining({ file: 'crosswalk.json', ...expected })
			);
			const error = loaded.errors.find((e) => e.file === 'crosswalk.json')!;
			expect(formatLocatedError(error)).toMatch(/exemple-orga[/\\]crosswalk\.json#\//);
		}
	);
});
