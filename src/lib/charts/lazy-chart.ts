/**
 * A Svelte attachment for a canvas chart whose code is fetched only when it is shown: it creates
 * the chart once loaded (unless removed meanwhile), records what was drawn and destroys it.
 */

/** What the attachment needs of a Chart.js instance. */
export interface DrawnChart {
	data: { labels?: unknown[]; datasets: { label?: string; data: unknown[] }[] };
	destroy(): void;
}

/** `load` fetches the chart's code and returns how to draw it on a canvas. */
export function lazyChart(load: () => Promise<(canvas: HTMLCanvasElement) => DrawnChart>) {
	return (canvas: HTMLCanvasElement) => {
		let instance: DrawnChart | undefined;
		let cancelled = false;
		void load().then((draw) => {
			if (cancelled) return;
			instance = draw(canvas);
			// What Chart.js actually draws, for the browser tests to compare with the table.
			canvas.dataset.chart = JSON.stringify({
				labels: instance.data.labels,
				series: instance.data.datasets.map((d) => ({ label: d.label, data: d.data }))
			});
		});
		return () => {
			cancelled = true;
			instance?.destroy();
		};
	};
}
