/**
 * The only place Chart.js is imported: registering the radar parts alone keeps the rest of
 * Chart.js out of the bundle (importing `chart.js/auto` anywhere would pull it all in).
 */
import {
	Chart,
	Filler,
	Legend,
	LineElement,
	PointElement,
	RadarController,
	RadialLinearScale,
	Tooltip
} from 'chart.js';

Chart.register(
	RadarController,
	RadialLinearScale,
	PointElement,
	LineElement,
	Filler,
	Tooltip,
	Legend
);

export { Chart };
