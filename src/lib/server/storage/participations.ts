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
	return opened().db;
}

function opened(): Store {
	if (!store) throw new Error('store not opened: the init hook has not run');
	return store;
}

/** Sets fields of a record through the store; the undo puts the previous values back. */
function assign<T extends object>(record: T, values: Partial<T>): Promise<void> {
	return opened().commit(() => {
		const before = Object.fromEntries(
			Object.keys(values).map((k) => [k, record[k as keyof T]])
		) as Partial<T>;
		Object.assign(record, values);
		return () => Object.assign(record, before);
	});
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
	await opened().commit(() => {
		db().data.participations.push(participation);
		byHash.set(hash, participation);
		return () => {
			const list = db().data.participations;
			list.splice(list.lastIndexOf(participation), 1);
			byHash.delete(hash);
		};
	});
	return { participation, token };
}

/** A participation by id (for the previous attempt of a retake). */
export async function findById(id: string): Promise<Participation | undefined> {
	return db().data.participations.find((p) => p.id === id);
}

/** The participation of a private link, if any. */
export async function findByToken(token: string): Promise<Participation | undefined> {
	return byHash.get(hashToken(token));
}

/** Saves the answers so far and the page to show next. */
export async function saveProgress(
	participation: Participation,
	answers: Answers,
	pageName: string
): Promise<void> {
	await assign(participation, { answers, pageName, updatedAt: new Date().toISOString() });
}

/** Marks a participation completed with its final answers and the server's result. */
export async function complete(
	participation: Participation,
	answers: Answers,
	result: ScoreResult
): Promise<void> {
	const now = new Date().toISOString();
	await assign(participation, {
		answers,
		result,
		status: 'completed',
		updatedAt: now,
		completedAt: now
	});
}

/** Shares (or withdraws) a completed participation's results with its campaign. */
export async function setShared(participation: Participation, shared: boolean): Promise<void> {
	if (!participation.campaign) return;
	await assign(participation, {
		campaign: {
			...participation.campaign,
			shared,
			sharedOn: shared ? new Date().toISOString().slice(0, 10) : null
		},
		updatedAt: new Date().toISOString()
	});
}

/** Every participation of a campaign. */
export async function listByCampaign(campaignId: string): Promise<Participation[]> {
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
		p = p.previousId ? db().data.participations.find((x) => x.id === p!.previousId) : undefined;
	}
	const data = db().data;
	await opened().commit(() => {
		const before = data.participations;
		const removed = before.filter((p) => doomed.has(p.id));
		for (const p of removed) byHash.delete(p.tokenHash);
		data.participations = before.filter((p) => !doomed.has(p.id));
		return () => {
			data.participations = before;
			for (const p of removed) byHash.set(p.tokenHash, p);
		};
	});
	for (const id of doomed) forget(id);
	return doomed.size;
}
