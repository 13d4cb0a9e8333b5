/**
 * Chart.js configuration of the results radar, as plain data (unit-tested). Series differ by
 * line style and point shape as well as colour, so that nothing relies on colour alone.
 */

/** Colours of the series, checked for ≥ 3:1 contrast against white by a unit test. */
export const RADAR_PALETTE = {
	now: '#1d4f91',
	before: '#8a4b00',
	q1: '#6a3d9a',
	q3: '#00695c',
	grid: '#767676'
} as const;

export interface RadarSeries {
	label: string;
	/** One 0–100 score per axis; null where data is insufficient. */
	data: (number | null)[];
	/** The participant's scores, a previous attempt's, or a group's first and third quartiles. */
	kind: 'now' | 'before' | 'q1' | 'q3';
}

/** Line and point style per series, so that no series is told apart by colour alone. */
const STYLE = {
	now: { width: 3, dash: [], point: 'circle' },
	before: { width: 2, dash: [6, 4], point: 'rectRot' },
	q1: { width: 2, dash: [2, 3], point: 'triangle' },
	q3: { width: 2, dash: [10, 4], point: 'rect' }
} as const;

/** Splits a long axis name into lines of about `width` characters, so that it is not clipped. */
export function wrapLabel(label: string, width = 18): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of label.split(/\s+/)) {
		if (line && (line + ' ' + word).length > width) {
			lines.push(line);
			line = word;
		} else line = line ? `${line} ${word}` : word;
	}
	if (line) lines.push(line);
	return lines;
}

/** A Chart.js radar config for axes (area names) and its series (one is the filled 'now'). */
export function radarConfig(axes: string[], series: RadarSeries[]) {
	return {
		type: 'radar' as const,
		data: {
			labels: axes.map((a) => wrapLabel(a)),
			datasets: series.map((s) => ({
				label: s.label,
				data: s.data,
				borderColor: RADAR_PALETTE[s.kind],
				backgroundColor: s.kind === 'now' ? 'rgba(29, 79, 145, 0.15)' : 'rgba(0, 0, 0, 0)',
				borderWidth: STYLE[s.kind].width,
				borderDash: [...STYLE[s.kind].dash],
				pointStyle: STYLE[s.kind].point,
				pointRadius: 4,
				pointBackgroundColor: RADAR_PALETTE[s.kind],
				spanGaps: false,
				fill: s.kind === 'now'
			}))
		},
		options: {
			responsive: true,
			maintainAspectRatio: true,
			animation: false as const,
			scales: {
				r: {
					min: 0,
					max: 100,
					ticks: { stepSize: 20, backdropColor: 'rgba(255, 255, 255, 0.8)', color: '#333333' },
					grid: { color: RADAR_PALETTE.grid },
					angleLines: { color: RADAR_PALETTE.grid },
					pointLabels: { color: '#1b1f24', font: { size: 12 } }
				}
			},
			plugins: {
				legend: { display: series.length > 1, labels: { usePointStyle: true, color: '#1b1f24' } }
			}
		}
	};
}
