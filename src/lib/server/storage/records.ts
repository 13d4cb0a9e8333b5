/**
 * The stored records, plain data shared by both storage implementations and the routes.
 */
import type { Answers, ScoreResult } from '../../scoring/types';
import type { PassphraseHash } from '../security/passphrase';

export type { GuidedAction, GuidedSession } from '../../guided/types';

/** One person's answers to one diagnostic, reached through a private link. */
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
