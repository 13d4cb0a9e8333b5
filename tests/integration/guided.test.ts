import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { openStore, STORE_FILE, StoreError } from '$lib/server/storage/store';
import * as guided from '$lib/server/storage/guided';
import * as participations from '$lib/server/storage/participations';

const newDir = () => mkdtemp(path.join(tmpdir(), 'reperes-guided-'));

describe('guided sessions repository', () => {
	test('a session is found only within its campaign, and its plan survives a restart', async () => {
		const dir = await newDir();
		const store = await openStore(dir);
		guided.useStore(store);
		participations.useStore(store);
		const { participation } = await participations.create({
			questionnaireId: 'exemple-mini',
			questionnaireVersion: '1.0.0',
			pageName: 'outils',
			campaign: null
		});
		const session = await guided.create({
			campaignId: 'campagne-1',
			participationId: participation.id,
			client: 'Organisme A'
		});
		expect((await guided.findInCampaign('campagne-1', session.id))?.client).toBe('Organisme A');
		expect(await guided.findInCampaign('campagne-2', session.id)).toBeUndefined();
		expect(await guided.listByCampaign('campagne-2')).toEqual([]);
		// The answers never join the campaign's participations.
		expect(await participations.listByCampaign('campagne-1')).toEqual([]);

		await guided.saveAssessment(session, { A: 'Note' }, { A: 'confirme' });
		const action = await guided.addAction(session, {
			title: 'Former',
			target: 'A',
			owner: '',
			dueOn: null,
			status: 'todo',
			resourceIds: []
		});
		const second = await guided.addAction(session, { ...action, title: 'Suivre' });
		expect(await guided.setActionStatus(session, action.id, 'done')).toBe(true);
		expect(await guided.setActionStatus(session, 'inconnue', 'done')).toBe(false);
		expect(await guided.removeAction(session, second.id)).toBe(true);
		expect(await guided.removeAction(session, second.id)).toBe(false);

		guided.useStore(await openStore(dir));
		expect(await guided.findInCampaign('campagne-1', session.id)).toMatchObject({
			notes: { A: 'Note' },
			ratings: { A: 'confirme' },
			actions: [{ id: action.id, title: 'Former', status: 'done' }]
		});
	});

	test('older files without sessions read as empty; a malformed session stops the start', async () => {
		const dir = await newDir();
		await writeFile(
			path.join(dir, STORE_FILE),
			JSON.stringify({ schemaVersion: 1, participations: [], campaigns: [] })
		);
		guided.useStore(await openStore(dir));
		expect(await guided.listByCampaign('x')).toEqual([]);

		const bad = await newDir();
		const text = JSON.stringify({
			schemaVersion: 1,
			participations: [],
			campaigns: [],
			guidedSessions: [{ id: 's' }]
		});
		await writeFile(path.join(bad, STORE_FILE), text);
		await expect(openStore(bad)).rejects.toThrow(StoreError);
		expect(await readFile(path.join(bad, STORE_FILE), 'utf8')).toBe(text);
	});
});
