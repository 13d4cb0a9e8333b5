/**
 * Participations: one person's answers to one diagnostic, reached through a private link.
 * Repository verbs over the configured store; routes never touch lowdb or SQL directly.
 */
import { randomUUID } from 'node:crypto';
import type { Answers, ScoreResult } from '../../scoring/types';
import {
	backend,
	type AnswerChange,
	type ExpiredParticipation,
	type RetentionCutoffs
} from './backend';
import type { CampaignLink, Participation } from './records';
import { derivedToken, hashToken, newToken } from './tokens';
import { forget } from '../results-cache';
import { log } from '../log';

export type { CampaignLink, Participation } from './records';

const now = () => new Date().toISOString();

/**
 * Starts a participation; returns it with the token of its private link (never stored). With
 * `token`, a replay of the same request (a second click) finds the participation it created.
 */
export async function create(
	input: {
		questionnaireId: string;
		questionnaireVersion: string;
		pageName: string;
		previousId?: string | null;
		campaign?: CampaignLink | null;
	},
	token?: string
): Promise<{ participation: Participation; token: string }> {
	const link = token ? { token, hash: hashToken(token) } : newToken();
	const at = now();
	const participation = await backend().participations.insert({
		id: randomUUID(),
		tokenHash: link.hash,
		...input,
		previousId: input.previousId ?? null,
		campaign: input.campaign ?? null,
		status: 'in_progress',
		answers: {},
		result: null,
		createdAt: at,
		updatedAt: at,
		completedAt: null
	});
	return { participation, token: link.token };
}

/**
 * Retakes a completed participation. The new private link is derived from the old one, so a
 * doubled or replayed retake lands on the same new attempt instead of creating another.
 */
export function retake(
	previous: Participation,
	previousToken: string,
	input: { questionnaireVersion: string; pageName: string; campaign: CampaignLink | null }
): Promise<{ participation: Participation; token: string }> {
	return create(
		{ questionnaireId: previous.questionnaireId, previousId: previous.id, ...input },
		derivedToken(previousToken, 'retake')
	);
}

/** A participation by id (for the previous attempt of a retake). */
export function findById(id: string): Promise<Participation | undefined> {
	return backend().participations.byId(id);
}

/** The participation of a private link, if any. */
export function findByToken(token: string): Promise<Participation | undefined> {
	return backend().participations.byTokenHash(hashToken(token));
}

/** What a page changed relative to the answers it was shown with. */
export function answerChange(before: Answers, after: Answers): AnswerChange {
	const set: Answers = {};
	for (const [k, v] of Object.entries(after)) {
		if (v !== undefined && JSON.stringify(before[k]) !== JSON.stringify(v)) set[k] = v;
	}
	// A question absent (or undefined) after the page is emptied.
	return { set, clear: Object.keys(before).filter((k) => after[k] === undefined) };
}

/**
 * Saves what a page changed and the page to show next. Only the changed questions are written,
 * merged into the stored answers: two tabs saving different pages at once both keep theirs.
 */
export async function saveProgress(
	participation: Participation,
	answers: Answers,
	pageName: string
): Promise<void> {
	await backend().participations.saveAnswers(
		participation.id,
		answerChange(participation.answers, answers),
		pageName,
		now()
	);
}

/**
 * Marks a participation completed with its final answers and the server's result. A second
 * final submit (double click, reload, replay) changes nothing: false.
 */
export function complete(
	participation: Participation,
	answers: Answers,
	result: ScoreResult
): Promise<boolean> {
	return backend().participations.complete(participation.id, answers, result, now());
}

/** Shares (or withdraws) a completed participation's results with its campaign. */
export async function setShared(participation: Participation, shared: boolean): Promise<void> {
	if (!participation.campaign) return;
	await backend().participations.setCampaignLink(
		participation.id,
		{ ...participation.campaign, shared, sharedOn: shared ? now().slice(0, 10) : null },
		now()
	);
}

/** Every participation of a campaign. */
export function listByCampaign(campaignId: string): Promise<Participation[]> {
	return backend().participations.byCampaign(campaignId);
}

/** Why participations are deleted: the person asked, or their retention limit passed. */
export type DeletionReason = 'request' | 'retention';

/**
 * Deletes participations for good: the one path of every deletion, the person's own and the
 * retention purge alike. The store remembers the ids (a restore skips them), their cached
 * results pages go, and one log line gives the reason and the count, never the ids.
 */
export async function erase(ids: string[], reason: DeletionReason, at = now()): Promise<void> {
	if (ids.length === 0) return;
	await backend().participations.remove(ids, at);
	for (const id of ids) forget(id);
	log('info', 'participations.deleted', { reason, count: ids.length });
}

/**
 * Deletes a participation and the earlier attempts it was retaken from: everything its link
 * shows. Returns how many were deleted.
 */
export async function removeWithHistory(participation: Participation): Promise<number> {
	const doomed: string[] = [];
	for (let p: Participation | undefined = participation; p && !doomed.includes(p.id);) {
		doomed.push(p.id);
		p = p.previousId ? await findById(p.previousId) : undefined;
	}
	await erase(doomed, 'request');
	return doomed.length;
}

/** Up to `limit` participations past their retention limit (guided sessions' excepted). */
export function findExpired(
	cutoffs: RetentionCutoffs,
	limit: number
): Promise<ExpiredParticipation[]> {
	return backend().participations.expired(cutoffs, limit);
}

/** Forgets the deletions made before `deletedBefore` (ISO); returns how many. */
export function pruneTombstones(deletedBefore: string): Promise<number> {
	return backend().participations.pruneTombstones(deletedBefore);
}
