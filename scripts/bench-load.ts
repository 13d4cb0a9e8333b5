/**
 * `npm run bench:load`: the workshop burst (security notes LOAD-01, scenario A) against the
 * production build, measured from the client side. 300 participants arrive over 60 s; each opens
 * the diagnostic's intro page, starts, saves 8 pages (each page opened, then saved as the form
 * does without JavaScript; a diagnostic with fewer pages adds autosaves, nav=stay, to reach 8),
 * submits on the last page, then opens their results, with a think time before each action.
 *
 * It starts `node build` itself (as `npm start` does) on a fresh DATA_DIR — and, with
 * `--postgres`, a second time on a fresh database of a throwaway PostgreSQL server
 * (tests/helpers/postgres.ts) — and prints, per store:
 * - errors, counted by status (`network` and `timeout` for requests that got no answer);
 * - p50 and p95 per step (intro, start, page view, page save, submit, results), next to the same
 *   step's median when one participant runs alone, measured first in the same run (the baseline);
 * - the server's event-loop delay over the whole run: with REPERES_EVENT_LOOP_STATS=1 the server
 *   samples it with `monitorEventLoopDelay` (a timer due every 10 ms; its lateness is the delay)
 *   and logs the percentiles and its peak RSS when it stops; plus /healthz latency seen by the
 *   client once a second (event loop, HTTP and the store's ping together);
 * - the store read after the server stopped: participations and completed ones, against the
 *   starts and submits acknowledged (303) — they must be equal.
 * Targets are printed beside the figures; nothing is asserted. The client runs on the same
 * machine as the server: the load average is printed with the figures.
 *
 * Options: --participants N (300), --arrival-s S (60), --think-ms MIN-MAX (5000-15000; the notes'
 * workshop profile is 20000-60000), --diagnostic ID (maturite-of, or e-formateur), --seed N (1),
 * --postgres (the PostgreSQL run after the embedded one), --smoke (run by `npm test`,
 * tests/bench/smoke.test.ts: 3 participants over 1 s with 0–50 ms think time and one baseline
 * journey unless the options above say otherwise, to show that it still runs).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { startServer } from '../tests/helpers/server';
import { answerForm, readSaveForm } from '../tests/helpers/page-form';
import { postgresUnavailable, startPostgres } from '../tests/helpers/postgres';
import type { Backend } from '../src/lib/server/storage/backend';
import { openLowdb } from '../src/lib/server/storage/lowdb-backend';
import { openPostgres } from '../src/lib/server/storage/postgres-backend';
import { hashToken } from '../src/lib/server/storage/tokens';
import { quantile, seededRandom } from './bench-stats';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SAVES = 8;
const SMOKE = process.argv.includes('--smoke');
const BASELINE_JOURNEYS = SMOKE ? 1 : 3; // after one warm-up journey, alone, no think time
const REQUEST_TIMEOUT_MS = 30_000;
const HEALTH_EVERY_MS = 1000;
const TARGETS = {
	'page save': 300,
	submit: 500, // LOAD-01
	results: 800
} as Record<string, number>;
const EVENT_LOOP_P99_TARGET_MS = 100; // LOAD-01
const RSS_TARGET_MB = 512; // LOAD-01
const STEPS = ['intro', 'start', 'page view', 'page save', 'submit', 'results'] as const;
type Step = (typeof STEPS)[number];

function option(name: string, fallback: string): string {
	const i = process.argv.indexOf(`--${name}`);
	return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}
const PARTICIPANTS = Number(option('participants', SMOKE ? '3' : '300'));
const ARRIVAL_S = Number(option('arrival-s', SMOKE ? '1' : '60'));
const [THINK_MIN, THINK_MAX] = option('think-ms', SMOKE ? '0-50' : '5000-15000')
	.split('-')
	.map(Number) as [number, number];
const DIAGNOSTIC = option('diagnostic', 'maturite-of');
const SEED = Number(option('seed', '1'));
const WITH_POSTGRES = process.argv.includes('--postgres');
for (const [name, v] of Object.entries({ PARTICIPANTS, ARRIVAL_S, THINK_MIN, THINK_MAX, SEED })) {
	if (!Number.isFinite(v) || v < 0) throw new Error(`bad option ${name}: ${v}`);
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** What one run records: timings per step, errors by status, acknowledged tokens. */
class Recorder {
	times = new Map<Step, number[]>(STEPS.map((s) => [s, []]));
	errors = new Map<string, number>();
	started: string[] = [];
	submitted: string[] = [];
	journeys = 0;

