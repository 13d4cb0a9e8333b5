/**
 * The retention schedule (PRIV-05) on the embedded store, with an injected clock: it purges at
 * start, then at every tick with the time the clock gives, never two runs at once; a run that
 * fails is logged and the next tick tries again. Which participations go is the contract suite's
 * business (storage-contract.test.ts, both stores).
 */
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { useBackend, type Backend } from '$lib/server/storage/backend';
import * as participations from '$lib/server/storage/participations';
import { redirectLog } from '$lib/server/log';
import { schedulePurge } from '$lib/server/retention';
import { configProblems, readConfig } from '$lib/server/config';
import { lowdbKind, type OpenedStore } from '../helpers/backends';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const limits = { unfinishedDays: 2, completedDays: 5 };

let store: OpenedStore;
let lines: Record<string, unknown>[];
let restoreLog: () => void;

beforeEach(async () => {
	store = await lowdbKind.fresh();
	useBackend(store.backend);
	lines = [];
	restoreLog = redirectLog((line) => lines.push(JSON.parse(line)));
});
afterEach(async () => {
	restoreLog();
	vi.useRealTimers();
	await store.backend.close();
});

const purged = () => lines.filter((l) => l.event === 'retention.purged');

describe('the retention schedule', () => {
	test('purges at start, then at every tick with the clock’s time', async () => {
		vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
		let now = Date.parse('2027-01-10T00:00:00.000Z');
		const { participation } = await participations.create({
			questionnaireId: 'exemple-mini',
			questionnaireVersion: '1.0.0',
			pageName: 'outils'
		});
		// Its last answer: one day before the first run.
		await store.backend.participations.saveAnswers(
			participation.id,
			{ set: { a: 1 }, clear: [] },
			'outils',
			new Date(now - DAY).toISOString()
		);

		const schedule = schedulePurge(limits, { clock: () => new Date(now), everyMs: HOUR });
		await schedule.idle();
		expect(purged()).toHaveLength(1);
		expect(await participations.findById(participation.id)).toBeDefined();

		// Half a day later: one day and a half since the last answer, still kept.
		now += 12 * HOUR;
		await vi.advanceTimersByTimeAsync(HOUR);
		await schedule.idle();
		expect(purged()).toHaveLength(2);
		expect(await participations.findById(participation.id)).toBeDefined();

		// Two days and a hour since the last answer: the next tick deletes it.
		now += 13 * HOUR;
		await vi.advanceTimersByTimeAsync(HOUR);
		await schedule.idle();
		expect(purged().at(-1)).toMatchObject({ unfinished: 1, completed: 0 });
		expect(await participations.findById(participation.id)).toBeUndefined();

		await schedule.stop();
		await vi.advanceTimersByTimeAsync(10 * HOUR);
		expect(purged()).toHaveLength(3);
	});

	test('a failed run is logged without its cause’s text, and the next tick runs again', async () => {
		vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
		const failing: Backend = {
			...store.backend,
			participations: {
				...store.backend.participations,
				expired: () =>
					Promise.reject(Object.assign(new Error('disque plein /secret'), { code: 'EIO' }))
			}
		};
		useBackend(failing);
		const schedule = schedulePurge(limits, { everyMs: HOUR });
		await schedule.idle();
		expect(lines).toEqual([
			expect.objectContaining({
				level: 'error',
				event: 'retention.purge_failed',
				code: 'EIO',
				status: null
			})
		]);
		expect(JSON.stringify(lines)).not.toContain('secret');
		useBackend(store.backend);
		await vi.advanceTimersByTimeAsync(HOUR);
		await schedule.idle();
		expect(purged()).toHaveLength(1);
		await schedule.stop();
	});

	test('runs never overlap: a tick during a run is skipped', async () => {
		vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
		let calls = 0;
		let release: () => void = () => undefined;
		const slow: Backend = {
			...store.backend,
			participations: {
				...store.backend.participations,
				expired: () => {
					calls++;
					return new Promise((r) => {
						release = () => r([]);
					});
				}
			}
		};
		useBackend(slow);
		const schedule = schedulePurge(limits, { everyMs: HOUR });
		await vi.advanceTimersByTimeAsync(3 * HOUR);
		expect(calls).toBe(1);
		release();
		await schedule.idle();
		await vi.advanceTimersByTimeAsync(HOUR);
		expect(calls).toBe(2);
		release();
		await schedule.stop();
	});
});

describe('retention limits in the configuration', () => {
	test('defaults: 180 days unfinished, 730 completed, tombstones as long as the longer', () => {
		expect(readConfig({}).retention).toEqual({
			unfinishedDays: 180,
			completedDays: 730,
			tombstoneDays: 730
		});
		expect(
			readConfig({ RETENTION_UNFINISHED_DAYS: '30', RETENTION_COMPLETED_DAYS: ' 365 ' }).retention
		).toEqual({ unfinishedDays: 30, completedDays: 365, tombstoneDays: 365 });
		expect(
			readConfig({ RETENTION_UNFINISHED_DAYS: '400', TOMBSTONE_DAYS: '1000' }).retention
		).toEqual({ unfinishedDays: 400, completedDays: 730, tombstoneDays: 1000 });
		expect(configProblems({})).toEqual([]);
		expect(configProblems({ TOMBSTONE_DAYS: 'deux ans' })).toEqual([
			'TOMBSTONE_DAYS = "deux ans" : un nombre entier de jours, 1 au moins, est attendu'
		]);
	});

	test('a malformed limit stops the start, naming the variable and the value', () => {
		expect(
			configProblems({
				RETENTION_UNFINISHED_DAYS: '6 mois',
				RETENTION_COMPLETED_DAYS: '0'
			})
		).toEqual([
			'RETENTION_UNFINISHED_DAYS = "6 mois" : un nombre entier de jours, 1 au moins, est attendu',
			'RETENTION_COMPLETED_DAYS = "0" : un nombre entier de jours, 1 au moins, est attendu'
		]);
		expect(configProblems({ RETENTION_COMPLETED_DAYS: '-5' })).toHaveLength(1);
		expect(configProblems({ RETENTION_COMPLETED_DAYS: '1.5' })).toHaveLength(1);
	});
});
