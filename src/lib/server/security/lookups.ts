/**
 * The server's limiter of failed lookups (links, codes, passphrases), configured once at start.
 * Each failure is logged with where it happened and a pseudonym of the client address, never
 * the value tried; an address reaching the limit is logged once, when it does (LOG-02).
 */
import { readConfig } from '../config';
import { log, pseudonym } from '../log';
import { FailureLimiter } from './rate-limit';

const limiter = new FailureLimiter({
	max: readConfig().lookupFailuresPer10Min,
	windowMs: 10 * 60 * 1000
});

export const lookups = {
	/** Seconds the address must wait before its next lookup, or 0 when lookups are allowed. */
	retryAfter: (address: string): number => limiter.retryAfter(address),

	/** Records a failed lookup from `address` at `where` (a route id). */
	fail(address: string, where: string): void {
		const limitedBefore = limiter.retryAfter(address) > 0;
		limiter.fail(address);
		const client = pseudonym(address);
		log('warn', 'lookup.failed', { where, client });
		const wait = limiter.retryAfter(address);
		if (!limitedBefore && wait > 0)
			log('warn', 'lookup.limited', { where, client, retryAfter: wait });
	}
};
