/**
 * Participations: one person's answers to one diagnostic, reached through a private link.
 * Repository verbs over the store; routes never touch lowdb directly.
 */
import { randomUUID } from 'node:crypto';
import type { Answers, ScoreResult } from '../../scoring/types';
import type { Store } from './store';
import { hashToken, newToken } from './tokens';
import { forget } from '../results-cache';

export interface Participation {
	id: string;
	tokenHash: string;
	questionnaireId: string;
	questionnaireVersion: string;
	/** The attempt this one retakes, if any (same diagnostic). */
	previousId: string | null;
	/** Set when the person joined through a campaign code. */
	campaign?: CampaignLink | null;
	status: 'in_progress' | 'completed';
	/** The page to show next. */
	pageName: string;
	answers: Answers;
	/** Computed by the server at completion. */
	result: ScoreResult | null;
	createdAt: string;
	updatedAt: string;
	completedAt: string | null;
}

/** What ties a participation to a campaign; only `shared` results reach the organiser. */
export interface CampaignLink {
	id: string;
	/** The option chosen in the campaign's choice field (site, group, role…), if any. */
	group: string | null;
	/** The free identifier the campaign asks for, if any. */
	identifier: string | null;
	shared: boolean;
	/** Day of sharing (YYYY-MM-DD): no precise time reaches the organiser. */
	sharedOn: string | null;
	/** The campaign wave (T0, T1…) the participation belongs to; absent in older files: T0. */
	wave?: string;
}

let store: Store | undefined;
let byHash = new Map<string, Participation>();

/** Attaches the repository to an opened store; called once at start. */
export function useStore(s: Store): void {
	store = s;
	byHash = new Map(s.db.data.participations.map((p) => [p.tokenHash, p]));
}

function db() {
	if (!store) throw new Error('store not opened: the init hook has not run');
	return store.db;
}

/** Starts a participation; returns it with the token of its private link (never stored). */
export async function create(input: {
	questionnaireId: string;
	questionnaireVersion: string;
	pageName: string;
	previousId?: string | null;
	campaign?: CampaignLink | null;
}): Promise<{ participation: Participation; token: string }> {
	const { token, hash } = newToken();
	const now = new Date().toISOString();
	const participation: Participation = {
		id: randomUUID(),
		tokenHash: hash,
		...input,
		previousId: input.previousId ?? null,
		campaign: input.campaign ?? null,
		status: 'in_progress',
		answers: {},
		result: null,
		createdAt: now,
		updatedAt: now,
		completedAt: null
	};
	db().data.participations.push(participation);
	byHash.set(hash, participation);
	await db().write();
	return { participation, token };
}

/** A participation by id (for the previous attempt of a retake). */
export function findById(id: string): Participation | undefined {
	return db().data.participations.find((p) => p.id === id);
}

/** The participation of a private link, if any. */
export function findByToken(token: string): Participation | undefined {
	return byHash.get(hashToken(token));
}

/** Saves the answers so far and the page to show next. */
export async function saveProgress(
	participation: Participation,
	answers: Answers,
	pageName: string
): Promise<void> {
	participation.answers = answers;
	participation.pageName = pageName;
	participation.updatedAt = new Date().toISOString();
	await db().write();
}

/** Marks a participation completed with its final answers and the server's result. */
export async function complete(
	participation: Participation,
	answers: Answers,
	result: ScoreResult
): Promise<void> {
	const now = new Date().toISOString();
	participation.answers = answers;
	participation.result = result;
	participation.status = 'completed';
	participation.updatedAt = now;
	participation.completedAt = now;
	await db().write();
}

/** Shares (or withdraws) a completed participation's results with its campaign. */
export async function setShared(participation: Participation, shared: boolean): Promise<void> {
	if (!participation.campaign) return;
	participation.campaign.shared = shared;
	participation.campaign.sharedOn = shared ? new Date().toISOString().slice(0, 10) : null;
	participation.updatedAt = new Date().toISOString();
	await db().write();
}

/** Every participation of a campaign. */
export function listByCampaign(campaignId: string): Participation[] {
	return db().data.participations.filter((p) => p.campaign?.id === campaignId);
}

/**
 * Deletes a participation and the earlier attempts it was retaken from: everything its link
 * shows. Returns how many were deleted.
 */
export async function removeWithHistory(participation: Participation): Promise<number> {
	const doomed = new Set<string>();
	for (let p: Participation | undefined = participation; p && !doomed.has(p.id);) {
		doomed.add(p.id);
		p = p.previousId ? findById(p.previousId) : undefined;
	}
	const data = db().data;
	for (const p of data.participations) {
		if (!doomed.has(p.id)) continue;
		byHash.delete(p.tokenHash);
		forget(p.id);
	}
	data.participations = data.participations.filter((p) => !doomed.has(p.id));
	await db().write();
	return doomed.size;
}
