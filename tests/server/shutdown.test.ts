/**
 * Graceful shutdown of the production server under write load (LOAD-02), on both stores: many
 * participants start, save pages and submit while SIGTERM arrives, and keep sending during the
 * drain. adapter-node stops accepting connections and finishes the requests in flight, then
 * `sveltekit:shutdown` closes the store (queued writes, then the lock or the pool). The process
 * exits 0 within SHUTDOWN_TIMEOUT, a new server starts at once on the same data, and every
 * request answered 303 is in the store: nothing was acknowledged that was not persisted.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { startServer } from '../e2e/global-setup';
import { stopServer } from '../helpers/http';
import { answerForm, readSaveForm } from '../helpers/page-form';
import { postgresUnavailable, startPostgres } from '../helpers/postgres';
import { random } from '../e2e/journey-helpers';
import { TEST_QUESTIONNAIRES } from '../helpers/paths';
import type { Answers } from '$lib/scoring/types';
import type { Backend } from '$lib/server/storage/backend';
import { openLowdb } from '$lib/server/storage/lowdb-backend';
import { openPostgres } from '$lib/server/storage/postgres-backend';
import { hashToken } from '$lib/server/storage/tokens';

// Generous: on a loaded 2-core machine a page save can take seconds, and the drain waits for it.
const SHUTDOWN_TIMEOUT_S = 20;
const PARTICIPANTS = 16;
/** SIGTERM comes once this much is acknowledged (whatever the machine's speed), mid-load. */
const BEFORE_SIGTERM = { saves: 30, submits: 10, atMostMs: 40_000 };
// Two pages (the test package): many submissions within a few seconds on a shared machine.
const DIAGNOSTIC = 'exemple-mini';
const LAST_PAGE = 'accompagnement';

