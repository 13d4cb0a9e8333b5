/**
 * Retention of participations (PRIV-05, ADR 0019). One in progress is deleted once
 * RETENTION_UNFINISHED_DAYS have passed since its last saved answer, a completed one
 * RETENTION_COMPLETED_DAYS after completion. The purge runs in the server process at start and
 * then every hour; it deletes through the same path as a person's own deletion (tombstones,
 * cache) and logs counts only. It then forgets tombstones older than TOMBSTONE_DAYS (ADR 0024).
 */
import { log } from './log';
import type { RetentionCutoffs } from './storage/backend';
import * as participations from './storage/participations';
import type { ServerConfig } from './config';

/** The limits; without `tombstoneDays`, tombstones are kept as long as the longer limit. */
export type RetentionLimits = Omit<ServerConfig['retention'], 'tombstoneDays'> &
	Partial<Pick<ServerConfig['retention'], 'tombstoneDays'>>;

const tombstoneDaysOf = (limits: RetentionLimits) =>
	limits.tombstoneDays ?? Math.max(limits.unfinishedDays, limits.completedDays);

const DAY_MS = 86_400_000;

/** How often the server purges. */
export const PURGE_EVERY_MS = 3_600_000;

/** Participations listed and deleted per round, so that memory and transactions stay small. */
const BATCH = 500;

/** The instants before which each kind of participation has outlived its limit at `now`. */
export function retentionCutoffs(now: Date, limits: RetentionLimits): RetentionCutoffs {
	return {
		unfinishedBefore: new Date(now.getTime() - limits.unfinishedDays * DAY_MS).toISOString(),
		completedBefore: new Date(now.getTime() - limits.completedDays * DAY_MS).toISOString()
	};
}

export interface PurgeCounts {
	unfinished: number;
	completed: number;
	/** Tombstones forgotten, past TOMBSTONE_DAYS. */
	tombstones: number;
}

/**
 * Deletes every participation past its limit at `now`, `batch` at a time; returns how many of
 * each kind went.
 */
export async function purgeExpired(
	now: Date,
	limits: RetentionLimits,
	batch = BATCH
): Promise<PurgeCounts> {
	const cutoffs = retentionCutoffs(now, limits);
	const counts: PurgeCounts = { unfinished: 0, completed: 0, tombstones: 0 };
	// A participation listed twice (its deletion did not take) is not retried in this run:
	// the loop always ends.
	const seen = new Set<string>();
	for (;;) {
		const listed = await participations.findExpired(cutoffs, batch);
		const round = listed.filter((p) => !seen.has(p.id));
		if (round.length === 0) break;
		for (const p of round) seen.add(p.id);
		await participations.erase(
			round.map((p) => p.id),
			'retention',
			now.toISOString()
		);
		for (const p of round) counts[p.status === 'completed' ? 'completed' : 'unfinished']++;
		if (listed.length < batch) break;
	}
	// Tombstones last: those of this run are new, and a restore must still skip them.
	const tombstoneDays = tombstoneDaysOf(limits);
	counts.tombstones = await participations.pruneTombstones(
		new Date(now.getTime() - tombstoneDays * DAY_MS).toISOString()
	);
	log('info', 'retention.purged', {
		unfinished: counts.unfinished,
		completed: counts.completed,
		tombstones: counts.tombstones,
		unfinishedDays: limits.unfinishedDays,
		completedDays: limits.completedDays,
		tombstoneDays
	});
	return counts;
}

export interface PurgeSchedule {
	/** Resolves once the run in progress, if any, has ended. */
	idle(): Promise<void>;
	/** Stops the schedule and waits for the run in progress. */
	stop(): Promise<void>;
}

/**
 * Purges now and then every `everyMs`, reading the time from `clock` (injectable for tests).
 * Runs never overlap; a run that fails (store unavailable) is logged and the next one retries.
 */
export function schedulePurge(
	limits: RetentionLimits,
	options: { clock?: () => Date; everyMs?: number } = {}
): PurgeSchedule {
	const clock = options.clock ?? (() => new Date());
	let running: Promise<void> | null = null;
	const run = () => {
		if (running) return;
		running = purgeExpired(clock(), limits)
			.then(
				() => undefined,
				(e: unknown) => {
					const err = e as { code?: unknown; status?: unknown };
					log('error', 'retention.purge_failed', {
						status: typeof err.status === 'number' ? err.status : null,
						code: typeof err.code === 'string' ? err.code : null
					});
				}
			)
			.finally(() => {
				running = null;
			});
	};
	run();
	const timer = setInterval(run, options.everyMs ?? PURGE_EVERY_MS);
	// The schedule alone must not keep the process alive.
	timer.unref();
	return {
		idle: async () => {
			await running;
		},
		async stop() {
			clearInterval(timer);
			await running;
		}
	};
}
