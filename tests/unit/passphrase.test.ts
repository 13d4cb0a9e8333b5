import { describe, expect, test } from 'vitest';
import { hashPassphrase, verifyPassphrase } from '$lib/server/security/passphrase';

describe('management passphrases', () => {
	test('scrypt with a fresh salt; only the right passphrase verifies', async () => {
		const a = await hashPassphrase('cheval agrafe batterie');
		const b = await hashPassphrase('cheval agrafe batterie');
		expect(a).toMatchObject({ algorithm: 'scrypt', N: 32768, r: 8, p: 1 });
		expect(a.salt).not.toBe(b.salt);
		expect(a.hash).not.toBe(b.hash);
		expect(JSON.stringify(a)).not.toContain('cheval');
		expect(await verifyPassphrase('cheval agrafe batterie', a)).toBe(true);
		expect(await verifyPassphrase('cheval agrafe batteries', a)).toBe(false);
	});

	test('Unicode forms of the same text verify alike', async () => {
		const stored = await hashPassphrase('\u00e9t\u00e9 br\u00fclant');
		expect(await verifyPassphrase('e\u0301te\u0301 bru\u0308lant', stored)).toBe(true);
	});
});