const children: ChildProcess[] = [];
const dirs: string[] = [];
const postgres = await startPostgres();
afterAll(async () => {
	for (const child of children) await stopServer(child);
	await postgres?.stop();
	await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

/** What the server acknowledged (303), and what else it answered. */
interface Acknowledged {
	started: string[];
	saved: { token: string; page: string; fields: [string, string][] }[];
	completed: string[];
	/** HTTP statuses other than 200 and 303, each with where it happened. */
	unexpected: string[];
	/** Requests that got no answer (connection refused or closed): allowed after SIGTERM only. */
	unanswered: { failedAfterSigterm: boolean }[];
	/** Answers that arrived after SIGTERM: requests in flight or sent during the drain. */
	answeredAfterSigterm: number;
}

/**
 * Participants journeying in a loop (start, each page opened then saved, the last one submits)
 * until `done()`. Every request's outcome is recorded in `acks`.
 */
async function participants(
	url: string,
	acks: Acknowledged,
	sigterm: () => boolean,
	done: () => boolean
) {
	const FORM = {
		'content-type': 'application/x-www-form-urlencoded',
		accept: 'text/html',
		origin: url
	};
	/** One request; null when it got no answer. */
	const send = async (path: string, body?: [string, string][]) => {
		try {
			const response = await fetch(`${url}${path}`, {
				method: body ? 'POST' : 'GET',
				redirect: 'manual',
				headers: body ? FORM : { accept: 'text/html' },
				body: body ? new URLSearchParams(body) : undefined
			});
			const text = await response.text();
			if (sigterm()) acks.answeredAfterSigterm++;
			if (response.status !== 200 && response.status !== 303) {
				acks.unexpected.push(
					`${body ? 'POST' : 'GET'} ${path.split('?')[1] ?? path}: ${response.status}`
				);
			}
			return { status: response.status, text, location: response.headers.get('location') };
		} catch {
			acks.unanswered.push({ failedAfterSigterm: sigterm() });
			await new Promise((r) => setTimeout(r, 20));
			return null;
		}
	};
	const worker = async (seed: number) => {
		const pick = random(seed);
		while (!done()) {
			const started = await send(`/diagnostics/${DIAGNOSTIC}?/start`, []);
			if (started?.status !== 303) continue;
			const token = started.location!.split('/').at(-1)!;
			acks.started.push(token);
			for (;;) {
				if (done()) return;
				const view = await send(`/p/${token}`);
				if (!view) continue;
				const form = readSaveForm(view.text);
				if (!form) break; // results: completed
				const fields = answerForm(form, pick);
				const saved = await send(`/p/${token}?/save`, [...fields, ['nav', 'next']]);
				if (saved?.status !== 303) continue;
				acks.saved.push({ token, page: form.page, fields: fields.slice(1) });
				if (form.page === LAST_PAGE) acks.completed.push(token);
			}
		}
	};
	await Promise.all(Array.from({ length: PARTICIPANTS }, (_, i) => worker(i + 1)));
}

/** Runs the load, sends SIGTERM during it, waits for the exit; returns what was acknowledged. */
async function loadThenSigterm(env: Record<string, string>) {
	const dir = await mkdtemp(path.join(tmpdir(), 'reperes-shutdown-log-'));
	dirs.push(dir);
	const logFile = path.join(dir, 'server.log');
	const { url, child } = await startServer(
		{
			...env,
			QUESTIONNAIRES_DIR: TEST_QUESTIONNAIRES,
			SHUTDOWN_TIMEOUT: String(SHUTDOWN_TIMEOUT_S)
		},
		logFile
	);
	children.push(child);
	const acks: Acknowledged = {
		started: [],
		saved: [],
		completed: [],
		unexpected: [],
		unanswered: [],
		answeredAfterSigterm: 0
	};
	let sigtermAt = 0;
	let exitedAt = 0;
	const exit = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
		child.once('exit', (code, signal) => {
			exitedAt = Date.now();
			resolve({ code, signal });
		})
	);
	const load = participants(
		url,
		acks,
		() => sigtermAt > 0,
		// Clients keep sending through the drain and a little after the exit.
		() => exitedAt > 0 && Date.now() - exitedAt > 300
	);
	const deadline = Date.now() + BEFORE_SIGTERM.atMostMs;
	while (
		Date.now() < deadline &&
		(acks.saved.length < BEFORE_SIGTERM.saves || acks.completed.length < BEFORE_SIGTERM.submits)
	) {
		await new Promise((r) => setTimeout(r, 50));
	}
	sigtermAt = Date.now();
	child.kill('SIGTERM');
	const { code, signal } = await exit;
	await load;
	const log = await readFile(logFile, 'utf8');
	return { acks, code, signal, drainMs: exitedAt - sigtermAt, log };
}

/**
 * Whether stored answers hold a submitted form value: `name` or `name[row]` (matrix); a number
 * or a boolean is stored typed, a checkbox group as a list.
 */
function holds(answers: Answers, name: string, value: string): boolean {
	const [, question, row] = /^([^[]+)(?:\[(.+)\])?$/.exec(name)!;
	let stored: unknown = answers[question!];
	if (row !== undefined) stored = (stored as Record<string, unknown> | undefined)?.[row];
	return Array.isArray(stored) ? stored.map(String).includes(value) : String(stored) === value;
}

/** Checks every acknowledgement against the store as a restarted server reads it. */
async function expectAllStored(store: Backend, acks: Acknowledged) {
	const missing: string[] = [];
	for (const token of acks.started) {
		if (!(await store.participations.byTokenHash(hashToken(token)))) missing.push(`start ${token}`);
	}
	for (const { token, page, fields } of acks.saved) {
		const p = await store.participations.byTokenHash(hashToken(token));
		for (const [name, value] of fields) {
			if (!p || !holds(p.answers, name, value)) missing.push(`${page} of ${token}: ${name}`);
		}
	}
	for (const token of acks.completed) {
		const p = await store.participations.byTokenHash(hashToken(token));
		if (p?.status !== 'completed' || !p.result) missing.push(`submit ${token}`);
	}
	expect(missing).toEqual([]);
}

function expectCleanRun(run: Awaited<ReturnType<typeof loadThenSigterm>>, kind: string) {
	const { acks, code, signal, drainMs } = run;
	expect({ code, signal }).toEqual({ code: 0, signal: null });
	// The store was closed by the shutdown hook (queued writes done, lock or pool released).
	expect(run.log).toMatch(new RegExp(`"event":"server.stopped","store":"${kind}"`));
	expect(drainMs).toBeLessThan(SHUTDOWN_TIMEOUT_S * 1000);
	// A real load: pages saved, diagnostics submitted, and requests answered during the drain.
	expect(acks.saved.length).toBeGreaterThanOrEqual(BEFORE_SIGTERM.saves);
	expect(acks.completed.length).toBeGreaterThanOrEqual(BEFORE_SIGTERM.submits);
	expect(acks.answeredAfterSigterm).toBeGreaterThan(0);
	// Nothing but pages and redirects: no 5xx while closing, no request refused before SIGTERM.
	expect(acks.unexpected).toEqual([]);
	expect(acks.unanswered.filter((u) => !u.failedAfterSigterm)).toEqual([]);
}

describe('SIGTERM under write load', () => {
	test('embedded store: exit 0 in time, lock released, every acknowledged write stored', async () => {
		const dataDir = await mkdtemp(path.join(tmpdir(), 'reperes-shutdown-'));
		dirs.push(dataDir);
		const run = await loadThenSigterm({ DATA_DIR: dataDir });
		expectCleanRun(run, 'lowdb');

		// The lock was released: a new server starts on the same folder at once.
		const again = await startServer({ DATA_DIR: dataDir, QUESTIONNAIRES_DIR: TEST_QUESTIONNAIRES });
		children.push(again.child);
		expect((await fetch(`${again.url}/healthz`)).status).toBe(200);
		const stopped = new Promise((r) => again.child.once('exit', r));
		again.child.kill('SIGTERM');
		await stopped;

		const store = await openLowdb(dataDir);
		try {
			await expectAllStored(store, run.acks);
		} finally {
			await store.close();
		}
	}, 120_000);

	if (!postgres) {
		test(`PostgreSQL NOT RUN: ${postgresUnavailable()}`, () => {
			expect(process.env.CI, 'CI must run the PostgreSQL tests').toBeFalsy();
		});
	} else {
		test('PostgreSQL: exit 0 in time, pool closed, every acknowledged write stored', async () => {
			const url = await postgres.createDatabase();
			const run = await loadThenSigterm({ DATABASE_URL: url });
			expectCleanRun(run, 'postgres');

			const again = await startServer({
				DATABASE_URL: url,
				QUESTIONNAIRES_DIR: TEST_QUESTIONNAIRES
			});
			children.push(again.child);
			expect((await fetch(`${again.url}/healthz`)).status).toBe(200);
			const stopped = new Promise((r) => again.child.once('exit', r));
			again.child.kill('SIGTERM');
			await stopped;

			const store = await openPostgres({ url, poolSize: 2, poolTimeoutMs: 5000 });
			try {
				await expectAllStored(store, run.acks);
			} finally {
				await store.close();
			}
		}, 120_000);
	}
});
