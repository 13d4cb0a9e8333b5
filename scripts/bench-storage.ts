/**
 * `npm run bench:storage`: what the two storage implementations (ADR 0016) cost as they fill up,
 * each measured in the same run at 1 000, 10 000 and 100 000 stored participations of the
 * e-formateur diagnostic (real answers, real ScoreResults, so records have their real size):
 * - latency (p50, p95) of saving a page of answers (`participations.saveProgress` on an
 *   in-progress participation, a real page of the survey) and of a final submission
 *   (`participations.complete` with complete answers and their ScoreResult);
 * - the event-loop delay p99 (`monitorEventLoopDelay`, 1 ms resolution) during bursts of 100
 *   concurrent submissions (100 × `create` then `complete`, all at once);
 * - then the ratio 100 000 / 1 000 of the latencies (target ≤ 1.5) and whether the event-loop
 *   p99 stays < 50 ms;
 * - at 100 000, a campaign dashboard over its 10 000 participations (the reading and the
 *   computations of the dashboard's `load`, default view: wave T1 compared with T0, so the
 *   campaign has two waves of 5 000) against the time just to read and parse their data in the
 *   same run (lowdb: the 10 000 JSON files; PostgreSQL: a plain SELECT), target ≤ 2;
 * - for lowdb at each size, the time to open the store (it reads everything at start) and the
 *   process memory after opening.
 * - campaign creation (`campaigns.create`, as the form does) in a store holding 100, then
 *   10 000 campaigns, and the ratio of the two (target ≤ 1.5: a creation writes its own
 *   document or row, whatever the number of campaigns; ADR 0024);
 * Stores grow 1 000 → 10 000 → 100 000, seeded directly (files in the store's layout; multi-row
 * INSERTs through a plain pg client), not through the verbs; the seeding is flushed to disk
 * (`sync`; ANALYZE and CHECKPOINT) before anything is timed. PostgreSQL is a throwaway local
 * server (tests/helpers/postgres.ts), the app's pool at 10 connections; without it (no
 * initdb/pg_ctl, no TEST_DATABASE_URL) only lowdb runs.
 * Prints figures, asserts nothing. `--campaigns` measures campaign creation alone. `--smoke` runs the same steps at small sizes with a few
 * samples (a minute or so), so that CI shows the bench still runs; its figures mean little.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import pg from 'pg';
import { loadQuestionnaires, formatLocatedError } from '../src/lib/server/questionnaires/load';
import type { LoadedQuestionnaire } from '../src/lib/server/questionnaires/load';
import { findQuestionnaire, setQuestionnaires } from '../src/lib/server/questionnaires/registry';
import { surveyElements } from '../src/lib/diagnostic/survey-json';
import type { Locale } from '../src/lib/diagnostic/types';
import { scoreAnswers } from '../src/lib/scoring/score';
import type { Answers, ScoreResult } from '../src/lib/scoring/types';
import { dashboardView } from '../src/lib/server/campaigns/dashboard';
import { useBackend, type Backend } from '../src/lib/server/storage/backend';
import { openLowdb } from '../src/lib/server/storage/lowdb-backend';
import { openPostgres } from '../src/lib/server/storage/postgres-backend';
import { participationFile } from '../src/lib/server/storage/store';
import { writeDurably } from '../src/lib/server/storage/durable-file';
import { newToken } from '../src/lib/server/storage/tokens';
import type { Campaign, CampaignLink, Participation } from '../src/lib/server/storage/records';
import * as participations from '../src/lib/server/storage/participations';
import * as campaigns from '../src/lib/server/storage/campaigns';
import { postgresUnavailable, startPostgres, type TestPostgres } from '../tests/helpers/postgres';
import { quantile, seededRandom } from './bench-stats';

const SMOKE = process.argv.includes('--smoke');
/** `--campaigns`: campaign creation alone (a few minutes instead of the whole bench). */
const CAMPAIGNS_ONLY = process.argv.includes('--campaigns');
const DIAGNOSTIC = 'e-formateur';
// --smoke (run by `npm test`, tests/bench/smoke.test.ts): tiny stores, to show that it still runs.
const SIZES = SMOKE ? [100, 300] : [1_000, 10_000, 100_000];
const SAMPLES = SMOKE ? 20 : 1000;
const WARM_UP = SMOKE ? 5 : 50;
const BURST = SMOKE ? 10 : 100;
const BURSTS = SMOKE ? 1 : 3; // measured, after one warm-up burst
const CAMPAIGN_SIZE = SMOKE ? 100 : 10_000; // added with the last step
const DASHBOARD_RUNS = SMOKE ? 1 : 5; // after one warm-up run each
/** Campaigns stored when campaign creation is timed: few, then many. */
const CAMPAIGN_COUNTS = SMOKE ? [20, 200] : [100, 10_000];
const CREATIONS = SMOKE ? 10 : 200; // timed at each count, after a warm-up of a tenth
const IN_PROGRESS_SHARE = 0.2;
const POOL_SIZE = 10;
const BATCH = 1_000;
const TARGET_RATIO = 1.5;
const TARGET_LOOP_MS = 50;
const TARGET_DASHBOARD = 2;
const LOCALE: Locale = 'fr';
const DAY_MS = 86_400_000;

