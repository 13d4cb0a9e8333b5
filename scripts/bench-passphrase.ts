/**
 * `npm run bench:passphrase`: does a burst of wrong management passphrases slow down everyone
 * else? (issue [6] point 2, ADR 0023). scrypt runs on libuv's thread pool, which the embedded
 * store's file writes need too; before the cap on concurrent checks, 300 wrong passphrases made
 * a diagnostic start take 16 s instead of 80 ms.
 *
 * It starts the production build (`node build`) on a fresh DATA_DIR with
 * ADDRESS_HEADER=x-forwarded-for, so that each try can come from an address of its own (values
 * of the header only, from the benchmarking range 198.18.0.0/15: no traffic goes anywhere but
 * the local server), creates a campaign with a passphrase, then:
 * 1. quiet: starts diagnostics one after another and times each start (a form post that writes
 *    a participation to disk);
 * 2. burst: sends the wrong passphrases all at once, each from its own address, and meanwhile
 *    keeps starting diagnostics one after another, timed the same way, until every try is
 *    answered.
 * It prints p50 and p95 of both, the ratio burst ÷ quiet (target ≤ 2; printed, not asserted),
 * how many passphrases were verified (answered 400), and how many were refused because every
 * check was taken (429). Then bursts of 100 and 300 wrong passphrases from one address, each
 * followed by the right one: how many were verified (the address's budget is 5). Nothing is
 * asserted.
 *
 * Options: --burst N (300), --quiet N (40 starts), --diagnostic ID (maturite-of), --smoke (a
 * burst of 30 and 5 quiet starts: checks that the script runs).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { startServer } from '../tests/e2e/global-setup';
import { quantile } from './bench-stats';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SMOKE = process.argv.includes('--smoke');

function option(name: string, fallback: string): string {
	const i = process.argv.indexOf(`--${name}`);
	return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}
const BURST = Number(option('burst', SMOKE ? '30' : '300'));
const QUIET = Number(option('quiet', SMOKE ? '5' : '40'));
const DIAGNOSTIC = option('diagnostic', 'maturite-of');
for (const [name, v] of Object.entries({ BURST, QUIET })) {
	if (!Number.isInteger(v) || v < 1) throw new Error(`bad option ${name}: ${v}`);
}
const PASSPHRASE = 'une phrase secrète assez longue';
/** Bursts from a single address, after the main one. */
const ONE_ADDRESS_BURSTS = SMOKE ? [20] : [100, 300];
const TARGET_RATIO = 2;
const TIMEOUT_MS = 60_000;

/** The n-th address of the benchmarking range (RFC 2544): a header value, never a target. */
const address = (n: number) => `198.18.${Math.floor(n / 250) % 250}.${(n % 250) + 1}`;

const ms = (v: number) => (Number.isNaN(v) ? '—' : `${v.toFixed(0)} ms`);

if (!existsSync(path.join(ROOT, 'build', 'index.js'))) {
	console.log('No build/index.js: npm run build first.');
	const npm = process.env.npm_execpath;
	const build = npm
		? spawnSync(process.execPath, [npm, 'run', 'build'], { cwd: ROOT, stdio: 'inherit' })
		: spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
	if (build.status !== 0) process.exit(build.status ?? 1);
}

const dir = await mkdtemp(path.join(tmpdir(), 'reperes-bench-passphrase-'));
const logFile = path.join(dir, 'server.log');
const { url, child } = await startServer(
	{
		DATA_DIR: path.join(dir, 'data'),
		ADDRESS_HEADER: 'x-forwarded-for',
		XFF_DEPTH: '1'
	},
	logFile
);

/** A form post from `from`, as a browser without JavaScript sends it. */
const post = (route: string, fields: [string, string][], from: string) =>
	fetch(`${url}${route}`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			origin: url,
			'content-type': 'application/x-www-form-urlencoded',
			accept: 'text/html',
			'x-forwarded-for': from
		},
		body: new URLSearchParams(fields),
		signal: AbortSignal.timeout(TIMEOUT_MS)
	});

let starts = 0;
/** One diagnostic start, timed from the post to the end of its answer; NaN if it failed. */
async function timedStart(): Promise<number> {
	// Starts come from addresses of their own too: their budget is not what is measured.
	const from = address(100_000 + starts++);
	const began = performance.now();
	try {
		const r = await post(`/diagnostics/${DIAGNOSTIC}?/start`, [], from);
		await r.text();
		return r.status === 303 ? performance.now() - began : NaN;
	} catch {
		return NaN;
	}
}

