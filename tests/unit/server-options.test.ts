/**
 * What the production server adds to adapter-node (server/options.js, ADR 0017): the required
 * ORIGIN, the default body size limit and the headers of every response.
 */
import { describe, expect, test } from 'vitest';
import {
	bodyTimeout,
	DEFAULT_BODY_SIZE_LIMIT,
	DEFAULT_BODY_TIMEOUT,
	FALLBACK_CSP,
	originProblem,
	securityHeaders
} from '../../server/options.js';

describe('ORIGIN', () => {
	test('an origin is accepted, with or without a final slash', () => {
		for (const origin of [
			'https://reperes.example.org',
			'https://reperes.example.org/',
			'http://localhost:3000',
			'http://127.0.0.1:43117',
			'https://Reperes.Example.org',
			'https://reperes.example.org:443'
		]) {
			expect(originProblem(origin), origin).toBeNull();
		}
	});

	test('missing, it is asked for in French with an example', () => {
		for (const value of [undefined, '']) {
			const problem = originProblem(value)!;
			expect(problem).toContain(
				'Repères ne démarre pas\u00a0: la variable ORIGIN n’est pas définie.'
			);
			expect(problem).toContain('ORIGIN=https://reperes.example.org');
			expect(problem).toContain('ORIGIN=http://localhost:3000');
		}
	});

	test('anything but an http(s) origin is refused, naming the value', () => {
		for (const value of [
			'reperes.example.org',
			'ftp://reperes.example.org',
			'https://reperes.example.org/app',
			'https://reperes.example.org?x=1',
			'https://reperes.example.org/#x',
			'https://user@reperes.example.org',
			'http://'
		]) {
			const problem = originProblem(value);
			expect(problem, value).toContain(`ORIGIN «\u00a0${value}\u00a0» n’est pas une origine`);
		}
	});
});

describe('headers of every response', () => {
	const names = (origin: string) => securityHeaders(origin).map(([name]) => name);

	test('the baseline set, without HSTS over plain http', () => {
		expect(Object.fromEntries(securityHeaders('http://localhost:3000'))).toEqual({
			'x-content-type-options': 'nosniff',
			'referrer-policy': 'same-origin',
			'cross-origin-opener-policy': 'same-origin',
			'cross-origin-resource-policy': 'same-origin',
			'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
			'x-frame-options': 'DENY',
			'content-security-policy': FALLBACK_CSP
		});
		expect(FALLBACK_CSP).toBe(
			"default-src 'none'; img-src 'self'; style-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
		);
	});

	test('HSTS for a year when the public address is https', () => {
		expect(names('http://localhost:3000')).not.toContain('strict-transport-security');
		expect(Object.fromEntries(securityHeaders('https://reperes.example.org'))).toMatchObject({
			'strict-transport-security': 'max-age=31536000'
		});
	});
});

test('the default body size limit is 256 KiB', () => {
	expect(DEFAULT_BODY_SIZE_LIMIT).toBe('256K');
});

describe('BODY_TIMEOUT', () => {
	test('unset, 60 seconds: 256 KiB still arrive at 35 kbit/s', () => {
		expect(DEFAULT_BODY_TIMEOUT).toBe(60);
		expect((256 * 1024 * 8) / DEFAULT_BODY_TIMEOUT / 1000).toBeLessThan(36);
		for (const value of [undefined, '', '  ']) {
			expect(bodyTimeout(value)).toEqual({ seconds: 60, problem: null });
		}
	});

	test('whole seconds, 1 or more', () => {
		expect(bodyTimeout('1')).toEqual({ seconds: 1, problem: null });
		expect(bodyTimeout(' 120 ')).toEqual({ seconds: 120, problem: null });
	});

	test('anything else is refused in French, naming the value', () => {
		for (const value of ['0', '-1', '1.5', '60s', 'soixante']) {
			const { seconds, problem } = bodyTimeout(value);
			expect(seconds, value).toBeNull();
			expect(problem, value).toContain(
				`Repères ne démarre pas\u00a0: BODY_TIMEOUT «\u00a0${value}\u00a0» n’est pas un nombre entier de secondes`
			);
		}
	});
});
