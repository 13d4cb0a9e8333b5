/**
 * `npm run data:export | data:import | data:backup | data:purge`: moves and keeps everything
 * Repères stores, as JSON lines (src/lib/server/storage/transfer.ts), and applies the retention
 * limits. The store is the one the server would use: PostgreSQL when DATABASE_URL is set,
 * otherwise the embedded store in DATA_DIR.
 *
 *   npm run data:export -- [--out file.jsonl]   everything, to the file or to standard output
 *   npm run data:import -- file.jsonl           adds what the store lacks (never overwrites)
 *   npm run data:backup -- [--out folder]       a consistent snapshot, in ./backups by default
 *   npm run data:purge                          deletes what is past the retention limits now
 *
 * Export and backup read the embedded store without stopping the server (a consistent snapshot);
 * an import or a purge of the embedded store needs the server stopped (one writer per folder;
 * the server purges by itself every hour). An import
 * is checked whole first: one bad line and nothing is written. Participations deleted in the
 * store or in the file are never brought back.
 */
import { open, mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { configProblems, readConfig } from '../src/lib/server/config';
import { useBackend, type Backend, type DataRecord } from '../src/lib/server/storage/backend';
import { purgeExpired } from '../src/lib/server/retention';
import { openLowdb, recordsOf } from '../src/lib/server/storage/lowdb-backend';
import { databaseLabel, openPostgres } from '../src/lib/server/storage/postgres-backend';
import { readSnapshot, StoreError } from '../src/lib/server/storage/store';
import { LockedError } from '../src/lib/server/storage/lock';
import {
	checkExport,
	exportLines,
	ImportError,
	readExport
} from '../src/lib/server/storage/transfer';

const config = readConfig();
const source = config.databaseUrl ? ('postgres' as const) : ('lowdb' as const);
const where = config.databaseUrl
	? `PostgreSQL ${databaseLabel(config.databaseUrl)}`
	: config.dataDir;

const openConfigured = (): Promise<Backend> =>
	config.databaseUrl
		? openPostgres({
				url: config.databaseUrl,
				poolSize: 2,
				poolTimeoutMs: config.databasePoolTimeoutMs
			})
		: openLowdb(config.dataDir);

/** Every record, from a snapshot: the embedded store is read beside a running server. */
async function withRecords<T>(f: (records: AsyncIterable<DataRecord>) => Promise<T>): Promise<T> {
	if (!config.databaseUrl) {
		const contents = await readSnapshot(config.dataDir);
		return f(
			(async function* () {
				yield* recordsOf(contents);
			})()
		);
	}
	const backend = await openConfigured();
	try {
		return await f(backend.dump());
	} finally {
		await backend.close();
	}
}

type Counts = Record<DataRecord['type'], number>;
const describe = (c: Counts) =>
	`${c.campaign} campagne(s), ${c.guidedSession} accompagnement(s), ${c.participation} participation(s), ${c.deleted} suppression(s)`;

/** Writes an export to `file` durably (temporary file, fsync, rename); returns the counts. */
async function writeExport(file: string, records: AsyncIterable<DataRecord>): Promise<Counts> {
	const counts: Counts = { campaign: 0, guidedSession: 0, participation: 0, deleted: 0 };
	const counted = (async function* () {
		for await (const r of records) {
			counts[r.type]++;
			yield r;
		}
	})();
	const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
	const handle = await open(temp, 'wx', 0o600);
	try {
		for await (const line of exportLines(counted, {
			exportedAt: new Date().toISOString(),
			source
		})) {
			await handle.write(line);
		}
		await handle.sync();
		await handle.close();
		await rename(temp, file);
	} catch (e) {
		await handle.close().catch(() => undefined);
		await rm(temp, { force: true });
		throw e;
	}
	return counts;
}

async function exportTo(out: string | undefined): Promise<void> {
	if (!out) {
		await withRecords(async (records) => {
			for await (const line of exportLines(records, {
				exportedAt: new Date().toISOString(),
				source
			})) {
				if (!process.stdout.write(line)) await new Promise((r) => process.stdout.once('drain', r));
			}
		});
		return;
	}
	const counts = await withRecords((records) => writeExport(path.resolve(out), records));
	console.error(`Exporté de ${where} vers ${path.resolve(out)} : ${describe(counts)}.`);
}

async function backup(out: string | undefined): Promise<void> {
	const folder = path.resolve(out ?? 'backups');
	await mkdir(folder, { recursive: true });
	const stamp = new Date().toISOString().replace(/[:.]/g, '-');
	const file = path.join(folder, `reperes-${stamp}.jsonl`);
	const counts = await withRecords((records) => writeExport(file, records));
	console.error(`Sauvegarde de ${where} : ${file} (${describe(counts)}).`);
	console.error(`Pour la restaurer : npm run data:import -- ${file}`);
}

async function importFrom(file: string): Promise<void> {
	const resolved = path.resolve(file);
	const { header, counts } = await checkExport(resolved);
	console.error(
		`${resolved} : export du ${header.exportedAt} (${header.source}), ${describe(counts)} ; vérifié.`
	);
	const backend = await openConfigured();
	try {
		const added = await backend.restore(readExport(resolved));
		console.error(`Importé dans ${where} : ${describe(added)}.`);
		const skipped = counts.participation - added.participation;
		if (skipped > 0) {
			console.error(
				`${skipped} participation(s) déjà présente(s) ou supprimée(s) : laissée(s) telle(s) quelle(s).`
			);
		}
	} finally {
		await backend.close();
	}
}

/** Deletes now what the server's hourly purge would delete (same limits, same path). */
async function purge(): Promise<void> {
	const problems = configProblems();
	if (problems.length > 0) throw new Error(problems.join('\n'));
	const { unfinishedDays, completedDays, tombstoneDays } = config.retention;
	const backend = await openConfigured();
	try {
		useBackend(backend);
		const counts = await purgeExpired(new Date(), config.retention);
		console.error(
			`Purge de ${where} : ${counts.unfinished} participation(s) non terminée(s) depuis plus de ${unfinishedDays} jours et ${counts.completed} terminée(s) depuis plus de ${completedDays} jours supprimée(s) ; ${counts.tombstones} trace(s) de suppression de plus de ${tombstoneDays} jours oubliée(s).`
		);
	} finally {
		await backend.close();
	}
}

function usage(): never {
	console.error(
		'Usage : tsx scripts/data.ts export [--out fichier.jsonl] | import fichier.jsonl | backup [--out dossier] | purge'
	);
	process.exit(2);
}

const [command, ...args] = process.argv.slice(2);
const option = (name: string) => {
	const i = args.indexOf(name);
	if (i === -1) return undefined;
	return args[i + 1] ?? usage();
};

try {
	if (command === 'export') await exportTo(option('--out'));
	else if (command === 'backup') await backup(option('--out'));
	else if (command === 'import' && args[0] && !args[0].startsWith('--')) await importFrom(args[0]);
	else if (command === 'purge' && args.length === 0) await purge();
	else usage();
} catch (e) {
	if (e instanceof ImportError || e instanceof StoreError) {
		console.error(e.message);
		process.exit(1);
	}
	if (e instanceof LockedError) {
		console.error(
			`${e.message}\nArrêter le serveur avant d’importer dans le magasin intégré ou de le purger.`
		);
		process.exit(1);
	}
	if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
		console.error(`Fichier introuvable : ${(e as NodeJS.ErrnoException).path ?? ''}`);
		process.exit(1);
	}
	console.error(e instanceof Error ? e.message : e);
	process.exit(1);
}
