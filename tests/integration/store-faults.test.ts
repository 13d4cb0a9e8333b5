/**
 * The embedded store under faults: a failed write (disk full) leaves no phantom record and
 * answers 503, then recovers by itself; one writer per data folder; stale lock and temporary
 * files left by a crash are recovered; concurrent changes are all kept.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { isHttpError } from '@sveltejs/kit';
import { openStore, STORE_FILE, WRITE_FAILED } from '$lib/server/storage/store';
import { LOCK_FILE, LockedError } from '$lib/server/storage/lock';
import * as participations from '$lib/server/storage/participations';

const newDir = () => mkdtemp(path.join(tmpdir(), 'reperes-faults-'));
const start = () =>
	participations.create({
		questionnaireId: 'exemple-mini',
		questionnaireVersion: '1.0.0',
		pageName: 'outils'
	});
const onDisk = async (dir: string) =>
	(JSON.parse(await readFile(path.join(dir, STORE_FILE), 'utf8')) as { participations: unknown[] })
		.participations.length;

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
		const store = await openStore(dir);
		participations.useStore(store);
		const acknowledged: string[] = [];
		let refused: unknown;
		// Fill the disk: each record carries 2 KB of answers, the whole file is rewritten each time.
		const filler = path.join(dir, 'filler');
		if (realDisk) await writeFile(filler, Buffer.alloc(120_000));
		else {
			const write = store.db.adapter.write.bind(store.db.adapter);
			let left = 20;
			store.db.adapter.write = async (data) => {
				if (left-- <= 0) throw Object.assign(new Error('no space left'), { code: 'ENOSPC' });
				await write(data);
			};
		}
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
		// Memory holds exactly what was acknowledged: the refused record is gone.
		const inMemory = store.db.data.participations.length;
		expect(inMemory).toBe(acknowledged.length);
		expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);

		// Space comes back: the next write succeeds without a restart.
		if (realDisk) await rm(filler);
		else
			store.db.adapter = new (await import('$lib/server/storage/durable-file')).DurableJSONFile(
				store.file
			);
		const { token } = await start();
		acknowledged.push(token);
		await store.close();

		participations.useStore(await openStore(dir));
		for (const t of acknowledged) expect(await participations.findByToken(t), t).toBeDefined();
		expect(await onDisk(dir)).toBe(store.db.data.participations.length);
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

	test('temporary files a crash left are removed at start, the data file untouched', async () => {
		const dir = await newDir();
		await mkdir(dir, { recursive: true });
		const first = await openStore(dir);
		participations.useStore(first);
		await start();
		await first.close();
		const before = await readFile(path.join(dir, STORE_FILE), 'utf8');
		await writeFile(path.join(dir, `${STORE_FILE}.12345.abcdef.tmp`), '{"half":');
		const store = await openStore(dir);
		expect(await readdir(dir)).not.toContain(`${STORE_FILE}.12345.abcdef.tmp`);
		expect(await readFile(path.join(dir, STORE_FILE), 'utf8')).toBe(before);
		await store.close();
	});
});

describe('concurrent changes', () => {
	test('200 concurrent starts: 200 records on disk', async () => {
		const dir = await newDir();
		const store = await openStore(dir);
		participations.useStore(store);
		const tokens = (await Promise.all(Array.from({ length: 200 }, start))).map((r) => r.token);
		expect(new Set(tokens).size).toBe(200);
		expect(await onDisk(dir)).toBe(200);
		await store.close();
	});

	test('50 concurrent saves on one participation: every answer kept', async () => {
		const dir = await newDir();
		const store = await openStore(dir);
		participations.useStore(store);
		const { participation, token } = await start();
		await Promise.all(
			Array.from({ length: 50 }, (_, i) =>
				participations.saveProgress(
					participation,
					{ ...participation.answers, [`q${i}`]: i },
					'outils'
				)
			)
		);
		await store.close();
		participations.useStore(await openStore(dir));
		const answers = (await participations.findByToken(token))!.answers;
		expect(Object.keys(answers)).toHaveLength(50);
		expect(answers.q49).toBe(49);
	});
});
