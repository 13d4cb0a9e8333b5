/**
 * The server's limiters of failed lookups, configured once at start: private links, management
 * links and participant codes share one budget per client address; wrong management passphrases
 * have a tighter one of their own (CAP-05, ADM-03, ADR 0018). Each failure is logged with where
 * it happened and a pseudonym of the client address, never the value tried; an address reaching
 * a limit is logged once, when it does (LOG-02).
 */
import { readConfig } from '../config';
import { log, pseudonym } from '../log';
import { FailureLimiter } from './rate-limit';

const config = readConfig();

/** A limiter of failures per client address whose failures and limit are logged. */
function loggedLimiter(max: number, minutes: number) {
	const limiter = new FailureLimiter({ max, windowMs: minutes * 60 * 1000 });
	return {
		/** Seconds the address must wait before its next try, or 0 when it may try. */
		retryAfter: (address: string): number => limiter.retryAfter(address),

		/** Records a failure from `address` at `where` (a route id). */
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
}

/** Failed lookups of private links, management links and codes (404s). */
export const lookups = loggedLimiter(config.lookupFailuresPer10Min, 10);

/** Wrong management passphrases. */
export const passphrases = loggedLimiter(config.passphraseFailuresPer15Min, 15);
