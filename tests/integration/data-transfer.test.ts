/**
 * `npm run data:export`, `data:import`, `data:backup` and `data:purge`, run as people run them (the script, with
 * DATA_DIR or DATABASE_URL): a round trip embedded store → PostgreSQL → embedded store loses and
 * changes nothing; a backup taken beside a running store restores without bringing back what was
 * deleted since; a bad file is refused whole with its line numbers, the store untouched.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { useBackend, type DataRecord } from '$lib/server/storage/backend';
import { openLowdb } from '$lib/server/storage/lowdb-backend';
import * as participations from '$lib/server/storage/participations';
import * as campaigns from '$lib/server/storage/campaigns';
import * as guided from '$lib/server/storage/guided';
import { hashPassphrase } from '$lib/server/security/passphrase';
import type { ScoreResult } from '$lib/scoring/types';
import { ROOT } from '../helpers/paths';
import { postgresUnavailable, startPostgres } from '../helpers/postgres';

const server = await startPostgres();
afterAll(() => server?.stop());

const newDir = (name: string) => mkdtemp(path.join(tmpdir(), `reperes-${name}-`));

/** Runs `tsx scripts/data.ts …` with the given store; resolves with its exit code and output. */
function data(
	args: string[],
	store: { DATA_DIR?: string; DATABASE_URL?: string } & Record<string, string>
): Promise<{ code: number; stdout: string; stderr: string }> {
	const env = { ...process.env, DATA_DIR: '', DATABASE_URL: '', ...store };
	return new Promise((resolve) => {
		execFile(
			process.execPath,
			[path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'scripts/data.ts', ...args],
			{ cwd: ROOT, env },
			(error, stdout, stderr) =>
				resolve({ code: error ? ((error.code as number) ?? 1) : 0, stdout, stderr })
		);
	});
}

/** The records of an export file (its header set aside). */
async function recordsIn(file: string): Promise<DataRecord[]> {
	const [header, ...lines] = (await readFile(file, 'utf8')).trim().split('\n');
	expect(JSON.parse(header!)).toMatchObject({ format: 'reperes-export', version: 1 });
	return lines.map((l) => JSON.parse(l) as DataRecord);
}

async function collect(records: AsyncIterable<DataRecord>): Promise<DataRecord[]> {
	const out: DataRecord[] = [];
	for await (const r of records) out.push(r);
	return out;
}

/** Hash of every file under a folder, to show that nothing was written. */
async function folderHash(dir: string): Promise<string> {
	const h = createHash('sha256');
	const walk = async (d: string) => {
		for (const e of (await readdir(d, { withFileTypes: true })).sort((a, b) =>
			a.name.localeCompare(b.name)
		)) {
			const p = path.join(d, e.name);
			if (e.isDirectory()) await walk(p);
			else if (e.name !== 'reperes.lock') h.update(p).update(await readFile(p));
		}
	};
	await walk(dir);
	return h.digest('hex');
}

const RESULT = {
	overall: { score: 100 / 3, level: 'B1', answered: 7, items: 9 },
	areas: [{ id: 'A', score: 0.1 + 0.2, level: null }],
	competences: []
} as unknown as ScoreResult;

const mini = (campaign: participations.CampaignLink | null = null) =>
	participations.create({
		questionnaireId: 'exemple-mini',
		questionnaireVersion: '1.0.0',
		pageName: 'outils',
		campaign
	});

/** A store with one of everything: campaign (passphrase, targets, waves, sessions), shared and
 * unshared results, a retake, a guided session with its plan, an attempt in progress, a deletion. */
async function fillStore(): Promise<void> {
	const { campaign } = await campaigns.create({
		name: 'Réseau « Sud » — formateurs',
		diagnosticIds: ['exemple-mini'],
		k: 3,
		groupField: { label: 'Site', options: ['Lyon', 'Nantes'] },
		identifierLabel: 'Matricule',
		targets: { 'exemple-mini': { A: 'B1', 'A.1': 'B2' } },
		passphrase: await hashPassphrase('une phrase secrète'),
		opensOn: '2026-11-01',
		closesOn: null
	});
	await campaigns.openSession(campaign);
	const link = {
		id: campaign.id,
		group: 'Lyon',
		identifier: 'M-42',
		shared: false,
		sharedOn: null,
		wave: 'T0'
	};
	for (let i = 0; i < 4; i++) {
		const { participation, token } = await mini(link);
		await participations.saveProgress(
			participation,
			{ remarque: `Ligne 1\nLigne « ${i} » ✓` },
			'fin'
		);
		const saved = (await participations.findByToken(token))!;
		await participations.complete(saved, { ...saved.answers, a: i }, RESULT);
		if (i % 2 === 0)
			await participations.setShared((await participations.findByToken(token))!, true);
	}
	await campaigns.openWave(campaign, '2027-03-01');
	const first = await mini();
	await participations.complete(first.participation, { a: 1 }, RESULT);
	await participations.retake(first.participation, first.token, {
		questionnaireVersion: '1.0.0',
		pageName: 'outils',
		campaign: null
	});
	const advised = await mini();
	const session = await guided.create({
		campaignId: campaign.id,
		participationId: advised.participation.id,
		client: 'Organisme « A » & fils'
	});
	await guided.saveAssessment(session, { A: 'Note\nsur deux lignes' }, { A: 'B1' });
	await guided.addAction(session, {
		title: 'Former les tuteurs',
		target: 'A',
		owner: 'Direction',
		dueOn: '2027-06-30',
		status: 'doing',
		resourceIds: ['r1', 'r2']
	});
	const gone = await mini();
	await participations.removeWithHistory(gone.participation);
	await mini();
}

