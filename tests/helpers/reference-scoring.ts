/**
 * An independent implementation of docs/questionnaire-format.md « How a result is computed »,
 * in plain BigInt rationals (no fraction.js, nothing shared with the engine but the model), for
 * the property tests: every unit's exact score, before any rounding.
 */
import type { Answers, ModelItem, ScoringModel } from '$lib/scoring/types';

/** A rational n/d, d > 0, in lowest terms. */
export interface Q {
	n: bigint;
	d: bigint;
}

const gcd = (a: bigint, b: bigint): bigint => {
	a = a < 0n ? -a : a;
	while (b !== 0n) [a, b] = [b, a % b];
	return a;
};
export const q = (n: bigint, d = 1n): Q => {
	if (d < 0n) [n, d] = [-n, -d];
	const g = gcd(n, d) || 1n;
	return { n: n / g, d: d / g };
};
export const add = (a: Q, b: Q) => q(a.n * b.d + b.n * a.d, a.d * b.d);
export const sub = (a: Q, b: Q) => q(a.n * b.d - b.n * a.d, a.d * b.d);
export const mul = (a: Q, b: Q) => q(a.n * b.n, a.d * b.d);
export const div = (a: Q, b: Q) => q(a.n * b.d, a.d * b.n);
export const cmp = (a: Q, b: Q) => {
	const x = a.n * b.d - b.n * a.d;
	return x < 0n ? -1 : x > 0n ? 1 : 0;
};

/** A number of a package file as the decimal its author wrote. */
export function decimal(x: number): Q {
	const [mantissa, exponent = '0'] = String(x).split('e');
	const [whole, frac = ''] = mantissa!.split('.');
	const shift = Number(exponent) - frac.length;
	const digits = BigInt(whole! + frac);
	return shift >= 0 ? q(digits * 10n ** BigInt(shift)) : q(digits, 10n ** BigInt(-shift));
}

/** A score (0 or more) half up to one decimal, as a number. */
export function roundTenth(x: Q): number {
	const tenths = x.n * 10n;
	const floor = tenths / x.d;
	return Number(2n * (tenths - floor * x.d) >= x.d ? floor + 1n : floor) / 10;
}

/** Whether a score is a tie at one decimal (x.x5 exactly). */
export const isTie = (x: Q) => (x.n * 20n) % x.d === 0n && ((x.n * 20n) / x.d) % 2n === 1n;

function itemValue(item: ModelItem, answers: Answers): Q | 'na' | null {
	let raw = answers[item.question];
	if (item.row !== undefined) raw = (raw as Record<string, unknown> | undefined)?.[item.row];
	if (item.kind === 'multiple') {
		const list = Array.isArray(raw) ? raw.map(String) : [];
		const scored = list.filter((k) => k in item.points);
		if (scored.length === 0) return list.some((k) => item.notApplicable.includes(k)) ? 'na' : null;
		let sum = scored.reduce((t, k) => add(t, decimal(item.points[k]!)), q(0n));
		const cap = decimal(item.max);
		if (cmp(sum, cap) > 0) sum = cap;
		if (cmp(sum, q(0n)) < 0) sum = q(0n);
		const v = cmp(cap, q(0n)) > 0 ? div(sum, cap) : q(0n);
		return item.reverse ? sub(q(1n), v) : v;
	}
	if (raw === undefined || raw === null || raw === '') return null;
	const key = String(raw);
	if (item.notApplicable.includes(key)) return 'na';
	if (!(key in item.points)) return null;
	const [min, max] = [decimal(item.min), decimal(item.max)];
	const v = cmp(max, min) > 0 ? div(sub(decimal(item.points[key]!), min), sub(max, min)) : q(0n);
	return item.reverse ? sub(q(1n), v) : v;
}

const mean = (parts: { score: Q | null; weight: number }[]): Q | null => {
	const scored = parts.filter((p) => p.score !== null);
	const weights = scored.reduce((t, p) => add(t, decimal(p.weight)), q(0n));
	if (weights.n === 0n) return null;
	return div(
		scored.reduce((t, p) => add(t, mul(p.score!, decimal(p.weight))), q(0n)),
		weights
	);
};

/** Exact score (0–100) of every competence, area and `overall`, or null (insufficient data). */
export function referenceScores(model: ScoringModel, answers: Answers): Map<string, Q | null> {
	const enough = (part: number, whole: number) =>
		part > 0 && whole > 0 && part / whole >= model.minCoverage;
	const out = new Map<string, Q | null>();
	const areaParts: { score: Q | null; weight: number }[] = [];
	for (const area of model.areas) {
		const parts: { score: Q | null; weight: number }[] = [];
		for (const c of area.competences) {
			const items = model.items.filter((i) => i.competence === c.id);
			const valued = items
				.map((i) => ({ value: itemValue(i, answers), weight: i.weight }))
				.filter((x): x is { value: Q; weight: number } => x.value !== null && x.value !== 'na');
			const m = enough(valued.length, items.length)
				? mean(valued.map((v) => ({ score: v.value, weight: v.weight })))
				: null;
			const score = m && mul(m, q(100n));
			out.set(c.id, score);
			parts.push({ score, weight: c.weight });
		}
		const scored = parts.filter((p) => p.score !== null).length;
		const score = enough(scored, parts.length) ? mean(parts) : null;
		out.set(area.id, score);
		areaParts.push({ score, weight: area.weight });
	}
	const scored = areaParts.filter((p) => p.score !== null).length;
	out.set('overall', enough(scored, areaParts.length) ? mean(areaParts) : null);
	return out;
}
