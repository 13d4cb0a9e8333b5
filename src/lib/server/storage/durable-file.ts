/**
 * Durable writes of the embedded store's documents: the JSON goes to a new temporary file beside
 * the target, which is flushed to disk (fsync), renamed over the target, and the folder is
 * flushed too, so that after a crash the file is either the old or the new version, never a mix
 * (lowdb's own JSONFile renames without fsync). Documents are written through lowdb with the
 * adapter below (ADR 0005, 0015, 0024).
 */
import { open, readdir, rename, rm } from 'node:fs/promises';
import { Low, type Adapter } from 'lowdb';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

/** Suffix of temporary files; those left by a crash are removed at start. */
export const TEMP_SUFFIX = '.tmp';

/** Writes `text` to `file` durably (temporary file, fsync, rename, fsync of the folder). */
export async function writeDurably(file: string, text: string): Promise<void> {
	const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`;
	const handle = await open(temp, 'wx', 0o600);
	try {
		await handle.writeFile(text, 'utf8');
		await handle.sync();
	} catch (e) {
		await handle.close();
		await rm(temp, { force: true });
		throw e;
	}
	await handle.close();
	try {
		await rename(temp, file);
	} catch (e) {
		await rm(temp, { force: true });
		throw e;
	}
	const dir = await open(path.dirname(file), 'r');
	try {
		await dir.sync();
	} finally {
		await dir.close();
	}
}

/** Removes temporary files a crashed writer left beside `file`; returns how many. */
export async function removeStaleTemps(file: string): Promise<number> {
	const base = path.basename(file);
	const stale = (await readdir(path.dirname(file))).filter(
		(name) => name.startsWith(`${base}.`) && name.endsWith(TEMP_SUFFIX)
	);
	await Promise.all(stale.map((name) => rm(path.join(path.dirname(file), name), { force: true })));
	return stale.length;
}

/** lowdb adapter: reading is done once by the store (strictly checked), writing is durable. */
export class DurableJSONFile<T> implements Adapter<T> {
	constructor(private readonly file: string) {}

	async read(): Promise<T | null> {
		throw new Error('DurableJSONFile is read once by openStore, never through lowdb');
	}

	async write(data: T): Promise<void> {
		await writeDurably(this.file, JSON.stringify(data));
	}
}

/** Writes one document of the embedded store through lowdb, durably. */
export async function writeDocument<T>(file: string, data: T): Promise<void> {
	await new Low<T>(new DurableJSONFile<T>(file), data).write();
}
