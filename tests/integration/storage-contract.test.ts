/**
 * The storage contract: the same behaviour, checked the same way, on the embedded store and on a
 * real PostgreSQL server. Routes only see these verbs, so whatever passes here works on both.
 * Without PostgreSQL on the machine, its half reports « NOT RUN » (and fails in CI).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { useBackend, type DataRecord } from '$lib/server/storage/backend';
import type { Participation } from '$lib/server/storage/records';
import { redirectLog } from '$lib/server/log';
import { purgeExpired, retentionCutoffs } from '$lib/server/retention';
import * as participations from '$lib/server/storage/participations';
import * as campaigns from '$lib/server/storage/campaigns';
import * as guided from '$lib/server/storage/guided';
import type { ScoreResult } from '$lib/scoring/types';
import { lowdbKind, postgresKind, type BackendKind, type OpenedStore } from '../helpers/backends';
import { postgresUnavailable, startPostgres, type TestPostgres } from '../helpers/postgres';

const server: TestPostgres | null = await startPostgres();
afterAll(() => server?.stop());

const kinds: BackendKind[] = [lowdbKind, ...(server ? [postgresKind(server)] : [])];

if (!server) {
	test(`PostgreSQL contract NOT RUN: ${postgresUnavailable() ?? 'server did not start'}`, () => {
		// Locally this only reports; in CI PostgreSQL is installed and this must not happen.
		expect(process.env.CI, 'CI must run the PostgreSQL contract').toBeFalsy();
	});
}

const start = (campaign: participations.CampaignLink | null = null) =>
	participations.create({
		questionnaireId: 'exemple-mini',
		questionnaireVersion: '1.0.0',
		pageName: 'outils',
		campaign
	});

const RESULT = { overall: { score: 2.5 }, areas: [], competences: [] } as unknown as ScoreResult;
const campaignBase = {
	name: 'Formateurs 2027 « été »',
	diagnosticIds: ['exemple-mini'],
	k: 5,
	groupField: { label: 'Site', options: ['Lyon', 'Nantes'] },
	identifierLabel: null,
	opensOn: '2026-11-01',
	closesOn: '2026-12-31'
};

/** A participation as the store holds it, with the dates a retention case needs. */
function seeded(id: string, dates: Partial<Participation>, extra: Partial<Participation> = {}) {
	const completed = dates.completedAt != null;
	const at = dates.updatedAt ?? dates.completedAt ?? '2020-01-01T00:00:00.000Z';
	return {
		id,
		tokenHash: `hash-${id}`,
		questionnaireId: 'exemple-mini',
		questionnaireVersion: '1.0.0',
		previousId: null,
		campaign: null,
		status: completed ? 'completed' : 'in_progress',
		pageName: 'outils',
		answers: { classe_virtuelle: 'souvent' },
		result: completed ? RESULT : null,
		createdAt: dates.createdAt ?? '2020-01-01T00:00:00.000Z',
		updatedAt: at,
		completedAt: dates.completedAt ?? null,
		...extra
	} satisfies Participation;
}

const shift = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();
const DAY = 86_400_000;

async function collect(records: AsyncIterable<DataRecord>): Promise<DataRecord[]> {
	const out: DataRecord[] = [];
	for await (const r of records) out.push(r);
	return out;
}

