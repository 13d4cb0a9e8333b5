/**
 * Campaigns: an organiser's group diagnostic, reached by participants through a short code and
 * managed through a private management link (only its hash is stored).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { codeFromBytes } from '../../campaigns/code';
import type { Store } from './store';
import { hashToken, newToken } from './tokens';

export interface Campaign {
	id: string;
	name: string;
	diagnosticIds: string[];
	/** Participant code, in canonical form (it grants joining and nothing else). */
	code: string;
	managementHash: string;
	/** Smallest group any aggregate is shown for. */
	k: number;
	/** Optional choice field offered to participants (site, group, role…). */
	groupField: { label: string; options: string[] } | null;
	/** Optional free identifier label (e.g. « Matricule »). */
	identifierLabel: string | null;
	/** Target profile per diagnostic id: required level per area (absent in older files). */
	targets?: Record<string, Record<string, string>>;
	/** Opening and closing days (YYYY-MM-DD), inclusive. */
	opensOn: string | null;
	closesOn: string | null;
	createdAt: string;
}

export type NewCampaign = Omit<Campaign, 'id' | 'code' | 'managementHash' | 'createdAt'>;

let store: Store | undefined;

/** Attaches the repository to an opened store; called once at start. */
export function useStore(s: Store): void {
	store = s;
}

function db() {
	if (!store) throw new Error('store not opened: the init hook has not run');
	return store.db;
}

/** A participant code no campaign uses yet. */
function freshCode(): string {
	for (;;) {
		const code = codeFromBytes(randomBytes(32));
		if (code && !findByCode(code)) return code;
	}
}

/** Creates a campaign; returns it with the token of its management link (never stored). */
export async function create(
	input: NewCampaign
): Promise<{ campaign: Campaign; managementToken: string }> {
	const { token, hash } = newToken();
	const campaign: Campaign = {
		id: randomUUID(),
		...input,
		code: freshCode(),
		managementHash: hash,
		createdAt: new Date().toISOString()
	};
	db().data.campaigns.push(campaign);
	await db().write();
	return { campaign, managementToken: token };
}

/** The campaign of a participant code (canonical form), if any. */
export function findByCode(code: string): Campaign | undefined {
	return db().data.campaigns.find((c) => c.code === code);
}

/** The campaign of a management link, if any. */
export function findByManagementToken(token: string): Campaign | undefined {
	const hash = hashToken(token);
	return db().data.campaigns.find((c) => c.managementHash === hash);
}

/** A campaign by id. */
export function findById(id: string): Campaign | undefined {
	return db().data.campaigns.find((c) => c.id === id);
}

/** Whether a campaign accepts participants on a given day (YYYY-MM-DD). */
export function isOpen(campaign: Campaign, today: string): boolean {
	return (
		(!campaign.opensOn || campaign.opensOn <= today) &&
		(!campaign.closesOn || today <= campaign.closesOn)
	);
}
