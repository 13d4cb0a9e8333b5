import { describe, expect, test } from 'vitest';
import * as campaigns from '$lib/server/storage/campaigns';

const base = {
	name: 'Formateurs 2027',
	diagnosticIds: ['exemple-mini'],
	k: 5,
	groupField: { label: 'Site', options: ['Lyon', 'Nantes'] },
	identifierLabel: null,
	opensOn: '2026-11-01',
	closesOn: '2026-12-31'
};

describe('campaign dates', () => {
	test('opening and closing days are inclusive', async () => {
		const campaign = { ...base, id: 'c', code: 'ABCDEFGH', managementHash: 'h', createdAt: '' };
		expect(campaigns.isOpen(campaign, '2026-10-31')).toBe(false);
		expect(campaigns.isOpen(campaign, '2026-11-01')).toBe(true);
		expect(campaigns.isOpen(campaign, '2026-12-31')).toBe(true);
		expect(campaigns.isOpen(campaign, '2027-01-01')).toBe(false);
	});
});
