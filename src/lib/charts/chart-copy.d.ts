/**
 * A second instance of the Chart.js module for the campaign dashboard's bar charts (see bars.ts):
 * the same code and types as `chart.js`, under a module id of its own.
 */
declare module 'chart.js?bars' {
	export * from 'chart.js';
}
