/**
 * What the benchmarks share: a seeded generator, so that the same seed replays the same run and
 * two runs compare like with like, and the nearest-rank percentile they report.
 */

/** Numbers in [0, 1) from `seed` (mulberry32), the same sequence every time. */
export function seededRandom(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** The nearest-rank quantile `q` (0 < q ≤ 1) of `values`, or NaN when there are none. */
export function quantile(values: number[], q: number): number {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