describe('data:export / data:import', () => {
	test('a round trip embedded store → PostgreSQL → embedded store loses and changes nothing', async () => {
		const dir = await newDir('export');
		const store = await openLowdb(dir);
		useBackend(store);
		await fillStore();
		const original = await collect(store.dump());
		expect(new Set(original.map((r) => r.type))).toEqual(
			new Set(['campaign', 'guidedSession', 'participation', 'deleted'])
		);

		// Exported while the store is open (the server keeps running).
		const out = await newDir('files');
		const fromLowdb = path.join(out, 'lowdb.jsonl');
		const exported = await data(['export', '--out', fromLowdb], { DATA_DIR: dir });
		expect(exported.stderr).toContain(
			'1 campagne(s), 1 accompagnement(s), 8 participation(s), 1 suppression(s)'
		);
		expect(exported.code).toBe(0);
		expect(await recordsIn(fromLowdb)).toEqual(original);
		await store.close();

		let back = fromLowdb;
		if (server) {
			const url = await server.createDatabase();
			const imported = await data(['import', fromLowdb], { DATABASE_URL: url });
			expect(imported.stderr).toContain('Importé dans PostgreSQL');
			expect(imported.code).toBe(0);
			back = path.join(out, 'postgres.jsonl');
			expect((await data(['export', '--out', back], { DATABASE_URL: url })).code).toBe(0);
			expect(await recordsIn(back)).toEqual(original);
			// Importing the same file again adds nothing.
			const again = await data(['import', fromLowdb], { DATABASE_URL: url });
			expect(again.stderr).toContain(
				'0 campagne(s), 0 accompagnement(s), 0 participation(s), 0 suppression(s)'
			);
		}

		const target = await newDir('import');
		expect((await data(['import', back], { DATA_DIR: target })).code).toBe(0);
		const restored = await openLowdb(target);
		expect(await collect(restored.dump())).toEqual(original);
		await restored.close();
		// Standard output works too (for pipes).
		const piped = await data(['export'], { DATA_DIR: target });
		expect(
			piped.stdout
				.trim()
				.split('\n')
				.slice(1)
				.map((l) => JSON.parse(l))
		).toEqual(original);
	}, 60_000);

	if (!server) {
		test(`PostgreSQL half of the round trip NOT RUN: ${postgresUnavailable()}`, () => {
			expect(process.env.CI, 'CI must run the PostgreSQL round trip').toBeFalsy();
		});
	}

	test('a bad file is refused whole, with its lines, and nothing is written', async () => {
		const dir = await newDir('bad');
		const store = await openLowdb(dir);
		useBackend(store);
		await mini();
		await store.close();
		const before = await folderHash(dir);
		const file = path.join(await newDir('files'), 'bad.jsonl');
		const good = await newDir('good');
		const fine = await openLowdb(good);
		useBackend(fine);
		const { participation } = await mini();
		await fine.close();
		const line = JSON.stringify({
			type: 'participation',
			data: { ...participation, id: 'autre-id' }
		});
		await writeFile(
			file,
			[
				JSON.stringify({ format: 'reperes-export', version: 1, exportedAt: '', source: 'lowdb' }),
				line,
				'{"type":"participation","data":{"id":"x"}}',
				'{"type":"sondage","data":{}}',
				'{tronqué',
				JSON.stringify({
					type: 'participation',
					data: { ...participation, id: 'autre-2', status: 'completed', completedAt: null }
				})
			].join('\n')
		);
		const refused = await data(['import', file], { DATA_DIR: dir });
		expect(refused.code).toBe(1);
		expect(refused.stderr).toContain('4 problème(s), rien n’a été importé');
		expect(refused.stderr).toContain('ligne 3 : participation mal formée');
		expect(refused.stderr).toContain('ligne 4 : type "sondage" inconnu');
		expect(refused.stderr).toContain('ligne 5 : JSON invalide');
		expect(refused.stderr).toContain('ligne 6 : participation : « completedAt »');
		expect(refused.stderr).not.toContain('ligne 2');
		expect(await folderHash(dir)).toBe(before);

		const notAnExport = path.join(path.dirname(file), 'other.jsonl');
		await writeFile(notAnExport, '{"hello":"world"}\n');
		const other = await data(['import', notAnExport], { DATA_DIR: dir });
		expect(other.code).toBe(1);
		expect(other.stderr).toContain('ligne 1 : ce n’est pas un export Repères');
		expect(
			(await data(['import', path.join(dir, 'absent.jsonl')], { DATA_DIR: dir })).stderr
		).toContain('Fichier introuvable');
		expect(await folderHash(dir)).toBe(before);
	}, 60_000);

	test('importing into the embedded store while its server runs is refused', async () => {
		const dir = await newDir('locked');
		const store = await openLowdb(dir);
		useBackend(store);
		await mini();
		const file = path.join(await newDir('files'), 'export.jsonl');
		expect((await data(['export', '--out', file], { DATA_DIR: dir })).code).toBe(0);
		const refused = await data(['import', file], { DATA_DIR: dir });
		expect(refused.code).toBe(1);
		expect(refused.stderr).toContain('Arrêter le serveur avant d’importer');
		await store.close();
	}, 60_000);

	test('an unreadable store is named, never exported as if empty', async () => {
		const dir = await newDir('corrupt');
		await writeFile(path.join(dir, 'reperes.json'), '{"schemaVersion": 2, "campaigns": [');
		const refused = await data(['export', '--out', path.join(dir, 'x.jsonl')], { DATA_DIR: dir });
		expect(refused.code).toBe(1);
		expect(refused.stderr).toContain(path.join(dir, 'reperes.json'));
		expect(refused.stderr).toContain('JSON invalide');
		const missing = await data(['export'], { DATA_DIR: path.join(dir, 'nowhere') });
		expect(missing.code).toBe(1);
		expect(missing.stderr).toContain('aucun magasin Repères');
	}, 60_000);
});