// A real collection before each memory reading (the figure is then live data, not garbage).
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s`;
const progress = (text: string) => console.log(`[${elapsed()}] ${text}`);

const rand = seededRandom(20_240_601);
const pick = <T>(list: T[]): T => list[Math.floor(rand() * list.length)]!;

const percentile = (values: number[], p: number) => quantile(values, p / 100);
const median = (values: number[]) => percentile(values, 50);
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
const ms = (v: number, digits = 2) => v.toFixed(digits);
const ok = (pass: boolean) => (pass ? '✓' : '✗');

/** Runs `task` over `items`, `width` at a time. */
async function eachLimited<T>(items: T[], width: number, task: (item: T) => Promise<void>) {
	let next = 0;
	await Promise.all(
		Array.from({ length: Math.min(width, items.length) }, async () => {
			while (next < items.length) await task(items[next++]!);
		})
	);
}

// ---------------------------------------------------------------------------------------------
// Realistic data: complete answer sets of the e-formateur diagnostic and their real results.

interface Sample {
	answers: Answers;
	result: ScoreResult;
}

interface Data {
	questionnaire: LoadedQuestionnaire;
	/** Question names of each page of the survey (what one page save carries). */
	pages: { name: string; questions: string[] }[];
	samples: Sample[];
}

/** A complete answer set: every scored question answered, about one in ten « not applicable ». */
function completeAnswers(q: LoadedQuestionnaire): Answers {
	const answers: Answers = {};
	for (const item of q.model.items) {
		const keys = Object.keys(item.points);
		const na = item.notApplicable.length > 0 && rand() < 0.1;
		const key = na ? pick(item.notApplicable) : pick(keys);
		if (item.row !== undefined) {
			answers[item.question] = { ...((answers[item.question] as object) ?? {}), [item.row]: key };
		} else if (item.kind === 'multiple') {
			answers[item.question] = na ? [key] : keys.filter(() => rand() < 0.5);
		} else answers[item.question] = key;
	}
	return answers;
}

async function loadData(): Promise<Data> {
	const loaded = await loadQuestionnaires([path.join('src', 'lib', 'questionnaires')]);
	if (!loaded.ok) throw new Error(loaded.errors.map(formatLocatedError).join('\n'));
	setQuestionnaires(loaded.questionnaires); // the dashboard finds its questionnaire by id
	const questionnaire = findQuestionnaire(DIAGNOSTIC);
	if (!questionnaire) throw new Error(`no ${DIAGNOSTIC} questionnaire`);
	const questions = new Set(questionnaire.model.items.map((i) => i.question));
	const pages = questionnaire.pkg.survey.pages.map((page, index) => ({
		name: page.name,
		questions: surveyElements(questionnaire.pkg.survey)
			.filter((e) => e.pageIndex === index && questions.has(e.element.name))
			.map((e) => e.element.name)
	}));
	const samples = Array.from({ length: 500 }, () => {
		const answers = completeAnswers(questionnaire);
		return { answers, result: scoreAnswers(questionnaire.model, answers) };
	});
	return { questionnaire, pages, samples };
}

const iso = (t: number) => new Date(t).toISOString();

/**
 * A stored participation as the verbs leave it: completed (answers and result), or in progress
 * (the first pages answered, the next one to show).
 */
function record(data: Data, status: Participation['status'], link: CampaignLink | null) {
	const { manifest } = data.questionnaire.pkg;
	const created = Date.now() - Math.floor(rand() * 365 * DAY_MS);
	const sample = pick(data.samples);
	const base = {
		id: randomUUID(),
		tokenHash: newToken().hash,
		questionnaireId: manifest.id,
		questionnaireVersion: manifest.version,
		previousId: null,
		campaign: link,
		createdAt: iso(created)
	};
	if (status === 'completed') {
		const done = iso(created + (10 + Math.floor(rand() * 30)) * 60_000);
		return {
			...base,
			status,
			pageName: data.pages.at(-1)!.name,
			answers: sample.answers,
			result: sample.result,
			updatedAt: done,
			completedAt: done
		} satisfies Participation;
	}
	const answeredPages = 1 + Math.floor(rand() * (data.pages.length - 1));
	const answers: Answers = {};
	for (const page of data.pages.slice(0, answeredPages)) {
		for (const q of page.questions) answers[q] = sample.answers[q];
	}
	return {
		...base,
		status,
		pageName: data.pages[answeredPages]!.name,
		answers,
		result: null,
		updatedAt: iso(created + answeredPages * 3 * 60_000),
		completedAt: null
	} satisfies Participation;
}

// ---------------------------------------------------------------------------------------------
// The two stores, behind the same few operations.

interface Subject {
	name: 'lowdb' | 'postgres';
	backend: Backend;
	/** Participations stored now. */
	count(): Promise<number>;
	/** Stores `records` directly (not through the verbs); the backend may be reopened. */
	seed(records: Participation[]): Promise<void>;
	/** After a seeding step: lowdb reopens (timed, with memory), PostgreSQL settles. */
	settle(): Promise<OpenFigures | null>;
	/** Reads and parses a campaign's participations (their ids given), without the repository. */
	baseline(campaignId: string, ids: string[]): Promise<number>;
	close(): Promise<void>;
}

interface OpenFigures {
	ms: number;
	/** `sync` right after opening: the access-time updates the open caused. */
	syncMs: number;
	rss: number;
	heapUsed: number;
	rssBefore: number;
	heapBefore: number;
}

async function lowdbSubject(dir: string): Promise<Subject> {
	let backend = await openLowdb(dir);
	let open = true;
	const shards = new Map<string, Promise<unknown>>();
	const subject: Subject = {
		name: 'lowdb',
		get backend() {
			return backend;
		},
		async count() {
			return backend.store.participations.size;
		},
		async seed(records) {
			if (open) {
				await backend.close();
				open = false;
			}
			await eachLimited(records, 64, async (p) => {
				const file = participationFile(dir, p.id);
				const shard = path.dirname(file);
				if (!shards.has(shard)) shards.set(shard, mkdir(shard, { recursive: true }));
				await shards.get(shard);
				// What the store writes for a participation: JSON.stringify of the record.
				await writeFile(file, JSON.stringify(p));
			});
		},
		async settle() {
			if (open) return null;
			// The seeded files on disk before anything is timed, as a real store's long have been
			// (else the first fsyncs also flush the whole seeding).
			execFileSync('sync');
			gc();
			const before = process.memoryUsage();
			const t = performance.now();
			backend = await openLowdb(dir);
			const took = performance.now() - t;
			open = true;
			useBackend(backend);
			gc();
			const after = process.memoryUsage();
			// Reading a document written since it was last read updates its access time
			// (relatime): the open leaves every such inode dirty, and their writeback would land on
			// the fsyncs timed next. Flushed here, and the time it takes reported.
			const s = performance.now();
			execFileSync('sync');
			return {
				ms: took,
				syncMs: performance.now() - s,
				rss: after.rss,
				heapUsed: after.heapUsed,
				rssBefore: before.rss,
				heapBefore: before.heapUsed
			};
		},
		async baseline(_campaignId, ids) {
			// Read as the store reads at start: 32 files at a time, then JSON.parse each.
			let n = 0;
			await eachLimited(ids, 32, async (id) => {
				const p = JSON.parse(await readFile(participationFile(dir, id), 'utf8')) as Participation;
				if (p.id === id) n++;
			});
			return n;
		},
		async close() {
			if (open) await backend.close();
			open = false;
		}
	};
	return subject;
}

const BULK_INSERT = `INSERT INTO participations (id, token_hash, questionnaire_id,
	questionnaire_version, previous_id, campaign, status, page_name, answers, result, created_at,
	updated_at, completed_at)
	SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[],
		$7::text[], $8::text[], $9::jsonb[], $10::jsonb[], $11::timestamptz[], $12::timestamptz[],
		$13::timestamptz[])`;

async function postgresSubject(url: string): Promise<Subject> {
	// The app's own opening (migrations create the schema), with the pool size of the bench.
	const backend = await openPostgres({ url, poolSize: POOL_SIZE, poolTimeoutMs: 5000 });
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	const json = new Map<object, string>(); // shared sample objects are serialised once
	const stringify = (v: object | null | undefined) => {
		if (!v) return null;
		let s = json.get(v);
		if (s === undefined) json.set(v, (s = JSON.stringify(v)));
		return s;
	};
	return {
		name: 'postgres',
		backend,
		async count() {
			const r = await client.query<{ n: string }>('SELECT count(*) AS n FROM participations');
			return Number(r.rows[0]!.n);
		},
		async seed(records) {
			for (let i = 0; i < records.length; i += BATCH) {
				const batch = records.slice(i, i + BATCH);
				await client.query(BULK_INSERT, [
					batch.map((p) => p.id),
					batch.map((p) => p.tokenHash),
					batch.map((p) => p.questionnaireId),
					batch.map((p) => p.questionnaireVersion),
					batch.map((p) => p.previousId),
					batch.map((p) => (p.campaign ? JSON.stringify(p.campaign) : null)),
					batch.map((p) => p.status),
					batch.map((p) => p.pageName),
					batch.map((p) =>
						p.status === 'completed' ? stringify(p.answers) : JSON.stringify(p.answers)
					),
					batch.map((p) => stringify(p.result)),
					batch.map((p) => p.createdAt),
					batch.map((p) => p.updatedAt),
					batch.map((p) => p.completedAt)
				]);
			}
		},
		async settle() {
			// What autovacuum and the checkpointer would have done by the time a real database
			// holds this many rows: statistics up to date, the bulk load flushed.
			await client.query('ANALYZE participations');
			await client.query('CHECKPOINT');
			return null;
		},
		async baseline(campaignId) {
			// Those rows, all columns, parsed by pg (jsonb included); one plain client.
			const r = await client.query('SELECT * FROM participations WHERE campaign_id = $1', [
				campaignId
			]);
			return r.rowCount ?? 0;
		},
		async close() {
			await client.end();
			await backend.close();
		}
	};
}

// ---------------------------------------------------------------------------------------------
// What is measured.

interface SizeFigures {
	size: number;
	save: { p50: number; p95: number };
	submit: { p50: number; p95: number };
	/** A bare durable write of a record-sized file, interleaved with the saves: the disk alone. */
	disk: { p50: number; p95: number };
	loop: { p99: number; max: number };
	burstMs: number;
	open: OpenFigures | null;
}

interface DashboardFigures {
	n: number;
	dashboard: number;
	baseline: number;
	stored: number;
}

interface Run {
	name: Subject['name'];
	sizes: SizeFigures[];
	dashboard: DashboardFigures | null;
	/** Creation latency at each of CAMPAIGN_COUNTS stored campaigns. */
	creation: { stored: number; p50: number; p95: number }[];
}

const startInput = (data: Data) => ({
	questionnaireId: data.questionnaire.pkg.manifest.id,
	questionnaireVersion: data.questionnaire.pkg.manifest.version,
	pageName: data.pages[0]!.name
});

let diskDir: string | undefined;
let campaignDir: string | undefined;

/** A durable write (temporary file, fsync, rename, fsync of the folder) of one stored record. */
async function timedDiskWrite(data: Data): Promise<number> {
	diskDir ??= await mkdtemp(path.join(tmpdir(), 'reperes-bench-disk-'));
	const text = JSON.stringify(pick(data.samples));
	const t = performance.now();
	await writeDurably(path.join(diskDir, 'record.json'), text);
	return performance.now() - t;
}

/** One page save as the route does it: the participation read first (untimed), then saved. */
async function timedSave(data: Data, inProgress: string[]): Promise<number> {
	const p = await participations.findById(pick(inProgress));
	if (!p || p.status !== 'in_progress') throw new Error('page save: no participation in progress');
	const index = Math.floor(rand() * data.pages.length);
	const page = data.pages[index]!;
	const sample = pick(data.samples);
	const answers = { ...p.answers };
	for (const q of page.questions) answers[q] = sample.answers[q];
	const next = data.pages[Math.min(index + 1, data.pages.length - 1)]!.name;
	const t = performance.now();
	await participations.saveProgress(p, answers, next);
	return performance.now() - t;
}

/** A burst of concurrent submissions: each starts a participation and completes it at once. */
async function burst(data: Data): Promise<number> {
	const t = performance.now();
	await Promise.all(
		Array.from({ length: BURST }, async () => {
			const sample = pick(data.samples);
			const { participation } = await participations.create(startInput(data));
			if (!(await participations.complete(participation, sample.answers, sample.result))) {
				throw new Error('burst: a submission was refused');
			}
		})
	);
	return performance.now() - t;
}

async function measureSize(
	data: Data,
	subject: Subject,
	size: number,
	inProgress: string[],
	open: OpenFigures | null
): Promise<SizeFigures> {
	// Page saves on existing participations in progress.
	for (let i = 0; i < WARM_UP; i++) await timedSave(data, inProgress);
	const saves: number[] = [];
	const disk: number[] = [];
	// Each save is followed by a bare durable write elsewhere on the same disk: the fsync noise of
	// a shared machine shows in both, so a slow disk is told apart from a slower store.
	for (let i = 0; i < SAMPLES; i++) {
		saves.push(await timedSave(data, inProgress));
		disk.push(await timedDiskWrite(data));
	}

	// Final submissions of fresh participations, started before the timed loop.
	const fresh: Participation[] = [];
	for (let i = 0; i < WARM_UP + SAMPLES; i++) {
		fresh.push((await participations.create(startInput(data))).participation);
	}
	const submits: number[] = [];
	for (const [i, p] of fresh.entries()) {
		const sample = pick(data.samples);
		const t = performance.now();
		const done = await participations.complete(p, sample.answers, sample.result);
		const took = performance.now() - t;
		if (!done) throw new Error('submission refused');
		if (i >= WARM_UP) submits.push(took);
	}

	// Event-loop delay during bursts of concurrent submissions.
	await burst(data);
	const histogram = monitorEventLoopDelay({ resolution: 1 });
	const burstTimes: number[] = [];
	histogram.enable();
	for (let i = 0; i < BURSTS; i++) burstTimes.push(await burst(data));
	histogram.disable();

	const figures: SizeFigures = {
		size,
		save: { p50: median(saves), p95: percentile(saves, 95) },
		submit: { p50: median(submits), p95: percentile(submits, 95) },
		disk: { p50: median(disk), p95: percentile(disk, 95) },
		loop: { p99: histogram.percentile(99) / 1e6, max: histogram.max / 1e6 },
		burstMs: median(burstTimes),
		open
	};
	progress(
		`${subject.name} at ${size.toLocaleString('fr-FR')}: save p50 ${ms(figures.save.p50)} ms, ` +
			`submit p50 ${ms(figures.submit.p50)} ms, loop p99 ${ms(figures.loop.p99, 1)} ms`
	);
	return figures;
}

/**
 * The dashboard of `src/routes/campagnes/[token]/+page.server.ts` (its `load`), default view
 * (current wave, no group filter): the campaign and its participations read through the
 * repositories once, then every figure computed by `dashboardView`, as the route does. Leaves
 * out what does not depend on the data (the QR code, the join link).
 */
async function dashboard(token: string) {
	const campaign = await campaigns.findByManagementToken(token);
	if (!campaign) throw new Error('dashboard: campaign not found');
	const everyone = await participations.listByCampaign(campaign.id);
	const view = dashboardView(campaign, everyone, {
		selectedGroup: null,
		selectedWave: campaigns.currentWave(campaign),
		locale: LOCALE
	});
	return { ...view, everyone: everyone.length };
}

async function measureDashboard(
	subject: Subject,
	token: string,
	campaignId: string,
	ids: string[]
): Promise<DashboardFigures> {
	const dashboards: number[] = [];
	const baselines: number[] = [];
	let n = 0;
	for (let i = 0; i <= DASHBOARD_RUNS; i++) {
		let t = performance.now();
		const view = await dashboard(token);
		const d = performance.now() - t;
		n = view.everyone;
		if (view.diagnostics[0]?.aggregate.suppressed !== false) {
			throw new Error('dashboard: the aggregate is suppressed (no shared results?)');
		}
		t = performance.now();
		const read = await subject.baseline(campaignId, ids);
		const b = performance.now() - t;
		if (read !== ids.length) throw new Error(`baseline read ${read} of ${ids.length} records`);
		if (i === 0) continue; // warm-up
		dashboards.push(d);
		baselines.push(b);
	}
	return { n, dashboard: median(dashboards), baseline: median(baselines), stored: 0 };
}

/** A campaign as the creation form makes it (the name aside). */
const campaignInput = (name: string) => ({
	name,
	diagnosticIds: [DIAGNOSTIC],
	k: 5,
	groupField: { label: 'Site', options: ['Lyon', 'Nantes'] },
	identifierLabel: null,
	opensOn: null,
	closesOn: null
});

/**
 * Campaign creation as the number of campaigns grows, on a fresh store of the subject's kind:
 * filled through the verbs (32 at a time) to each of CAMPAIGN_COUNTS, then CREATIONS creations
 * one after another, timed.
 */
async function campaignCreation(backend: Backend, name: Subject['name']): Promise<Run['creation']> {
	useBackend(backend);
	const figures: Run['creation'] = [];
	let stored = 0;
	for (const target of CAMPAIGN_COUNTS) {
		const fill = Array.from({ length: target - stored }, (_, i) => i + stored);
		await eachLimited(fill, 32, async (i) => {
			await campaigns.create(campaignInput(`Campagne ${i}`));
		});
		stored = target;
		const times: number[] = [];
		const warmUp = Math.ceil(CREATIONS / 10);
		for (let i = 0; i < warmUp + CREATIONS; i++) {
			const t = performance.now();
			await campaigns.create(campaignInput(`Mesure ${target}-${i}`));
			if (i >= warmUp) times.push(performance.now() - t);
		}
		stored += warmUp + CREATIONS;
		figures.push({ stored: target, p50: median(times), p95: percentile(times, 95) });
		progress(
			`${name}: campaign creation among ${count(target)} campaigns, p50 ${ms(median(times))} ms`
		);
	}
	return figures;
}

async function run(data: Data, subject: Subject): Promise<Run> {
	useBackend(subject.backend);
	// The campaign, through the verbs, with a second wave so that the dashboard compares T1 to T0.
	const { managementToken, campaign: created } = await campaigns.create({
		name: 'Campagne de mesure',
		diagnosticIds: [DIAGNOSTIC],
		k: 5,
		groupField: { label: 'Site', options: ['Lyon', 'Nantes', 'Lille', 'Rennes'] },
		targets: { [DIAGNOSTIC]: { E1: 'B1', E3: 'B2', '3.1': 'C1', E5: 'B1' } },
		passphrase: null,
		identifierLabel: null,
		opensOn: null,
		closesOn: null
	});
	await campaigns.openWave(created, new Date().toISOString().slice(0, 10));
	const campaign = (await campaigns.findById(created.id)) as Campaign;

	const inProgress: string[] = [];
	const campaignIds: string[] = [];
	const sizes: SizeFigures[] = [];
	let dashboardFigures: DashboardFigures | null = null;
	for (const size of SIZES) {
		const missing = size - (await subject.count());
		const withCampaign = size === SIZES.at(-1);
		progress(`${subject.name}: seeding ${missing.toLocaleString('fr-FR')} participations…`);
		const t = performance.now();
		for (let done = 0; done < missing; done += BATCH) {
			const batch: Participation[] = [];
			for (let i = done; i < Math.min(missing, done + BATCH); i++) {
				if (withCampaign && i < CAMPAIGN_SIZE) {
					// Completed and shared with the campaign, half in each wave.
					const p: Participation = record(data, 'completed', null);
					p.campaign = {
						id: campaign.id,
						group: pick(campaign.groupField!.options),
						identifier: null,
						shared: true,
						sharedOn: p.completedAt!.slice(0, 10),
						wave: i % 2 === 0 ? 'T0' : 'T1'
					};
					campaignIds.push(p.id);
					batch.push(p);
				} else {
					const status = rand() < IN_PROGRESS_SHARE ? 'in_progress' : 'completed';
					const p = record(data, status, null);
					if (status === 'in_progress') inProgress.push(p.id);
					batch.push(p);
				}
			}
			await subject.seed(batch);
		}
		const open = await subject.settle();
		useBackend(subject.backend);
		const stored = await subject.count();
		progress(
			`${subject.name}: ${stored.toLocaleString('fr-FR')} stored (seeded in ${((performance.now() - t) / 1000).toFixed(1)} s` +
				(open ? `, opened in ${(open.ms / 1000).toFixed(2)} s` : '') +
				')'
		);
		sizes.push(await measureSize(data, subject, stored, inProgress, open));
		if (withCampaign) {
			dashboardFigures = await measureDashboard(subject, managementToken, campaign.id, campaignIds);
			dashboardFigures.stored = await subject.count();
			progress(
				`${subject.name}: dashboard ${ms(dashboardFigures.dashboard, 0)} ms, read and parse ${ms(dashboardFigures.baseline, 0)} ms`
			);
		}
	}
	return { name: subject.name, sizes, dashboard: dashboardFigures, creation: [] };
}

// ---------------------------------------------------------------------------------------------
// Printing.

function table(header: string[], rows: string[][]): void {
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
	const line = (cells: string[]) =>
		cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ');
	console.log(line(header));
	console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
	for (const r of rows) console.log(line(r));
}

const count = (n: number) => n.toLocaleString('fr-FR');

function report(data: Data, runs: Run[]): void {
	if (!CAMPAIGNS_ONLY) reportParticipations(data, runs);
	reportCampaigns(runs);
}

function reportParticipations(data: Data, runs: Run[]): void {
	const pageSizes = data.pages.map((p) => p.questions.length);
	console.log(
		`\nLatency, ms (${SAMPLES} samples each after ${WARM_UP} warm-up; page save: a real page of the survey, ` +
			`${Math.min(...pageSizes)} to ${Math.max(...pageSizes)} answers, ` +
			`${(pageSizes.reduce((a, b) => a + b, 0) / pageSizes.length).toFixed(1)} on average; ` +
			`submission: ${data.questionnaire.model.items.length} answers + ScoreResult; ` +
			`disk: a bare durable write of one record beside each page save, the disk's own noise)`
	);
	console.log(
		`Event loop: delay p99 and max over ${BURSTS} bursts of ${BURST} concurrent submissions (create + complete), target < ${TARGET_LOOP_MS} ms`
	);
	const rows: string[][] = [];
	for (const r of runs) {
		for (const s of r.sizes) {
			rows.push([
				r.name,
				count(s.size),
				ms(s.save.p50),
				ms(s.save.p95),
				ms(s.submit.p50),
				ms(s.submit.p95),
				ms(s.disk.p50),
				ms(s.disk.p95),
				ms(s.burstMs, 0),
				ms(s.loop.p99, 1),
				ms(s.loop.max, 1),
				`< ${TARGET_LOOP_MS} ${ok(s.loop.p99 < TARGET_LOOP_MS)}`
			]);
		}
	}
	table(
		[
			'backend',
			'stored',
			'save p50',
			'save p95',
			'submit p50',
			'submit p95',
			'disk p50',
			'disk p95',
			'burst ms',
			'loop p99',
			'loop max',
			'p99 target'
		],
		rows
	);

	console.log(
		`\nGrowth: ${count(SIZES.at(-1)!)} / ${count(SIZES[0]!)} stored, same run (target ≤ ${TARGET_RATIO})`
	);
	const growth: string[][] = [];
	for (const r of runs) {
		const first = r.sizes[0]!;
		const last = r.sizes.at(-1)!;
		const line = (label: string, a: number, b: number) => {
			growth.push([
				r.name,
				label,
				ms(a),
				ms(b),
				(b / a).toFixed(2),
				`≤ ${TARGET_RATIO}`,
				ok(b / a <= TARGET_RATIO)
			]);
		};
		line('page save p50', first.save.p50, last.save.p50);
		line('page save p95', first.save.p95, last.save.p95);
		line('submission p50', first.submit.p50, last.submit.p50);
		line('submission p95', first.submit.p95, last.submit.p95);
		// Not a figure of the store: the same disk alone, to read the lines above against.
		growth.push([
			r.name,
			'(disk alone p95)',
			ms(first.disk.p95),
			ms(last.disk.p95),
			(last.disk.p95 / first.disk.p95).toFixed(2),
			'',
			''
		]);
	}
	table(
		[
			'backend',
			'figure',
			`at ${count(SIZES[0]!)} ms`,
			`at ${count(SIZES.at(-1)!)} ms`,
			'ratio',
			'target',
			''
		],
		growth
	);

	console.log(
		`\nCampaign dashboard over ${count(CAMPAIGN_SIZE)} participations (load of /campagnes/[token], default view: ` +
			`wave T1 compared with T0), against reading and parsing their data; median of ${DASHBOARD_RUNS} after a warm-up`
	);
	table(
		['backend', 'stored', 'in campaign', 'dashboard ms', 'read + parse ms', 'ratio', 'target', ''],
		runs
			.filter((r) => r.dashboard)
			.map((r) => {
				const d = r.dashboard!;
				const ratio = d.dashboard / d.baseline;
				return [
					r.name,
					count(d.stored),
					count(d.n),
					ms(d.dashboard, 0),
					ms(d.baseline, 0),
					ratio.toFixed(2),
					`≤ ${TARGET_DASHBOARD}`,
					ok(ratio <= TARGET_DASHBOARD)
				];
			})
	);
	console.log(
		`(baseline: lowdb reads the ${count(CAMPAIGN_SIZE)} JSON files, 32 at a time, and JSON.parse each; PostgreSQL: ` +
			'SELECT * of those rows with one plain pg client, jsonb parsed by pg)'
	);

	reportOpening(runs);
}