try {
	const created = await post(
		'/campagnes/nouvelle',
		[
			['name', 'Campagne du banc d’essai'],
			['diagnostics', DIAGNOSTIC],
			['k', '3'],
			['passphrase', PASSPHRASE]
		],
		address(0)
	);
	const token = created.headers.get('location')?.split('/').at(-1);
	if (created.status !== 303 || !token) throw new Error(`campaign not created (${created.status})`);

	// Warm-up (first renders, first writes), not counted.
	for (let i = 0; i < 3; i++) await timedStart();

	const quiet: number[] = [];
	for (let i = 0; i < QUIET; i++) quiet.push(await timedStart());

	const statuses = new Map<string, number>();
	const count = (key: string) => statuses.set(key, (statuses.get(key) ?? 0) + 1);
	let answered = 0;
	const burstBegan = performance.now();
	const burst = Promise.all(
		Array.from({ length: BURST }, async (_, i) => {
			try {
				const r = await post(
					`/campagnes/${token}?/unlock`,
					[['passphrase', `mauvaise-phrase-${i}`]],
					address(i + 1)
				);
				const text = await r.text();
				count(
					r.status === 429
						? text.includes('vérifie déjà')
							? '429 (every check taken)'
							: '429 (budget spent)'
						: String(r.status)
				);
			} catch (e) {
				count((e as Error).name === 'TimeoutError' ? 'timeout' : 'network');
			} finally {
				answered++;
			}
		})
	);
	const during: number[] = [];
	// Starts one after another while tries are unanswered (at least one, measured inside it).
	do {
		during.push(await timedStart());
	} while (answered < BURST);
	await burst;
	const burstSeconds = (performance.now() - burstBegan) / 1000;

	const ok = (v: number[]) => v.filter((x) => !Number.isNaN(x));
	const [q, d] = [ok(quiet), ok(during)];
	const [q50, q95, d50, d95] = [
		quantile(q, 0.5),
		quantile(q, 0.95),
		quantile(d, 0.5),
		quantile(d, 0.95)
	];
	const ratio = d50 / q50;
	const verified = statuses.get('400') ?? 0;
	const logged = (await readFile(logFile, 'utf8'))
		.split('\n')
		.filter((l) => l.includes('"lookup.failed"')).length;

	console.log(
		`Passphrase burst${SMOKE ? ' (smoke)' : ''}: ${BURST} wrong passphrases at once, each from its own ` +
			`address, against one campaign; diagnostic starts (${DIAGNOSTIC}) timed alone, then during the ` +
			`burst; production build, embedded store; load average ${loadavg()
				.map((l) => l.toFixed(1))
				.join(' ')}.`
	);
	console.log(
		`start, quiet (${q.length}${q.length < quiet.length ? `, ${quiet.length - q.length} failed` : ''}): ` +
			`p50 ${ms(q50)}, p95 ${ms(q95)}`
	);
	console.log(
		`start, during the burst (${d.length}${d.length < during.length ? `, ${during.length - d.length} failed` : ''}): ` +
			`p50 ${ms(d50)}, p95 ${ms(d95)}; burst answered in ${burstSeconds.toFixed(1)} s`
	);
	console.log(
		`burst ÷ quiet: p50 ${Number.isFinite(ratio) ? ratio.toFixed(2) : '—'}×, p95 ${
			Number.isFinite(d95 / q95) ? (d95 / q95).toFixed(2) : '—'
		}× (target p50 ≤ ${TARGET_RATIO}×: ${Number.isFinite(ratio) ? (ratio <= TARGET_RATIO ? 'met' : 'NOT met') : 'no figure'})`
	);
	console.log(
		`passphrases verified (answered 400): ${verified} of ${BURST}; ${logged} logged as lookup.failed; answers: ${[
			...statuses
		]
			.sort()
			.map(([k, v]) => `${k} × ${v}`)
			.join(', ')}`
	);

	// The same campaign, tries from one address: its budget (5 per 15 minutes) is what holds.
	for (const [n, size] of ONE_ADDRESS_BURSTS.entries()) {
		const from = address(200_000 + n);
		const answers = await Promise.all(
			Array.from({ length: size }, async (_, i) => {
				const r = await post(
					`/campagnes/${token}?/unlock`,
					[['passphrase', `autre-phrase-${n}-${i}`]],
					from
				);
				await r.text();
				return r.status;
			})
		);
		const right = await post(`/campagnes/${token}?/unlock`, [['passphrase', PASSPHRASE]], from);
		console.log(
			`one address, ${size} wrong passphrases at once: ${answers.filter((s) => s === 400).length} verified, ` +
				`${answers.filter((s) => s === 429).length} refused (429); the right one sent after them: ${right.status}`
		);
	}
} finally {
	if (child.exitCode === null && child.signalCode === null) {
		const exited = new Promise((r) => child.once('exit', r));
		child.kill('SIGTERM');
		await exited;
	}
	await rm(dir, { recursive: true, force: true });
}
