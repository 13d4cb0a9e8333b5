/**
 * The embedded implementation of the storage verbs (default): everything in memory, read once
 * at start, each change written durably to its document before it is acknowledged.
 */
import { access, constants } from 'node:fs/promises';
import type { Backend, DataRecord } from './backend';
import { openStore, type FaultHook, type Store, type StoreContents, type Undo } from './store';
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

/** Adds `item` to a list; the undo takes it out again. */
function push<T>(list: T[], item: T): Undo {
	list.push(item);
	return () => list.splice(list.lastIndexOf(item), 1);
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
	const { main, participations } = contents;
	for (const c of byAge(main.campaigns, (x) => x.createdAt)) yield { type: 'campaign', data: c };
	for (const s of byAge(main.guidedSessions, (x) => x.createdAt)) {
		yield { type: 'guidedSession', data: s };
	}
	for (const p of byAge(participations.values(), (x) => x.createdAt)) {
		yield { type: 'participation', data: p };
	}
	for (const d of byAge(main.deleted, (x) => x.deletedAt)) yield { type: 'deleted', data: d };
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
	const { main, participations: all } = store;
	const data = () => main.data;
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

	const campaign = (id: string) => data().campaigns.find((c) => c.id === id);
	const session = (id: string) => data().guidedSessions.find((s) => s.id === id);
	const inProgress = (id: string) => {
		const p = all.get(id);
		return p?.status === 'in_progress' ? p : undefined;
	};

	/** Changes a session (with its update time) if it exists. */
	const changeSession = async (
		id: string,
		at: string,
		values: (s: GuidedSession) => Partial<GuidedSession> | null
	): Promise<boolean> => {
		const s = session(id);
		const v = s && values(s);
		if (!s || !v) return false;
		await store.commit('main', () => assign(s, { ...v, updatedAt: at }));
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
				const fresh = ids.filter((id) => !data().deleted.some((d) => d.id === id));
				// The deletion is remembered first: a document whose removal fails is removed at
				// the next start, never restored.
				if (fresh.length > 0) {
					await store.commit('main', () => {
						const before = data().deleted;
						data().deleted = [...before, ...fresh.map((id) => ({ id, deletedAt: at }))];
						return () => {
							data().deleted = before;
						};
					});
				}
				for (const id of ids) {
					const p = all.get(id);
					if (!p) continue;
					await store.commit(`p:${id}`, () => {
						all.delete(id);
						unindex(p);
						return () => {
							all.set(id, p);
							index(p);
						};
					});
				}
			},
			async expired({ unfinishedBefore, completedBefore }, limit) {
				const guided = new Set(data().guidedSessions.map((s) => s.participationId));
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
			}
		},
		campaigns: {
			async insert(c) {
				if (data().campaigns.some((x) => x.code === c.code)) return false;
				const stored = structuredClone(c);
				await store.commit('main', () => push(data().campaigns, stored));
				return true;
			},
			async byId(id) {
				return copy(campaign(id));
			},
			async byCode(code) {
				return copy(data().campaigns.find((c) => c.code === code));
			},
			async byManagementHash(hash) {
				return copy(data().campaigns.find((c) => c.managementHash === hash));
			},
			async addSession(id, s, now) {
				const c = campaign(id);
				if (!c) return;
				const live = (c.sessions ?? []).filter((x) => x.expires > now);
				await store.commit('main', () => assign(c, { sessions: [...live.slice(-19), s] }));
			},
			async addWave(id, openedOn) {
				const c = campaign(id);
				if (!c) throw new Error(`campaign ${id} not found`);
				const waves = c.waves?.length
					? c.waves
					: [{ id: 'T0', openedOn: c.createdAt.slice(0, 10) }];
				const wave = `T${waves.length}`;
				await store.commit('main', () => assign(c, { waves: [...waves, { id: wave, openedOn }] }));
				return wave;
			}
		},
		guided: {
			async insert(s) {
				const stored = structuredClone(s);
				await store.commit('main', () => push(data().guidedSessions, stored));
			},
			async byId(id) {
				return copy(session(id));
			},
			async byCampaign(campaignId) {
				return data()
					.guidedSessions.filter((s) => s.campaignId === campaignId)
					.map((s) => copy(s)!);
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
			yield* recordsOf({ main: data(), participations: all });
		},
		async isEmpty() {
			return all.size === 0 && data().campaigns.length === 0 && data().guidedSessions.length === 0;
		},
		async restore(records) {
			const counts = { campaign: 0, guidedSession: 0, participation: 0, deleted: 0 };
			const participations: Participation[] = [];
			const campaigns: Campaign[] = [];
			const sessions: GuidedSession[] = [];
			const deleted = new Map(data().deleted.map((d) => [d.id, d]));
			for await (const r of records) {
				if (r.type === 'campaign') campaigns.push(r.data);
				else if (r.type === 'guidedSession') sessions.push(r.data);
				else if (r.type === 'participation') participations.push(r.data);
				else if (!deleted.has(r.data.id)) deleted.set(r.data.id, r.data);
			}
			await store.commit('main', () => {
				const before = { ...data() };
				const known = (list: { id: string }[], id: string) => list.some((x) => x.id === id);
				const newCampaigns = campaigns.filter((c) => !known(data().campaigns, c.id));
				const newSessions = sessions.filter((s) => !known(data().guidedSessions, s.id));
				counts.campaign = newCampaigns.length;
				counts.guidedSession = newSessions.length;
				counts.deleted = deleted.size - data().deleted.length;
				main.data = {
					...data(),
					campaigns: [...data().campaigns, ...newCampaigns],
					guidedSessions: [...data().guidedSessions, ...newSessions],
					deleted: [...deleted.values()]
				};
				return () => {
					main.data = before;
				};
			});
			// Each document is written durably on its own: several at a time. An import stopped
			// half-way (disk full) can be run again: it adds only what is still missing.
			const fresh = participations.filter(
				(p) => !deleted.has(p.id) && !all.has(p.id) && !byHash.has(p.tokenHash)
			);
			let next = 0;
			await Promise.all(
				Array.from({ length: 16 }, async () => {
					while (next < fresh.length) {
						await backend.participations.insert(fresh[next++]!);
						counts.participation++;
					}
				})
			);
			for (const id of deleted.keys()) {
				const p = all.get(id);
				if (p) await backend.participations.remove([id], deleted.get(id)!.deletedAt);
			}
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
