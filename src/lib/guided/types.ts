/**
 * A guided diagnostic: an advisor goes through a diagnostic with a client organisation, then
 * adds notes, an advisor rating per area and an action plan. Plain data, shared by the store,
 * the routes and the pure report builders.
 */

export const ACTION_STATUSES = ['todo', 'doing', 'done'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** One step of the action plan. */
export interface GuidedAction {
	id: string;
	title: string;
	/** Area or competence id of the diagnostic the action works on. */
	target: string;
	/** Who does it (free text, may be empty). */
	owner: string;
	/** Due day (YYYY-MM-DD), if any. */
	dueOn: string | null;
	status: ActionStatus;
	/** Catalogue resources chosen among those recommended for the result. */
	resourceIds: string[];
}

export interface GuidedSession {
	id: string;
	campaignId: string;
	/** The participation holding the answers; it belongs to no campaign (never aggregated). */
	participationId: string;
	/** Name of the client organisation. */
	client: string;
	/** Advisor's note per area id. */
	notes: Record<string, string>;
	/** Advisor's rating per area id: a level id of the package. */
	ratings: Record<string, string>;
	actions: GuidedAction[];
	createdAt: string;
	updatedAt: string;
}
