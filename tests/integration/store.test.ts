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
import {
	documentFile,
	openStore,
	participationFile,
	readSnapshot,
	STORE_FILE,
	StoreError,
	type DocKey,
	type DocKind
} from '$lib/server/storage/store';
import { openLowdb } from '$lib/server/storage/lowdb-backend';
import { writeDurably } from '$lib/server/storage/durable-file';
import { useBackend } from '$lib/server/storage/backend';
import * as participations from '$lib/server/storage/participations';
import * as guided from '$lib/server/storage/guided';
import * as campaigns from '$lib/server/storage/campaigns';
import { recordsOf } from '$lib/server/storage/lowdb-backend';
import type { Campaign, GuidedSession } from '$lib/server/storage/records';

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
			schemaVersion: 3
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
			schemaVersion: 3
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

/** A campaign as the store holds it (the fields the verbs need). */
const campaignRecord = (n: number): Campaign => ({
	id: `c${String(n).padStart(6, '0')}-aaaa-bbbb`,
	name: `Campagne ${n}`,
	diagnosticIds: ['exemple-mini'],
	code: `CODE${String(n).padStart(6, '0')}`,
	managementHash: `hash-${n}`,
	k: 5,
	groupField: null,
	identifierLabel: null,
	opensOn: null,
	closesOn: null,
	createdAt: '2026-01-01T00:00:00.000Z'
});
const sessionRecord = (id: string, campaignId: string, participationId: string): GuidedSession => ({
	id,
	campaignId,
	participationId,
	client: 'Organisme',
	notes: {},
	ratings: {},
	actions: [],
	createdAt: '2026-01-02T00:00:00.000Z',
	updatedAt: '2026-01-02T00:00:00.000Z'
});

describe('the cost of a change does not grow with the store (issue 11, point 7)', () => {
	/**
	 * Creates one campaign through the verbs in a store already holding `stored` campaigns;
	 * returns the documents written and their bytes (the files they name, read after the write).
	 */
	async function createOneAmong(stored: number): Promise<{ docs: string[]; bytes: number }> {
		const dir = await newDir();
		const written: DocKey[] = [];
		const backend = await openLowdb(dir, (doc) => void written.push(doc));
		useBackend(backend);
		for (let i = 0; i < stored; i += 50) {
			await Promise.all(
				Array.from({ length: Math.min(50, stored - i) }, (_, j) =>
					backend.campaigns.insert(campaignRecord(i + j))
				)
			);
		}
		written.length = 0;
		await campaigns.create({
			name: 'Une de plus',
			diagnosticIds: ['exemple-mini'],
			k: 5,
			groupField: null,
			identifierLabel: null,
			opensOn: null,
			closesOn: null
		});
		await backend.close();
		const files = written.map((doc) => documentFile(dir, doc.slice(0, 1) as DocKind, doc.slice(2)));
		const sizes = await Promise.all(files.map(async (f) => (await readFile(f)).length));
		return { docs: written.map((d) => d.slice(0, 1)), bytes: sizes.reduce((a, b) => a + b, 0) };
	}

	test('creating a campaign writes its own document only: the same bytes among 10 or 1 000 campaigns', async () => {
		const few = await createOneAmong(10);
		const many = await createOneAmong(1000);
		expect(few.docs).toEqual(['c']);
		expect(many.docs).toEqual(['c']);
		// The new campaign's document; its size differs only by its random code and id.
		expect(Math.abs(many.bytes - few.bytes)).toBeLessThan(40);
		expect(many.bytes).toBeLessThan(1000);
	});
});

describe('older layouts are moved at start (issue 11, point 7)', () => {
	/** A version-2 folder: campaigns, sessions and deletions in reperes.json, participations apart. */
	async function version2(dir: string) {
		const kept = legacyParticipation('p1');
		const gone = legacyParticipation('p2');
		for (const p of [kept, gone]) {
			await mkdir(path.dirname(participationFile(dir, p.id)), { recursive: true });
			await writeFile(participationFile(dir, p.id), JSON.stringify(p));
		}
		const main = {
			schemaVersion: 2,
			campaigns: [campaignRecord(1), campaignRecord(2)],
			guidedSessions: [sessionRecord('s1', campaignRecord(1).id, 'p1')],
			// p2's document survived its deletion (a crash in between): the tombstone wins.
			deleted: [
				{ id: 'p2', deletedAt: '2026-02-01T00:00:00.000Z' },
				{ id: 'p3', deletedAt: '2026-02-02T00:00:00.000Z' }
			]
		};
		await writeFile(path.join(dir, STORE_FILE), JSON.stringify(main));
	}

	test('version 2: every record gets its document, then reperes.json holds the version alone; nothing changes', async () => {
		const dir = await newDir();
		await version2(dir);
		const before = [...recordsOf(await readSnapshot(dir))];
		expect(before.map((r) => `${r.type}:${r.data.id}`)).toEqual([
			`campaign:${campaignRecord(1).id}`,
			`campaign:${campaignRecord(2).id}`,
			'guidedSession:s1',
			'participation:p1',
			'deleted:p2',
			'deleted:p3'
		]);
		// A crash half-way (the third document fails): reperes.json is still version 2, and
		// the next start does the whole move again.
		let writes = 0;
		const crashed = await openLowdb(dir, () => {
			if (++writes === 3) throw Object.assign(new Error('crash'), { code: 'EIO' });
		}).catch((e: unknown) => e);
		expect((crashed as Error).message).toBe('crash');
		expect(JSON.parse(await readFile(path.join(dir, STORE_FILE), 'utf8')).schemaVersion).toBe(2);

		const backend = await openLowdb(dir);
		expect([...(await collectAll(backend.dump()))]).toEqual(before);
		expect((await backend.campaigns.byCode(campaignRecord(2).code))?.id).toBe(campaignRecord(2).id);
		expect((await backend.guided.byCampaign(campaignRecord(1).id)).map((g) => g.id)).toEqual([
			's1'
		]);
		await backend.close();
		expect(JSON.parse(await readFile(path.join(dir, STORE_FILE), 'utf8'))).toEqual({
			schemaVersion: 3
		});
		for (const [kind, id] of [
			['c', campaignRecord(1).id],
			['g', 's1'],
			['d', 'p3']
		] as const) {
			expect(JSON.parse(await readFile(documentFile(dir, kind, id), 'utf8')).id).toBe(id);
		}
		await expect(readFile(participationFile(dir, 'p2'))).rejects.toThrow(/ENOENT/);
		// A backup reads the new layout to the same records.
		expect([...recordsOf(await readSnapshot(dir))]).toEqual(before);
	});
});

async function collectAll<T>(items: AsyncIterable<T>): Promise<T[]> {
	const out: T[] = [];
	for await (const x of items) out.push(x);
	return out;
}

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
		expect((refused as Error).message).toContain('fichier absent alors que 1 document(s)');
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