	error(step: Step | 'healthz', status: string) {
		const key = `${step}: ${status}`;
		this.errors.set(key, (this.errors.get(key) ?? 0) + 1);
	}
}

/** One participant's journey; returns false if a step failed (the journey stops there). */
async function journey(
	url: string,
	rec: Recorder,
	rnd: () => number,
	think: () => Promise<void>
): Promise<boolean> {
	const FORM = {
		'content-type': 'application/x-www-form-urlencoded',
		accept: 'text/html',
		origin: url
	};
	/** One timed request; the body is read (the client has the page); null on failure. */
	const request = async (
		step: Step,
		expected: number,
		target: string,
		body?: [string, string][]
	) => {
		const began = performance.now();
		try {
			const response = await fetch(`${url}${target}`, {
				method: body ? 'POST' : 'GET',
				redirect: 'manual',
				headers: body ? FORM : { accept: 'text/html' },
				body: body ? new URLSearchParams(body) : undefined,
				signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS)
			});
			const text = await response.text();
			rec.times.get(step)!.push(performance.now() - began);
			if (response.status !== expected) {
				rec.error(step, String(response.status));
				return null;
			}
			return { text, location: response.headers.get('location') };
		} catch (e) {
			rec.error(step, (e as Error).name === 'TimeoutError' ? 'timeout' : 'network');
			return null;
		}
	};
	const pick = (n: number) => Math.floor(rnd() * n);

	const intro = await request('intro', 200, `/diagnostics/${DIAGNOSTIC}`);
	const attempt = intro && /name="attempt" value="([^"]+)"/.exec(intro.text)?.[1];
	if (!attempt) return false;
	await think();
	const start = await request('start', 303, `/diagnostics/${DIAGNOSTIC}?/start`, [
		['attempt', attempt]
	]);
	const token = start?.location?.split('/').at(-1);
	if (!token) return false;
	rec.started.push(token);
	const link = `/p/${token}`;
	let view = await request('page view', 200, link);
	let saves = 0;
	for (;;) {
		const form = view && readSaveForm(view.text);
		if (!form) return false;
		await think();
		const fields = answerForm(form, pick);
		const last = pagesLeft(form.page) === 0;
		// Fewer pages than saves: autosave first (as the enhanced form does while typing), as
		// many times as the pages left cannot make up.
		if (SAVES - saves > pagesLeft(form.page)) {
			if (!(await request('page save', 200, `${link}?/save`, [...fields, ['nav', 'stay']]))) {
				return false;
			}
			saves++;
			continue;
		}
		const step: Step = last ? 'submit' : 'page save';
		if (!(await request(step, 303, `${link}?/save`, [...fields, ['nav', 'next']]))) return false;
		if (last) break;
		saves++;
		view = await request('page view', 200, link);
	}
	rec.submitted.push(token);
	await think();
	const results = await request('results', 200, link);
	if (!results || !results.text.includes('id="overall-title"')) {
		if (results) rec.error('results', 'no results shown');
		return false;
	}
	rec.journeys++;
	return true;
}

/** The diagnostic's pages in order (bundled package): the last one submits. */
const PAGES = (
	JSON.parse(
		await readFile(
			path.join(ROOT, 'src', 'lib', 'questionnaires', DIAGNOSTIC, 'survey.json'),
			'utf8'
		)
	) as { pages: { name: string }[] }
).pages.map((p) => p.name);
/** Pages after this one, the last (submit) page included. */
const pagesLeft = (page: string) => PAGES.length - 1 - PAGES.indexOf(page);

