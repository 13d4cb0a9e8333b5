import { afterEach, describe, expect, test } from 'vitest';
import { clientKey, warnIfProxyUnconfigured } from '$lib/server/security/client-address';
import { redirectLog } from '$lib/server/log';

describe('the client key of budgets (ADR 0023)', () => {
	test('IPv4 as is; IPv4-mapped IPv6, however spelt, is that IPv4 address', () => {
		for (const spelling of [
			'203.0.113.7',
			'::ffff:203.0.113.7',
			'::FFFF:203.0.113.7',
			'0:0:0:0:0:ffff:203.0.113.7',
			'::ffff:cb00:7107',
			' 203.0.113.7 '
		]) {
			expect(clientKey(spelling), spelling).toBe('203.0.113.7');
		}
		expect(clientKey('203.0.113.8')).not.toBe(clientKey('203.0.113.7'));
	});

	test('IPv6 by its /64, in one spelling', () => {
		const key = clientKey('2001:db8:1:2::1');
		expect(key).toBe('2001:db8:1:2::/64');
		for (const sameNetwork of [
			'2001:db8:1:2:ffff:ffff:ffff:ffff',
			'2001:0DB8:0001:0002:0000:0000:0000:0042',
			'2001:db8:1:2:a:b:c:d',
			'2001:DB8:1:2::abcd'
		]) {
			expect(clientKey(sameNetwork), sameNetwork).toBe(key);
		}
		expect(clientKey('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
		expect(clientKey('::1')).toBe('::/64');
		// A zone id names a local interface, not another client.
		expect(clientKey('fe80::1%eth0')).toBe(clientKey('fe80::2%eth1'));
	});

	test('what is not an address is kept as text, cut short', () => {
		expect(clientKey('unknown')).toBe('unknown');
		expect(clientKey('x'.repeat(500))).toHaveLength(100);
	});
});

describe('a proxy without ADDRESS_HEADER', () => {
	const lines: string[] = [];
	let restore: (() => void) | undefined;
	afterEach(() => restore?.());

	test('is said once in the log, without the header value or any address', () => {
		restore = redirectLog((line) => lines.push(line));
		warnIfProxyUnconfigured(new Headers({ 'x-forwarded-for': '198.51.100.4' }), 'x-forwarded-for');
		warnIfProxyUnconfigured(new Headers(), null);
		expect(lines).toEqual([]);
		warnIfProxyUnconfigured(new Headers({ 'x-forwarded-for': '198.51.100.4' }), null);
		warnIfProxyUnconfigured(new Headers({ forwarded: 'for=198.51.100.5' }), null);
		expect(lines.map((l) => JSON.parse(l))).toEqual([
			{
				time: expect.any(String),
				level: 'warn',
				event: 'config.address_header_missing',
				header: 'x-forwarded-for'
			}
		]);
		expect(lines.join('\n')).not.toContain('198.51.100');
	});
});
