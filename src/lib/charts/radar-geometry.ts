/**
 * The geometry of a radar chart, computed on the server so that the chart is plain SVG: no
 * script, crisp on paper, and laid out before it is drawn so that no label is ever cut.
 *
 * Coordinates are SVG user units with the centre at (0, 0) and y pointing down; the first axis
 * points up and the others follow clockwise. Scores (0–100) lie on the axes from the centre (0)
 * to the outer circle (100). The package's levels are drawn as rings at their thresholds, each
 * band labelled along the first axis. Axis labels are wrapped to the room their side leaves,
 * anchored by their angle (start on the right, end on the left, middle at the top and bottom),
 * pushed outward until they touch neither the circle nor another label, and the largest circle
 * for which every label fits the target width is kept. The view box then encloses everything,
 * so that even a label wider than planned stays inside it. Pure: no DOM, no I/O.
 */
import { textWidth, wrapText } from './text-metrics';

export interface Point {
	x: number;
	y: number;
}

export interface Box {
	x: number;
	y: number;
	width: number;
	height: number;
}

export type Anchor = 'start' | 'middle' | 'end';

/** One level of the package's scale: the text of its band and its lowest score. */
export interface RadarLevel {
	label: string;
	min: number;
}

/** A label as drawn: one baseline per line, and the box its text is planned to fill. */
export interface PlacedText {
	text: string;
	lines: { text: string; x: number; y: number }[];
	anchor: Anchor;
	fontSize: number;
	box: Box;
}

export interface RadarLayoutOptions {
	/** The width (user units) the labels should fit in; the view box grows past it only if they cannot. */
	width: number;
	fontSize: number;
	ringFontSize: number;
	/**
	 * Axis labels: the names, numbers (1, 2…, for a key beside the chart), or names unless the
	 * circle would then be smaller than `minRadiusShare` of the width.
	 */
	labels: 'names' | 'numbers' | 'auto';
	minRadiusShare?: number;
	/** Lines a name may take before the circle shrinks to give it more room. */
	maxLines?: number;
}

export interface RadarLayout {
	viewBox: Box;
	radius: number;
	labelMode: 'names' | 'numbers';
	axes: { name: string; angle: number; end: Point; label: PlacedText }[];
	/** Circles at the levels' thresholds (above 0) and the outer circle (100). */
	rings: { min: number; radius: number }[];
	/** One band per level, from its threshold to the next one, with its label. */
	bands: { min: number; max: number; inner: number; outer: number; label: PlacedText }[];
}

/** Baseline-to-baseline distance, and how far a line's glyphs reach above and below its baseline. */
export const LINE_HEIGHT = 1.25;
const ASCENT = 1.0;
const DESCENT = 0.3;
/** Room kept around a label (in em) and around the whole drawing (user units). */
const LABEL_PAD = 0.3;
const MARGIN = 4;
/** Markers reach this far past the outer circle. */
const MARKER_REACH = 6;

const round = (v: number) => Math.round(v * 100) / 100;

/** A 0–100 score's distance from the centre; outside values are held to the scale, NaN is null. */
export function valueRadius(radius: number, value: number | null): number | null {
	if (value === null || !Number.isFinite(value)) return null;
	return (radius * Math.min(100, Math.max(0, value))) / 100;
}

/** The direction of axis `i` of `n`: up for the first, then clockwise. */
export function axisAngle(i: number, n: number): number {
	return (2 * Math.PI * i) / n;
}

const along = (angle: number, distance: number): Point => ({
	x: distance * Math.sin(angle),
	y: -distance * Math.cos(angle)
});

export function boxesOverlap(a: Box, b: Box, gap = 0): boolean {
	return (
		a.x < b.x + b.width + gap &&
		b.x < a.x + a.width + gap &&
		a.y < b.y + b.height + gap &&
		b.y < a.y + a.height + gap
	);
}

