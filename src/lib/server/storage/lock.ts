/**
 * One writer per data folder: an exclusive lock file holding the owner's process id. A second
 * server on the same folder is refused; a lock left by a process that no longer runs (kill -9,
 * power cut) is taken over.
 */
import { open, readFile, rm } from 'node:fs/promises';
import { unlinkSync } from 'node:fs';
import path from 'node:path';

export const LOCK_FILE = 'reperes.lock';

/** Whether a process with this id runs (and is not us). */
function isAlive(pid: number): boolean {
	if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		// EPERM: it runs under another user.
		return (e as NodeJS.ErrnoException).code === 'EPERM';
	}
}

export class LockedError extends Error {
	constructor(
		readonly file: string,
		readonly pid: number
	) {
		super(
			`${file} : le dossier de données est déjà utilisé par le processus ${pid}. ` +
				'Un seul serveur Repères peut écrire dans un DATA_DIR ; arrêtez l’autre ou choisissez un autre dossier.'
		);
		this.name = 'LockedError';
	}
}

/** Takes the lock of `dataDir` for this process until it exits; throws LockedError if held. */
export async function acquireLock(dataDir: string): Promise<{ release(): Promise<void> }> {
	const file = path.join(dataDir, LOCK_FILE);
	for (let attempt = 0; attempt < 3; attempt++) {
		try {
			const handle = await open(file, 'wx', 0o600);
			await handle.writeFile(`${process.pid}\n`);
			await handle.sync();
			await handle.close();
			const onExit = () => {
				try {
					unlinkSync(file);
				} catch {
					// already gone
				}
			};
			process.once('exit', onExit);
			return {
				async release() {
					process.off('exit', onExit);
					await rm(file, { force: true });
				}
			};
		} catch (e) {
			if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
		}
		const pid = Number((await readFile(file, 'utf8').catch(() => '')).trim());
		if (isAlive(pid)) throw new LockedError(file, pid);
		// Stale: its owner is gone. Remove it and try again.
		await rm(file, { force: true });
	}
	throw new LockedError(file, Number.NaN);
}
