/**
 * The storage interface every route goes through (ADR 0016): a small namespace of verbs per
 * aggregate, implemented twice — the embedded lowdb store (default, DATA_DIR) and PostgreSQL
 * (DATABASE_URL). Mutating verbs take ids and say what changes, so that concurrent requests on
 * several app instances never overwrite each other's answers.
 */
import type { Answers, ScoreResult } from '../../scoring/types';
import type { ActionStatus, GuidedAction, GuidedSession } from '../../guided/types';
import type { Campaign, Participation, CampaignLink } from './records';

/**
 * Retention cutoffs (ISO instants): a participation in progress whose last activity is before
 * `unfinishedBefore`, or completed before `completedBefore`, has outlived its limit.
 */
export interface RetentionCutoffs {
	unfinishedBefore: string;
	completedBefore: string;
}

/** A participation past its retention limit (what the purge needs, and counts by). */
export interface ExpiredParticipation {
	id: string;
	status: Participation['status'];
}

/** A page of answers: values set and questions cleared (merged into what is stored). */
export interface AnswerChange {
	set: Answers;
	clear: string[];
}

export interface ParticipationVerbs {
	/**
	 * Stores a new participation. If one with the same token hash exists (a replayed retake),
	 * nothing is added and the existing one is returned.
	 */
	insert(p: Participation): Promise<Participation>;
	byId(id: string): Promise<Participation | undefined>;
	byTokenHash(hash: string): Promise<Participation | undefined>;
	byCampaign(campaignId: string): Promise<Participation[]>;
	/** Merges a page into the stored answers and sets the next page; false once completed. */
	saveAnswers(id: string, change: AnswerChange, pageName: string, at: string): Promise<boolean>;
	/** Completes once: false when already completed (a replayed or doubled final submit). */
	complete(id: string, answers: Answers, result: ScoreResult, at: string): Promise<boolean>;
	setCampaignLink(id: string, link: CampaignLink, at: string): Promise<void>;
	/** Deletes for good: the ids are remembered so that a restore does not bring them back. */
	remove(ids: string[], at: string): Promise<void>;
	/**
	 * Up to `limit` participations past their retention limit, oldest first (by the last answer
	 * saved, or the completion). Those of guided sessions are never listed: they live with their
	 * session (ADR 0019).
	 */
	expired(cutoffs: RetentionCutoffs, limit: number): Promise<ExpiredParticipation[]>;
	/**
	 * Forgets the deletions made before `deletedBefore` (an ISO instant): no backup old enough
	 * to hold those participations is kept any longer (TOMBSTONE_DAYS, ADR 0024). Returns how
	 * many were forgotten.
	 */
	pruneTombstones(deletedBefore: string): Promise<number>;
}

export interface CampaignVerbs {
	/** Stores a new campaign; false if its participant code is already taken (pick another). */
	insert(c: Campaign): Promise<boolean>;
	byId(id: string): Promise<Campaign | undefined>;
	byCode(code: string): Promise<Campaign | undefined>;
	byManagementHash(hash: string): Promise<Campaign | undefined>;
	/** Adds an unlocked session, dropping expired ones and keeping the 20 newest. */
	addSession(id: string, session: { hash: string; expires: string }, now: string): Promise<void>;
	/** Opens the next wave (T1, T2…) on `openedOn`; returns its id. */
	addWave(id: string, openedOn: string): Promise<string>;
}

export interface GuidedVerbs {
	insert(s: GuidedSession): Promise<void>;
	byId(id: string): Promise<GuidedSession | undefined>;
	byCampaign(campaignId: string): Promise<GuidedSession[]>;
	saveAssessment(
		id: string,
		notes: Record<string, string>,
		ratings: Record<string, string>,
		at: string
	): Promise<void>;
	addAction(id: string, action: GuidedAction, at: string): Promise<void>;
	/** false if the session has no such action. */
	setActionStatus(id: string, actionId: string, status: ActionStatus, at: string): Promise<boolean>;
	/** false if the session has no such action. */
	removeAction(id: string, actionId: string, at: string): Promise<boolean>;
}

/** One line of an export (`npm run data:export`), in this order: campaigns first. */
export type DataRecord =
	| { type: 'campaign'; data: Campaign }
	| { type: 'guidedSession'; data: GuidedSession }
	| { type: 'participation'; data: Participation }
	| { type: 'deleted'; data: { id: string; deletedAt: string } };

export interface Backend {
	readonly kind: 'lowdb' | 'postgres';
	participations: ParticipationVerbs;
	campaigns: CampaignVerbs;
	guided: GuidedVerbs;
	/** Every record, campaigns first, then sessions, participations and deletions. */
	dump(): AsyncIterable<DataRecord>;
	/** Whether the store holds no campaign, session or participation. */
	isEmpty(): Promise<boolean>;
	/**
	 * Adds the records of an export. Participations deleted here or in the export are skipped:
	 * a restore never brings back what someone deleted.
	 */
	restore(records: AsyncIterable<DataRecord>): Promise<Record<DataRecord['type'], number>>;
	/**
	 * A cheap check that the store can serve now (for /healthz): resolves when it is open (and,
	 * on PostgreSQL, the database answers a round trip); rejects otherwise.
	 */
	ping(): Promise<void>;
	/** Waits for pending writes and releases the store (lock, connections). */
	close(): Promise<void>;
}

let current: Backend | undefined;

/** Makes `b` the store every repository uses; called once at start (and by tests). */
export function useBackend(b: Backend): void {
	current = b;
}

/** The store in use. */
export function backend(): Backend {
	if (!current) throw new Error('store not opened: the init hook has not run');
	return current;
}
