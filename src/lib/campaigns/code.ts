/**
 * Participant codes: short, typed by hand from a slide or a sheet of paper. The alphabet leaves
 * out characters people confuse (0/O, 1/I/L, 5/S, 2/Z, 8/B). Pure.
 */

export const CODE_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';
export const CODE_LENGTH = 8;

/** A new code from random bytes (one byte per character; rejection keeps it uniform). */
export function codeFromBytes(bytes: Uint8Array): string | null {
	const limit = 256 - (256 % CODE_ALPHABET.length);
	let code = '';
	for (const b of bytes) {
		if (b >= limit) continue;
		code += CODE_ALPHABET[b % CODE_ALPHABET.length];
		if (code.length === CODE_LENGTH) return code;
	}
	return null;
}

/** A typed code in canonical form: capitals, no spaces or dashes; null if it cannot be a code. */
export function normalizeCode(input: string): string | null {
	const code = input.toUpperCase().replace(/[\s-]/g, '');
	if (code.length !== CODE_LENGTH) return null;
	return [...code].every((c) => CODE_ALPHABET.includes(c)) ? code : null;
}

/** A code as shown to people: « ACDE-FGHJ ». */
export const displayCode = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`;
