/**
 * The embedded store: one lowdb instance over one JSON file in DATA_DIR, read once at start
 * (ADR 0005). A file that is empty, unreadable or of the wrong shape stops the start-up with
 * a message naming it: it is never replaced by empty data.
 */
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { error } from '@sveltejs/kit';
import { DurableJSONFile, removeStaleTemps } from './durable-file';
import { acquireLock } from './lock';
import type { Participation } from './participations';
import type { Campaign } from './campaigns';
import type { GuidedSession } from '../../guided/types';

export interface StoreData {
	schemaVersion: 1;
	participations: Participation[];
	/** Added after the first release: absent from older files, read as empty. */
	campaigns: Campaign[];
	/** Added with guided diagnostics: absent from older files, read as empty. */
	guidedSessions?: GuidedSession[];
}

export const STORE_FILE = 'reperes.json';

export class StoreError extends Error {
	constructor(
		readonly file: string,
		problem: string
	) {
		super(
			`${file} : ${problem}. Le fichier n’a pas été modifié ; voir « Données » dans le README pour le restaurer.`
		);
		this.name = 'StoreError';
	}
}

/** Puts a change back as it was; returned by each change applied through `commit`. */
export type Undo = () => void;

export interface Store {
	db: Low<StoreData>;
	file: string;
	/**
	 * Applies a change in memory and resolves once it is on disk. Changes are written in order,
	 * several at a time when they queue up. If the write fails (disk full, I/O error, read-only
	 * file system), every change not yet on disk is undone and each caller gets a 503: nothing
	 * acknowledged is ever missing, and nothing unacknowledged stays in memory.
	 */
	commit(apply: () => Undo): Promise<void>;
	/** Waits for queued writes, then releases the data folder. */
	close(): Promise<void>;
}

/** Message of the 503 answered when a change could not be written. */
export const WRITE_FAILED =
	'Enregistrement impossible pour le moment (stockage indisponible). Ce qui était déjà enregistré est intact ; réessayez dans un instant.';

/** The 503 HttpError kit's `error()` throws, as a value to reject with. */
function unavailable(): unknown {
	try {
		error(503, WRITE_FAILED);
	} catch (e) {
		return e;
	}
}

function committer(db: Low<StoreData>): Pick<Store, 'commit'> & { idle(): Promise<void> } {
	let queue: { undo: Undo; resolve: () => void; reject: (e: unknown) => void }[] = [];
	let writing: Promise<void> | null = null;
	const run = async () => {
		while (queue.length > 0) {
			const batch = queue;
			queue = [];
			try {
				await db.write();
				for (const c of batch) c.resolve();
			} catch (e) {
				// Undo everything not on disk, newest first, including changes queued meanwhile.
				const failed = [...batch, ...queue];
				queue = [];
				for (const c of [...failed].reverse()) c.undo();
				console.error(
					JSON.stringify({
						level: 'error',
						event: 'store.write_failed',
						code: (e as NodeJS.ErrnoException).code ?? null,
						changes: failed.length
					})
				);
				for (const c of failed) c.reject(unavailable());
			}
		}
		writing = null;
	};
	return {
		commit(apply) {
			const undo = apply();
			return new Promise<void>((resolve, reject) => {
				queue.push({ undo, resolve, reject });
				writing ??= run();
			});
		},
		async idle() {
			while (writing) await writing;
		}
	};
}

function checkShape(file: string, data: unknown): StoreData {
	if (typeof data !== 'object' || data === null || Array.isArray(data)) {
		throw new StoreError(file, 'un objet JSON est attendu');
	}
	const d = data as Record<string, unknown>;
	if (d.schemaVersion !== 1) {
		throw new StoreError(
			file,
			`version de schéma ${JSON.stringify(d.schemaVersion)} inconnue (1 attendue)`
		);
	}
	if (!Array.isArray(d.participations)) {
		throw new StoreError(file, '« participations » doit être une liste');
	}
	if (d.campaigns === undefined) d.campaigns = [];
	if (!Array.isArray(d.campaigns)) throw new StoreError(file, '« campaigns » doit être une liste');
	d.campaigns.forEach((c, i) => {
		const r = c as Record<string, unknown> | null;
		if (
			typeof r !== 'object' ||
			r === null ||
			typeof r.id !== 'string' ||
			typeof r.managementHash !== 'string'
		) {
			throw new StoreError(file, `campagne n° ${i} mal formée (id ou managementHash manquant)`);
		}
	});
	// Absent means none yet: the guided repository creates the list on first use.
	if (d.guidedSessions !== undefined && !Array.isArray(d.guidedSessions)) {
		throw new StoreError(file, '« guidedSessions » doit être une liste');
	}
	(d.guidedSessions ?? []).forEach((g, i) => {
		const r = g as Record<string, unknown> | null;
		if (
			typeof r !== 'object' ||
			r === null ||
			typeof r.id !== 'string' ||
			typeof r.campaignId !== 'string'
		) {
			throw new StoreError(file, `accompagnement n° ${i} mal formé (id ou campaignId manquant)`);
		}
	});
	d.participations.forEach((p, i) => {
		const r = p as Record<string, unknown> | null;
		if (
			typeof r !== 'object' ||
			r === null ||
			typeof r.id !== 'string' ||
			typeof r.tokenHash !== 'string'
		) {
			throw new StoreError(file, `participation n° ${i} mal formée (id ou tokenHash manquant)`);
		}
	});
	return data as StoreData;
}

/**
 * Opens (or creates) the store in `dataDir`, taking its lock first (a second server on the same
 * folder is refused with LockedError) and removing temporary files a crash left behind.
 */
export async function openStore(dataDir: string): Promise<Store> {
	await mkdir(dataDir, { recursive: true });
	const lock = await acquireLock(dataDir);
	try {
		return await openLocked(dataDir, lock);
	} catch (e) {
		await lock.release();
		throw e;
	}
}

async function openLocked(dataDir: string, lock: { release(): Promise<void> }): Promise<Store> {
	const file = path.join(dataDir, STORE_FILE);
	await removeStaleTemps(file);
	let text: string | undefined;
	try {
		const bytes = await readFile(file);
		try {
			text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
		} catch {
			throw new StoreError(file, 'encodage UTF-8 invalide');
		}
	} catch (e) {
		if (e instanceof StoreError) throw e;
		if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
			throw new StoreError(file, `lecture impossible (${(e as Error).message})`);
		}
	}
	const db = new Low<StoreData>(new DurableJSONFile<StoreData>(file), {
		schemaVersion: 1,
		participations: [],
		campaigns: []
	});
	const { commit, idle } = committer(db);
	const store: Store = {
		db,
		file,
		commit,
		async close() {
			await idle();
			await lock.release();
		}
	};
	if (text === undefined) {
		await db.write();
		return store;
	}
	if (text.trim() === '') throw new StoreError(file, 'fichier vide');
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch (e) {
		throw new StoreError(file, `JSON invalide (${(e as Error).message})`);
	}
	db.data = checkShape(file, parsed);
	return store;
}
