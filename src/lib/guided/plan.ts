/**
 * Reading the advisor's input: notes, advisor ratings and actions, checked against the
 * diagnostic's own ids. Pure: the routes turn error codes into messages.
 */
import { fields, type FormSchema } from '../forms/strict-form';
import { ACTION_STATUSES, type ActionStatus, type GuidedAction } from './types';

/** Longest note, action title or owner accepted. */
export const MAX_NOTE_LENGTH = 2000;
export const MAX_TITLE_LENGTH = 200;
export const MAX_OWNER_LENGTH = 120;

export type FieldProblem = 'required' | 'too-long' | 'unknown' | 'invalid';

/** Whether a text is a real calendar day written YYYY-MM-DD. */
export function isDay(text: string): boolean {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
	if (!match) return false;
	const [y, mo, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const date = new Date(Date.UTC(y, mo - 1, d));
	return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Whether a value is one of the action statuses. */
export const isStatus = (value: string): value is ActionStatus =>
	(ACTION_STATUSES as readonly string[]).includes(value);

export interface ActionInput {
	title: string;
	target: string;
	owner: string;
	dueOn: string;
	status: string;
	resourceIds: string[];
}

/** Checks a new action against the known targets and resources; trims its texts. */
export function readAction(
	input: ActionInput,
	known: { targets: ReadonlySet<string>; resources: ReadonlySet<string> }
):
	| { ok: true; action: Omit<GuidedAction, 'id'> }
	| { ok: false; errors: Partial<Record<keyof ActionInput, FieldProblem>> } {
	const errors: Partial<Record<keyof ActionInput, FieldProblem>> = {};
	const title = input.title.trim();
	const owner = input.owner.trim();
	const dueOn = input.dueOn.trim();
	if (!title) errors.title = 'required';
	else if (title.length > MAX_TITLE_LENGTH) errors.title = 'too-long';
	if (!input.target) errors.target = 'required';
	else if (!known.targets.has(input.target)) errors.target = 'unknown';
	if (owner.length > MAX_OWNER_LENGTH) errors.owner = 'too-long';
	if (dueOn && !isDay(dueOn)) errors.dueOn = 'invalid';
	if (!isStatus(input.status)) errors.status = 'unknown';
	if (input.resourceIds.some((id) => !known.resources.has(id))) errors.resourceIds = 'unknown';
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	return {
		ok: true,
		action: {
			title,
			target: input.target,
			owner,
			dueOn: dueOn || null,
			status: input.status as ActionStatus,
			resourceIds: [...new Set(input.resourceIds)]
		}
	};
}

/**
 * Reads `note.<area>` and `rating.<area>` fields: unknown areas or levels and over-long notes
 * are refused; an empty rating means none.
 */
export function readAssessment(
	fields: [string, string][],
	known: { areas: ReadonlySet<string>; levels: ReadonlySet<string> }
):
	| { ok: true; notes: Record<string, string>; ratings: Record<string, string> }
	| { ok: false; errors: Record<string, FieldProblem> } {
	const notes: Record<string, string> = {};
	const ratings: Record<string, string> = {};
	const errors: Record<string, FieldProblem> = {};
	for (const [name, value] of fields) {
		const match = /^(note|rating)\.(.+)$/.exec(name);
		if (!match) continue;
		const [, kind, area] = match as unknown as [string, 'note' | 'rating', string];
		if (!known.areas.has(area)) {
			errors[name] = 'unknown';
			continue;
		}
		const text = value.trim();
		if (kind === 'note') {
			if (text.length > MAX_NOTE_LENGTH) errors[name] = 'too-long';
			else if (text) notes[area] = text;
		} else if (text) {
			if (!known.levels.has(text)) errors[name] = 'unknown';
			else ratings[area] = text;
		}
	}
	return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, notes, ratings };
}

/** The fields of the notes and ratings form: `note.<area>` and `rating.<area>` per area. */
export function assessmentForm(known: {
	areas: Iterable<string>;
	levels: Iterable<string>;
}): FormSchema {
	const levels = new Set(['', ...known.levels]);
	return fields(
		Object.fromEntries(
			[...known.areas].flatMap((area) => [
				[`note.${area}`, { kind: 'text', maxLength: MAX_NOTE_LENGTH, multiline: true }],
				[`rating.${area}`, { kind: 'choice', options: levels }]
			])
		)
	);
}

/** Longest due day typed (YYYY-MM-DD); its shape is checked by `readAction`. */
const DAY_LENGTH = 10;

/** The fields of the new-action form (`readAction` then checks what they say). */
export function actionForm(known: {
	targets: Iterable<string>;
	resources: Iterable<string>;
}): FormSchema {
	return fields({
		title: { kind: 'text', maxLength: MAX_TITLE_LENGTH },
		target: { kind: 'choice', options: new Set(['', ...known.targets]) },
		owner: { kind: 'text', maxLength: MAX_OWNER_LENGTH },
		dueOn: { kind: 'text', maxLength: DAY_LENGTH },
		status: { kind: 'choice', options: new Set(['', ...ACTION_STATUSES]) },
		resources: { kind: 'choices', options: new Set(known.resources) }
	});
}

const ACTION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The fields of an action's status form. */
export const STATUS_FORM: FormSchema = fields({
	action: { kind: 'text', maxLength: 36, pattern: ACTION_ID },
	status: { kind: 'choice', options: new Set(ACTION_STATUSES) }
});

/** The field of an action's removal form. */
export const REMOVE_FORM: FormSchema = fields({
	action: { kind: 'text', maxLength: 36, pattern: ACTION_ID }
});
