/**
 * Chart.js for the level distribution bars of the campaign dashboard: registers the stacked bar
 * parts alone (no Tooltip, for the same reason as the radar: the data table gives each value),
 * and draws the fill patterns that tell levels apart without colour. Never imported by the
 * participant pages, whose bundle keeps the radar parts only.
 */
import {
	BarController,
	BarElement,
	CategoryScale,
	Chart,
	Legend,
	LinearScale
} from 'chart.js?bars';
import { LEVEL_PATTERN_INK, type LevelPattern } from './level-bars-config';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend);

/** A repeating fill: `colour` with a light `pattern` over it (plain colour for 'none'). */
export function patternFill(colour: string, pattern: LevelPattern): CanvasPattern | string {
	const size = 10;
	const tile = document.createElement('canvas');
	tile.width = tile.height = size;
	const ctx = tile.getContext('2d');
	if (!ctx || pattern === 'none') return colour;
	ctx.fillStyle = colour;
	ctx.fillRect(0, 0, size, size);
	ctx.strokeStyle = ctx.fillStyle = LEVEL_PATTERN_INK;
	ctx.lineWidth = 2;
	const line = (x1: number, y1: number, x2: number, y2: number) => {
		ctx.beginPath();
		ctx.moveTo(x1, y1);
		ctx.lineTo(x2, y2);
		ctx.stroke();
	};
	if (pattern === 'diagonal' || pattern === 'cross') {
		line(0, size, size, 0);
		line(-size / 2, size / 2, size / 2, -size / 2);
		line(size / 2, size * 1.5, size * 1.5, size / 2);
	}
	if (pattern === 'cross') {
		line(0, 0, size, size);
		line(-size / 2, size / 2, size / 2, size * 1.5);
		line(size / 2, -size / 2, size * 1.5, size / 2);
	}
	if (pattern === 'horizontal' || pattern === 'grid') line(0, size / 2, size, size / 2);
	if (pattern === 'vertical' || pattern === 'grid') line(size / 2, 0, size / 2, size);
	if (pattern === 'dots') {
		ctx.beginPath();
		ctx.arc(size / 2, size / 2, 2, 0, Math.PI * 2);
		ctx.fill();
	}
	return ctx.createPattern(tile, 'repeat') ?? colour;
}

export { Chart };
