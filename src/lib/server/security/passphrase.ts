/**
 * Management passphrases, stored as scrypt hashes (RFC 7914 parameters N=2^15, r=8, p=1: about
 * 32 MB and tens of milliseconds per check, slow enough to make offline guessing expensive).
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface PassphraseHash {
	algorithm: 'scrypt';
	salt: string;
	hash: string;
	N: number;
	r: number;
	p: number;
}

const PARAMS = { N: 2 ** 15, r: 8, p: 1 };

/** Longest passphrase accepted (creation refuses longer ones: no check is wasted on them). */
export const MAX_PASSPHRASE_LENGTH = 200;
const KEY_LENGTH = 32;

function derive(passphrase: string, salt: Buffer, params: ScryptOptions): Promise<Buffer> {
	return new Promise((resolve, reject) =>
		scrypt(
			passphrase.normalize('NFC'),
			salt,
			KEY_LENGTH,
			{ ...params, maxmem: 64 * 1024 * 1024 },
			(e, key) => (e ? reject(e) : resolve(key))
		)
	);
}

/** Hashes a passphrase with a fresh salt. */
export async function hashPassphrase(passphrase: string): Promise<PassphraseHash> {
	const salt = randomBytes(16);
	const key = await derive(passphrase, salt, PARAMS);
	return {
		algorithm: 'scrypt',
		salt: salt.toString('base64'),
		hash: key.toString('base64'),
		...PARAMS
	};
}

/** Whether a passphrase matches its stored hash (constant-time comparison). */
export async function verifyPassphrase(
	passphrase: string,
	stored: PassphraseHash
): Promise<boolean> {
	const key = await derive(passphrase, Buffer.from(stored.salt, 'base64'), {
		N: stored.N,
		r: stored.r,
		p: stored.p
	});
	const expected = Buffer.from(stored.hash, 'base64');
	return key.length === expected.length && timingSafeEqual(key, expected);
}
