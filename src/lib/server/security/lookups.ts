/**
 * Looking up what a stranger could guess: private links, management links, participant codes
 * and management passphrases (CAP-05, ADM-03, ADR 0018, 0023). Each helper counts a failure
 * where the lookup itself fails, against the client's budget (`budgets.ts`), whatever answers
 * it (a page, its `__data.json`, a form action, a download), and logs it with where it happened
 * and a pseudonym of the client, never the value tried; reaching a budget is logged once, by the
 * failure that reaches it (LOG-02).
 *
 * - Links carry 128 random bits: nobody finds one by guessing, so a valid link always opens,
 *   even for an address over its budget (a training room behind one address keeps its own
 *   links, management links and exports). Only failures are counted; past the budget they
 *   answer 429 instead of 404.
 * - Participant codes are short: the try is counted before the code is looked up (atomically,
 *   so a burst cannot pass more than the budget), and given back when the code opens a campaign.
 *   Past the budget every code answers 429, right or wrong: no oracle.
 * - Passphrases: a try is counted before scrypt runs, given back when right.
 */
import { error, json, type RequestEvent } from '@sveltejs/kit';
import { formatWait } from '../../format/duration';
import { getRequestEvent } from '$app/server';
import { m } from '../../i18n';
import { normalizeCode } from '../../campaigns/code';
import { log, pseudonym } from '../log';
import * as campaigns from '../storage/campaigns';
import type { Campaign } from '../storage/campaigns';
import * as participations from '../storage/participations';
import type { Participation } from '../storage/participations';
import { isTokenShaped } from '../storage/tokens';
import { BUDGETS, spend, tooMany, type Spent } from './budgets';
import {
	PassphraseChecksBusy,
	passphraseChecksFull,
	verifyPassphrase,
	type PassphraseHash
} from './passphrase';

/** The route of the current request (`/p/[token]` for its page, data and actions alike). */
const here = () => getRequestEvent().route.id ?? '';

/** Logs a failure counted against a budget, and the limit when this failure reaches it. */
function logFailure(where: string, spent: Extract<Spent, { admitted: true }>): void {
	const client = pseudonym(spent.client);
	log('warn', 'lookup.failed', { where, client });
	if (spent.remaining === 0) {
		log('warn', 'lookup.limited', { where, client, retryAfter: spent.retryAfter });
	}
}

/**
 * Counts a lookup that found nothing: 0 when it was counted (answer « not found »), else the
 * seconds to wait (the budget is spent: answer 429).
 */
export async function countFailedLookup(where = here()): Promise<number> {
	const spent = await spend(BUDGETS.lookups);
	if (!spent.admitted) return spent.retryAfter;
	logFailure(where, spent);
	return 0;
}

/** 404 for a link that opens nothing, or 429 once the client's budget of failures is spent. */
export async function linkNotFound(where = here()): Promise<never> {
	const wait = await countFailedLookup(where);
	if (wait > 0) tooMany(wait, m.too_many_lookups({ wait: formatWait(wait) }));
	error(404, 'Not found');
}

/** The participation of a private link, or 404 (429 past the budget of failures). */
export async function participationOr404(token: string): Promise<Participation> {
	const participation = isTokenShaped(token) ? await participations.findByToken(token) : undefined;
	return participation ?? linkNotFound();
}

/** The campaign of a management link, if any; nothing is counted (see campaignOr404). */
export function findByManagementLink(token: string): Promise<Campaign | undefined> {
	return isTokenShaped(token) ? campaigns.findByManagementToken(token) : Promise.resolve(undefined);
}

/** The campaign of a management link, or 404 (429 past the budget of failures). */
export async function campaignOr404(token: string): Promise<Campaign> {
	return (await findByManagementLink(token)) ?? linkNotFound();
}

export type CodeLookup = { campaign: Campaign } | { unknown: true } | { retryAfter: number };

/**
 * The open campaign of a typed participant code. The try is counted first and given back if the
 * code opens a campaign; unknown and closed campaigns look alike.
 */
export async function lookUpCode(typed: string, where = here()): Promise<CodeLookup> {
	const spent = await spend(BUDGETS.lookups);
	if (!spent.admitted) return { retryAfter: spent.retryAfter };
	let campaign: Campaign | undefined;
	try {
		const code = normalizeCode(typed);
		campaign = code ? await campaigns.findByCode(code) : undefined;
	} catch (e) {
		// The store failed (503): nothing was learnt, nothing is counted.
		await spent.refund();
		throw e;
	}
	if (campaign && campaigns.isOpen(campaign, new Date().toISOString().slice(0, 10))) {
		await spent.refund();
		return { campaign };
	}
	logFailure(where, spent);
	return { unknown: true };
}

/** The open campaign of a code in a URL, or 404 (429 past the budget, whatever the code). */
export async function openCampaignByCodeOr404(typed: string): Promise<Campaign> {
	const found = await lookUpCode(typed);
	if ('campaign' in found) return found.campaign;
	if ('retryAfter' in found) {
		tooMany(found.retryAfter, m.too_many_lookups({ wait: formatWait(found.retryAfter) }));
	}
	error(404, 'Not found');
}

export type PassphraseCheck =
	| { outcome: 'right' }
	| { outcome: 'wrong' }
	/** Over the client's budget of wrong passphrases. */
	| { outcome: 'limited'; retryAfter: number }
	/** Every passphrase check of the process is taken (PassphraseChecksBusy): nothing counted. */
	| { outcome: 'busy'; retryAfter: number };

/**
 * Checks a campaign's passphrase: the try is counted before scrypt runs (so a burst verifies at
 * most the budget), given back when right or when no check could run.
 */
export async function checkPassphrase(
	typed: string,
	stored: PassphraseHash,
	where: string
): Promise<PassphraseCheck> {
	const spent = await spend(BUDGETS.passphrases);
	if (!spent.admitted) return { outcome: 'limited', retryAfter: spent.retryAfter };
	let right: boolean;
	try {
		right = await verifyPassphrase(typed, stored);
	} catch (e) {
		await spent.refund();
		if (e instanceof PassphraseChecksBusy) return { outcome: 'busy', retryAfter: 1 };
		throw e;
	}
	if (right) {
		await spent.refund();
		return { outcome: 'right' };
	}
	logFailure(where, spent);
	return { outcome: 'wrong' };
}

/**
 * While every passphrase check of the process is taken, a try to unlock a campaign is refused
 * before its body is read or a page rendered: a burst from many addresses then costs the server
 * little more than its connections, and the requests of everyone else go on (ADR 0023). Nothing
 * is counted. An enhanced form gets the JSON of an action error, a plain form post a line of
 * text; both say when to try again.
 */
export function refuseWhileChecksBusy(event: RequestEvent): Response | null {
	if (
		event.request.method !== 'POST' ||
		event.route.id !== '/campagnes/[token]' ||
		!event.url.searchParams.has('/unlock') ||
		!passphraseChecksFull()
	) {
		return null;
	}
	const message = m.passphrase_checks_busy({ wait: formatWait(1) });
	const headers = { 'retry-after': '1', 'cache-control': 'no-store' };
	if ((event.request.headers.get('accept') ?? '').includes('application/json')) {
		return json({ type: 'error', error: { message } }, { status: 429, headers });
	}
	return new Response(message, {
		status: 429,
		headers: { ...headers, 'content-type': 'text/plain; charset=utf-8' }
	});
}