/** Whether a box comes closer than `radius` to the centre. */
export function boxMeetsCircle(box: Box, radius: number): boolean {
	const x = Math.max(box.x, Math.min(0, box.x + box.width));
	const y = Math.max(box.y, Math.min(0, box.y + box.height));
	return x * x + y * y < radius * radius;
}

/** Lines placed from the top-left corner of their box. */
function setLines(
	text: string,
	lines: string[],
	anchor: Anchor,
	fontSize: number,
	x: number,
	y: number,
	width: number
): PlacedText {
	const pitch = fontSize * LINE_HEIGHT;
	const height = (lines.length - 1) * pitch + (ASCENT + DESCENT) * fontSize;
	const lineX = anchor === 'start' ? x : anchor === 'end' ? x + width : x + width / 2;
	return {
		text,
		anchor,
		fontSize,
		box: { x: round(x), y: round(y), width: round(width), height: round(height) },
		lines: lines.map((line, i) => ({
			text: line,
			x: round(lineX),
			y: round(y + ASCENT * fontSize + i * pitch)
		}))
	};
}

const linesHeight = (count: number, fontSize: number) =>
	(count - 1) * fontSize * LINE_HEIGHT + (ASCENT + DESCENT) * fontSize;

/**
 * The band labels, along the first axis: each level's text at the middle of its band, right of
 * the axis; when it would touch the one below, on the left; failing both, moved outward.
 */
function placeBands(levels: RadarLevel[], radius: number, fontSize: number) {
	const offset = MARKER_REACH + 2;
	const height = linesHeight(1, fontSize);
	const pad = fontSize * LABEL_PAD * 0.5;
	const placed: Box[] = [];
	return levels.map((level, i) => {
		const max = levels[i + 1]?.min ?? 100;
		const width = textWidth(level.label, fontSize);
		const middle = (radius * (level.min + max)) / 200;
		let best: { x: number; y: number; anchor: Anchor } | null = null;
		for (let rise = 0; best === null; rise += fontSize / 4) {
			const y = -middle - height / 2 - rise;
			for (const [x, anchor] of [
				[offset, 'start'],
				[-offset - width, 'end']
			] as const) {
				const box = { x, y, width, height };
				if (!placed.some((p) => boxesOverlap(p, box, pad))) {
					best = { x, y, anchor };
					break;
				}
			}
		}
		const label = setLines(
			level.label,
			[level.label],
			best.anchor,
			fontSize,
			best.x,
			best.y,
			width
		);
		placed.push(label.box);
		return {
			min: level.min,
			max,
			inner: round((radius * level.min) / 100),
			outer: round((radius * max) / 100),
			label
		};
	});
}

/**
 * Axis labels for a circle of `radius`: each wrapped to the room its side leaves within the
 * target width, then pushed outward along its axis until it clears the circle and every label
 * already placed. `fits` says whether all stayed within the width and `maxLines`.
 */
