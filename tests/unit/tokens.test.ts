/**
 * CAP-01/CAP-02: private-link tokens carry 128 bits from the system's CSPRNG, never repeat, have
 * one shape, and only their hash is stored; derived tokens are stable and purpose-bound.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import {
	derivedToken,
	hashToken,
	isTokenShaped,
	newToken,
	tokenForAttempt
} from '../../src/lib/server/storage/tokens';
import { ROOT } from '../helpers/paths';

describe('new tokens', () => {
	test('100 000 tokens: all distinct, 22 URL-safe characters, hash = sha256 hex', () => {
		const seen = new Set<string>();
		const ones = new Array<number>(128).fill(0);
		const N = 100_000;
		for (let i = 0; i < N; i++) {
			const { token, hash } = newToken();
			expect(isTokenShaped(token)).toBe(true);
			if (i < 100) expect(hash).toMatch(/^[0-9a-f]{64}$/);
			if (i < 100) expect(hash).toBe(hashToken(token));
			seen.add(token);
			const bytes = Buffer.from(token, 'base64url');
			for (let bit = 0; bit < 128; bit++) ones[bit]! += (bytes[bit >> 3]! >> (7 - (bit & 7))) & 1;
		}
		expect(seen.size).toBe(N);
		// Each of the 128 bits varies: set in half the tokens, within 5 standard deviations
		// (σ = √(N/4) ≈ 158): a constant, truncated or 64-bit source fails here.
		for (let bit = 0; bit < 128; bit++) {
			expect(Math.abs(ones[bit]! - N / 2), `bit ${bit}`).toBeLessThan(5 * Math.sqrt(N / 4));
		}
	});

	test('come from node:crypto, and nothing in the app uses Math.random', async () => {
		const source = await readFile(
			path.join(ROOT, 'src', 'lib', 'server', 'storage', 'tokens.ts'),
			'utf8'
		);
		expect(source).toMatch(/import \{[^}]*randomBytes[^}]*\} from 'node:crypto'/);
		const offenders: string[] = [];
		const walk = async (dir: string): Promise<void> => {
			for (const entry of await readdir(dir, { withFileTypes: true })) {
				const full = path.join(dir, entry.name);
				if (entry.isDirectory()) {
					if (entry.name !== 'paraglide') await walk(full);
				} else if (/\.(ts|js|svelte)$/.test(entry.name)) {
					if ((await readFile(full, 'utf8')).includes('Math.random')) offenders.push(full);
				}
			}
		};
		await walk(path.join(ROOT, 'src'));
		expect(offenders).toEqual([]);
	});
});

describe('derived tokens', () => {
	test('the same attempt and purpose give the same link; another purpose another one', () => {
		const { token: attempt } = newToken();
		const start = tokenForAttempt(attempt, 'start:exemple-mini');
		expect(tokenForAttempt(attempt, 'start:exemple-mini')).toBe(start);
		expect(tokenForAttempt(attempt, 'start:e-formateur')).not.toBe(start);
		expect(start).not.toBe(attempt);
		expect(isTokenShaped(start)).toBe(true);
		expect(derivedToken(start, 'retake')).toBe(derivedToken(start, 'retake'));
	});

	test('a missing or malformed attempt gets a fresh random link each time', () => {
		for (const attempt of [undefined, '', 'court', 'x'.repeat(23), 42, 'a/b'.repeat(7) + 'c']) {
			const one = tokenForAttempt(attempt, 'start');
			expect(isTokenShaped(one)).toBe(true);
			expect(tokenForAttempt(attempt, 'start')).not.toBe(one);
		}
	});
});
