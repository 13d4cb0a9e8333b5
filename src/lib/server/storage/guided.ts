/**
 * Guided sessions: an advisor's diagnostic with a client organisation, under a campaign. The
 * answers are in an ordinary participation outside the campaign, reached only through the
 * session (ADR 0013).
 */
import { randomUUID } from 'node:crypto';
import type { Store } from './store';
import type { ActionStatus, GuidedAction, GuidedSession } from '../../guided/types';

export type { GuidedAction, GuidedSession } from '../../guided/types';

let store: Store | undefined;

/** Attaches the repository to an opened store; called once at start. */
export function useStore(s: Store): void {
	store = s;
}

function db() {
	if (!store) throw new Error('store not opened: the init hook has not run');
	return store.db;
}

const sessions = () => (db().data.guidedSessions ??= []);

/** Opens a session for a client; its answers go to `participationId`. */
export async function create(input: {
	campaignId: string;
	participationId: string;
	client: string;
}): Promise<GuidedSession> {
	const now = new Date().toISOString();
	const session: GuidedSession = {
		id: randomUUID(),
		...input,
		notes: {},
		ratings: {},
		actions: [],
		createdAt: now,
		updatedAt: now
	};
	sessions().push(session);
	await db().write();
	return session;
}

/** A session by id, only if it belongs to the campaign (ids alone open nothing). */
export function findInCampaign(campaignId: string, id: string): GuidedSession | undefined {
	return sessions().find((s) => s.id === id && s.campaignId === campaignId);
}

/** Every session of a campaign, oldest first. */
export function listByCampaign(campaignId: string): GuidedSession[] {
	return sessions().filter((s) => s.campaignId === campaignId);
}

async function touch(session: GuidedSession): Promise<void> {
	session.updatedAt = new Date().toISOString();
	await db().write();
}

/** Replaces the advisor's notes and ratings. */
export async function saveAssessment(
	session: GuidedSession,
	notes: Record<string, string>,
	ratings: Record<string, string>
): Promise<void> {
	session.notes = notes;
	session.ratings = ratings;
	await touch(session);
}

/** Adds an action at the end of the plan. */
export async function addAction(
	session: GuidedSession,
	action: Omit<GuidedAction, 'id'>
): Promise<GuidedAction> {
	const added: GuidedAction = { ...action, id: randomUUID() };
	session.actions.push(added);
	await touch(session);
	return added;
}

/** Changes an action's status; false if the session has no such action. */
export async function setActionStatus(
	session: GuidedSession,
	actionId: string,
	status: ActionStatus
): Promise<boolean> {
	const action = session.actions.find((a) => a.id === actionId);
	if (!action) return false;
	action.status = status;
	await touch(session);
	return true;
}

/** Removes an action; false if the session has no such action. */
export async function removeAction(session: GuidedSession, actionId: string): Promise<boolean> {
	const before = session.actions.length;
	session.actions = session.actions.filter((a) => a.id !== actionId);
	if (session.actions.length === before) return false;
	await touch(session);
	return true;
}