function placeAxisLabels(
	texts: string[],
	radius: number,
	options: Required<RadarLayoutOptions>,
	fixed: Box[]
): { labels: PlacedText[]; fits: boolean } {
	const { fontSize, width, maxLines } = options;
	const half = width / 2 - MARGIN;
	const gap = fontSize * 0.5;
	const clear = radius + MARKER_REACH;
	const pad = fontSize * LABEL_PAD;
	const step = fontSize / 6;
	const placed = [...fixed];
	let fits = true;
	const labels = texts.map((text, i) => {
		const angle = axisAngle(i, texts.length);
		const s = Math.sin(angle);
		const c = Math.cos(angle);
		// Near the vertical, centred above or below; elsewhere, leaning away from the circle.
		const anchor: Anchor = Math.abs(s) < 0.2 ? 'middle' : s > 0 ? 'start' : 'end';
		const start = along(angle, clear + gap);
		const room =
			anchor === 'start'
				? half - start.x
				: anchor === 'end'
					? start.x + half
					: 2 * (half - Math.abs(start.x));
		// A name never spreads wider than about 20 characters, even at the top.
		const lines = wrapText(text, Math.max(fontSize, Math.min(room, fontSize * 11)), fontSize);
		const w = Math.max(...lines.map((l) => textWidth(l, fontSize)));
		const h = linesHeight(lines.length, fontSize);
		let box: Box = { x: 0, y: 0, width: w, height: h };
		const limit = clear + gap + 4 * width;
		for (let d = clear + gap; d <= limit; d += step) {
			const p = along(angle, d);
			const x = anchor === 'start' ? p.x : anchor === 'end' ? p.x - w : p.x - w / 2;
			// Above the point at the top, below it at the bottom, centred on it at the sides.
			box = { x, y: p.y - (h * (1 + c)) / 2, width: w, height: h };
			if (!boxMeetsCircle(box, clear) && !placed.some((o) => boxesOverlap(o, box, pad))) break;
		}
		placed.push(box);
		if (lines.length > maxLines || box.x < -half || box.x + box.width > half) fits = false;
		return setLines(text, lines, anchor, fontSize, box.x, box.y, w);
	});
	return { labels, fits };
}

/** The largest circle (by bisection) whose labels fit; the smallest tried when none does. */
function fitCircle(texts: string[], levels: RadarLevel[], options: Required<RadarLayoutOptions>) {
	const place = (radius: number) => {
		const bands = placeBands(levels, radius, options.ringFontSize);
		const axis = placeAxisLabels(
			texts,
			radius,
			options,
			bands.map((b) => b.label.box)
		);
		return { radius, bands, ...axis };
	};
	let low = options.width * 0.12;
	let high = options.width / 2 - MARGIN - MARKER_REACH;
	const largest = place(high);
	if (largest.fits) return largest;
	let best = place(low);
	if (!best.fits) return best;
	while (high - low > 0.5) {
		const middle = (low + high) / 2;
		const tried = place(middle);
		if (tried.fits) {
			best = tried;
			low = middle;
		} else high = middle;
	}
	return best;
}

/**
 * Lays out a radar of `axisNames` (one axis each, 1 or more) over the rings of `levels`
 * (lowest first, the first at 0).
 */
export function layoutRadar(
	axisNames: string[],
	levels: RadarLevel[],
	options: RadarLayoutOptions
): RadarLayout {
	const full: Required<RadarLayoutOptions> = { minRadiusShare: 0.3, maxLines: 4, ...options };
	const numbers = axisNames.map((_, i) => String(i + 1));
	let labelMode: 'names' | 'numbers' = full.labels === 'numbers' ? 'numbers' : 'names';
	let fitted = fitCircle(labelMode === 'names' ? axisNames : numbers, levels, full);
	if (full.labels === 'auto' && fitted.radius < full.minRadiusShare * full.width) {
		labelMode = 'numbers';
		fitted = fitCircle(numbers, levels, full);
	}
	const { radius, bands, labels } = fitted;

	// Everything drawn: circle and markers, axis labels, band labels; centred horizontally.
	const reach = radius + MARKER_REACH;
	const boxes = [
		{ x: -reach, y: -reach, width: 2 * reach, height: 2 * reach },
		...labels.map((l) => l.box),
		...bands.map((b) => b.label.box)
	];
	const left = Math.min(...boxes.map((b) => b.x));
	const right = Math.max(...boxes.map((b) => b.x + b.width));
	const top = Math.min(...boxes.map((b) => b.y));
	const bottom = Math.max(...boxes.map((b) => b.y + b.height));
	const halfWidth = Math.max(-left, right) + MARGIN;
	const viewBox = {
		x: round(-halfWidth),
		y: round(top - MARGIN),
		width: round(2 * halfWidth),
		height: round(bottom - top + 2 * MARGIN)
	};
	const rings = [...levels.filter((l) => l.min > 0 && l.min < 100).map((l) => l.min), 100].map(
		(min) => ({ min, radius: round((radius * min) / 100) })
	);
	return {
		viewBox,
		radius: round(radius),
		labelMode,
		axes: axisNames.map((name, i) => {
			const end = along(axisAngle(i, axisNames.length), radius);
			return {
				name,
				angle: axisAngle(i, axisNames.length),
				end: { x: round(end.x), y: round(end.y) },
				label: labels[i]!
			};
		}),
		rings,
		bands
	};
}