const ms = (v: number) => (Number.isNaN(v) ? '—' : `${v.toFixed(0)} ms`);
const sorted = (v: number[]) => [...v].sort((a, b) => a - b);

/** What the store holds after the run, against what was acknowledged and what got no answer. */
interface StoreCheck {
	participations: number;
	completed: number;
	ackStarts: number;
	ackSubmits: number;
	/** Acknowledged starts or submits not in the store as acknowledged: must be 0. */
	missing: number;
	/** Starts and submits that got no answer (timeout, connection): they may or may not be stored. */
	unansweredStarts: number;
	unansweredSubmits: number;
}

async function checkStore(store: Backend, recorders: Recorder[]): Promise<StoreCheck> {
	let participations = 0;
	let completed = 0;
	for await (const r of store.dump()) {
		if (r.type !== 'participation') continue;
		participations++;
		if (r.data.status === 'completed') completed++;
	}
	const started = recorders.flatMap((r) => r.started);
	const submitted = recorders.flatMap((r) => r.submitted);
	let missing = 0;
	for (const t of started) {
		if (!(await store.participations.byTokenHash(hashToken(t)))) missing++;
	}
	for (const t of submitted) {
		if ((await store.participations.byTokenHash(hashToken(t)))?.status !== 'completed') missing++;
	}
	const unanswered = (step: Step) =>
		recorders.reduce(
			(n, r) =>
				n + (r.errors.get(`${step}: timeout`) ?? 0) + (r.errors.get(`${step}: network`) ?? 0),
			0
		);
	return {
		participations,
		completed,
		ackStarts: started.length,
		ackSubmits: submitted.length,
		missing,
		unansweredStarts: unanswered('start'),
		unansweredSubmits: unanswered('submit')
	};
}

interface ServerStats {
	samples: number;
	p50_ms: number;
	p99_ms: number;
	max_ms: number;
	max_rss_mb: number;
	cpu_ms: number;
}

async function run(
	kind: 'lowdb' | 'postgres',
	env: Record<string, string>,
	open: () => Promise<Backend>
) {
	const dir = await mkdtemp(path.join(tmpdir(), 'reperes-load-'));
	const logFile = path.join(dir, 'server.log');
	const { url, child } = await startServer({ ...env, REPERES_EVENT_LOOP_STATS: '1' }, logFile);
	const load = loadavg();
	const rec = new Recorder();
	const began = performance.now();
	try {
		// Baseline: one participant alone, no think time (after one warm-up journey, not counted).
		const warm = new Recorder();
		await journey(url, warm, seededRandom(SEED + 1_000_000), async () => {});
		const alone = new Recorder();
		for (let i = 0; i < BASELINE_JOURNEYS; i++) {
			await journey(url, alone, seededRandom(SEED + 2_000_000 + i), async () => {});
		}

		// The burst, with /healthz probed once a second meanwhile.
		const health: number[] = [];
		let probing = true;
		const probe = (async () => {
			while (probing) {
				const t = performance.now();
				try {
					const r = await fetch(`${url}/healthz`, {
						signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS)
					});
					await r.text();
					if (r.ok) health.push(performance.now() - t);
					else rec.error('healthz', String(r.status));
				} catch {
					rec.error('healthz', 'network');
				}
				await sleep(HEALTH_EVERY_MS);
			}
		})();
		const burstBegan = performance.now();
		await Promise.all(
			Array.from({ length: PARTICIPANTS }, async (_, i) => {
				const rnd = seededRandom(SEED * 100_003 + i);
				await sleep((i * ARRIVAL_S * 1000) / PARTICIPANTS);
				await journey(url, rec, rnd, () => sleep(THINK_MIN + rnd() * (THINK_MAX - THINK_MIN)));
			})
		);
		const burstSeconds = (performance.now() - burstBegan) / 1000;
		probing = false;
		await probe;

		const exited = new Promise((r) => child.once('exit', r));
		child.kill('SIGTERM');
		await exited;
		const serverLog = await readFile(logFile, 'utf8');
		const stats = serverLog
			.split('\n')
			.filter((l) => l.includes('"server.event_loop_delay"'))
			.map((l) => JSON.parse(l) as ServerStats)[0];
		const store = await open();
		// Baseline and warm-up journeys are in the store too.
		const check = await checkStore(store, [warm, alone, rec]).finally(() => store.close());
		for (const r of [warm, alone]) {
			for (const [k, v] of r.errors) rec.errors.set(`(baseline) ${k}`, v);
		}
		report(kind, { rec, alone, health, stats, check, burstSeconds, load });
	} finally {
		if (child.exitCode === null && child.signalCode === null) {
			const exited = new Promise((r) => child.once('exit', r));
			child.kill('SIGTERM');
			await exited;
		}
		await rm(dir, { recursive: true, force: true });
		console.log(`(${kind} run: ${((performance.now() - began) / 1000).toFixed(0)} s in all)`);
	}
}

