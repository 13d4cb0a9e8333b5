/**
 * The PostgreSQL schema, as versioned migrations run at start (ADR 0016). Each runs once, in its
 * own transaction, under an advisory lock, so that several app instances starting together
 * migrate once. A migration is never edited after release: changes come as a new version.
 */
import type pg from 'pg';

export interface Migration {
	version: number;
	name: string;
	sql: string;
}

export const MIGRATIONS: Migration[] = [
	{
		version: 1,
		name: 'initial schema',
		sql: `
CREATE TABLE campaigns (
	id text PRIMARY KEY,
	code text NOT NULL UNIQUE,
	management_hash text NOT NULL UNIQUE,
	created_at timestamptz NOT NULL,
	-- The rest of the record (name, diagnostics, k, fields, targets, passphrase, sessions, waves,
	-- dates): read and written whole, changed under a row lock.
	data jsonb NOT NULL
);

CREATE TABLE participations (
	id text PRIMARY KEY,
	token_hash text NOT NULL UNIQUE,
	questionnaire_id text NOT NULL,
	questionnaire_version text NOT NULL,
	previous_id text,
	campaign jsonb,
	campaign_id text GENERATED ALWAYS AS (campaign ->> 'id') STORED,
	status text NOT NULL CHECK (status IN ('in_progress', 'completed')),
	page_name text NOT NULL,
	-- Question name -> value; a page save merges into it in one statement.
	answers jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(answers) = 'object'),
	result jsonb,
	created_at timestamptz NOT NULL,
	updated_at timestamptz NOT NULL,
	completed_at timestamptz,
	CHECK ((status = 'completed') = (completed_at IS NOT NULL))
);
CREATE INDEX participations_campaign ON participations (campaign_id) WHERE campaign_id IS NOT NULL;
-- Dumps read oldest first, ties by id in byte order (as the embedded store sorts).
CREATE INDEX participations_created ON participations (created_at, id COLLATE "C");

CREATE TABLE guided_sessions (
	id text PRIMARY KEY,
	campaign_id text NOT NULL,
	participation_id text NOT NULL,
	client text NOT NULL,
	notes jsonb NOT NULL,
	ratings jsonb NOT NULL,
	actions jsonb NOT NULL CHECK (jsonb_typeof(actions) = 'array'),
	created_at timestamptz NOT NULL,
	updated_at timestamptz NOT NULL
);
CREATE INDEX guided_sessions_campaign ON guided_sessions (campaign_id, created_at, id COLLATE "C");

-- Participations deleted for good: a restore never brings them back.
CREATE TABLE deleted_participations (
	id text PRIMARY KEY,
	deleted_at timestamptz NOT NULL
);
`
	},
	{
		version: 2,
		name: 'retention purge indexes',
		sql: `
-- The retention purge (ADR 0019) looks for participations in progress by last activity and
-- completed ones by completion time, leaving out those of guided sessions.
CREATE INDEX participations_unfinished_activity ON participations (updated_at)
	WHERE status = 'in_progress';
CREATE INDEX participations_completed_at ON participations (completed_at)
	WHERE status = 'completed';
CREATE INDEX guided_sessions_participation ON guided_sessions (participation_id);
`
	},
	{
		version: 3,
		name: 'budgets shared by every instance',
		sql: `
-- Budgets of tries per client (ADR 0023): one row per budget and client, the client being a
-- keyed hash of its address (never the address). Rows go once their tries have all left the
-- window (expires_at).
CREATE TABLE budget_tries (
	budget text NOT NULL,
	client text NOT NULL,
	-- When each try counted in the window was made (ms since the epoch, the database's clock).
	tries bigint[] NOT NULL,
	-- Whether the statement that last wrote the row counted its try (read back by it).
	admitted boolean NOT NULL,
	expires_at timestamptz NOT NULL,
	PRIMARY KEY (budget, client)
);
CREATE INDEX budget_tries_expires ON budget_tries (expires_at);

-- Keys of keyed hashes shared by every instance, made by the first one to need each.
CREATE TABLE pseudonym_keys (
	purpose text PRIMARY KEY,
	key bytea NOT NULL,
	created_at timestamptz NOT NULL DEFAULT now()
);
`
	},
	{
		version: 4,
		name: 'tombstone pruning index',
		sql: `
-- The purge forgets deletions older than TOMBSTONE_DAYS (ADR 0024); dumps read them in this
-- order too.
CREATE INDEX deleted_participations_at ON deleted_participations (deleted_at, id COLLATE "C");
`
	}
];

/** Key of the advisory lock held while migrating (any constant shared by every instance). */
const MIGRATION_LOCK = 7_264_531;

/** The schema is newer than this code: refuse rather than guess. */
export class SchemaTooNewError extends Error {
	constructor(found: number, known: number) {
		super(
			`la base de données est au schéma n° ${found}, plus récent que celui de cette version de Repères (n° ${known}) : mettre à jour l’application`
		);
		this.name = 'SchemaTooNewError';
	}
}

/** Brings the schema up to date; returns the versions applied now (none when up to date). */
export async function migrate(client: pg.PoolClient): Promise<number[]> {
	await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
	try {
		await client.query(`CREATE TABLE IF NOT EXISTS reperes_migrations (
			version integer PRIMARY KEY,
			name text NOT NULL,
			applied_at timestamptz NOT NULL DEFAULT now()
		)`);
		const done = new Set(
			(await client.query<{ version: number }>('SELECT version FROM reperes_migrations')).rows.map(
				(r) => r.version
			)
		);
		const known = Math.max(...MIGRATIONS.map((m) => m.version));
		const newest = Math.max(0, ...done);
		if (newest > known) throw new SchemaTooNewError(newest, known);
		const applied: number[] = [];
		for (const m of MIGRATIONS) {
			if (done.has(m.version)) continue;
			await client.query('BEGIN');
			try {
				await client.query(m.sql);
				await client.query('INSERT INTO reperes_migrations (version, name) VALUES ($1, $2)', [
					m.version,
					m.name
				]);
				await client.query('COMMIT');
			} catch (e) {
				await client.query('ROLLBACK');
				throw e;
			}
			applied.push(m.version);
		}
		return applied;
	} finally {
		await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
	}
}
