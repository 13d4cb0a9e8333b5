/**
 * The embedded store under faults: a failed write (disk full) leaves no phantom record and
 * answers 503, then recovers by itself; one writer per data folder; stale lock and temporary
 * files left by a crash are recovered.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { isHttpError } from '@sveltejs/kit';
import {
	openStore,
	participationFile,
	PARTICIPATIONS_DIR,
	STORE_FILE,
	WRITE_FAILED
} from '$lib/server/storage/store';
import { LOCK_FILE, LockedError } from '$lib/server/storage/lock';
import { openLowdb } from '$lib/server/storage/lowdb-backend';
import { useBackend } from '$lib/server/storage/backend';
import * as participations from '$lib/server/storage/participations';

const newDir = () => mkdtemp(path.join(tmpdir(), 'reperes-faults-'));
const start = () =>
	participations.create({
		questionnaireId: 'exemple-mini',
		questionnaireVersion: '1.0.0',
		pageName: 'outils'
	});
/** Participation documents on disk, temp files excluded. */
async function documents(dir: string): Promise<string[]> {
	const root = path.join(dir, PARTICIPATIONS_DIR);
	const shards = await readdir(root).catch(() => []);
	const files = await Promise.all(shards.map((s) => readdir(path.join(root, s))));
	return files.flat();
}

/** A 256 KB tmpfs, where the machine allows mounting one (root); null otherwise. */
function smallDisk(dir: string): boolean {
	try {
		execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', dir], { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
}
const mounted: string[] = [];
afterAll(() => {
	for (const dir of mounted) execFileSync('umount', [dir]);
});

describe('a write that fails', async () => {
	const dir = await newDir();
	const realDisk = smallDisk(dir);
	if (realDisk) mounted.push(dir);

	test(`answers 503, keeps no phantom, and recovers (${realDisk ? 'full tmpfs' : 'injected ENOSPC: no tmpfs here'})`, async () => {
		let diskFull = false;
		let writes = 0;
		const backend = await openLowdb(
			dir,
			realDisk
				? undefined
				: () => {
						if (diskFull || ++writes > 60) {
							diskFull = true;
							throw Object.assign(new Error('no space left'), { code: 'ENOSPC' });
						}
					}
		);
		useBackend(backend);
		const acknowledged: string[] = [];
		let refused: unknown;
		// Fill the disk: each record carries 2 KB of answers.
		const filler = path.join(dir, 'filler');
		if (realDisk) await writeFile(filler, Buffer.alloc(120_000));
		for (let i = 0; i < 200 && !refused; i++) {
			try {
				const { participation, token } = await start();
				acknowledged.push(token);
				await participations.saveProgress(participation, { remarque: 'x'.repeat(2000) }, 'outils');
			} catch (e) {
				refused = e;
			}
		}
		expect(isHttpError(refused) && refused.status).toBe(503);
		expect(isHttpError(refused) && refused.body.message).toBe(WRITE_FAILED);
		// Memory holds exactly what was acknowledged: a refused record is gone.
		expect(backend.store.participations.size).toBe(acknowledged.length);
		for (const t of acknowledged) expect(await participations.findByToken(t)).toBeDefined();
		expect((await documents(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);

		// Space comes back: the next write succeeds without a restart.
		if (realDisk) await rm(filler);
		diskFull = false;
		writes = -1000;
		const { token } = await start();
		acknowledged.push(token);
		await backend.close();

		const again = await openLowdb(dir);
		useBackend(again);
		for (const t of acknowledged) expect(await participations.findByToken(t), t).toBeDefined();
		expect(await documents(dir)).toHaveLength(again.store.participations.size);
		await again.close();
	});
});

describe('one writer per data folder', () => {
	test('a second store on the same folder is refused while the first runs', async () => {
		const dir = await newDir();
		// Another live process holds the lock.
		const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
		await writeFile(path.join(dir, LOCK_FILE), `${other.pid}\n`);
		await expect(openStore(dir)).rejects.toBeInstanceOf(LockedError);
		await expect(openStore(dir)).rejects.toThrow(/déjà utilisé par le processus/);
		other.kill('SIGKILL');
		await new Promise((r) => other.once('exit', r));
		// Its owner is gone (as after kill -9): the lock is taken over.
		const store = await openStore(dir);
		expect((await readFile(path.join(dir, LOCK_FILE), 'utf8')).trim()).toBe(String(process.pid));
		await store.close();
		expect((await readdir(dir)).includes(LOCK_FILE)).toBe(false);
	});

	test('temporary files a crash left are removed at start, the data files untouched', async () => {
		const dir = await newDir();
		await mkdir(dir, { recursive: true });
		const first = await openLowdb(dir);
		useBackend(first);
		const { participation } = await start();
		await first.close();
		const doc = participationFile(dir, participation.id);
		const before = await readFile(path.join(dir, STORE_FILE), 'utf8');
		const beforeDoc = await readFile(doc, 'utf8');
		await writeFile(path.join(dir, `${STORE_FILE}.12345.abcdef.tmp`), '{"half":');
		await writeFile(`${doc}.12345.abcdef.tmp`, '{"half":');
		const store = await openStore(dir);
		expect(await readdir(dir)).not.toContain(`${STORE_FILE}.12345.abcdef.tmp`);
		expect(await readdir(path.dirname(doc))).toEqual([path.basename(doc)]);
		expect(await readFile(path.join(dir, STORE_FILE), 'utf8')).toBe(before);
		expect(await readFile(doc, 'utf8')).toBe(beforeDoc);
		await store.close();
	});
});
