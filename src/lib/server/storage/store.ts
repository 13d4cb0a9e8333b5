/**
 * The embedded store's files (ADR 0005, 0015, 0016). Campaigns and guided sessions, few and
 * small, are one lowdb file; each participation is its own small JSON document under
 * `participations/<2 first characters of its id>/<id>.json`, so that saving a page rewrites a
 * few kilobytes whatever the number of participations. Everything is read once at start; a
 * file that is empty, unreadable or of the wrong shape stops the start-up with a message naming
 * it, and is never replaced.
 */
import { mkdir, open, readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { DurableJSONFile, removeStaleTemps, TEMP_SUFFIX, writeDurably } from './durable-file';
import { acquireLock } from './lock';
import { unavailable } from './unavailable';
import { log } from '../log';

export { WRITE_FAILED } from './unavailable';
import type { Campaign, GuidedSession, Participation } from './records';

/** The lowdb file: everything but the participations. */
export interface MainData {
	schemaVersion: 2;
	campaigns: Campaign[];
	guidedSessions: GuidedSession[];
	/** Participations deleted for good: a restore skips them. */
	deleted: { id: string; deletedAt: string }[];
}

export const STORE_FILE = 'reperes.json';
export const PARTICIPATIONS_DIR = 'participations';

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

/** Where a change lands: the lowdb file, or one participation's document. */
export type DocKey = 'main' | `p:${string}`;

export interface Store {
	main: Low<MainData>;
	participations: Map<string, Participation>;
	dir: string;
	/**
	 * Applies a change to one document in memory and resolves once it is on disk. Changes to a
	 * document are written in order, several at a time when they queue up. If the write fails
	 * (disk full, I/O error, read-only file system), every change to that document not yet on
	 * disk is undone and each caller gets a 503: nothing acknowledged is ever missing, and
	 * nothing unacknowledged stays in memory. A participation absent from memory after the
	 * change has its document removed.
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
const SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The document of a participation, relative to the data folder. */
export function participationFile(dir: string, id: string): string {
	return path.join(dir, PARTICIPATIONS_DIR, id.slice(0, 2), `${id}.json`);
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

/** Checks one participation read from `file` (a document, or an entry of an old file). */
export function checkParticipation(file: string, p: unknown, where = ''): Participation {
	if (!isRecord(p) || typeof p.id !== 'string' || typeof p.tokenHash !== 'string') {
		fail(file, `participation${where} mal formée (id ou tokenHash manquant)`);
	}
	if (!SAFE_ID.test(p.id))
		fail(file, `participation${where} : identifiant ${JSON.stringify(p.id)} invalide`);
	if (!isRecord(p.answers)) fail(file, `participation${where} : « answers » doit être un objet`);
	if (p.status !== 'in_progress' && p.status !== 'completed') {
		fail(file, `participation${where} : statut ${JSON.stringify(p.status)} inconnu`);
	}
	return p as unknown as Participation;
}

/** Checks the lowdb file; an old file (version 1) is returned with its participations. */
function checkMain(
	file: string,
	data: unknown
): { main: MainData; legacy: Participation[] | null } {
	if (!isRecord(data)) fail(file, 'un objet JSON est attendu');
	const d = data;
	if (d.schemaVersion !== 1 && d.schemaVersion !== 2) {
		fail(file, `version de schéma ${JSON.stringify(d.schemaVersion)} inconnue (1 ou 2 attendue)`);
	}
	let legacy: Participation[] | null = null;
	if (d.schemaVersion === 1) {
		if (!Array.isArray(d.participations)) fail(file, '« participations » doit être une liste');
		legacy = d.participations.map((p, i) => checkParticipation(file, p, ` n° ${i}`));
	}
	const campaigns = d.campaigns ?? [];
	if (!Array.isArray(campaigns)) fail(file, '« campaigns » doit être une liste');
	campaigns.forEach((c: unknown, i) => {
		if (!isRecord(c) || typeof c.id !== 'string' || typeof c.managementHash !== 'string') {
			fail(file, `campagne n° ${i} mal formée (id ou managementHash manquant)`);
		}
	});
	const guided = d.guidedSessions ?? [];
	if (!Array.isArray(guided)) fail(file, '« guidedSessions » doit être une liste');
	guided.forEach((g: unknown, i) => {
		if (!isRecord(g) || typeof g.id !== 'string' || typeof g.campaignId !== 'string') {
			fail(file, `accompagnement n° ${i} mal formé (id ou campaignId manquant)`);
		}
	});
	const deleted = d.deleted ?? [];
	if (!Array.isArray(deleted) || deleted.some((x) => !isRecord(x) || typeof x.id !== 'string')) {
		fail(file, '« deleted » doit être une liste de { id, deletedAt }');
	}
	return {
		main: {
			schemaVersion: 2,
			campaigns: campaigns as Campaign[],
			guidedSessions: guided as GuidedSession[],
			deleted: deleted as MainData['deleted']
		},
		legacy
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

/**
 * Reads every participation document. At start (`live` false) temporary files a crash left are
 * removed; a snapshot taken beside a running server (`live`) leaves them, and skips documents
 * removed between listing and reading.
 */
/** Whether `at` is a directory (false when it does not exist). */
async function isDirectory(at: string): Promise<boolean> {
	try {
		return (await stat(at)).isDirectory();
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
		throw e;
	}
}

async function readParticipations(dir: string, live = false): Promise<Map<string, Participation>> {
	const root = path.join(dir, PARTICIPATIONS_DIR);
	const found = new Map<string, Participation>();
	let shards: string[];
	try {
		shards = await readdir(root);
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code === 'ENOENT') return found;
		throw e;
	}
	const files: string[] = [];
	for (const shard of shards.sort()) {
		for (const name of (await readdir(path.join(root, shard))).sort()) {
			const file = path.join(root, shard, name);
			if (name.endsWith(TEMP_SUFFIX)) {
				if (!live) await rm(file, { force: true });
			} else if (name.endsWith('.json')) files.push(file);
			else fail(file, 'fichier inattendu dans le dossier des participations');
		}
	}
	await eachLimited(files, 32, async (file) => {
		const text = await readText(file);
		if (text === undefined && live) return;
		const p = checkParticipation(file, parseJson(file, text ?? ''));
		if (file !== participationFile(dir, p.id)) {
			fail(file, `le fichier ne porte pas le nom de son identifiant (${p.id})`);
		}
		found.set(p.id, p);
	});
	return found;
}

/** What the embedded store holds, as read from its files. */
export interface StoreContents {
	main: MainData;
	participations: Map<string, Participation>;
}

/**
 * Reads the store in `dataDir` without taking its lock or changing any file, while a server may
 * be writing to it: the main file is read before and after the documents, and everything is
 * read again until it did not change meanwhile, so the result is one state the store was in
 * (each document is replaced atomically). Files are checked as at start (StoreError).
 */
export async function readSnapshot(dataDir: string, attempts = 10): Promise<StoreContents> {
	const file = path.join(dataDir, STORE_FILE);
	for (let i = 0; i < attempts; i++) {
		const before = await readText(file);
		const participations = await readParticipations(dataDir, true);
		const after = await readText(file);
		if (before !== after) continue;
		// A server creates the file at its first start: without it, this is not a store.
		if (before === undefined) fail(file, 'fichier absent : aucun magasin Repères ici (DATA_DIR ?)');
		const checked = checkMain(file, parseJson(file, before));
		for (const p of checked.legacy ?? []) participations.set(p.id, p);
		const deleted = new Set(checked.main.deleted.map((d) => d.id));
		for (const id of deleted) participations.delete(id);
		return { main: checked.main, participations };
	}
	throw new Error(
		`${file} : le magasin change sans cesse pendant la lecture (${attempts} essais) ; réessayer plus tard`
	);
}

const emptyMain = (): MainData => ({
	schemaVersion: 2,
	campaigns: [],
	guidedSessions: [],
	deleted: []
});

/** Removes a participation's document durably (the folder is flushed). */
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
	const lock = await acquireLock(dataDir);
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
	const checked =
		text === undefined
			? { main: emptyMain(), legacy: null }
			: checkMain(file, parseJson(file, text));
	const participations = await readParticipations(dir);
	// Documents without their main file: it was lost or moved; starting empty would hide the
	// campaigns and deletions it held, so refuse (put back a copy, or import a backup).
	if (text === undefined && participations.size > 0) {
		fail(
			file,
			`fichier absent alors que ${participations.size} participation(s) sont enregistrées dans ${path.join(dir, PARTICIPATIONS_DIR)}`
		);
	}
	// The participations folder appears only after the main file (first start, then a first
	// participation): even empty (all deleted), it shows this folder held a store.
	if (text === undefined && (await isDirectory(path.join(dir, PARTICIPATIONS_DIR)))) {
		fail(
			file,
			`fichier absent alors que ${path.join(dir, PARTICIPATIONS_DIR)} existe : ce dossier a déjà servi de magasin de données`
		);
	}
	if (text === undefined) log('info', 'store.created', { file });
	const main = new Low<MainData>(new DurableJSONFile<MainData>(file), checked.main);
	const shards = new Set<string>();

	const write = async (doc: DocKey) => {
		faults?.(doc);
		if (doc === 'main') return main.write();
		const id = doc.slice(2);
		const target = participationFile(dir, id);
		const p = participations.get(id);
		if (!p) return removeDocument(target);
		const shard = path.dirname(target);
		if (!shards.has(shard)) {
			await mkdir(shard, { recursive: true });
			shards.add(shard);
		}
		await writeDurably(target, JSON.stringify(p));
	};
	const { commit, idle } = committer(write);
	let open = true;
	let closing: Promise<void> | undefined;

	// Version 1 kept participations in the lowdb file: each gets its document first, then the
	// file is rewritten without them (a crash in between redoes the move at the next start).
	if (checked.legacy) {
		for (const p of checked.legacy) participations.set(p.id, p);
		await eachLimited(checked.legacy, 16, (p) => write(`p:${p.id}`));
	}
	// Deleted for good: a document restored by hand from an old copy is removed again.
	const deleted = new Set(checked.main.deleted.map((d) => d.id));
	for (const id of [...participations.keys()].filter((id) => deleted.has(id))) {
		participations.delete(id);
		await write(`p:${id}`);
	}
	if (text === undefined || checked.legacy) await main.write();

	return {
		main,
		participations,
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
