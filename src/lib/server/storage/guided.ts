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

function opened(): Store {
	if (!store) throw new Error('store not opened: the init hook has not run');
	return store;
}

function db() {
	return opened().db;
}

/** Sets fields of a session and its update time through the store (undone if the write fails). */
function assign(session: GuidedSession, values: Partial<GuidedSession>): Promise<void> {
	return opened().commit(() => {
		const all = { ...values, updatedAt: new Date().toISOString() };
		const before = Object.fromEntries(
			Object.keys(all).map((k) => [k, session[k as keyof GuidedSession]])
		);
		Object.assign(session, all);
		return () => Object.assign(session, before);
	});
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
	await opened().commit(() => {
		sessions().push(session);
		return () => {
			const list = sessions();
			list.splice(list.lastIndexOf(session), 1);
		};
	});
	return session;
}

/** A session by id, only if it belongs to the campaign (ids alone open nothing). */
export async function findInCampaign(
	campaignId: string,
	id: string
): Promise<GuidedSession | undefined> {
	return sessions().find((s) => s.id === id && s.campaignId === campaignId);
}

/** Every session of a campaign, oldest first. */
export async function listByCampaign(campaignId: string): Promise<GuidedSession[]> {
	return sessions().filter((s) => s.campaignId === campaignId);
}

/** Replaces the advisor's notes and ratings. */
export async function saveAssessment(
	session: GuidedSession,
	notes: Record<string, string>,
	ratings: Record<string, string>
): Promise<void> {
	await assign(session, { notes, ratings });
}

/** Adds an action at the end of the plan. */
export async function addAction(
	session: GuidedSession,
	action: Omit<GuidedAction, 'id'>
): Promise<GuidedAction> {
	const added: GuidedAction = { ...action, id: randomUUID() };
	await assign(session, { actions: [...session.actions, added] });
	return added;
}

/** Changes an action's status; false if the session has no such action. */
export async function setActionStatus(
	session: GuidedSession,
	actionId: string,
	status: ActionStatus
): Promise<boolean> {
	if (!session.actions.some((a) => a.id === actionId)) return false;
	await assign(session, {
		actions: session.actions.map((a) => (a.id === actionId ? { ...a, status } : a))
	});
	return true;
}

/** Removes an action; false if the session has no such action. */
export async function removeAction(session: GuidedSession, actionId: string): Promise<boolean> {
	if (!session.actions.some((a) => a.id === actionId)) return false;
	await assign(session, { actions: session.actions.filter((a) => a.id !== actionId) });
	return true;
}