function report(
	kind: string,
	r: {
		rec: Recorder;
		alone: Recorder;
		health: number[];
		stats: ServerStats | undefined;
		check: StoreCheck;
		burstSeconds: number;
		load: number[];
	}
) {
	const { rec, alone, health, stats } = r;
	console.log(
		`\n## Workshop burst — ${kind === 'lowdb' ? 'embedded store (DATA_DIR)' : 'PostgreSQL'}`
	);
	console.log(
		`burst: ${r.burstSeconds.toFixed(0)} s, ${rec.journeys}/${PARTICIPANTS} journeys completed; ` +
			`load average before ${r.load.map((l) => l.toFixed(1)).join(' ')}, after ${loadavg()
				.map((l) => l.toFixed(1))
				.join(' ')}`
	);
	const rows = STEPS.map((step) => {
		const all = sorted(rec.times.get(step)!);
		const base = quantile(sorted(alone.times.get(step)!), 0.5);
		const p95 = quantile(all, 0.95);
		const target = TARGETS[step];
		return [
			step,
			String(all.length),
			ms(quantile(all, 0.5)),
			ms(p95),
			ms(base),
			Number.isNaN(base) || Number.isNaN(p95) ? '—' : `${(p95 / base).toFixed(1)}×`,
			target
				? `p95 < ${target} ms: ${Number.isNaN(p95) ? 'no request' : p95 < target ? 'met' : 'NOT met'}`
				: ''
		];
	});
	const header = ['step', 'requests', 'p50', 'p95', 'alone p50', 'p95 / alone', 'target'];
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
	const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ');
	console.log(line(header));
	console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
	for (const row of rows) console.log(line(row));

	const errors = [...rec.errors].map(([k, v]) => `${k} × ${v}`);
	console.log(`errors (target 0): ${errors.length ? errors.join(', ') : '0'}`);
	const h = sorted(health);
	console.log(
		`/healthz seen by the client, once a second (${h.length}): p50 ${ms(quantile(h, 0.5))}, p95 ${ms(quantile(h, 0.95))}, max ${ms(h.at(-1) ?? NaN)}`
	);
	console.log(
		stats
			? `server event-loop delay over the run (${stats.samples} samples of a 10 ms timer): p50 ${stats.p50_ms} ms, ` +
					`p99 ${stats.p99_ms} ms (target < ${EVENT_LOOP_P99_TARGET_MS} ms: ${stats.p99_ms < EVENT_LOOP_P99_TARGET_MS ? 'met' : 'NOT met'}), ` +
					`max ${stats.max_ms} ms; peak RSS ${stats.max_rss_mb} MB (target < ${RSS_TARGET_MB} MB)`
			: 'server event-loop delay: no server.event_loop_delay line in the log (did it stop cleanly?)'
	);
	// Latencies depend on what else the machine runs; the server's CPU time hardly does.
	const answered = [...rec.times.values(), ...alone.times.values()].reduce(
		(n, t) => n + t.length,
		0
	);
	if (stats) {
		console.log(
			`server CPU over the run (user + system, baseline and warm-up included): ${(stats.cpu_ms / 1000).toFixed(1)} s ` +
				`for ≥ ${answered} answered requests: ≤ ${(stats.cpu_ms / answered).toFixed(1)} ms per request; ` +
				`burst throughput ${(rec.times.get('page save')!.length / r.burstSeconds).toFixed(1)} page saves/s, ` +
				`${([...rec.times.values()].reduce((n, t) => n + t.length, 0) / r.burstSeconds).toFixed(1)} requests/s`
		);
	}
	const c = r.check;
	const extraStarts = c.participations - c.ackStarts;
	const extraSubmits = c.completed - c.ackSubmits;
	// Every acknowledgement stored; anything more comes from requests whose answer was lost.
	const consistent =
		c.missing === 0 &&
		extraStarts >= 0 &&
		extraStarts <= c.unansweredStarts &&
		extraSubmits >= 0 &&
		extraSubmits <= c.unansweredSubmits;
	const equal = consistent && extraStarts === 0 && extraSubmits === 0;
	// A smoke run judges no target, but journeys that fail or a store that disagrees say the
	// benchmark itself no longer works (a form it fills changed, a route moved).
	if (SMOKE && (rec.journeys < PARTICIPANTS || !consistent)) {
		console.error(
			`smoke run: ${PARTICIPANTS - rec.journeys} of ${PARTICIPANTS} journeys failed` +
				(consistent ? '' : ', and the store disagrees with what was acknowledged')
		);
		process.exitCode = 1;
	}
	console.log(
		`store after the run: ${c.participations} participations for ${c.ackStarts} acknowledged starts, ` +
			`${c.completed} completed for ${c.ackSubmits} acknowledged submits; ${c.missing} acknowledged missing; ` +
			(equal
				? 'stored = acknowledged'
				: consistent
					? `the ${extraStarts} + ${extraSubmits} more come from starts and submits that got no answer ` +
						`(${c.unansweredStarts} and ${c.unansweredSubmits}): stored ⊇ acknowledged`
					: 'NOT CONSISTENT')
	);
}