/** The points of a series (null where its value is), and its outline as SVG path data. */
export function seriesShape(
	layout: Pick<RadarLayout, 'radius' | 'axes'>,
	values: (number | null)[]
): { points: (Point | null)[]; outline: string; area: string | null } {
	const n = layout.axes.length;
	const points = layout.axes.map((axis, i) => {
		const r = valueRadius(layout.radius, values[i] ?? null);
		if (r === null) return null;
		const p = along(axis.angle, r);
		return { x: round(p.x), y: round(p.y) };
	});
	const at = (p: Point) => `${p.x} ${p.y}`;
	const complete = points.every((p) => p !== null);
	if (complete && n >= 3) {
		const d = `M${points.map((p) => at(p!)).join('L')}Z`;
		return { points, outline: d, area: d };
	}
	// Missing values break the outline: a line joins two neighbours only when both are known.
	const segments = pairs(n)
		.map(([i, j]) => [points[i], points[j]] as const)
		.filter((s): s is readonly [Point, Point] => s[0] !== null && s[1] !== null)
		.map(([a, b]) => `M${at(a)}L${at(b)}`);
	return { points, outline: segments.join(''), area: null };
}

/** Neighbouring axes: each with the next, the last with the first (two axes: one pair). */
function pairs(n: number): [number, number][] {
	if (n < 2) return [];
	if (n === 2) return [[0, 1]];
	return Array.from({ length: n }, (_, i) => [i, (i + 1) % n] as [number, number]);
}

/**
 * The area between a low and a high series (a group's spread), as SVG path data: one
 * quadrilateral per pair of neighbouring axes where both ends are known.
 */
export function bandShape(
	layout: Pick<RadarLayout, 'radius' | 'axes'>,
	low: (number | null)[],
	high: (number | null)[]
): string {
	const lo = seriesShape(layout, low).points;
	const hi = seriesShape(layout, high).points;
	const at = (p: Point) => `${p.x} ${p.y}`;
	return pairs(layout.axes.length)
		.filter(([i, j]) => lo[i] && hi[i] && lo[j] && hi[j])
		.map(([i, j]) => `M${at(lo[i]!)}L${at(hi[i]!)}L${at(hi[j]!)}L${at(lo[j]!)}Z`)
		.join('');
}

export type MarkerShape = 'circle' | 'diamond' | 'square' | 'triangle';

/** A point marker centred on `p`, `size` across, as SVG path data. */
export function markerPath(shape: MarkerShape, p: Point, size: number): string {
	const r = size / 2;
	const pt = (x: number, y: number) => `${round(p.x + x)} ${round(p.y + y)}`;
	switch (shape) {
		case 'circle':
			return `M${pt(-r, 0)}A${r} ${r} 0 1 0 ${pt(r, 0)}A${r} ${r} 0 1 0 ${pt(-r, 0)}Z`;
		case 'diamond': {
			const d = r * 1.3;
			return `M${pt(0, -d)}L${pt(d, 0)}L${pt(0, d)}L${pt(-d, 0)}Z`;
		}
		case 'square':
			return `M${pt(-r, -r)}L${pt(r, -r)}L${pt(r, r)}L${pt(-r, r)}Z`;
		case 'triangle': {
			const t = r * 1.3;
			return `M${pt(0, -t)}L${pt(t, t * 0.75)}L${pt(-t, t * 0.75)}Z`;
		}
	}
}
