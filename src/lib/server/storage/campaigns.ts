/**
 * Campaigns: an organiser's group diagnostic, reached by participants through a short code and
 * managed through a private management link (only its hash is stored).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { codeFromBytes } from '../../campaigns/code';
import type { Store } from './store';
import { hashToken, newToken } from './tokens';
import type { PassphraseHash } from '../security/passphrase';

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
	/**
	 * Target profile per diagnostic id: required level per area id or competence id (absent in
	 * older files; files before competence targets hold area ids only).
	 */
	targets?: Record<string, Record<string, string>>;
	/** Optional passphrase required on top of the management link (absent in older files). */
	passphrase?: PassphraseHash | null;
	/** Unlocked browser sessions: hashes of their tokens and when they end. */
	sessions?: { hash: string; expires: string }[];
	/**
	 * Waves of the campaign (T0, T1…), oldest first; participants join the last one. Absent in
	 * older files: read as a single wave T0 opened the day the campaign was created.
	 */
	waves?: Wave[];
	/** Opening and closing days (YYYY-MM-DD), inclusive. */
	opensOn: string | null;
	closesOn: string | null;
	createdAt: string;
}

/** A round of the same campaign, to measure change over time (T0, then T1 months later…). */
export interface Wave {
	id: string;
	/** Day the wave was opened (YYYY-MM-DD). */
	openedOn: string;
}

export type NewCampaign = Omit<
	Campaign,
	'id' | 'code' | 'managementHash' | 'createdAt' | 'sessions' | 'waves'
>;

/** How long a browser stays unlocked after the passphrase. */
export const SESSION_HOURS = 12;

let store: Store | undefined;

/** Attaches the repository to an opened store; called once at start. */
export function useStore(s: Store): void {
	store = s;
}

function opened(): Store {
	if (!store) throw new Error('store not opened: the init hook has not run');
	return store;
}

function db() {
	return opened().db;
}

/** Replaces one field of a campaign through the store (undone if the write fails). */
function setField<K extends keyof Campaign>(campaign: Campaign, key: K, value: Campaign[K]) {
	return opened().commit(() => {
		const before = campaign[key];
		campaign[key] = value;
		return () => {
			campaign[key] = before;
		};
	});
}

/** A participant code no campaign uses yet. */
function freshCode(): string {
	for (;;) {
		const code = codeFromBytes(randomBytes(32));
		if (code && !db().data.campaigns.some((c) => c.code === code)) return code;
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
		waves: [{ id: 'T0', openedOn: new Date().toISOString().slice(0, 10) }],
		createdAt: new Date().toISOString()
	};
	await opened().commit(() => {
		db().data.campaigns.push(campaign);
		return () => {
			const list = db().data.campaigns;
			list.splice(list.lastIndexOf(campaign), 1);
		};
	});
	return { campaign, managementToken: token };
}

/** The campaign of a participant code (canonical form), if any. */
export async function findByCode(code: string): Promise<Campaign | undefined> {
	return db().data.campaigns.find((c) => c.code === code);
}

/** The campaign of a management link, if any. */
export async function findByManagementToken(token: string): Promise<Campaign | undefined> {
	const hash = hashToken(token);
	return db().data.campaigns.find((c) => c.managementHash === hash);
}

/** A campaign by id. */
export async function findById(id: string): Promise<Campaign | undefined> {
	return db().data.campaigns.find((c) => c.id === id);
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
	const live = (campaign.sessions ?? []).filter((s) => s.expires > now.toISOString());
	await setField(campaign, 'sessions', [
		...live.slice(-19),
		{ hash, expires: new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString() }
	]);
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
export async function openWave(campaign: Campaign, today: string): Promise<string> {
	const waves = wavesOf(campaign);
	const id = `T${waves.length}`;
	await setField(campaign, 'waves', [...waves, { id, openedOn: today }]);
	return id;
}
