/**
 * One writer per data folder (ADR 0024): the server holds an exclusive lock on `reperes.lock`
 * that the kernel keeps for the life of the process (an open file description lock, fcntl
 * F_OFD_SETLK, through fs-native-extensions) and drops when the process ends, however it ends.
 * No process id is trusted: ids mean nothing across PID namespaces (two containers on one
 * volume). The file only tells a refused server who holds the folder (process id, host, start
 * time); a file left by a process that is gone is taken over, and the takeover logged, only once
 * the kernel's lock proves its owner gone.
 */
import { closeSync, constants, fstatSync, ftruncateSync, fsyncSync, openSync } from 'node:fs';
import { readSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { tryLock } from 'fs-native-extensions';
import { log } from '../log';

export const LOCK_FILE = 'reperes.lock';

/** What the lock file says about its owner (for the refusal message and the takeover log). */
export interface LockOwner {
	pid: number;
	host: string;
	startedAt: string;
}

export class LockedError extends Error {
	constructor(
		readonly dir: string,
		readonly owner: LockOwner | null
	) {
		const who = owner
			? `le processus ${owner.pid} sur la machine « ${owner.host} », démarré le ${owner.startedAt}`
			: 'un autre processus';
		super(
			`le dossier de données ${dir} est déjà utilisé par ${who} (verrou ${path.join(dir, LOCK_FILE)}). ` +
				'Un seul serveur Repères peut écrire dans un DATA_DIR, même depuis un autre conteneur ; ' +
				'arrêtez l’autre ou choisissez un autre dossier.'
		);
		this.name = 'LockedError';
	}
}

/** The file system refuses the lock (some network file systems): starting would be unsafe. */
export class LockUnsupportedError extends Error {
	constructor(dir: string, code: string) {
		super(
			`le dossier de données ${dir} ne peut pas être verrouillé (${code}) : ce système de fichiers ` +
				'ne prend pas en charge les verrous de fichiers ; choisissez un disque local pour DATA_DIR.'
		);
		this.name = 'LockUnsupportedError';
	}
}

/** The owner a lock file names, or null when it is empty or unreadable (old format: pid only). */
function readOwner(fd: number): LockOwner | null {
	const buffer = Buffer.alloc(4096);
	const n = readSync(fd, buffer, 0, buffer.length, 0);
	const text = buffer.subarray(0, n).toString('utf8').trim();
	if (text === '') return null;
	try {
		const v = JSON.parse(text) as Partial<LockOwner>;
		if (typeof v.pid === 'number' && typeof v.host === 'string' && typeof v.startedAt === 'string')
			return { pid: v.pid, host: v.host, startedAt: v.startedAt };
	} catch {
		// Versions before ADR 0024 wrote the process id alone.
	}
	const pid = Number(text);
	return Number.isInteger(pid) ? { pid, host: '?', startedAt: '?' } : null;
}

/** Whether `fd` is still the file at `file` (not a file another server removed meanwhile). */
function isCurrent(fd: number, file: string): boolean {
	try {
		const open = fstatSync(fd);
		const named = statSync(file);
		return open.ino === named.ino && open.dev === named.dev;
	} catch {
		return false;
	}
}

/**
 * Takes the lock of `dataDir` for this process until `release` or its end; throws LockedError
 * if another process, in this container or another, holds it.
 */
export function acquireLock(dataDir: string): { release(): Promise<void> } {
	const file = path.join(dataDir, LOCK_FILE);
	for (let attempt = 0; attempt < 10; attempt++) {
		const fd = openSync(file, constants.O_RDWR | constants.O_CREAT, 0o600);
		let locked: boolean;
		try {
			locked = tryLock(fd);
		} catch (e) {
			closeSync(fd);
			throw new LockUnsupportedError(dataDir, (e as NodeJS.ErrnoException).code ?? String(e));
		}
		if (!locked) {
			const owner = readOwner(fd);
			closeSync(fd);
			throw new LockedError(dataDir, owner);
		}
		// The owner we waited on may have removed the file as it released it: the lock we hold is
		// then on a file nobody else will open. Start again on the file the name now gives.
		if (!isCurrent(fd, file)) {
			closeSync(fd);
			continue;
		}
		const previous = readOwner(fd);
		if (previous) {
			// A file with an owner but no lock: that process ended without releasing (kill -9, power
			// cut, container killed). The kernel dropped its lock, so it no longer writes.
			log('warn', 'store.lock_taken_over', {
				pid: previous.pid,
				host: previous.host,
				startedAt: previous.startedAt
			});
		}
		const owner: LockOwner = {
			pid: process.pid,
			host: hostname(),
			startedAt: new Date().toISOString()
		};
		ftruncateSync(fd, 0);
		writeSync(fd, `${JSON.stringify(owner)}\n`, 0);
		fsyncSync(fd);
		// The descriptor stays open (a plain number, never closed by the garbage collector): the
		// kernel holds the lock as long as it is.
		let released = false;
		const release = () => {
			if (released) return;
			released = true;
			// Removed while still locked, so that no other server can lock this file in between.
			try {
				unlinkSync(file);
			} catch {
				// already gone
			}
			closeSync(fd);
		};
		process.once('exit', release);
		return {
			async release() {
				process.off('exit', release);
				release();
			}
		};
	}
	throw new LockedError(dataDir, null);
}
