/** The known name a misspelt one was probably meant to be, for « vouliez-vous dire … ? ». */

/** Edit distance (insertions, deletions, substitutions). */
export function editDistance(a: string, b: string): number {
	let row = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const next = [i];
		for (let j = 1; j <= b.length; j++) {
			next[j] = Math.min(
				row[j]! + 1,
				next[j - 1]! + 1,
				row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)
			);
		}
		row = next;
	}
	return row[b.length]!;
}

/**
 * The name of `known` closest to `name`, when close enough: the same but for case, or two edits
 * at most (a swapped, missing or doubled letter) and no more than a third of the name, so that
 * an unrelated word is never suggested.
 */
export function closest(name: string, known: readonly string[]): string | undefined {
	let best: { name: string; d: number } | undefined;
	for (const candidate of known) {
		const d = candidate.toLowerCase() === name.toLowerCase() ? 0 : editDistance(candidate, name);
		if (!best || d < best.d) best = { name: candidate, d };
	}
	return best && best.d <= Math.min(2, Math.floor(name.length / 3)) ? best.name : undefined;
}
