/** Whether every chart label can be read whole, for the browser tests (checkState). */
import type { Page } from 'playwright-core';
import { vi } from 'vitest';

/**
 * The chart labels a person cannot read whole at a viewport `width` px wide (issue [7]: « radar
 * labels are clipped »). Text in an SVG chart must lie within its <svg> (which clips what
 * overflows its view box), within every ancestor that clips, and within the viewport; a label
 * set as HTML beside the drawing must not be wider than its box. A canvas chart draws its
 * labels as pixels: ink touching a canvas's edge is a label (or a line) cut by it. Empty when
 * every label shows whole. Puts the viewport back as it was.
 */
export async function checkChartLabels(page: Page, width: number): Promise<string[]> {
	const viewport = page.viewportSize();
	const resize = viewport?.width !== width;
	if (resize) await page.setViewportSize({ width, height: viewport?.height ?? 720 });
	const measure = () =>
		page.evaluate(() => {
			const found: string[] = [];
			const TOLERANCE = 0.5;
			const name = (el: Element) => {
				const chart = el.closest('[data-radar], [data-level-bars], figure, [role="img"]') ?? el;
				const label =
					chart.querySelector('title')?.textContent ??
					chart.getAttribute('aria-label') ??
					el.getAttribute('aria-label') ??
					chart.tagName.toLowerCase();
				return label.trim().replace(/\s+/g, ' ').slice(0, 40);
			};
			const text = (el: Element) => (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
			const span = (r: DOMRect) =>
				`${Math.round(r.left)}–${Math.round(r.right)} × ${Math.round(r.top)}–${Math.round(r.bottom)}`;
			const outside = (r: DOMRect, c: DOMRect) =>
				r.left < c.left - TOLERANCE ||
				r.right > c.right + TOLERANCE ||
				r.top < c.top - TOLERANCE ||
				r.bottom > c.bottom + TOLERANCE;
			/** The first ancestor (from `from`) that clips and does not hold `r` whole. */
			const clipper = (from: Element | null, r: DOMRect) => {
				for (let a = from; a && a !== document.documentElement; a = a.parentElement) {
					const style = getComputedStyle(a);
					if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
					const c = a.getBoundingClientRect();
					// A scrolling region shows the rest once scrolled: only its other axis clips.
					const cutX =
						style.overflowX !== 'visible' &&
						(r.left < c.left - TOLERANCE || r.right > c.right + TOLERANCE);
					const cutY =
						style.overflowY !== 'visible' &&
						(r.top < c.top - TOLERANCE || r.bottom > c.bottom + TOLERANCE);
					if (cutX || cutY) return a;
				}
				return null;
			};
			const describe = (el: Element) =>
				`${el.tagName.toLowerCase()}${[...el.classList]
					.filter((c) => !c.startsWith('svelte-'))
					.map((c) => `.${c}`)
					.join('')}`;

			for (const svg of document.querySelectorAll<SVGSVGElement>('main svg')) {
				if (!svg.checkVisibility({ visibilityProperty: true })) continue;
				const frame = svg.getBoundingClientRect();
				if (frame.width < 1 || frame.height < 1) continue;
				const clips = getComputedStyle(svg).overflow !== 'visible';
				for (const label of svg.querySelectorAll('text')) {
					if (!label.checkVisibility({ visibilityProperty: true }) || !text(label)) continue;
					const r = label.getBoundingClientRect();
					if (clips && outside(r, frame)) {
						found.push(
							`« ${name(svg)} », label "${text(label)}" at ${span(r)} px is cut by its drawing (${span(frame)} px)`
						);
						continue;
					}
					const cut = clipper(svg.parentElement, r);
					if (cut) {
						found.push(
							`« ${name(svg)} », label "${text(label)}" at ${span(r)} px is cut by ${describe(cut)} (${span(cut.getBoundingClientRect())} px)`
						);
					} else if (r.left < -TOLERANCE || r.right > window.innerWidth + TOLERANCE) {
						found.push(
							`« ${name(svg)} », label "${text(label)}" at ${span(r)} px lies outside the ${window.innerWidth} px viewport`
						);
					}
				}
			}
			// Names, keys and legends set as HTML beside a drawing.
			for (const label of document.querySelectorAll<HTMLElement>(
				'main :is([data-radar], [data-level-bars]) :is(li, span, p)'
			)) {
				if (!label.checkVisibility({ visibilityProperty: true }) || !text(label)) continue;
				if (
					label.scrollWidth > label.clientWidth + 1 &&
					getComputedStyle(label).overflowX !== 'visible'
				)
					found.push(
						`« ${name(label)} », label "${text(label)}" holds ${label.scrollWidth} px in ${label.clientWidth} px`
					);
				const cut = clipper(label.parentElement, label.getBoundingClientRect());
				if (cut)
					found.push(`« ${name(label)} », label "${text(label)}" is cut by ${describe(cut)}`);
			}
			// A canvas keeps no text: ink on its outermost pixels is something drawn past its edge.
			let blank = 0;
			for (const canvas of document.querySelectorAll<HTMLCanvasElement>('main canvas')) {
				if (!canvas.checkVisibility({ visibilityProperty: true })) continue;
				const context = canvas.getContext('2d');
				const { width: w, height: h } = canvas;
				if (!context || w < 4 || h < 4) continue;
				// Not drawn yet (a chart whose code is still loading): measured on the next try.
				if (!context.getImageData(0, 0, w, h).data.some((v, i) => i % 4 === 3 && v > 0)) {
					blank++;
					continue;
				}
				const edges = {
					left: context.getImageData(0, 0, 2, h),
					right: context.getImageData(w - 2, 0, 2, h),
					top: context.getImageData(0, 0, w, 2),
					bottom: context.getImageData(0, h - 2, w, 2)
				};
				const inked = Object.entries(edges)
					.filter(([, image]) => {
						for (let i = 3; i < image.data.length; i += 4) {
							// Opaque and dark: text or a line, not a light tint.
							const [r, g, b] = [image.data[i - 3]!, image.data[i - 2]!, image.data[i - 1]!];
							if (image.data[i]! > 128 && r + g + b < 3 * 160) return true;
						}
						return false;
					})
					.map(([side]) => side);
				if (inked.length > 0)
					found.push(
						`« ${name(canvas)} », canvas drawn past its ${inked.join(', ')} edge (a label cut at ${Math.round(canvas.getBoundingClientRect().width)} px wide)`
					);
			}
			return { found: found.slice(0, 12), blank };
		});
	// Late layout (fonts, a chart sizing itself to its box, a canvas drawn once its code is
	// loaded) settles within a few frames.
	let cut: string[] = [];
	await vi
		.waitFor(
			async () => {
				const { found, blank } = await measure();
				cut = found;
				if (cut.length > 0 || blank > 0) throw new Error('cut, or a canvas not drawn yet');
			},
			{ timeout: 2_000, interval: 100 }
		)
		.catch(() => undefined);
	if (resize && viewport) await page.setViewportSize(viewport);
	return cut;
}
