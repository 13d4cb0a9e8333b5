/**
 * What only PostgreSQL has: versioned migrations run at start (once, even with several instances
 * starting together), the pool answering 503 when it is exhausted instead of hanging, and clear
 * refusals when the database cannot be reached. Shared behaviour is in storage-contract.test.ts.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { isHttpError } from '@sveltejs/kit';
import pg from 'pg';
import {
	DATABASE_UNAVAILABLE,
	DatabaseStartError,
	openPostgres,
	UNSTORABLE
} from '$lib/server/storage/postgres-backend';
import { MIGRATIONS, SchemaTooNewError } from '$lib/server/storage/postgres-migrations';
import { freePort } from '../e2e/global-setup';
import { postgresUnavailable, startPostgres } from '../helpers/postgres';

const server = await startPostgres();
afterAll(() => server?.stop());

async function sql<R extends pg.QueryResultRow>(url: string, text: string, values?: unknown[]) {
	const c = new pg.Client({ connectionString: url });
	await c.connect();
	try {
		return (await c.query<R>(text, values)).rows;
	} finally {
		await c.end();
	}
}

if (!server) {
	test(`PostgreSQL tests NOT RUN: ${postgresUnavailable()}`, () => {
		expect(process.env.CI, 'CI must run the PostgreSQL tests').toBeFalsy();
	});
} else {
	describe('PostgreSQL store', () => {
		test('migrations run once, under a lock, when several instances start together', async () => {
			const url = await server.createDatabase();
			const opened = await Promise.all(
				Array.from({ length: 4 }, () => openPostgres({ url, poolSize: 2, poolTimeoutMs: 5000 }))
			);
			const versions = await sql<{ version: number }>(
				url,
				'SELECT version FROM reperes_migrations ORDER BY version'
			);
			expect(versions.map((v) => v.version)).toEqual(MIGRATIONS.map((m) => m.version));
			const tables = await sql<{ tablename: string }>(
				url,
				"SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
			);
			expect(tables.map((t) => t.tablename)).toEqual([
				'budget_tries',
				'campaigns',
				'deleted_participations',
				'guided_sessions',
				'participations',
				'pseudonym_keys',
				'reperes_migrations'
			]);
			await Promise.all(opened.map((b) => b.close()));
			// Opening again applies nothing and keeps the data.
			const again = await openPostgres({ url, poolSize: 2, poolTimeoutMs: 5000 });
			expect(await again.isEmpty()).toBe(true);
			await again.close();
		});

		test('a schema newer than the code is refused at start, not guessed at', async () => {
			const url = await server.createDatabase();
			await (await openPostgres({ url, poolSize: 1, poolTimeoutMs: 5000 })).close();
			// Versions need not be contiguous (each change takes its own number).
			const future = Math.max(...MIGRATIONS.map((m) => m.version)) + 1;
			await sql(url, "INSERT INTO reperes_migrations (version, name) VALUES ($1, 'future')", [
				future
			]);
			const refused = await openPostgres({ url, poolSize: 1, poolTimeoutMs: 5000 }).catch(
				(e: unknown) => e
			);
			expect(refused).toBeInstanceOf(SchemaTooNewError);
			expect((refused as Error).message).toContain(`n° ${future}`);
		});

		test('an exhausted pool answers 503 after its timeout instead of hanging, then recovers', async () => {
			const url = await server.createDatabase();
			const backend = await openPostgres({ url, poolSize: 1, poolTimeoutMs: 300 });
			const held = await backend.pool.connect();
			const started = Date.now();
			const refused = await backend.participations.byId('x').catch((e: unknown) => e);
			expect(isHttpError(refused) && refused.status).toBe(503);
			expect(isHttpError(refused) && refused.body.message).toBe(DATABASE_UNAVAILABLE);
			// It waited for the configured time, not forever.
			expect(Date.now() - started).toBeLessThan(5000);
			held.release();
			expect(await backend.participations.byId('x')).toBeUndefined();
			await backend.close();
		});

		test('text PostgreSQL cannot hold (a NUL character) is refused with 400, nothing written', async () => {
			const url = await server.createDatabase();
			const backend = await openPostgres({ url, poolSize: 2, poolTimeoutMs: 2000 });
			const at = new Date().toISOString();
			const p = await backend.participations.insert({
				id: 'p1',
				tokenHash: 'h1',
				questionnaireId: 'exemple-mini',
				questionnaireVersion: '1.0.0',
				previousId: null,
				campaign: null,
				status: 'in_progress',
				pageName: 'outils',
				answers: { remarque: 'avant' },
				result: null,
				createdAt: at,
				updatedAt: at,
				completedAt: null
			});
			const refused = await backend.participations
				.saveAnswers(p.id, { set: { remarque: 'a\u0000b' }, clear: [] }, 'outils', at)
				.catch((e: unknown) => e);
			expect(isHttpError(refused) && refused.status).toBe(400);
			expect(isHttpError(refused) && refused.body.message).toBe(UNSTORABLE);
			expect((await backend.participations.byId('p1'))!.answers).toEqual({ remarque: 'avant' });
			await backend.close();
		});

		test('connections cut by the server are replaced: the next request works', async () => {
			const url = await server.createDatabase();
			const backend = await openPostgres({ url, poolSize: 3, poolTimeoutMs: 2000 });
			expect(await backend.isEmpty()).toBe(true);
			const name = new URL(url).pathname.slice(1);
			await sql(
				server.url,
				'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
				[name]
			);
			await new Promise((r) => setTimeout(r, 100));
			expect(await backend.isEmpty()).toBe(true);
			await backend.close();
		});

		test('an unreachable database stops the start with its address, never its password', async () => {
			const port = await freePort();
			const refused = await openPostgres({
				url: `postgres://reperes:secret-password@127.0.0.1:${port}/reperes`,
				poolSize: 1,
				poolTimeoutMs: 1000
			}).catch((e: unknown) => e);
			expect(refused).toBeInstanceOf(DatabaseStartError);
			expect((refused as Error).message).toContain(`127.0.0.1:${port}/reperes`);
			expect((refused as Error).message).not.toContain('secret-password');
		});
	});
}
