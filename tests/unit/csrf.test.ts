import { describe, expect, test } from 'vitest';
import { isCrossSiteFormPost } from '$lib/server/security/csrf';

const APP = 'http://127.0.0.1:3000';
const post = (headers: Record<string, string>, method = 'POST') =>
	isCrossSiteFormPost(method, new Headers(headers), APP);
const form = { 'content-type': 'application/x-www-form-urlencoded' };

describe('cross-site form posts', () => {
	test('a form post from the app itself is accepted', () => {
		expect(post({ ...form, origin: APP })).toBe(false);
	});

	test('a form post from another site is refused, whatever the form content type', () => {
		for (const type of [
			'application/x-www-form-urlencoded',
			'multipart/form-data; boundary=x',
			'text/plain;charset=UTF-8'
		]) {
			expect(post({ 'content-type': type, origin: 'https://evil.example' }), type).toBe(true);
		}
	});

	test('a missing Origin is refused', () => {
		expect(post(form)).toBe(true);
	});

	test('Origin null is accepted only when Fetch Metadata says same-origin', () => {
		expect(post({ ...form, origin: 'null', 'sec-fetch-site': 'same-origin' })).toBe(false);
		expect(post({ ...form, origin: 'null', 'sec-fetch-site': 'cross-site' })).toBe(true);
		expect(post({ ...form, origin: 'null', 'sec-fetch-site': 'same-site' })).toBe(true);
		expect(post({ ...form, origin: 'null' })).toBe(true);
	});

	test('safe methods and non-form bodies are left to other defences', () => {
		expect(post({ ...form, origin: 'https://evil.example' }, 'GET')).toBe(false);
		expect(post({ 'content-type': 'application/json', origin: 'https://evil.example' })).toBe(
			false
		);
	});
});

describe('a loopback ORIGIN (npm start): its other spellings are the app too', () => {
	const at = (app: string, origin: string) =>
		isCrossSiteFormPost('POST', new Headers({ ...form, origin }), app);

	test('localhost, 127.0.0.1 and [::1], same scheme and port', () => {
		for (const app of ['http://localhost:3000', 'http://127.0.0.1:3000', 'http://[::1]:3000']) {
			for (const origin of [
				'http://localhost:3000',
				'http://127.0.0.1:3000',
				'http://[::1]:3000'
			]) {
				expect(at(app, origin), `${origin} → ${app}`).toBe(false);
			}
		}
		expect(at('http://localhost', 'http://127.0.0.1')).toBe(false);
	});

	test('not another port, scheme or host', () => {
		for (const origin of [
			'http://localhost:3001',
			'https://localhost:3000',
			'http://127.0.0.2:3000',
			'http://localhost.evil.example:3000',
			'http://evil.example:3000',
			'null',
			'not a url'
		]) {
			expect(at('http://localhost:3000', origin), origin).toBe(true);
		}
	});

	test('never with a public ORIGIN', () => {
		for (const origin of ['http://localhost:3000', 'http://127.0.0.1', 'http://[::1]:443']) {
			expect(at('https://reperes.example.org', origin), origin).toBe(true);
		}
	});
});
