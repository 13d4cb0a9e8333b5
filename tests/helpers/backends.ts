/**
 * The two storage implementations, opened the same way for the contract suite: each `fresh()`
 * is an empty store (a new data folder, or a new PostgreSQL database on a throwaway server).
 */
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Backend } from '$lib/server/storage/backend';
import { openLowdb } from '$lib/server/storage/lowdb-backend';
import { openPostgres } from '$lib/server/storage/postgres-backend';
import type { TestPostgres } from './postgres';

export interface OpenedStore {
	backend: Backend;
	/** Closes and opens the same data again, as a restart does. */
	reopen(): Promise<Backend>;
	/** Everything stored, as text (files or table rows), to look for what must not be there. */
	rawText(): Promise<string>;
}

export interface BackendKind {
	name: 'lowdb' | 'postgres';
	fresh(): Promise<OpenedStore>;
}

async function allFiles(dir: string): Promise<string[]> {
	const out: string[] = [];
	for (const e of await readdir(dir, { withFileTypes: true })) {
		const p = path.join(dir, e.name);
		if (e.isDirectory()) out.push(...(await allFiles(p)));
		else out.push(p);
	}
	return out;
}

export const lowdbKind: BackendKind = {
	name: 'lowdb',
	async fresh() {
		const dir = await mkdtemp(path.join(tmpdir(), 'reperes-contract-'));
		const opened: OpenedStore = {
			backend: await openLowdb(dir),
			async reopen() {
				await opened.backend.close();
				opened.backend = await openLowdb(dir);
				return opened.backend;
			},
			async rawText() {
				const files = await allFiles(dir);
				return (await Promise.all(files.map((f) => readFile(f, 'utf8')))).join('\n');
			}
		};
		return opened;
	}
};

export function postgresKind(server: TestPostgres): BackendKind {
	return {
		name: 'postgres',
		async fresh() {
			const url = await server.createDatabase();
			const open = () => openPostgres({ url, poolSize: 10, poolTimeoutMs: 5000 });
			const opened: OpenedStore = {
				backend: await open(),
				async reopen() {
					await opened.backend.close();
					opened.backend = await open();
					return opened.backend;
				},
				async rawText() {
					const client = new pg.Client({ connectionString: url });
					await client.connect();
					try {
						const tables = await client.query<{ tablename: string }>(
							"SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
						);
						const rows: string[] = [];
						for (const t of tables.rows) {
							const r = await client.query<{ row: string }>(
								`SELECT t::text AS row FROM "${t.tablename}" t`
							);
							rows.push(...r.rows.map((x) => x.row));
						}
						return rows.join('\n');
					} finally {
						await client.end();
					}
				}
			};
			return opened;
		}
	};
}
