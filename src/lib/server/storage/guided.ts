/**
 * Guided sessions: an advisor's diagnostic with a client organisation, under a campaign. The
 * answers are in an ordinary participation outside the campaign, reached only through the
 * session (ADR 0013).
 */
import { randomUUID } from 'node:crypto';
import { backend } from './backend';
import type { ActionStatus, GuidedAction, GuidedSession } from '../../guided/types';

export type { GuidedAction, GuidedSession } from '../../guided/types';

const now = () => new Date().toISOString();

/** Opens a session for a client; its answers go to `participationId`. */
export async function create(input: {
	campaignId: string;
	participationId: string;
	client: string;
}): Promise<GuidedSession> {
	const at = now();
	const session: GuidedSession = {
		id: randomUUID(),
		...input,
		notes: {},
		ratings: {},
		actions: [],
		createdAt: at,
		updatedAt: at
	};
	await backend().guided.insert(session);
	return session;
}

/** A session by id, only if it belongs to the campaign (ids alone open nothing). */
export async function findInCampaign(
	campaignId: string,
	id: string
): Promise<GuidedSession | undefined> {
	const session = await backend().guided.byId(id);
	return session?.campaignId === campaignId ? session : undefined;
}

/** Every session of a campaign, oldest first. */
export function listByCampaign(campaignId: string): Promise<GuidedSession[]> {
	return backend().guided.byCampaign(campaignId);
}

/** Replaces the advisor's notes and ratings. */
export function saveAssessment(
	session: GuidedSession,
	notes: Record<string, string>,
	ratings: Record<string, string>
): Promise<void> {
	return backend().guided.saveAssessment(session.id, notes, ratings, now());
}

/** Adds an action at the end of the plan. */
export async function addAction(
	session: GuidedSession,
	action: Omit<GuidedAction, 'id'>
): Promise<GuidedAction> {
	const added: GuidedAction = { ...action, id: randomUUID() };
	await backend().guided.addAction(session.id, added, now());
	return added;
}

/** Changes an action's status; false if the session has no such action. */
export function setActionStatus(
	session: GuidedSession,
	actionId: string,
	status: ActionStatus
): Promise<boolean> {
	return backend().guided.setActionStatus(session.id, actionId, status, now());
}

/** Removes an action; false if the session has no such action. */
export function removeAction(session: GuidedSession, actionId: string): Promise<boolean> {
	return backend().guided.removeAction(session.id, actionId, now());
}
