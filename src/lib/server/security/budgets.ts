/**
 * The server's budgets per client address, configured once at start (ADR 0018, 0023), and
 * spending them from the request being handled (`getRequestEvent`), so that pages, their
 * `__data.json`, form actions and downloads count alike wherever the helper is called.
 * - `lookups`: failed lookups of private links, management links and participant codes;
 * - `passphrases`: management passphrases checked and found wrong;
 * - `starts`, `campaigns`, `guidedSessions`: what one address may create per hour.
 */
import { getRequestEvent } from '$app/server';
import { error } from '@sveltejs/kit';
import { readConfig } from '../config';
import { budgetStore, type BudgetRule } from './budget';
import { clientKey, unknownClient } from './client-address';

const config = readConfig();
const MINUTE = 60_000;

export const BUDGETS = {
	lookups: { name: 'lookups', max: config.lookupFailuresPer10Min, windowMs: 10 * MINUTE },
	passphrases: {
		name: 'passphrases',
		max: config.passphraseFailuresPer15Min,
		windowMs: 15 * MINUTE
	},
	starts: { name: 'starts', max: config.startsPerHour, windowMs: 60 * MINUTE },
	campaigns: { name: 'campaigns', max: config.campaignsPerHour, windowMs: 60 * MINUTE },
	guidedSessions: {
		name: 'guided-sessions',
		max: config.guidedSessionsPerHour,
		windowMs: 60 * MINUTE
	}
} satisfies Record<string, BudgetRule>;

/** The budget key of the current request's client (client-address.ts). */
export function currentClient(): string {
	let address: string;
	try {
		address = getRequestEvent().getClientAddress();
	} catch {
		// adapter-node throws when ADDRESS_HEADER is set but the request lacks it (or has fewer
		// entries than XFF_DEPTH): such requests share one budget rather than fail.
		return unknownClient();
	}
	return clientKey(address);
}

export type Spent =
	| {
			admitted: true;
			client: string;
			/** Tries left in the window after this one. */
			remaining: number;
			/** Seconds until the oldest counted try leaves the window. */
			retryAfter: number;
			/** Gives this try back (it turned out valid, or was never carried out). */
			refund(): Promise<void>;
	  }
	| { admitted: false; client: string; retryAfter: number };

/** Counts one try of `rule` for the current request's client, if its budget has room. */
export async function spend(rule: BudgetRule): Promise<Spent> {
	const client = currentClient();
	const store = budgetStore();
	const a = await store.admit(rule, client);
	if (!a.admitted) return { admitted: false, client, retryAfter: a.retryAfter };
	return {
		admitted: true,
		client,
		remaining: a.remaining,
		retryAfter: a.retryAfter,
		refund: () => store.refund(rule, client, a.ticket)
	};
}

/** Tells the client of the current request when to try again (429 answers). */
export function setRetryAfter(seconds: number): void {
	const event = getRequestEvent();
	try {
		event.setHeaders({ 'retry-after': String(seconds) });
	} catch {
		// Already set by another refusal of the same request: the first wait stands.
	}
}

/** Answers 429 with Retry-After and `message` (the error page shows it). */
export function tooMany(seconds: number, message: string): never {
	setRetryAfter(seconds);
	error(429, message);
}

/**
 * Creates something within `rule`'s budget: `create` runs only if the budget has room, and the
 * try is given back if it fails (a 503 creates nothing). Returns what `create` returned, or the
 * seconds to wait.
 */
export async function createWithin<T>(
	rule: BudgetRule,
	create: () => Promise<T>
): Promise<{ created: T } | { retryAfter: number }> {
	const spent = await spend(rule);
	if (!spent.admitted) return { retryAfter: spent.retryAfter };
	try {
		return { created: await create() };
	} catch (e) {
		await spent.refund();
		throw e;
	}
}
