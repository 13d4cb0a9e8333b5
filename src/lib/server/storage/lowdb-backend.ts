/**
 * The embedded implementation of the storage verbs (default): everything in memory, read once
 * at start, each change written durably to its document before it is acknowledged.
 */
import { access, constants } from 'node:fs/promises';
import type { Backend, DataRecord } from './backend';
import {
	openStore,
	type DocKey,
	type FaultHook,
	type Store,
	type StoreContents,
	type Undo
} from './store';
import type { Campaign, GuidedSession, Participation } from './records';
import { unavailable } from './unavailable';

/** Sets fields of a record; the returned undo puts the previous values back. */
function assign<T extends object>(record: T, values: Partial<T>): Undo {
	const before = Object.fromEntries(
		Object.keys(values).map((k) => [k, record[k as keyof T]])
	) as Partial<T>;
	Object.assign(record, values);
	return () => Object.assign(record, before);
}

/** Adds a record to a map under its id; the undo takes it out again. */
function put<T extends { id: string }>(map: Map<string, T>, record: T): Undo {
	map.set(record.id, record);
	return () => map.delete(record.id);
}

/** Runs `task` over `items`, `width` at a time. */
async function eachLimited<T>(items: T[], width: number, task: (item: T) => Promise<void>) {
	let next = 0;
	await Promise.all(
		Array.from({ length: Math.min(width, items.length) }, async () => {
			while (next < items.length) await task(items[next++]!);
		})
	);
}

/** Callers get copies: a request never sees another one's change half-way. */
const copy = <T>(v: T | undefined): T | undefined => (v === undefined ? v : structuredClone(v));

/** Oldest first, ties by id: the order both stores dump in. */
function byAge<T extends { id: string }>(list: Iterable<T>, at: (x: T) => string): T[] {
	return [...list].sort((a, b) =>
		at(a) === at(b) ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : at(a) < at(b) ? -1 : 1
	);
}

/**
 * Every record of the embedded store in dump order: campaigns, guided sessions, participations,
 * deletions, each oldest first (PostgreSQL dumps in the same order).
 */
export function* recordsOf(contents: StoreContents): Generator<DataRecord> {
	const { campaigns, guidedSessions, participations, deleted } = contents;
	for (const c of byAge(campaigns.values(), (x) => x.createdAt)) {
		yield { type: 'campaign', data: c };
	}
	for (const s of byAge(guidedSessions.values(), (x) => x.createdAt)) {
		yield { type: 'guidedSession', data: s };
	}
	for (const p of byAge(participations.values(), (x) => x.createdAt)) {
		yield { type: 'participation', data: p };
	}
	const tombstones = [...deleted].map(([id, deletedAt]) => ({ id, deletedAt }));
	for (const d of byAge(tombstones, (x) => x.deletedAt)) yield { type: 'deleted', data: d };
}

/** Opens the embedded store in `dataDir` (lock, read, checks) and returns its verbs. */
export async function openLowdb(
	dataDir: string,
	faults?: FaultHook
): Promise<Backend & { store: Store }> {
	const store = await openStore(dataDir, faults);
	return lowdbBackend(store);
}

