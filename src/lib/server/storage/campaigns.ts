/**
 * Campaigns: an organiser's group diagnostic, reached by participants through a short code and
 * managed through a private management link (only its hash is stored).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { codeFromBytes } from '../../campaigns/code';
import { backend } from './backend';
import type { Campaign, Wave } from './records';
import { hashToken, newToken } from './tokens';

export type { Campaign, Wave } from './records';

export type NewCampaign = Omit<
	Campaign,
	'id' | 'code' | 'managementHash' | 'createdAt' | 'sessions' | 'waves'
>;

/** How long a browser stays unlocked after the passphrase. */
export const SESSION_HOURS = 12;

/**
 * Creates a campaign; returns it with the token of its management link (never stored). A code
 * another campaign holds is refused by the store, and another one drawn.
 */
export async function create(
	input: NewCampaign
): Promise<{ campaign: Campaign; managementToken: string }> {
	const { token, hash } = newToken();
	const campaign: Campaign = {
		id: randomUUID(),
		...input,
		code: '',
		managementHash: hash,
		waves: [{ id: 'T0', openedOn: new Date().toISOString().slice(0, 10) }],
		createdAt: new Date().toISOString()
	};
	for (;;) {
		const code = codeFromBytes(randomBytes(32));
		if (code && (await backend().campaigns.insert({ ...campaign, code }))) {
			return { campaign: { ...campaign, code }, managementToken: token };
		}
	}
}

/** The campaign of a participant code (canonical form), if any. */
export function findByCode(code: string): Promise<Campaign | undefined> {
	return backend().campaigns.byCode(code);
}

/** The campaign of a management link, if any. */
export function findByManagementToken(token: string): Promise<Campaign | undefined> {
	return backend().campaigns.byManagementHash(hashToken(token));
}

/** A campaign by id. */
export function findById(id: string): Promise<Campaign | undefined> {
	return backend().campaigns.byId(id);
}

/** Whether a campaign accepts participants on a given day (YYYY-MM-DD). */
export function isOpen(campaign: Campaign, today: string): boolean {
	return (
		(!campaign.opensOn || campaign.opensOn <= today) &&
		(!campaign.closesOn || today <= campaign.closesOn)
	);
}

/** Opens an unlocked session after a correct passphrase; returns its token (only its hash is kept). */
export async function openSession(campaign: Campaign, now = new Date()): Promise<string> {
	const { token, hash } = newToken();
	await backend().campaigns.addSession(
		campaign.id,
		{ hash, expires: new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString() },
		now.toISOString()
	);
	return token;
}

/** Whether a session token unlocks the campaign now. */
export function hasSession(
	campaign: Campaign,
	token: string | undefined,
	now = new Date()
): boolean {
	if (!token) return false;
	const hash = hashToken(token);
	return (campaign.sessions ?? []).some((s) => s.hash === hash && s.expires > now.toISOString());
}

/** The waves of a campaign, oldest first (a campaign from an older file has one: T0). */
export function wavesOf(campaign: Campaign): Wave[] {
	return campaign.waves?.length
		? campaign.waves
		: [{ id: 'T0', openedOn: campaign.createdAt.slice(0, 10) }];
}

/** The wave new participants join: the last one opened. */
export function currentWave(campaign: Campaign): string {
	return wavesOf(campaign).at(-1)!.id;
}

/** Opens the next wave (T1, T2…); from now on participants join it. Returns its id. */
export function openWave(campaign: Campaign, today: string): Promise<string> {
	return backend().campaigns.addWave(campaign.id, today);
}