describe('data:backup', () => {
	test('a snapshot beside a running store; restored, what was deleted since stays deleted', async () => {
		const dir = await newDir('backup');
		const store = await openLowdb(dir);
		useBackend(store);
		const kept = await mini();
		const doomed = await mini();
		await participations.complete(doomed.participation, { a: 1 }, RESULT);

		// Writes go on during the backup: the snapshot is one state of the store.
		const folder = await newDir('backups');
		const writing = Promise.all(Array.from({ length: 30 }, () => mini()));
		const made = await data(['backup', '--out', folder], { DATA_DIR: dir });
		await writing;
		expect(made.code).toBe(0);
		const [file] = await readdir(folder);
		expect(file).toMatch(/^reperes-.*\.jsonl$/);
		const snapshot = await recordsIn(path.join(folder, file!));
		const ids = snapshot.filter((r) => r.type === 'participation').map((r) => r.data.id);
		expect(ids).toContain(kept.participation.id);
		expect(ids).toContain(doomed.participation.id);

		// After the backup: one person deletes their results, another starts.
		await participations.removeWithHistory((await participations.findByToken(doomed.token))!);
		const later = await mini();
		await store.close();

		const restored = await data(['import', path.join(folder, file!)], { DATA_DIR: dir });
		expect(restored.code).toBe(0);
		const again = await openLowdb(dir);
		useBackend(again);
		expect(await participations.findByToken(doomed.token)).toBeUndefined();
		expect(await participations.findByToken(kept.token)).toBeDefined();
		expect(await participations.findByToken(later.token)).toBeDefined();
		await again.close();
	}, 60_000);
});

describe('data:purge', () => {
	test('deletes what is past the limits of the environment, as the server does; a bad limit is refused', async () => {
		const dir = await newDir('purge');
		const store = await openLowdb(dir);
		useBackend(store);
		const old = await mini();
		const recent = await mini();
		const longAgo = new Date(Date.now() - 31 * 86_400_000).toISOString();
		await store.participations.saveAnswers(
			old.participation.id,
			{ set: {}, clear: [] },
			'outils',
			longAgo
		);
		await store.close();

		const refused = await data(['purge'], { DATA_DIR: dir, RETENTION_UNFINISHED_DAYS: 'un mois' });
		expect(refused.code).toBe(1);
		expect(refused.stderr).toContain('RETENTION_UNFINISHED_DAYS = "un mois"');

		const run = await data(['purge'], { DATA_DIR: dir, RETENTION_UNFINISHED_DAYS: '30' });
		expect(run.stderr).toContain(
			'1 participation(s) non terminée(s) depuis plus de 30 jours et 0 terminée(s) depuis plus de 730 jours supprimée(s)'
		);
		expect(run.code).toBe(0);
		const after = await openLowdb(dir);
		try {
			useBackend(after);
			expect(await participations.findByToken(old.token)).toBeUndefined();
			expect(await participations.findByToken(recent.token)).toBeDefined();
			const deleted = (await collect(after.dump())).filter((r) => r.type === 'deleted');
			expect(deleted.map((r) => r.data.id)).toEqual([old.participation.id]);
		} finally {
			await after.close();
		}
	}, 60_000);
});
