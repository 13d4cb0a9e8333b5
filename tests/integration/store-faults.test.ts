/**
 * The embedded store under faults: a failed write (disk full) leaves no phantom record and
 * answers 503, then recovers by itself; one writer per data folder, held by the kernel (the
 * lock of a process that is gone is taken over and logged); temporary files left by a crash are
 * removed.
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
import { redirectLog } from '$lib/server/log';
import { ROOT } from '../helpers/paths';
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
	test('a second store on the same folder is refused while the first runs, with who holds it', async () => {
		const dir = await newDir();
		const first = await openStore(dir);
		const refused = await openStore(dir).catch((e: unknown) => e);
		expect(refused).toBeInstanceOf(LockedError);
		expect((refused as Error).message).toContain(`le dossier de données ${dir} est déjà utilisé`);
		expect((refused as Error).message).toContain(`processus ${process.pid} sur la machine`);
		await first.close();
		expect(await readdir(dir)).not.toContain(LOCK_FILE);
		await (await openStore(dir)).close();
	});

	test('the lock is the kernel’s, not a process id: held by a process that is then killed, it is taken over and logged', async () => {
		const dir = await newDir();
		const file = path.join(dir, LOCK_FILE);
		// Another server (here a bare holder of the same kernel lock), maybe in another container.
		const holder = spawn(
			process.execPath,
			[
				'-e',
				`const fs = require('node:fs');
				const { tryLock } = require('fs-native-extensions');
				const fd = fs.openSync(process.argv[1], fs.constants.O_RDWR | fs.constants.O_CREAT, 0o600);
				if (!tryLock(fd)) process.exit(3);
				fs.writeSync(fd, JSON.stringify({ pid: 1, host: 'conteneur-a', startedAt: '2027-01-01T00:00:00.000Z' }) + '\\n', 0);
				console.log('locked');
				setInterval(() => {}, 1000);`,
				file
			],
			{ cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] }
		);
		await new Promise((r) => holder.stdout.once('data', r));
		const refused = await openStore(dir).catch((e: unknown) => e);
		expect(refused).toBeInstanceOf(LockedError);
		// Pid 1 (its own namespace's) names no process here: it is shown, never trusted.
		expect((refused as Error).message).toContain(
			'le processus 1 sur la machine « conteneur-a », démarré le 2027-01-01T00:00:00.000Z'
		);
		holder.kill('SIGKILL');
		await new Promise((r) => holder.once('exit', r));

		const lines: string[] = [];
		const restore = redirectLog((line) => lines.push(line));
		let store;
		try {
			store = await openStore(dir);
		} finally {
			restore();
		}
		expect(lines.map((l) => JSON.parse(l) as Record<string, unknown>)).toContainEqual(
			expect.objectContaining({
				level: 'warn',
				event: 'store.lock_taken_over',
				pid: 1,
				host: 'conteneur-a',
				startedAt: '2027-01-01T00:00:00.000Z'
			})
		);
		expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ pid: process.pid });
		await store.close();
	});

	test('a lock file naming a live process but holding no kernel lock is taken over', async () => {
		const dir = await newDir();
		// What the pid-based lock wrote: the id of a process that runs (ours), nothing held.
		await writeFile(path.join(dir, LOCK_FILE), `${process.ppid}\n`);
		const lines: string[] = [];
		const restore = redirectLog((line) => lines.push(line));
		try {
			await (await openStore(dir)).close();
		} finally {
			restore();
		}
		expect(lines.map((l) => JSON.parse(l) as Record<string, unknown>)).toContainEqual(
			expect.objectContaining({ event: 'store.lock_taken_over', pid: process.ppid })
		);
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
