/**
 * Event-loop delay of the server over its life, for the load test (REPERES_EVENT_LOOP_STATS=1):
 * a timer due every 10 ms records how late it runs; at shutdown one log line gives the
 * percentiles of that lateness (the 10 ms period taken off), the CPU time the process used
 * meanwhile (user + system: unlike latencies, it hardly depends on what else the machine runs)
 * and the peak resident memory.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { log } from './log';

const RESOLUTION_MS = 10;

/** Starts measuring; the figures are logged once, when the HTTP server has drained. */
export function logEventLoopDelayAtShutdown(): void {
	const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
	histogram.enable();
	const cpuAtStart = process.cpuUsage();
	// Lateness beyond the timer's own period, in milliseconds.
	const lag = (ns: number) => Math.max(0, Math.round((ns / 1e6 - RESOLUTION_MS) * 10) / 10);
	process.once('sveltekit:shutdown', () => {
		histogram.disable();
		const cpu = process.cpuUsage(cpuAtStart);
		log('info', 'server.event_loop_delay', {
			samples: histogram.count,
			p50_ms: lag(histogram.percentile(50)),
			p99_ms: lag(histogram.percentile(99)),
			max_ms: lag(histogram.max),
			cpu_ms: Math.round((cpu.user + cpu.system) / 1000),
			max_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024)
		});
	});
}
