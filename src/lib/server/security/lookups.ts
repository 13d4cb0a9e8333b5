/**
 * The server's limiters of failed lookups, configured once at start: private links, management
 * links and participant codes share one budget per client address; management passphrases have
 * a tighter one of their own (security notes CAP-05, ADM-03, ADR 0018). Reaching a budget is
 * logged, without the address or anything typed.
 */
import { readConfig } from '../config';
import { log } from '../log';
import { FailureLimiter } from './rate-limit';

const config = readConfig();

/** Failed lookups of links and codes (404s), per client address. */
export const lookups = new FailureLimiter({
	max: config.lookupFailuresPer10Min,
	windowMs: 10 * 60 * 1000,
	onLimit: () =>
		log('warn', 'lookups.limit_reached', {
			failures: config.lookupFailuresPer10Min,
			minutes: 10
		})
});

/** Wrong management passphrases, per client address. */
export const passphrases = new FailureLimiter({
	max: config.passphraseFailuresPer15Min,
	windowMs: 15 * 60 * 1000,
	onLimit: () =>
		log('warn', 'passphrases.limit_reached', {
			failures: config.passphraseFailuresPer15Min,
			minutes: 15
		})
});
