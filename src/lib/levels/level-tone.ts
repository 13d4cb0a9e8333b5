/**
 * The colour tone of a level of any scale (ADR 0027): a scale of `count` levels, lowest first,
 * is spread over the LEVEL_TONES tones of the design tokens (--level-1 … --level-7 in
 * src/app.css), from the first to the last, so that a 3-level scale and a 6-level one both run
 * from the warm low end to the cool high end and neighbours never share a tone. Pure: the
 * badge and its contrast test use the same function.
 */

/**
 * The level colours, lowest first: the values of --level-1 … --level-7 in src/app.css, for
 * what cannot read a custom property (a chart drawn on a canvas). A unit test
 * (tests/unit/level-contrast.test.ts) keeps the two the same.
 */
export const LEVEL_COLOURS = [
	'#b3401f',
	'#91600a',
	'#5e6d12',
	'#23763f',
	'#0b6b73',
	'#24588f',
	'#5a3d8f'
] as const;

/** How many level tones the tokens define. */
export const LEVEL_TONES = LEVEL_COLOURS.length;

/** The tone (1 to LEVEL_TONES) of the level at `index` (0-based) of a scale of `count` levels. */
export function levelTone(index: number, count: number): number {
	if (!Number.isInteger(index) || !Number.isInteger(count) || count < 1) {
		throw new RangeError(`no level ${index} in a scale of ${count}`);
	}
	if (index < 0 || index >= count) throw new RangeError(`no level ${index} in a scale of ${count}`);
	if (count === 1) return LEVEL_TONES;
	// More levels than tones: they cycle, and the meter's shape still tells them apart.
	if (count > LEVEL_TONES) return (index % LEVEL_TONES) + 1;
	return Math.round((index * (LEVEL_TONES - 1)) / (count - 1)) + 1;
}