function reportCampaigns(runs: Run[]): void {
	const [few, many] = CAMPAIGN_COUNTS as [number, number];
	console.log(
		`\nCampaign creation (campaigns.create, ${CREATIONS} one after another) among ${count(few)} and ` +
			`${count(many)} stored campaigns, same run (target ≤ ${TARGET_RATIO})`
	);
	table(
		['backend', 'figure', `at ${count(few)} ms`, `at ${count(many)} ms`, 'ratio', 'target', ''],
		runs.flatMap((r) => {
			const [a, b] = r.creation;
			if (!a || !b) return [];
			return (['p50', 'p95'] as const).map((q) => [
				r.name,
				`creation ${q}`,
				ms(a[q]),
				ms(b[q]),
				(b[q] / a[q]).toFixed(2),
				`≤ ${TARGET_RATIO}`,
				ok(b[q] / a[q] <= TARGET_RATIO)
			]);
		})
	);
}

function reportOpening(runs: Run[]): void {
	const lowdb = runs.find((r) => r.name === 'lowdb');
	if (lowdb) {
		console.log(
			'\nlowdb: opening the store (reads every document at start), memory after opening (after a GC)'
		);
		table(
			[
				'stored',
				'open s',
				'sync after ms',
				'RSS',
				'heap used',
				'RSS before open',
				'heap before open'
			],
			lowdb.sizes
				.filter((s) => s.open)
				.map((s) => [
					count(s.size),
					(s.open!.ms / 1000).toFixed(2),
					ms(s.open!.syncMs, 0),
					mb(s.open!.rss),
					mb(s.open!.heapUsed),
					mb(s.open!.rssBefore),
					mb(s.open!.heapBefore)
				])
		);
		console.log(
			'(files just written, so in the OS page cache: a cold start reads from disk; "sync after": ' +
				'flushing the access times the open updated, before anything is timed)'
		);
	}
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
	console.log(
		`Node ${process.version}, ${new Date().toISOString().slice(0, 10)}, npm run bench:storage${SMOKE ? ' -- --smoke (small sizes, few samples: the figures show it runs, nothing more)' : ''}`
	);
	const data = await loadData();
	const runs: Run[] = [];
	const dir = await mkdtemp(path.join(tmpdir(), 'reperes-bench-storage-'));
	let server: TestPostgres | null = null;
	let subject: Subject | undefined;
	try {
		progress(`lowdb in ${dir}`);
		if (CAMPAIGNS_ONLY) runs.push({ name: 'lowdb', sizes: [], dashboard: null, creation: [] });
		else {
			subject = await lowdbSubject(dir);
			runs.push(await run(data, subject));
			await subject.close();
			subject = undefined;
		}
		await rm(dir, { recursive: true, force: true });
		campaignDir = await mkdtemp(path.join(tmpdir(), 'reperes-bench-campaigns-'));
		const forCampaigns = await openLowdb(campaignDir);
		try {
			runs[0]!.creation = await campaignCreation(forCampaigns, 'lowdb');
		} finally {
			await forCampaigns.close();
		}

		let missing: string | null = null;
		try {
			server = await startPostgres();
			if (!server) missing = postgresUnavailable() ?? 'PostgreSQL absent';
		} catch (e) {
			missing = e instanceof Error ? e.message : String(e);
		}
		if (server) {
			const url = await server.createDatabase();
			progress(`postgres: throwaway server, pool of ${POOL_SIZE} connections`);
			if (CAMPAIGNS_ONLY) runs.push({ name: 'postgres', sizes: [], dashboard: null, creation: [] });
			else {
				subject = await postgresSubject(url);
				runs.push(await run(data, subject));
				await subject.close();
				subject = undefined;
			}
			const forCampaigns = await openPostgres({
				url: await server.createDatabase(),
				poolSize: POOL_SIZE,
				poolTimeoutMs: 5000
			});
			try {
				runs.at(-1)!.creation = await campaignCreation(forCampaigns, 'postgres');
			} finally {
				await forCampaigns.close();
			}
		}
		report(data, runs);
		if (missing) {
			console.log(`\nThe PostgreSQL half did NOT RUN: ${missing}.`);
			// In CI a missing PostgreSQL is a failure, as for the storage tests.
			if (process.env.CI) process.exitCode = 1;
		} else
			console.log(
				`\nPostgreSQL: pg pool of ${POOL_SIZE} connections (poolSize), local throwaway server.`
			);
		console.log(`Total ${((performance.now() - started) / 1000).toFixed(0)} s.`);
	} finally {
		await subject?.close().catch(() => undefined);
		await server?.stop().catch((e) => console.error(`PostgreSQL did not stop: ${e}`));
		for (const d of [dir, diskDir, campaignDir]) {
			if (d)
				await rm(d, { recursive: true, force: true }).catch((e) =>
					console.error(`${d} not removed: ${e}`)
				);
		}
	}
}

try {
	await main();
} catch (error) {
	console.error(
		`bench-storage could not run: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`
	);
	process.exitCode = 1;
}
