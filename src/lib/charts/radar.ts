/**
 * The only place Chart.js is imported: registering the radar parts alone keeps the rest of
 * Chart.js out of the bundle (importing `chart.js/auto` anywhere would pull it all in). No
 * Tooltip: hover tooltips on a canvas reach neither keyboards nor screen readers, and the data
 * table next to every radar already gives each value.
 */
import {
	Chart,
	Filler,
	Legend,
	LineElement,
	PointElement,
	RadarController,
	RadialLinearScale
} from 'chart.js';

Chart.register(RadarController, RadialLinearScale, PointElement, LineElement, Filler, Legend);

export { Chart };