if (!existsSync(path.join(ROOT, 'build', 'index.js'))) {
	console.log('No build/index.js: npm run build first.');
	const npm = process.env.npm_execpath;
	const build = npm
		? spawnSync(process.execPath, [npm, 'run', 'build'], { cwd: ROOT, stdio: 'inherit' })
		: spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
	if (build.status !== 0) process.exit(build.status ?? 1);
}

console.log(
	`Workshop burst: ${PARTICIPANTS} participants arriving over ${ARRIVAL_S} s ` +
		`(${(PARTICIPANTS / ARRIVAL_S).toFixed(1)}/s), think ${THINK_MIN}–${THINK_MAX} ms before each action, ` +
		`diagnostic ${DIAGNOSTIC}, ${SAVES} page saves then the submit, seed ${SEED}; ` +
		`production build (node build), one process; client on the same machine.`
);
console.log(
	'Targets (2 cores): 0 errors, p95 page save < 300 ms, p95 results < 800 ms; from LOAD-01 also ' +
		'p95 submit < 500 ms, event-loop p99 < 100 ms, RSS < 512 MB.'
);

const dataDir = await mkdtemp(path.join(tmpdir(), 'reperes-load-data-'));
try {
	await run('lowdb', { DATA_DIR: dataDir }, () => openLowdb(dataDir));
} finally {
	await rm(dataDir, { recursive: true, force: true });
}
if (WITH_POSTGRES) {
	const server = await startPostgres();
	if (!server) {
		console.log(`\nPostgreSQL run NOT RUN: ${postgresUnavailable()}`);
	} else {
		try {
			const url = await server.createDatabase();
			await run('postgres', { DATABASE_URL: url }, () =>
				openPostgres({ url, poolSize: 2, poolTimeoutMs: 5000 })
			);
		} finally {
			await server.stop();
		}
	}
}
