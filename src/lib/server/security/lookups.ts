/** The server's limiter of failed lookups (links, codes), configured once at start. */
import { readConfig } from '../config';
import { FailureLimiter } from './rate-limit';

export const lookups = new FailureLimiter({
	max: readConfig().lookupFailuresPer10Min,
	windowMs: 10 * 60 * 1000
});
