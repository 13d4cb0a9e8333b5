/**
 * The embedded store's files: one lowdb file for campaigns and sessions, one small document per
 * participation; older single-file data moved on first start; unreadable files refused, never
 * replaced. (Behaviour shared with PostgreSQL is in storage-contract.test.ts.)
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, open, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import { openStore, participationFile, STORE_FILE, StoreError } from '$lib/server/storage/store';
import { openLowdb } from '$lib/server/storage/lowdb-backend';
import { writeDurably } from '$lib/server/storage/durable-file';
import { useBackend } from '$lib/server/storage/backend';
import * as participations from '$lib/server/storage/participations';
import * as guided from '$lib/server/storage/guided';

const newDir = () => mkdtemp(path.join(tmpdir(), 'reperes-store-'));
const sha256 = async (file: string) =>
	createHash('sha256')
		.update(await readFile(file))
		.digest('hex');
const legacyParticipation = (id: string) => ({
	id,
	tokenHash: `hash-${id}`,
	questionnaireId: 'exemple-mini',
	questionnaireVersion: '1.0.0',
	previousId: null,
	campaign: null,
	status: 'in_progress',
	pageName: 'outils',
	answers: { classe_virtuelle: 'souvent' },
	result: null,
	createdAt: '2026-01-01T00:00:00.000Z',
	updatedAt: '2026-01-01T00:00:00.000Z',
	completedAt: null
});

describe('embedded store files', () => {
	test('a missing file is created empty', async () => {
		const dir = await newDir();
		await (await openStore(dir)).close();
		expect(JSON.parse(await readFile(path.join(dir, STORE_FILE), 'utf8'))).toEqual({
			schemaVersion: 2,
			campaigns: [],
			guidedSessions: [],
			deleted: []
		});
	});

	test('each participation is its own document: a save rewrites that document only', async () => {
		const dir = await newDir();
		const backend = await openLowdb(dir);
		useBackend(backend);
		const a = await participations.create({
			questionnaireId: 'exemple-mini',
			questionnaireVersion: '1.0.0',
			pageName: 'outils'
		});
		const b = await participations.create({
			questionnaireId: 'exemple-mini',
			questionnaireVersion: '1.0.0',
			pageName: 'outils'
		});
		const main = await sha256(path.join(dir, STORE_FILE));
		const other = await sha256(participationFile(dir, b.participation.id));
		await participations.saveProgress(a.participation, { classe_virtuelle: 'jamais' }, 'fin');
		expect(await sha256(path.join(dir, STORE_FILE))).toBe(main);
		expect(await sha256(participationFile(dir, b.participation.id))).toBe(other);
		expect(
			JSON.parse(await readFile(participationFile(dir, a.participation.id), 'utf8'))
		).toMatchObject({ answers: { classe_virtuelle: 'jamais' }, pageName: 'fin' });
		await backend.close();
	});

	test('a file of the first version is moved to one document per participation', async () => {
		const dir = await newDir();
		await writeFile(
			path.join(dir, STORE_FILE),
			JSON.stringify({
				schemaVersion: 1,
				participations: [legacyParticipation('p1'), legacyParticipation('p2')]
			})
		);
		const backend = await openLowdb(dir);
		expect((await backend.participations.byId('p2'))?.answers).toEqual({
			classe_virtuelle: 'souvent'
		});
		await backend.close();
		expect(JSON.parse(await readFile(path.join(dir, STORE_FILE), 'utf8'))).toEqual({
			schemaVersion: 2,
			campaigns: [],
			guidedSessions: [],
			deleted: []
		});
		expect(JSON.parse(await readFile(participationFile(dir, 'p1'), 'utf8'))).toEqual(
			legacyParticipation('p1')
		);
		const again = await openLowdb(dir);
		expect((await again.participations.byTokenHash('hash-p1'))?.id).toBe('p1');
		await again.close();
	});

	test('older files without campaigns or sessions read as empty; a malformed session stops the start', async () => {
		const dir = await newDir();
		await writeFile(
			path.join(dir, STORE_FILE),
			JSON.stringify({ schemaVersion: 1, participations: [] })
		);
		const old = await openLowdb(dir);
		useBackend(old);
		expect(await guided.listByCampaign('x')).toEqual([]);
		expect(await old.campaigns.byCode('ABCDEFGH')).toBeUndefined();
		expect(await old.isEmpty()).toBe(true);
		await old.close();

		const bad = await newDir();
		const text = JSON.stringify({
			schemaVersion: 2,
			campaigns: [],
			guidedSessions: [{ id: 's' }]
		});
		await writeFile(path.join(bad, STORE_FILE), text);
		await expect(openStore(bad)).rejects.toThrow(StoreError);
		expect(await readFile(path.join(bad, STORE_FILE), 'utf8')).toBe(text);
	});
});

describe('durable writes', () => {
	test('the file is flushed before the rename and the folder after it', async () => {
		const dir = await newDir();
		const target = path.join(dir, 'doc.json');
		await writeFile(target, 'old');
		const seen: string[] = [];
		const probe = await open(target, 'r');
		const proto = Object.getPrototypeOf(probe) as { sync: () => Promise<void> };
		await probe.close();
		const sync = vi.spyOn(proto, 'sync').mockImplementation(async function (this: unknown) {
			// What the target holds when each flush happens.
			seen.push(await readFile(target, 'utf8'));
		});
		try {
			await writeDurably(target, 'new');
		} finally {
			sync.mockRestore();
		}
		// First the temporary file (target still old), then the folder (target renamed).
		expect(seen).toEqual(['old', 'new']);
		expect(await readdir(dir)).toEqual(['doc.json']);
	});
});

describe('an unreadable participation document stops the start and is left untouched', () => {
	const valid = JSON.stringify(legacyParticipation('ab12'));
	const corrupt: Record<string, Buffer> = {
		empty: Buffer.alloc(0),
		truncated: Buffer.from(valid.slice(0, 40)),
		'NUL bytes': Buffer.alloc(4096),
		'invalid UTF-8': Buffer.concat([
			Buffer.from(valid.slice(0, 30)),
			Buffer.from([0xff, 0xfe]),
			Buffer.from(valid.slice(30))
		]),
		'wrong shape': Buffer.from('[1, 2, 3]'),
		'missing token hash': Buffer.from(
			JSON.stringify({ ...legacyParticipation('ab12'), tokenHash: 1 })
		),
		'named after another id': Buffer.from(JSON.stringify(legacyParticipation('ab99')))
	};

	test('documents without the main file: refused, nothing created', async () => {
		const dir = await newDir();
		const file = participationFile(dir, 'ab12');
		await mkdir(path.dirname(file), { recursive: true });
		await writeFile(file, valid);
		const refused = await openStore(dir).catch((e: unknown) => e);
		expect(refused).toBeInstanceOf(StoreError);
		expect((refused as Error).message).toContain('fichier absent alors que 1 participation(s)');
		expect((await readdir(dir)).sort()).toEqual(['participations']);
	});

	test('an emptied participations folder without the main file: refused, nothing created', async () => {
		const dir = await newDir();
		await mkdir(path.join(path.dirname(participationFile(dir, 'ab12'))), { recursive: true });
		const refused = await openStore(dir).catch((e: unknown) => e);
		expect(refused).toBeInstanceOf(StoreError);
		expect((refused as Error).message).toContain('ce dossier a déjà servi de magasin de données');
		expect((await readdir(dir)).sort()).toEqual(['participations']);
	});

	test.each(Object.keys(corrupt))('%s', async (name) => {
		const dir = await newDir();
		const file = participationFile(dir, 'ab12');
		await mkdir(path.dirname(file), { recursive: true });
		await writeFile(file, corrupt[name]!);
		const before = await sha256(file);
		const refused = await openStore(dir).catch((e: unknown) => e);
		expect(refused).toBeInstanceOf(StoreError);
		expect((refused as Error).message).toContain(file);
		expect(await sha256(file)).toBe(before);
		// Nothing else was written either, and the folder is free for the next attempt.
		expect((await readdir(dir)).sort()).toEqual(['participations']);
	});
});
