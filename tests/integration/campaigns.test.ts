import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { openStore, STORE_FILE } from '$lib/server/storage/store';
import * as campaigns from '$lib/server/storage/campaigns';
import * as participations from '$lib/server/storage/participations';
import { isTokenShaped } from '$lib/server/storage/tokens';

const newDir = () => mkdtemp(path.join(tmpdir(), 'reperes-campaigns-'));
const base = {
	name: 'Formateurs 2027',
	diagnosticIds: ['exemple-mini'],
	k: 5,
	groupField: { label: 'Site', options: ['Lyon', 'Nantes'] },
	identifierLabel: null,
	opensOn: '2026-11-01',
	closesOn: '2026-12-31'
};

describe('campaigns repository', () => {
	test('a campaign is found by its code and by its management link, never by a stored token', async () => {
		const store = await openStore(await newDir());
		campaigns.useStore(store);
		participations.useStore(store);
		const { campaign, managementToken } = await campaigns.create(base);
		expect(isTokenShaped(managementToken)).toBe(true);
		expect((await campaigns.findByCode(campaign.code))?.id).toBe(campaign.id);
		expect((await campaigns.findByManagementToken(managementToken))?.id).toBe(campaign.id);
		expect(await campaigns.findByManagementToken('AAAAAAAAAAAAAAAAAAAAAA')).toBeUndefined();
		expect(JSON.stringify(store.db.data)).not.toContain(managementToken);
	});

	test('opening and closing days are inclusive', async () => {
		campaigns.useStore(await openStore(await newDir()));
		const { campaign } = await campaigns.create(base);
		expect(campaigns.isOpen(campaign, '2026-10-31')).toBe(false);
		expect(campaigns.isOpen(campaign, '2026-11-01')).toBe(true);
		expect(campaigns.isOpen(campaign, '2026-12-31')).toBe(true);
		expect(campaigns.isOpen(campaign, '2027-01-01')).toBe(false);
	});

	test('sharing is explicit, dated by day only, and can be withdrawn', async () => {
		const store = await openStore(await newDir());
		campaigns.useStore(store);
		participations.useStore(store);
		const { campaign } = await campaigns.create(base);
		const { participation } = await participations.create({
			questionnaireId: 'exemple-mini',
			questionnaireVersion: '1.0.0',
			pageName: 'outils',
			campaign: { id: campaign.id, group: 'Lyon', identifier: null, shared: false, sharedOn: null }
		});
		expect(await participations.listByCampaign(campaign.id)).toHaveLength(1);
		await participations.setShared(participation, true);
		expect(participation.campaign).toMatchObject({
			shared: true,
			sharedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/)
		});
		await participations.setShared(participation, false);
		expect(participation.campaign).toMatchObject({ shared: false, sharedOn: null });
	});

	test('a data file written before campaigns existed still opens', async () => {
		const dir = await newDir();
		await writeFile(
			path.join(dir, STORE_FILE),
			JSON.stringify({ schemaVersion: 1, participations: [] })
		);
		const store = await openStore(dir);
		expect(store.db.data.campaigns).toEqual([]);
	});
});
