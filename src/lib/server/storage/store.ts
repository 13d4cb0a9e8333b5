/**
 * The embedded store's files (ADR 0005, 0015, 0016, 0024). Every record is a small JSON
 * document of its own, `<folder>/<2 first characters of its id>/<id>.json`: participations,
 * campaigns, guided sessions and deletions (tombstones). Any change rewrites the one document it
 * touches, a few kilobytes whatever the number of records. `reperes.json` holds the layout's
 * version alone: it marks the folder as a store. Everything is read once at start; a file that
 * is empty, unreadable or of the wrong shape stops the start-up with a message naming it, and is
 * never replaced. Folders of an older layout are moved to this one at start.
 */
import { mkdir, open, readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { removeStaleTemps, TEMP_SUFFIX, writeDocument } from './durable-file';
import { acquireLock } from './lock';
import { unavailable } from './unavailable';
import { log } from '../log';

export { WRITE_FAILED } from './unavailable';
import type { Campaign, GuidedSession, Participation } from './records';

/** The layout's version, the whole content of `reperes.json`. */
export const SCHEMA_VERSION = 3;

/**
 * `reperes.json`. Version 1 held the participations too, version 2 the campaigns, guided sessions
 * and deletions; version 3 holds nothing else.
 */
export interface MainData {
	schemaVersion: typeof SCHEMA_VERSION;
}

/** A participation deleted for good: a restore skips it until the tombstone is pruned. */
export interface Tombstone {
	id: string;
	deletedAt: string;
}

export const STORE_FILE = 'reperes.json';

/** The kinds of document and their folders. */
export const FOLDERS = {
	p: 'participations',
	c: 'campaigns',
	g: 'guided-sessions',
	d: 'deleted'
} as const;
export type DocKind = keyof typeof FOLDERS;
export const PARTICIPATIONS_DIR = FOLDERS.p;

export class StoreError extends Error {
	constructor(
		readonly file: string,
		readonly problem: string
	) {
		super(
			`${file} : ${problem}. Le fichier n’a pas été modifié ; voir « Données » dans le README pour le restaurer.`
		);
		this.name = 'StoreError';
	}
}

/** Puts a change back as it was; returned by each change applied through `commit`. */
export type Undo = () => void;

/** Where a change lands: one document, by its kind and id. */
export type DocKey = `${DocKind}:${string}`;

/** What the embedded store holds, as read from its files. */
export interface StoreContents {
	participations: Map<string, Participation>;
	campaigns: Map<string, Campaign>;
	guidedSessions: Map<string, GuidedSession>;
	/** Participation id → when it was deleted. */
	deleted: Map<string, string>;
}

export interface Store extends StoreContents {
	dir: string;
	/**
	 * Applies a change to one document in memory and resolves once it is on disk. Changes to a
	 * document are written in order, several at a time when they queue up. If the write fails
	 * (disk full, I/O error, read-only file system), every change to that document not yet on
	 * disk is undone and each caller gets a 503: nothing acknowledged is ever missing, and
	 * nothing unacknowledged stays in memory. A record absent from memory after the change has
	 * its document removed.
	 */
	commit(doc: DocKey, apply: () => Undo): Promise<void>;
	/** Whether the store takes changes: false once `close` has begun. */
	readonly open: boolean;
	/**
	 * Waits for queued writes, then releases the data folder. Changes asked for meanwhile are
	 * refused (503) instead of being written by a process that no longer holds the lock.
	 */
	close(): Promise<void>;
}

/** Ids become file names: only these characters (UUIDs and the like). */
export const SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The document of a record, relative to the data folder. */
export function documentFile(dir: string, kind: DocKind, id: string): string {
	return path.join(dir, FOLDERS[kind], id.slice(0, 2), `${id}.json`);
}

/** The document of a participation, relative to the data folder. */
export function participationFile(dir: string, id: string): string {
	return documentFile(dir, 'p', id);
}

interface Pending {
	undo: Undo;
	resolve: () => void;
	reject: (e: unknown) => void;
}

/** One write queue per document: a document's changes are written in order, coalesced. */
function committer(write: (doc: DocKey) => Promise<void>) {
	const lanes = new Map<DocKey, { queue: Pending[]; writing: Promise<void> }>();
	const run = async (doc: DocKey, lane: { queue: Pending[] }) => {
		while (lane.queue.length > 0) {
			const batch = lane.queue;
			lane.queue = [];
			try {
				await write(doc);
				for (const c of batch) c.resolve();
			} catch (e) {
				// Undo everything not on disk, newest first, including changes queued meanwhile.
				const failed = [...batch, ...lane.queue];
				lane.queue = [];
				for (const c of [...failed].reverse()) c.undo();
				log('error', 'store.write_failed', {
					code: (e as NodeJS.ErrnoException).code ?? null,
					changes: failed.length
				});
				for (const c of failed) c.reject(unavailable());
			}
		}
		lanes.delete(doc);
	};
	return {
		commit(doc: DocKey, apply: () => Undo): Promise<void> {
			const undo = apply();
			return new Promise<void>((resolve, reject) => {
				const lane = lanes.get(doc);
				if (lane) {
					lane.queue.push({ undo, resolve, reject });
					return;
				}
				const fresh = { queue: [{ undo, resolve, reject }], writing: Promise.resolve() };
				lanes.set(doc, fresh);
				fresh.writing = run(doc, fresh);
			});
		},
		async idle() {
			while (lanes.size > 0) await Promise.all([...lanes.values()].map((l) => l.writing));
		}
	};
}

function fail(file: string, problem: string): never {
	throw new StoreError(file, problem);
}

function isRecord(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Checks that a record's id can name its document. */
function checkId(file: string, id: unknown, what: string): void {
	if (typeof id !== 'string' || !SAFE_ID.test(id))
		fail(file, `${what} : identifiant ${JSON.stringify(id)} invalide`);
}

/** Checks one participation read from `file` (a document, or an entry of an old file). */
export function checkParticipation(file: string, p: unknown, where = ''): Participation {
	if (!isRecord(p) || typeof p.id !== 'string' || typeof p.tokenHash !== 'string') {
		fail(file, `participation${where} mal formée (id ou tokenHash manquant)`);
	}
	checkId(file, p.id, `participation${where}`);
	if (!isRecord(p.answers)) fail(file, `participation${where} : « answers » doit être un objet`);
	if (p.status !== 'in_progress' && p.status !== 'completed') {
		fail(file, `participation${where} : statut ${JSON.stringify(p.status)} inconnu`);
	}
	return p as unknown as Participation;
}

function checkCampaign(file: string, c: unknown, where = ''): Campaign {
	if (!isRecord(c) || typeof c.id !== 'string' || typeof c.managementHash !== 'string') {
		fail(file, `campagne${where} mal formée (id ou managementHash manquant)`);
	}
	checkId(file, c.id, `campagne${where}`);
	return c as unknown as Campaign;
}

function checkGuided(file: string, g: unknown, where = ''): GuidedSession {
	if (!isRecord(g) || typeof g.id !== 'string' || typeof g.campaignId !== 'string') {
		fail(file, `accompagnement${where} mal formé (id ou campaignId manquant)`);
	}
	checkId(file, g.id, `accompagnement${where}`);
	return g as unknown as GuidedSession;
}

function checkTombstone(file: string, d: unknown, where = ''): Tombstone {
	if (!isRecord(d) || typeof d.id !== 'string' || typeof d.deletedAt !== 'string') {
		fail(file, `suppression${where} mal formée ({ id, deletedAt } attendu)`);
	}
	checkId(file, d.id, `suppression${where}`);
	return { id: d.id, deletedAt: d.deletedAt };
}

const CHECKS = {
	p: checkParticipation,
	c: checkCampaign,
	g: checkGuided,
	d: checkTombstone
} as const;

/** What an older `reperes.json` held that now lives in documents (lists empty in version 3). */
interface Legacy {
	version: 1 | 2 | 3;
	participations: Participation[];
	campaigns: Campaign[];
	guidedSessions: GuidedSession[];
	deleted: Tombstone[];
}

/** Checks `reperes.json`; an older file is returned with the records it holds. */
function checkMain(file: string, data: unknown): Legacy {
	if (!isRecord(data)) fail(file, 'un objet JSON est attendu');
	const d = data;
	const version = d.schemaVersion;
	if (version !== 1 && version !== 2 && version !== 3) {
		fail(file, `version de schéma ${JSON.stringify(version)} inconnue (1, 2 ou 3 attendue)`);
	}
	const list = (key: string) => {
		const v = version === 3 ? [] : (d[key] ?? []);
		if (!Array.isArray(v)) fail(file, `« ${key} » doit être une liste`);
		return v as unknown[];
	};
	if (version === 1 && !Array.isArray(d.participations))
		fail(file, '« participations » doit être une liste');
	return {
		version,
		participations:
			version === 1
				? list('participations').map((p, i) => checkParticipation(file, p, ` n° ${i}`))
				: [],
		campaigns: list('campaigns').map((c, i) => checkCampaign(file, c, ` n° ${i}`)),
		guidedSessions: list('guidedSessions').map((g, i) => checkGuided(file, g, ` n° ${i}`)),
		// A tombstone whose id no participation can have (an old import's) protects nothing.
		deleted: list('deleted')
			.filter((x) => !isRecord(x) || typeof x.id !== 'string' || SAFE_ID.test(x.id))
			.map((x, i) => checkTombstone(file, x, ` n° ${i}`))
	};
}

/** Reads a whole file as strict UTF-8 text; undefined if it does not exist. */
async function readText(file: string): Promise<string | undefined> {
	let bytes: Buffer;
	try {
		bytes = await readFile(file);
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
		fail(file, `lecture impossible (${(e as Error).message})`);
	}
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		fail(file, 'encodage UTF-8 invalide');
	}
}

/** Parses a JSON file's text, refusing empty or invalid content with the file's name. */
function parseJson(file: string, text: string): unknown {
	if (text.trim() === '') fail(file, 'fichier vide');
	try {
		return JSON.parse(text);
	} catch (e) {
		fail(file, `JSON invalide (${(e as Error).message})`);
	}
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

/** Whether `at` is a directory (false when it does not exist). */
async function isDirectory(at: string): Promise<boolean> {
	try {
		return (await stat(at)).isDirectory();
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
		throw e;
	}
}

type Checked<K extends DocKind> = ReturnType<(typeof CHECKS)[K]>;

/**
 * Reads every document of one kind. At start (`live` false) temporary files a crash left are
 * removed; a snapshot taken beside a running server (`live`) leaves them, and skips documents
 * removed between listing and reading.
 */
async function readDocuments<K extends DocKind>(
	dir: string,
	kind: K,
	live = false
): Promise<Map<string, Checked<K>>> {
	const root = path.join(dir, FOLDERS[kind]);
	const found = new Map<string, Checked<K>>();
	let shards: string[];
	try {
		shards = await readdir(root);
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code === 'ENOENT') return found;
		throw e;
	}
	const files: string[] = [];
	for (const shard of shards.sort()) {
		let names: string[];
		try {
			names = await readdir(path.join(root, shard));
		} catch (e) {
			if (live && (e as NodeJS.ErrnoException).code === 'ENOENT') continue;
			throw e;
		}
		for (const name of names.sort()) {
			const file = path.join(root, shard, name);
			if (name.endsWith(TEMP_SUFFIX)) {
				if (!live) await rm(file, { force: true });
			} else if (name.endsWith('.json')) files.push(file);
			else fail(file, `fichier inattendu dans le dossier ${FOLDERS[kind]}`);
		}
	}
	await eachLimited(files, 32, async (file) => {
		const text = await readText(file);
		if (text === undefined && live) return;
		const record = CHECKS[kind](file, parseJson(file, text ?? '')) as Checked<K>;
		if (file !== documentFile(dir, kind, record.id)) {
			fail(file, `le fichier ne porte pas le nom de son identifiant (${record.id})`);
		}
		found.set(record.id, record);
	});
	return found;
}

/**
 * Reads the store in `dataDir` without taking its lock or changing any file, while a server may
 * be writing to it (a backup). Documents are read in the order their references go, so that
 * every record read finds what it refers to: guided sessions, then participations, then
 * campaigns (never deleted), then deletions; a participation deleted before the deletions are
 * read is left out. `reperes.json` is read before and after, and everything again if it changed
 * (the server moved an older layout meanwhile). Files are checked as at start (StoreError).
 */
export async function readSnapshot(dataDir: string, attempts = 10): Promise<StoreContents> {
	const file = path.join(dataDir, STORE_FILE);
	for (let i = 0; i < attempts; i++) {
		const before = await readText(file);
		// A server creates the file at its first start: without it, this is not a store.
		if (before === undefined) fail(file, 'fichier absent : aucun magasin Repères ici (DATA_DIR ?)');
		const legacy = checkMain(file, parseJson(file, before));
		const guidedSessions = await readDocuments(dataDir, 'g', true);
		const participations = await readDocuments(dataDir, 'p', true);
		const campaigns = await readDocuments(dataDir, 'c', true);
		const tombstones = await readDocuments(dataDir, 'd', true);
		const after = await readText(file);
		if (before !== after) continue;
		for (const s of legacy.guidedSessions) guidedSessions.set(s.id, s);
		for (const p of legacy.participations) participations.set(p.id, p);
		for (const c of legacy.campaigns) campaigns.set(c.id, c);
		for (const d of legacy.deleted) tombstones.set(d.id, d);
		const deleted = new Map([...tombstones.values()].map((d) => [d.id, d.deletedAt]));
		for (const id of deleted.keys()) participations.delete(id);
		return { participations, campaigns, guidedSessions, deleted };
	}
	throw new Error(
		`${file} : le magasin change sans cesse pendant la lecture (${attempts} essais) ; réessayer plus tard`
	);
}

/** Removes a document durably (the folder is flushed). */
async function removeDocument(file: string): Promise<void> {
	await rm(file, { force: true });
	const folder = await open(path.dirname(file), 'r').catch(() => undefined);
	if (!folder) return;
	try {
		await folder.sync();
	} finally {
		await folder.close();
	}
}

/**
 * Opens (or creates) the store in `dataDir`, taking its lock first (a second server on the same
 * folder is refused with LockedError) and removing temporary files a crash left behind.
 */
export async function openStore(dataDir: string, faults?: FaultHook): Promise<Store> {
	await mkdir(dataDir, { recursive: true });
	const lock = acquireLock(dataDir);
	try {
		return await openLocked(dataDir, lock, faults);
	} catch (e) {
		await lock.release();
		throw e;
	}
}

/** Test seam: called before each document write; throwing makes that write fail. */
export type FaultHook = (doc: DocKey) => void;

async function openLocked(
	dir: string,
	lock: { release(): Promise<void> },
	faults?: FaultHook
): Promise<Store> {
	const file = path.join(dir, STORE_FILE);
	await removeStaleTemps(file);
	const text = await readText(file);
	const legacy: Legacy =
		text === undefined
			? {
					version: SCHEMA_VERSION,
					participations: [],
					campaigns: [],
					guidedSessions: [],
					deleted: []
				}
			: checkMain(file, parseJson(file, text));
	const participations = await readDocuments(dir, 'p');
	const campaigns = await readDocuments(dir, 'c');
	const guidedSessions = await readDocuments(dir, 'g');
	const tombstones = await readDocuments(dir, 'd');
	if (text === undefined) {
		// Documents without their main file: it was lost or moved; starting empty would hide
		// what it marked, so refuse (put back a copy, or import a backup).
		const count = participations.size + campaigns.size + guidedSessions.size + tombstones.size;
		if (count > 0) {
			fail(file, `fichier absent alors que ${count} document(s) sont enregistrés dans ${dir}`);
		}
		// The folders appear only after the main file (first start, then a first record): even
		// empty (all deleted), one shows this folder held a store.
		for (const folder of Object.values(FOLDERS)) {
			if (await isDirectory(path.join(dir, folder))) {
				fail(
					file,
					`fichier absent alors que ${path.join(dir, folder)} existe : ce dossier a déjà servi de magasin de données`
				);
			}
		}
		log('info', 'store.created', { file });
	}
	const deleted = new Map([...tombstones.values()].map((d) => [d.id, d.deletedAt]));
	const store = { participations, campaigns, guidedSessions, deleted };
	const shards = new Set<string>();

	const write = async (doc: DocKey) => {
		faults?.(doc);
		const kind = doc[0] as DocKind;
		const id = doc.slice(2);
		const target = documentFile(dir, kind, id);
		const record =
			kind === 'p'
				? participations.get(id)
				: kind === 'c'
					? campaigns.get(id)
					: kind === 'g'
						? guidedSessions.get(id)
						: deleted.has(id)
							? { id, deletedAt: deleted.get(id) }
							: undefined;
		if (!record) return removeDocument(target);
		const shard = path.dirname(target);
		if (!shards.has(shard)) {
			await mkdir(shard, { recursive: true });
			shards.add(shard);
		}
		await writeDocument(target, record);
	};
	const { commit, idle } = committer(write);
	let open = true;
	let closing: Promise<void> | undefined;

	// An older layout: each record of the main file gets its document first, then the file is
	// rewritten as version 3 (a crash in between redoes the move at the next start, writing the
	// same documents again).
	if (legacy.version !== SCHEMA_VERSION) {
		const moves: DocKey[] = [];
		for (const p of legacy.participations) {
			participations.set(p.id, p);
			moves.push(`p:${p.id}`);
		}
		for (const c of legacy.campaigns) {
			campaigns.set(c.id, c);
			moves.push(`c:${c.id}`);
		}
		for (const g of legacy.guidedSessions) {
			guidedSessions.set(g.id, g);
			moves.push(`g:${g.id}`);
		}
		for (const d of legacy.deleted) {
			deleted.set(d.id, d.deletedAt);
			moves.push(`d:${d.id}`);
		}
		await eachLimited(moves, 16, write);
		log('info', 'store.migrated', {
			from: legacy.version,
			to: SCHEMA_VERSION,
			participations: legacy.participations.length,
			campaigns: legacy.campaigns.length,
			guidedSessions: legacy.guidedSessions.length,
			deleted: legacy.deleted.length
		});
	}
	// Deleted for good: a document restored by hand from an old copy is removed again.
	for (const id of [...participations.keys()].filter((id) => deleted.has(id))) {
		participations.delete(id);
		await write(`p:${id}`);
	}
	if (legacy.version !== SCHEMA_VERSION || text === undefined) {
		const main: MainData = { schemaVersion: SCHEMA_VERSION };
		await writeDocument(file, main);
	}

	return {
		...store,
		dir,
		commit(doc, apply) {
			if (!open) return Promise.reject(unavailable());
			return commit(doc, apply);
		},
		get open() {
			return open;
		},
		close() {
			open = false;
			// Once: a second release could remove the lock of a server started since.
			closing ??= idle().then(() => lock.release());
			return closing;
		}
	};
}

/** Ids a document may carry (imports check them before anything is written). */
export function isSafeId(id: unknown): boolean {
	return typeof id === 'string' && SAFE_ID.test(id);
}
