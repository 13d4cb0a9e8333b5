import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { openStore, STORE_FILE } from '$lib/server/storage/store';
import * as participations from '$lib/server/storage/participations';
import { isTokenShaped } from '$lib/server/storage/tokens';

const newDir = () => mkdtemp(path.join(tmpdir(), 'reperes-store-'));

describe('embedded store', () => {
	test('a missing file is created empty', async () => {
		const dir = await newDir();
		await openStore(dir);
		expect(JSON.parse(await readFile(path.join(dir, STORE_FILE), 'utf8'))).toEqual({
			schemaVersion: 1,
			participations: [],
			campaigns: []
		});
	});

	test('a participation is found by its token, never stored in clear, and survives a restart', async () => {
		const dir = await newDir();
		participations.useStore(await openStore(dir));
		const { participation, token } = await participations.create({
			questionnaireId: 'exemple-mini',
			questionnaireVersion: '1.0.0',
			pageName: 'outils'
		});
		expect(isTokenShaped(token)).toBe(true);
		await participations.saveProgress(
			participation,
			{ classe_virtuelle: 'souvent' },
			'accompagnement'
		);

		const text = await readFile(path.join(dir, STORE_FILE), 'utf8');
		expect(text).not.toContain(token);

		participations.useStore(await openStore(dir));
		const again = await participations.findByToken(token);
		expect(again).toMatchObject({
			id: participation.id,
			pageName: 'accompagnement',
			answers: { classe_virtuelle: 'souvent' },
			status: 'in_progress'
		});
		expect(await participations.findByToken('AAAAAAAAAAAAAAAAAAAAAA')).toBeUndefined();
	});

	test('two tokens never collide', async () => {
		participations.useStore(await openStore(await newDir()));
		const tokens = new Set<string>();
		for (let i = 0; i < 50; i++) {
			tokens.add(
				(
					await participations.create({
						questionnaireId: 'x',
						questionnaireVersion: '1',
						pageName: 'p'
					})
				).token
			);
		}
		expect(tokens.size).toBe(50);
	});
});