describe.each(kinds)('$name store', (kind) => {
	let store: OpenedStore;
	beforeAll(async () => {
		store = await kind.fresh();
		useBackend(store.backend);
	});
	afterAll(() => store.backend.close());

	const fresh = async () => {
		await store.backend.close();
		store = await kind.fresh();
		useBackend(store.backend);
	};

	test('a participation is found by its token, never stored in clear, and survives a restart', async () => {
		const { participation, token } = await start();
		await participations.saveProgress(
			participation,
			{ classe_virtuelle: 'souvent', remarque: 'Évaluer « à distance » ✓' },
			'accompagnement'
		);
		expect(await store.rawText()).not.toContain(token);
		useBackend(await store.reopen());
		expect(await participations.findByToken(token)).toMatchObject({
			id: participation.id,
			pageName: 'accompagnement',
			answers: { classe_virtuelle: 'souvent', remarque: 'Évaluer « à distance » ✓' },
			status: 'in_progress',
			previousId: null,
			campaign: null
		});
		expect(await participations.findByToken('AAAAAAAAAAAAAAAAAAAAAA')).toBeUndefined();
		expect(await participations.findById('inconnu')).toBeUndefined();
	});

	test('a page save merges into the stored answers: 50 concurrent saves keep every answer', async () => {
		const { participation, token } = await start();
		// Every request saw the answers as they were before any of them (as concurrent tabs do).
		await Promise.all(
			Array.from({ length: 50 }, (_, i) =>
				participations.saveProgress(participation, { [`q${i}`]: i }, 'outils')
			)
		);
		useBackend(await store.reopen());
		const saved = (await participations.findByToken(token))!;
		expect(Object.keys(saved.answers)).toHaveLength(50);
		expect(saved.answers.q49).toBe(49);
		// A question emptied on a page is removed; the others stay.
		await participations.saveProgress(saved, { ...saved.answers, q0: undefined }, 'outils');
		const { q0: _, ...rest } = saved.answers;
		await participations.saveProgress(saved, rest, 'fin');
		expect((await participations.findByToken(token))!.answers).toEqual(rest);
	});

	test('200 concurrent submissions (start, then final submit): 200 completed records', async () => {
		await fresh();
		const tokens = await Promise.all(
			Array.from({ length: 200 }, async (_, i) => {
				const { participation, token } = await start();
				expect(await participations.complete(participation, { a: i }, RESULT)).toBe(true);
				return token;
			})
		);
		expect(new Set(tokens).size).toBe(200);
		useBackend(await store.reopen());
		const stored = (await collect(store.backend.dump())).filter((r) => r.type === 'participation');
		expect(stored).toHaveLength(200);
		expect(stored.every((r) => r.type === 'participation' && r.data.status === 'completed')).toBe(
			true
		);
		for (const [i, t] of tokens.entries()) {
			expect((await participations.findByToken(t))?.answers).toEqual({ a: i });
		}
	});

	test('a final submit completes once; a replay changes nothing and saves are refused after', async () => {
		const { participation, token } = await start();
		const results = await Promise.all([
			participations.complete(participation, { a: 1 }, RESULT),
			participations.complete(participation, { a: 2 }, RESULT)
		]);
		expect(results.filter(Boolean)).toHaveLength(1);
		const done = (await participations.findByToken(token))!;
		expect(done.status).toBe('completed');
		expect(done.completedAt).toEqual(expect.any(String));
		expect(await participations.complete(done, { a: 3 }, RESULT)).toBe(false);
		await participations.saveProgress(done, { a: 4 }, 'outils');
		expect((await participations.findByToken(token))!.answers).toEqual(done.answers);
	});

	test('a retake is idempotent: a second click lands on the same new attempt', async () => {
		await fresh();
		const { participation, token } = await start();
		await participations.complete(participation, { a: 1 }, RESULT);
		const input = { questionnaireVersion: '1.0.0', pageName: 'outils', campaign: null };
		const [first, second] = await Promise.all([
			participations.retake(participation, token, input),
			participations.retake(participation, token, input)
		]);
		expect(second.token).toBe(first.token);
		expect(second.participation.id).toBe(first.participation.id);
		expect(first.participation.previousId).toBe(participation.id);
		const third = await participations.retake(participation, token, input);
		expect(third.participation.id).toBe(first.participation.id);
		const stored = (await collect(store.backend.dump())).filter((r) => r.type === 'participation');
		expect(stored).toHaveLength(2);
	});

	test('deleting removes the attempt and its history for good; a restore does not bring them back', async () => {
		await fresh();
		const kept = await start();
		const first = await start();
		await participations.complete(first.participation, { a: 1 }, RESULT);
		const again = await participations.retake(first.participation, first.token, {
			questionnaireVersion: '1.0.0',
			pageName: 'outils',
			campaign: null
		});
		const backup = await collect(store.backend.dump());
		expect(await participations.removeWithHistory(again.participation)).toBe(2);
		expect(await participations.findByToken(first.token)).toBeUndefined();
		expect(await participations.findByToken(again.token)).toBeUndefined();

		const counts = await store.backend.restore(
			(async function* () {
				yield* backup;
			})()
		);
		expect(counts.participation).toBe(0);
		useBackend(await store.reopen());
		expect(await participations.findByToken(first.token)).toBeUndefined();
		expect(await participations.findByToken(again.token)).toBeUndefined();
		expect(await participations.findByToken(kept.token)).toBeDefined();
	});

	test('the retention purge deletes exactly what is past its limits, as a deletion; a second run deletes nothing', async () => {
		await fresh();
		const now = new Date('2027-06-15T12:00:00.000Z');
		const limits = { unfinishedDays: 180, completedDays: 730 };
		const { unfinishedBefore: u, completedBefore: c } = retentionCutoffs(now, limits);
		expect(u).toBe(shift(now.toISOString(), -180 * DAY));
		const { campaign } = await campaigns.create(campaignBase);
		const sharedLink = {
			id: campaign.id,
			group: 'Lyon',
			identifier: null,
			shared: true,
			sharedOn: '2025-01-01',
			wave: 'T0'
		};
		const seeds = [
			// In progress: the last saved answer counts, not the start.
			seeded('u-old', { updatedAt: shift(u, -1) }),
			seeded('u-edge', { updatedAt: u }),
			seeded('u-new', { updatedAt: shift(u, 1) }),
			seeded('u-started-long-ago', { createdAt: shift(u, -400 * DAY), updatedAt: shift(u, DAY) }),
			// Completed: completion counts, whatever changed since (sharing).
			seeded('c-old', { completedAt: shift(c, -1), updatedAt: shift(now.toISOString(), -DAY) }),
			seeded('c-edge', { completedAt: c }),
			seeded('c-new', { completedAt: shift(c, 1) }),
			seeded('c-past-unfinished-limit', { completedAt: shift(u, -DAY) }),
			// Shared with a campaign: it leaves the campaign's results with it.
			seeded('c-shared', { completedAt: shift(c, -DAY) }, { campaign: sharedLink }),
			// A retake: each attempt has its own limit; the newer one stays, without its previous.
			seeded('a-first', { completedAt: shift(c, -DAY) }),
			seeded('a-retake', { completedAt: shift(c, 100 * DAY) }, { previousId: 'a-first' }),
			// A guided session's participation lives with its session.
			seeded('g-old', { updatedAt: shift(u, -400 * DAY) })
		];
		for (const p of seeds) await store.backend.participations.insert(p);
		await store.backend.guided.insert({
			id: 'session-1',
			campaignId: campaign.id,
			participationId: 'g-old',
			client: 'Organisme A',
			notes: {},
			ratings: {},
			actions: [],
			createdAt: shift(u, -400 * DAY),
			updatedAt: shift(u, -400 * DAY)
		});
		const doomed = ['u-old', 'c-old', 'c-shared', 'a-first'];

		const lines: string[] = [];
		const restore = redirectLog((line) => lines.push(line));
		try {
			expect(await purgeExpired(now, limits)).toEqual({
				unfinished: 1,
				completed: 3,
				tombstones: 0
			});
			expect(await purgeExpired(now, limits)).toEqual({
				unfinished: 0,
				completed: 0,
				tombstones: 0
			});
		} finally {
			restore();
		}

		useBackend(await store.reopen());
		const after = await collect(store.backend.dump());
		const kept = after.filter((r) => r.type === 'participation').map((r) => r.data.id);
		expect(kept.sort()).toEqual(
			seeds
				.map((p) => p.id)
				.filter((id) => !doomed.includes(id))
				.sort()
		);
		// Tombstones, as for a person's own deletion: a restore will not bring them back.
		expect(after.filter((r) => r.type === 'deleted').map((r) => r.data)).toEqual(
			expect.arrayContaining(doomed.map((id) => ({ id, deletedAt: now.toISOString() })))
		);
		expect(await participations.listByCampaign(campaign.id)).toEqual([]);
		expect((await participations.findById('a-retake'))?.previousId).toBe('a-first');
		expect(await participations.findById('a-first')).toBeUndefined();
		const counts = await store.backend.restore(
			(async function* () {
				for (const p of seeds) yield { type: 'participation' as const, data: p };
			})()
		);
		expect(counts.participation).toBe(0);

		// The log says what happened in counts; no id of what went.
		const events = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
		expect(events.filter((e) => e.event === 'retention.purged')).toEqual([
			expect.objectContaining({ unfinished: 1, completed: 3, unfinishedDays: 180 }),
			expect.objectContaining({ unfinished: 0, completed: 0, completedDays: 730 })
		]);
		expect(events.filter((e) => e.event === 'participations.deleted').map((e) => e.reason)).toEqual(
			['retention']
		);
		for (const id of seeds.map((p) => p.id)) expect(lines.join('\n')).not.toContain(id);
	});

	test('the purge forgets tombstones older than TOMBSTONE_DAYS, after a restart too; newer ones still stop a restore', async () => {
		await fresh();
		const now = new Date('2027-06-15T12:00:00.000Z');
		const limits = { unfinishedDays: 180, completedDays: 730, tombstoneDays: 30 };
		const at = (days: number) => shift(now.toISOString(), -days * DAY);
		const seeds = [
			seeded('t-old', { updatedAt: at(40) }),
			seeded('t-edge', { updatedAt: at(40) }),
			seeded('t-recent', { updatedAt: at(40) })
		];
		for (const p of seeds) await store.backend.participations.insert(p);
		await store.backend.participations.remove(['t-old'], shift(at(30), -1));
		await store.backend.participations.remove(['t-edge'], at(30));
		await store.backend.participations.remove(['t-recent'], at(29));

		expect(await purgeExpired(now, limits)).toEqual({ unfinished: 0, completed: 0, tombstones: 1 });
		expect(await purgeExpired(now, limits)).toEqual({ unfinished: 0, completed: 0, tombstones: 0 });
		useBackend(await store.reopen());
		const tombstones = (await collect(store.backend.dump())).filter((r) => r.type === 'deleted');
		expect(tombstones.map((r) => r.data)).toEqual([
			{ id: 't-edge', deletedAt: at(30) },
			{ id: 't-recent', deletedAt: at(29) }
		]);
		// Only a backup older than TOMBSTONE_DAYS (kept too long) could bring one back.
		const counts = await store.backend.restore(
			(async function* () {
				for (const p of seeds) yield { type: 'participation' as const, data: p };
			})()
		);
		expect(counts.participation).toBe(1);
		expect(await participations.findById('t-old')).toBeDefined();
		expect(await participations.findById('t-edge')).toBeUndefined();
	});

	test('expired participations come oldest first (last answer or completion), in rounds of the size asked', async () => {
		await fresh();
		const now = new Date('2027-06-15T12:00:00.000Z');
		const limits = { unfinishedDays: 10, completedDays: 20 };
		const cutoffs = retentionCutoffs(now, limits);
		const ages = [5, 1, 4, 2, 3];
		for (const [i, age] of ages.entries()) {
			const p =
				i % 2 === 0
					? seeded(`p${i}`, { updatedAt: shift(cutoffs.unfinishedBefore, -age * DAY) })
					: seeded(`p${i}`, { completedAt: shift(cutoffs.completedBefore, -age * DAY) });
			await store.backend.participations.insert(p);
		}
		await store.backend.participations.insert(seeded('fresh', { updatedAt: now.toISOString() }));
		// Completions 21 and 22 days ago come before last answers 13 to 15 days ago.
		expect(await store.backend.participations.expired(cutoffs, 3)).toEqual([
			{ id: 'p3', status: 'completed' },
			{ id: 'p1', status: 'completed' },
			{ id: 'p0', status: 'in_progress' }
		]);
		expect(await purgeExpired(now, limits, 2)).toEqual({
			unfinished: 3,
			completed: 2,
			tombstones: 0
		});
		expect(await store.backend.participations.expired(cutoffs, 10)).toEqual([]);
		expect(await participations.findById('fresh')).toBeDefined();
	});

	test('a campaign is found by its code and management link; the link is never stored in clear', async () => {
		const { campaign, managementToken } = await campaigns.create(campaignBase);
		expect((await campaigns.findByCode(campaign.code))?.id).toBe(campaign.id);
		expect((await campaigns.findByManagementToken(managementToken))?.id).toBe(campaign.id);
		expect(await campaigns.findByManagementToken('AAAAAAAAAAAAAAAAAAAAAA')).toBeUndefined();
		expect(await campaigns.findByCode('ZZZZZZZZ')).toBeUndefined();
		expect(await store.rawText()).not.toContain(managementToken);
		// A taken code is refused by the store.
		expect(await store.backend.campaigns.insert({ ...campaign, id: 'autre' })).toBe(false);
		useBackend(await store.reopen());
		expect(await campaigns.findById(campaign.id)).toEqual(campaign);
	});

	test('waves and unlocked sessions: concurrent changes are all kept', async () => {
		const { campaign } = await campaigns.create(campaignBase);
		const opened = await Promise.all([
			campaigns.openWave(campaign, '2027-03-01'),
			campaigns.openWave(campaign, '2027-03-01')
		]);
		expect(opened.sort()).toEqual(['T1', 'T2']);
		expect(campaigns.wavesOf((await campaigns.findById(campaign.id))!).map((w) => w.id)).toEqual([
			'T0',
			'T1',
			'T2'
		]);
		const tokens = await Promise.all(
			Array.from({ length: 5 }, () => campaigns.openSession(campaign))
		);
		const now = (await campaigns.findById(campaign.id))!;
		for (const t of tokens) expect(campaigns.hasSession(now, t)).toBe(true);
		// Expired sessions are dropped, and at most 20 are kept.
		const later = new Date(Date.now() + (campaigns.SESSION_HOURS + 1) * 3600_000);
		expect(campaigns.hasSession(now, tokens[0], later)).toBe(false);
		for (let i = 0; i < 25; i++) await campaigns.openSession(campaign);
		expect((await campaigns.findById(campaign.id))!.sessions).toHaveLength(20);
	});

	test('sharing is explicit, dated by day only, and can be withdrawn', async () => {
		const { campaign } = await campaigns.create(campaignBase);
		const { participation } = await start({
			id: campaign.id,
			group: 'Lyon',
			identifier: null,
			shared: false,
			sharedOn: null,
			wave: 'T0'
		});
		expect(await participations.listByCampaign(campaign.id)).toHaveLength(1);
		await participations.setShared(participation, true);
		expect((await participations.findById(participation.id))!.campaign).toMatchObject({
			shared: true,
			sharedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/)
		});
		await participations.setShared(participation, false);
		expect((await participations.findById(participation.id))!.campaign).toEqual({
			id: campaign.id,
			group: 'Lyon',
			identifier: null,
			shared: false,
			sharedOn: null,
			wave: 'T0'
		});
	});

	test('a guided session is found only within its campaign, and its plan survives a restart', async () => {
		const { participation } = await start();
		const session = await guided.create({
			campaignId: 'campagne-1',
			participationId: participation.id,
			client: 'Organisme A'
		});
		// A millisecond later, so that « oldest first » has one answer (the stores date to the ms;
		// two sessions of the same ms have no order of their own).
		await new Promise((resolve) => setTimeout(resolve, 2));
		const other = await guided.create({
			campaignId: 'campagne-1',
			participationId: participation.id,
			client: 'Organisme B'
		});
		expect((await guided.findInCampaign('campagne-1', session.id))?.client).toBe('Organisme A');
		expect(await guided.findInCampaign('campagne-2', session.id)).toBeUndefined();
		expect(await guided.listByCampaign('campagne-2')).toEqual([]);
		expect((await guided.listByCampaign('campagne-1')).map((s) => s.id)).toEqual([
			session.id,
			other.id
		]);
		expect(await participations.listByCampaign('campagne-1')).toEqual([]);

		await guided.saveAssessment(session, { A: 'Note' }, { A: 'confirme' });
		const action = await guided.addAction(session, {
			title: 'Former',
			target: 'A',
			owner: '',
			dueOn: null,
			status: 'todo',
			resourceIds: ['r1']
		});
		const [second] = await Promise.all([
			guided.addAction(session, { ...action, title: 'Suivre' }),
			guided.addAction(session, { ...action, title: 'Mesurer' })
		]);
		expect(await guided.setActionStatus(session, action.id, 'done')).toBe(true);
		expect(await guided.setActionStatus(session, 'inconnue', 'done')).toBe(false);
		expect(await guided.removeAction(session, second!.id)).toBe(true);
		expect(await guided.removeAction(session, second!.id)).toBe(false);

		useBackend(await store.reopen());
		const saved = (await guided.findInCampaign('campagne-1', session.id))!;
		expect(saved).toMatchObject({
			notes: { A: 'Note' },
			ratings: { A: 'confirme' },
			actions: [
				{ id: action.id, title: 'Former', status: 'done', resourceIds: ['r1'] },
				{ title: 'Mesurer' }
			]
		});
		expect(saved.updatedAt >= saved.createdAt).toBe(true);
	});

	test('ping answers while the store is open; once closed, ping and changes are refused', async () => {
		const target = await kind.fresh();
		await expect(target.backend.ping()).resolves.toBeUndefined();
		useBackend(target.backend);
		const { participation } = await start();
		await target.backend.close();
		await expect(target.backend.ping()).rejects.toBeDefined();
		// A request still running when the store closed (past SHUTDOWN_TIMEOUT) cannot write.
		await expect(
			target.backend.participations.saveAnswers(
				participation.id,
				{ set: { classe_virtuelle: 'jamais' }, clear: [] },
				'accompagnement',
				new Date().toISOString()
			)
		).rejects.toBeDefined();
		const reopened = await target.reopen();
		try {
			await expect(reopened.ping()).resolves.toBeUndefined();
			expect(await reopened.participations.byId(participation.id)).toMatchObject({
				answers: {},
				pageName: 'outils'
			});
		} finally {
			await reopened.close();
			useBackend(store.backend);
		}
	});

	test('everything dumped is restored unchanged into an empty store of the same kind', async () => {
		const before = await collect(store.backend.dump());
		expect(before.length).toBeGreaterThan(3);
		const target = await kind.fresh();
		try {
			expect(await target.backend.isEmpty()).toBe(true);
			await target.backend.restore(
				(async function* () {
					yield* before;
				})()
			);
			expect(await target.backend.isEmpty()).toBe(false);
			expect(await collect(target.backend.dump())).toEqual(before);
		} finally {
			await target.backend.close();
		}
	});
});