/** The verbs over an opened embedded store. */
export function lowdbBackend(store: Store): Backend & { store: Store } {
	const { participations: all, campaigns, guidedSessions: sessions, deleted } = store;
	const byHash = new Map<string, Participation>();
	const byCampaign = new Map<string, Set<Participation>>();
	const index = (p: Participation) => {
		byHash.set(p.tokenHash, p);
		if (p.campaign) {
			let set = byCampaign.get(p.campaign.id);
			if (!set) byCampaign.set(p.campaign.id, (set = new Set()));
			set.add(p);
		}
	};
	const unindex = (p: Participation) => {
		byHash.delete(p.tokenHash);
		if (p.campaign) byCampaign.get(p.campaign.id)?.delete(p);
	};
	for (const p of all.values()) index(p);
	// Campaigns by participant code and by management link (the first stored wins).
	const byCode = new Map<string, Campaign>();
	const byManagement = new Map<string, Campaign>();
	const indexCampaign = (c: Campaign) => {
		if (!byCode.has(c.code)) byCode.set(c.code, c);
		if (!byManagement.has(c.managementHash)) byManagement.set(c.managementHash, c);
	};
	const unindexCampaign = (c: Campaign) => {
		if (byCode.get(c.code) === c) byCode.delete(c.code);
		if (byManagement.get(c.managementHash) === c) byManagement.delete(c.managementHash);
	};
	for (const c of campaigns.values()) indexCampaign(c);

	const inProgress = (id: string) => {
		const p = all.get(id);
		return p?.status === 'in_progress' ? p : undefined;
	};
	/** Records a tombstone; the undo forgets it. */
	const bury = (id: string, at: string): Undo => {
		deleted.set(id, at);
		return () => deleted.delete(id);
	};

	/** Changes a session (with its update time) if it exists. */
	const changeSession = async (
		id: string,
		at: string,
		values: (s: GuidedSession) => Partial<GuidedSession> | null
	): Promise<boolean> => {
		const s = sessions.get(id);
		const v = s && values(s);
		if (!s || !v) return false;
		await store.commit(`g:${id}`, () => assign(s, { ...v, updatedAt: at }));
		return true;
	};

	const backend: Backend & { store: Store } = {
		kind: 'lowdb',
		store,
		participations: {
			async insert(p) {
				const existing = byHash.get(p.tokenHash);
				if (existing) return copy(existing)!;
				const stored = structuredClone(p);
				await store.commit(`p:${p.id}`, () => {
					all.set(p.id, stored);
					index(stored);
					return () => {
						all.delete(p.id);
						unindex(stored);
					};
				});
				return copy(stored)!;
			},
			async byId(id) {
				return copy(all.get(id));
			},
			async byTokenHash(hash) {
				return copy(byHash.get(hash));
			},
			async byCampaign(campaignId) {
				// Read-only lists for aggregates: not copied (a dashboard reads thousands).
				return [...(byCampaign.get(campaignId) ?? [])];
			},
			async saveAnswers(id, change, pageName, at) {
				const p = inProgress(id);
				if (!p) return false;
				const answers = { ...p.answers, ...change.set };
				for (const k of change.clear) delete answers[k];
				await store.commit(`p:${id}`, () => assign(p, { answers, pageName, updatedAt: at }));
				return true;
			},
			async complete(id, answers, result, at) {
				const p = inProgress(id);
				if (!p) return false;
				await store.commit(`p:${id}`, () =>
					assign(p, {
						answers,
						result,
						status: 'completed',
						updatedAt: at,
						completedAt: at
					})
				);
				return true;
			},
			async setCampaignLink(id, link, at) {
				const p = all.get(id);
				if (!p) return;
				await store.commit(`p:${id}`, () => assign(p, { campaign: link, updatedAt: at }));
			},
			async remove(ids, at) {
				// The deletion is remembered first: a document whose removal fails is removed at
				// the next start, never restored.
				// Several documents at a time, a bounded few (a purge round holds hundreds).
				const fresh = [...new Set(ids)].filter((id) => !deleted.has(id));
				await eachLimited(fresh, 16, (id) => store.commit(`d:${id}`, () => bury(id, at)));
				await eachLimited([...new Set(ids)], 16, async (id) => {
					const p = all.get(id);
					if (!p) return;
					await store.commit(`p:${id}`, () => {
						all.delete(id);
						unindex(p);
						return () => {
							all.set(id, p);
							index(p);
						};
					});
				});
			},
			async expired({ unfinishedBefore, completedBefore }, limit) {
				const guided = new Set([...sessions.values()].map((s) => s.participationId));
				// ISO instants from toISOString() compare as text in time order.
				const since = (p: Participation) =>
					p.status === 'completed' ? (p.completedAt ?? p.updatedAt) : p.updatedAt;
				const found = [...all.values()].filter(
					(p) =>
						!guided.has(p.id) &&
						since(p) < (p.status === 'completed' ? completedBefore : unfinishedBefore)
				);
				return byAge(found, since)
					.slice(0, limit)
					.map((p) => ({ id: p.id, status: p.status }));
			},
			async pruneTombstones(deletedBefore) {
				const old = [...deleted].filter(([, at]) => at < deletedBefore);
				await eachLimited(old, 16, ([id, at]) =>
					store.commit(`d:${id}`, () => {
						deleted.delete(id);
						return () => deleted.set(id, at);
					})
				);
				return old.length;
			}
		},
		campaigns: {
			async insert(c) {
				if (byCode.has(c.code)) return false;
				const stored = structuredClone(c);
				await store.commit(`c:${c.id}`, () => {
					const undo = put(campaigns, stored);
					indexCampaign(stored);
					return () => {
						undo();
						unindexCampaign(stored);
					};
				});
				return true;
			},
			async byId(id) {
				return copy(campaigns.get(id));
			},
			async byCode(code) {
				return copy(byCode.get(code));
			},
			async byManagementHash(hash) {
				return copy(byManagement.get(hash));
			},
			async addSession(id, s, now) {
				const c = campaigns.get(id);
				if (!c) return;
				const live = (c.sessions ?? []).filter((x) => x.expires > now);
				await store.commit(`c:${id}`, () => assign(c, { sessions: [...live.slice(-19), s] }));
			},
			async addWave(id, openedOn) {
				const c = campaigns.get(id);
				if (!c) throw new Error(`campaign ${id} not found`);
				const waves = c.waves?.length
					? c.waves
					: [{ id: 'T0', openedOn: c.createdAt.slice(0, 10) }];
				const wave = `T${waves.length}`;
				await store.commit(`c:${id}`, () =>
					assign(c, { waves: [...waves, { id: wave, openedOn }] })
				);
				return wave;
			}
		},
		guided: {
			async insert(s) {
				const stored = structuredClone(s);
				await store.commit(`g:${s.id}`, () => put(sessions, stored));
			},
			async byId(id) {
				return copy(sessions.get(id));
			},
			async byCampaign(campaignId) {
				return byAge(
					[...sessions.values()].filter((s) => s.campaignId === campaignId),
					(s) => s.createdAt
				).map((s) => copy(s)!);
			},
			async saveAssessment(id, notes, ratings, at) {
				await changeSession(id, at, () => ({ notes, ratings }));
			},
			async addAction(id, action, at) {
				await changeSession(id, at, (s) => ({ actions: [...s.actions, action] }));
			},
			setActionStatus(id, actionId, status, at) {
				return changeSession(id, at, (s) =>
					s.actions.some((a) => a.id === actionId)
						? { actions: s.actions.map((a) => (a.id === actionId ? { ...a, status } : a)) }
						: null
				);
			},
			removeAction(id, actionId, at) {
				return changeSession(id, at, (s) =>
					s.actions.some((a) => a.id === actionId)
						? { actions: s.actions.filter((a) => a.id !== actionId) }
						: null
				);
			}
		},
		async *dump(): AsyncIterable<DataRecord> {
			yield* recordsOf(store);
		},
		async isEmpty() {
			return all.size === 0 && campaigns.size === 0 && sessions.size === 0;
		},
		async restore(records) {
			const counts = { campaign: 0, guidedSession: 0, participation: 0, deleted: 0 };
			const participations: Participation[] = [];
			const newCampaigns = new Map<string, Campaign>();
			const newSessions = new Map<string, GuidedSession>();
			const newDeleted = new Map<string, string>();
			for await (const r of records) {
				if (r.type === 'campaign') {
					if (!campaigns.has(r.data.id)) newCampaigns.set(r.data.id, r.data);
				} else if (r.type === 'guidedSession') {
					if (!sessions.has(r.data.id)) newSessions.set(r.data.id, r.data);
				} else if (r.type === 'participation') participations.push(r.data);
				else if (!deleted.has(r.data.id)) newDeleted.set(r.data.id, r.data.deletedAt);
			}
			// Each document is written durably on its own: several at a time. An import stopped
			// half-way (disk full) can be run again: it adds only what is still missing.
			const docs: [DocKey, () => Undo][] = [
				...[...newDeleted].map(([id, at]): [DocKey, () => Undo] => [`d:${id}`, () => bury(id, at)]),
				...[...newCampaigns.values()].map((c): [DocKey, () => Undo] => [
					`c:${c.id}`,
					() => {
						const undo = put(campaigns, structuredClone(c));
						indexCampaign(campaigns.get(c.id)!);
						return () => {
							unindexCampaign(campaigns.get(c.id)!);
							undo();
						};
					}
				]),
				...[...newSessions.values()].map((g): [DocKey, () => Undo] => [
					`g:${g.id}`,
					() => put(sessions, structuredClone(g))
				])
			];
			await eachLimited(docs, 16, ([doc, apply]) => store.commit(doc, apply));
			counts.deleted = newDeleted.size;
			counts.campaign = newCampaigns.size;
			counts.guidedSession = newSessions.size;
			const fresh = participations.filter(
				(p) => !deleted.has(p.id) && !all.has(p.id) && !byHash.has(p.tokenHash)
			);
			await eachLimited(fresh, 16, async (p) => {
				await backend.participations.insert(p);
				counts.participation++;
			});
			const doomed = [...newDeleted.keys()].filter((id) => all.has(id));
			for (const id of doomed) await backend.participations.remove([id], deleted.get(id)!);
			return counts;
		},
		async ping() {
			if (!store.open) throw unavailable();
			// The folder is still there and writable (not remounted read-only, not removed).
			await access(store.dir, constants.W_OK);
		},
		close: () => store.close()
	};
	return backend;
}
