/**
 * Exact arithmetic for scores (ADR 0025). Points and weights are read as the decimals their
 * authors wrote (0.1 is 1/10, not the nearest binary fraction), item values, means and weighted
 * means are computed as fractions (fraction.js, on BigInt), and a score is rounded once, to one
 * decimal, half up: an exact 49.95 shows 50.0. Floating-point sums made the same tie round up
 * or down depending on the order of the additions (49.95 showed 49.9, and one 56.25 showed 56.3
 * for an area and 56.2 overall). Pure.
 */
import Fraction from 'fraction.js';

export { Fraction };

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/;

/** A finite number as the decimal it is written as (its shortest round-trip form), exactly. */
export function exact(x: number): Fraction {
	const match = Number.isFinite(x) ? DECIMAL.exec(String(x)) : null;
	if (!match) throw new RangeError(`not a finite number: ${x}`);
	const [, sign, whole, decimals = '', exponent = '0'] = match;
	const shift = Number(exponent) - decimals.length;
	const digits = BigInt(whole! + decimals) * (shift > 0 ? 10n ** BigInt(shift) : 1n);
	return new Fraction(sign ? -digits : digits, shift < 0 ? 10n ** BigInt(-shift) : 1n);
}

/** The one rounding of what people are shown: to `places` decimals, ties upwards (half up). */
export function roundHalfUp(value: Fraction, places = 1): number {
	return value.round(places).valueOf();
}

/** Rounds a score that is already an exact decimal (a stored score, a difference of two). */
export const roundScore = (score: number): number => roundHalfUp(exact(score));

/** The mean of scores (one decimal each, as stored), computed exactly and rounded half up. */
export function meanScore(scores: readonly number[]): number {
	const sum = scores.reduce((total, s) => total.add(exact(s)), new Fraction(0));
	return roundHalfUp(sum.div(scores.length));
}

/** `now − before` of two scores, exactly, rounded half up (a change shown as +0.1, −2.5…). */
export const scoreChange = (before: number, now: number): number =>
	roundHalfUp(exact(now).sub(exact(before)));

/** The p-quantile (0–1) of sorted scores, by linear interpolation, exactly, rounded half up. */
export function quantileScore(sorted: readonly number[], p: number): number {
	if (sorted.length === 1) return roundScore(sorted[0]!);
	const position = exact(p).mul(sorted.length - 1);
	const low = position.floor();
	const at = (i: Fraction) => exact(sorted[Number(i.valueOf())]!);
	const value = at(low).add(at(position.ceil()).sub(at(low)).mul(position.sub(low)));
	return roundHalfUp(value);
}
