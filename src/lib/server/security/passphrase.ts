/**
 * Management passphrases, stored as scrypt hashes (RFC 7914 parameters N=2^15, r=8, p=1: about
 * 32 MB and tens of milliseconds per check, slow enough to make offline guessing expensive).
 *
 * scrypt runs on libuv's thread pool (4 threads), which the store's file writes also need: a
 * burst of checks from many addresses stalled every write (ADR 0023). So at most
 * `SCRYPT_AT_ONCE` derivations run at once in the process; a check waits for one of them only
 * while fewer than `CHECKS_WAITING` others do, and is refused beyond (PassphraseChecksBusy, a
 * 429). Hashing a new passphrase (campaign creation, itself budgeted per address) always waits.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** Derivations running at once: half of libuv's default pool, the rest stays for the disk. */
export const SCRYPT_AT_ONCE = 2;
/** Checks that may wait for a derivation (a few seconds' worth at most). */
export const CHECKS_WAITING = 8;

/** Every passphrase check of the process is taken: try again in a moment. */
export class PassphraseChecksBusy extends Error {
	constructor() {
		super('passphrase checks busy');
		this.name = 'PassphraseChecksBusy';
	}
}

/** Whether a passphrase check now would be refused (PassphraseChecksBusy). */
export function passphraseChecksFull(): boolean {
	return slots.running >= SCRYPT_AT_ONCE && slots.waiting.length >= CHECKS_WAITING;
}

/** Lets at most `SCRYPT_AT_ONCE` derivations run; the others wait their turn in order. */
const slots = {
	running: 0,
	waiting: [] as (() => void)[],
	async run<T>(task: () => Promise<T>, mayRefuse: boolean): Promise<T> {
		if (this.running < SCRYPT_AT_ONCE) this.running++;
		else if (mayRefuse && this.waiting.length >= CHECKS_WAITING) throw new PassphraseChecksBusy();
		// The slot is handed over by the task that ends (running stays the same).
		else await new Promise<void>((resolve) => this.waiting.push(resolve));
		try {
			return await task();
		} finally {
			const next = this.waiting.shift();
			if (next) next();
			else this.running--;
		}
	}
};

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

function derive(
	passphrase: string,
	salt: Buffer,
	params: ScryptOptions,
	mayRefuse: boolean
): Promise<Buffer> {
	return slots.run(
		() =>
			new Promise((resolve, reject) =>
				scrypt(
					passphrase.normalize('NFC'),
					salt,
					KEY_LENGTH,
					{ ...params, maxmem: 64 * 1024 * 1024 },
					(e, key) => (e ? reject(e) : resolve(key))
				)
			),
		mayRefuse
	);
}

/** Hashes a passphrase with a fresh salt. */
export async function hashPassphrase(passphrase: string): Promise<PassphraseHash> {
	const salt = randomBytes(16);
	const key = await derive(passphrase, salt, PARAMS, false);
	return {
		algorithm: 'scrypt',
		salt: salt.toString('base64'),
		hash: key.toString('base64'),
		...PARAMS
	};
}

/**
 * Whether a passphrase matches its stored hash (constant-time comparison). Throws
 * PassphraseChecksBusy when the process has too many checks running and waiting.
 */
export async function verifyPassphrase(
	passphrase: string,
	stored: PassphraseHash
): Promise<boolean> {
	const key = await derive(
		passphrase,
		Buffer.from(stored.salt, 'base64'),
		{ N: stored.N, r: stored.r, p: stored.p },
		true
	);
	const expected = Buffer.from(stored.hash, 'base64');
	return key.length === expected.length && timingSafeEqual(key, expected);
}
