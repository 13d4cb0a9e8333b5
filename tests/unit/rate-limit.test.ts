import { describe, expect, test } from 'vitest';
import { FailureLimiter } from '$lib/server/security/rate-limit';

describe('failed-lookup limiter', () => {
	test('blocks after max failures in the window, then lets through once they age out', () => {
		let now = 0;
		const limiter = new FailureLimiter({ max: 3, windowMs: 60_000, now: () => now });
		for (let i = 0; i < 3; i++) {
			expect(limiter.retryAfter('1.2.3.4')).toBe(0);
			limiter.fail('1.2.3.4');
			now += 1_000;
		}
		// Third failure at t=2 s: blocked until the first (t=0) leaves the window at t=60 s.
		expect(limiter.retryAfter('1.2.3.4')).toBe(57);
		expect(limiter.retryAfter('5.6.7.8')).toBe(0);
		now = 60_001;
		expect(limiter.retryAfter('1.2.3.4')).toBe(0);
	});

	test('successful lookups are not counted: only fail() is', () => {
		const limiter = new FailureLimiter({ max: 1, windowMs: 1_000, now: () => 0 });
		for (let i = 0; i < 100; i++) expect(limiter.retryAfter('room')).toBe(0);
	});
});
