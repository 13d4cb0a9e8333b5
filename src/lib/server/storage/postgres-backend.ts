/**
 * The PostgreSQL implementation of the storage verbs (DATABASE_URL; ADR 0016). The app keeps no
 * state of its own here, so several instances can share one database. Every change is one
 * statement or one transaction; concurrent changes to one record are serialised by the database
 * (a page save merges its answers in a single UPDATE; list changes lock the row first). When no
 * connection frees up in time, or the server is down, requests answer 503 instead of hanging.
 */
import pg from 'pg';
import { error } from '@sveltejs/kit';
import type { Backend, DataRecord } from './backend';
import type { Campaign, GuidedSession, Participation } from './records';
import { migrate } from './postgres-migrations';
import { unavailable } from './unavailable';
import { log } from '../log';

/** Message of the 503 when the database cannot be reached or is saturated. */
export const DATABASE_UNAVAILABLE =
	'Service momentanément indisponible (base de données occupée ou injoignable). Ce qui était déjà enregistré est intact ; réessayez dans un instant.';

/** The database cannot be reached at start (wrong address, server down, bad credentials). */
export class DatabaseStartError extends Error {
	constructor(where: string, cause: unknown) {
		super(`PostgreSQL ${where} : ${describe(cause)}`);
		this.name = 'DatabaseStartError';
	}
}

function describe(e: unknown): string {
	const err = e as { code?: string; message?: string };
	return [err.message, err.code && `(${err.code})`].filter(Boolean).join(' ');
}

/** host:port/database of a connection string, without user or password (for messages). */
export function databaseLabel(url: string): string {
	try {
		const u = new URL(url);
		return `${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
	} catch {
		return '(DATABASE_URL illisible)';
	}
}

/** Errors that say "not now" rather than "wrong": answered with 503. */
const TRANSIENT_CODES = new Set([
	'ECONNREFUSED',
	'ECONNRESET',
	'ETIMEDOUT',
	'EPIPE',
	'ENOTFOUND',
	'EAI_AGAIN',
	'53100', // disk_full
	'53200', // out_of_memory
	'53300', // too_many_connections
	'57P01', // admin_shutdown
	'57P02', // crash_shutdown
	'57P03', // cannot_connect_now
	'57014', // query_canceled (statement timeout)
	'40001', // serialization_failure
	'40P01' // deadlock_detected
]);

function isTransient(e: unknown): boolean {
	const err = e as { code?: string; message?: string };
	if (err.code && (TRANSIENT_CODES.has(err.code) || err.code.startsWith('08'))) return true;
	// pg-pool's own messages when no connection is free in time, or the connection dropped.
	return /timeout exceeded when trying to connect|Connection terminated/i.test(err.message ?? '');
}

/** Text PostgreSQL cannot hold (U+0000): untranslatable_character, character_not_in_repertoire. */
const UNSTORABLE_TEXT = new Set(['22P05', '22021']);

/** Message of the 400 for text holding a NUL character. */
export const UNSTORABLE =
	'Texte refusé : il contient un caractère nul (U+0000), que le stockage n’accepte pas.';

/** Runs a database call; transient failures become the 503 every route answers. */
export async function guarded<T>(f: () => Promise<T>): Promise<T> {
	try {
		return await f();
	} catch (e) {
		if (UNSTORABLE_TEXT.has((e as { code?: string }).code ?? '')) error(400, UNSTORABLE);
		if (isTransient(e)) {
			log('error', 'store.database_unavailable', { code: (e as { code?: string }).code ?? null });
			throw unavailable(DATABASE_UNAVAILABLE);
		}
		throw e;
	}
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

interface ParticipationRow {
	id: string;
	token_hash: string;
	questionnaire_id: string;
	questionnaire_version: string;
	previous_id: string | null;
	campaign: Participation['campaign'];
	status: Participation['status'];
	page_name: string;
	answers: Participation['answers'];
	result: Participation['result'];
	created_at: Date;
	updated_at: Date;
	completed_at: Date | null;
}

const P_COLUMNS = `id, token_hash, questionnaire_id, questionnaire_version, previous_id, campaign,
	status, page_name, answers, result, created_at, updated_at, completed_at`;

function participation(r: ParticipationRow): Participation {
	return {
		id: r.id,
		tokenHash: r.token_hash,
		questionnaireId: r.questionnaire_id,
		questionnaireVersion: r.questionnaire_version,
		previousId: r.previous_id,
		campaign: r.campaign,
		status: r.status,
		pageName: r.page_name,
		answers: r.answers,
		result: r.result,
		createdAt: iso(r.created_at)!,
		updatedAt: iso(r.updated_at)!,
		completedAt: iso(r.completed_at)
	};
}

const participationValues = (p: Participation) => [
	p.id,
	p.tokenHash,
	p.questionnaireId,
	p.questionnaireVersion,
	p.previousId,
	p.campaign ? JSON.stringify(p.campaign) : null,
	p.status,
	p.pageName,
	JSON.stringify(p.answers),
	p.result ? JSON.stringify(p.result) : null,
	p.createdAt,
	p.updatedAt,
	p.completedAt
];

const INSERT_PARTICIPATION = `INSERT INTO participations (${P_COLUMNS})
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`;

interface CampaignRow {
	id: string;
	code: string;
	management_hash: string;
	created_at: Date;
	data: Omit<Campaign, 'id' | 'code' | 'managementHash' | 'createdAt'>;
}

function campaign(r: CampaignRow): Campaign {
	return {
		...r.data,
		id: r.id,
		code: r.code,
		managementHash: r.management_hash,
		createdAt: iso(r.created_at)!
	};
}

function campaignValues(c: Campaign) {
	const { id, code, managementHash, createdAt, ...data } = c;
	return [id, code, managementHash, createdAt, JSON.stringify(data)];
}

interface SessionRow {
	id: string;
	campaign_id: string;
	participation_id: string;
	client: string;
	notes: GuidedSession['notes'];
	ratings: GuidedSession['ratings'];
	actions: GuidedSession['actions'];
	created_at: Date;
	updated_at: Date;
}

function session(r: SessionRow): GuidedSession {
	return {
		id: r.id,
		campaignId: r.campaign_id,
		participationId: r.participation_id,
		client: r.client,
		notes: r.notes,
		ratings: r.ratings,
		actions: r.actions,
		createdAt: iso(r.created_at)!,
		updatedAt: iso(r.updated_at)!
	};
}

const sessionValues = (s: GuidedSession) => [
	s.id,
	s.campaignId,
	s.participationId,
	s.client,
	JSON.stringify(s.notes),
	JSON.stringify(s.ratings),
	JSON.stringify(s.actions),
	s.createdAt,
	s.updatedAt
];

const INSERT_SESSION = `INSERT INTO guided_sessions
	(id, campaign_id, participation_id, client, notes, ratings, actions, created_at, updated_at)
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`;

/** Rows read per round trip when dumping everything. */
const DUMP_BATCH = 500;

export interface PostgresOptions {
	url: string;
	/** Connections this instance opens at most. */
	poolSize: number;
	/** How long a request waits for a free connection before answering 503 (ms). */
	poolTimeoutMs: number;
}

/**
 * Connects to `url`, brings the schema up to date and returns the verbs. Throws
 * DatabaseStartError when the database cannot be reached.
 */
export async function openPostgres(options: PostgresOptions): Promise<Backend & { pool: pg.Pool }> {
	const pool = new pg.Pool({
		connectionString: options.url,
		max: options.poolSize,
		connectionTimeoutMillis: options.poolTimeoutMs,
		// No statement may hold a connection for long: a stuck query answers 503, not a hang.
		statement_timeout: 30_000,
		application_name: 'reperes'
	});
	// A connection that breaks while idle must not bring the process down.
	pool.on('error', (e) =>
		log('error', 'store.idle_connection_error', { code: (e as { code?: string }).code ?? null })
	);
	let client: pg.PoolClient;
	try {
		client = await pool.connect();
	} catch (e) {
		await pool.end();
		throw new DatabaseStartError(databaseLabel(options.url), e);
	}
	try {
		await migrate(client);
	} catch (e) {
		client.release();
		await pool.end();
		throw e;
	}
	client.release();
	return postgresBackend(pool);
}

/** The verbs over a pool whose database has the current schema. */
export function postgresBackend(pool: pg.Pool): Backend & { pool: pg.Pool } {
	const query = <R extends pg.QueryResultRow>(text: string, values?: unknown[]) =>
		guarded(() => pool.query<R>(text, values));

	/** Runs `f` in one transaction (committed if it returns, rolled back if it throws). */
	const transaction = <T>(f: (c: pg.PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> =>
		guarded(async () => {
			const c = await pool.connect();
			try {
				await c.query(begin);
				const out = await f(c);
				await c.query('COMMIT');
				return out;
			} catch (e) {
				await c.query('ROLLBACK').catch(() => undefined);
				throw e;
			} finally {
				c.release();
			}
		});

	const oneParticipation = async (where: string, value: string) =>
		(
			await query<ParticipationRow>(`SELECT ${P_COLUMNS} FROM participations WHERE ${where} = $1`, [
				value
			])
		).rows.map(participation)[0];

	const oneCampaign = async (where: string, value: string) =>
		(await query<CampaignRow>(`SELECT * FROM campaigns WHERE ${where} = $1`, [value])).rows.map(
			campaign
		)[0];

	/** Changes a campaign's data under its row lock; undefined if there is no such campaign. */
	const changeCampaign = <T>(
		id: string,
		change: (c: Campaign) => { data: Partial<Campaign>; out: T }
	): Promise<T | undefined> =>
		transaction(async (c) => {
			const row = (
				await c.query<CampaignRow>('SELECT * FROM campaigns WHERE id = $1 FOR UPDATE', [id])
			).rows[0];
			if (!row) return undefined;
			const { data, out } = change(campaign(row));
			await c.query('UPDATE campaigns SET data = data || $2::jsonb WHERE id = $1', [
				id,
				JSON.stringify(data)
			]);
			return out;
		});

	/** Changes a session's actions under its row lock; false if the session or action is absent. */
	const changeActions = (
		id: string,
		at: string,
		change: (actions: GuidedSession['actions']) => GuidedSession['actions'] | null
	): Promise<boolean> =>
		transaction(async (c) => {
			const row = (
				await c.query<{ actions: GuidedSession['actions'] }>(
					'SELECT actions FROM guided_sessions WHERE id = $1 FOR UPDATE',
					[id]
				)
			).rows[0];
			const actions = row && change(row.actions);
			if (!actions) return false;
			await c.query('UPDATE guided_sessions SET actions = $2, updated_at = $3 WHERE id = $1', [
				id,
				JSON.stringify(actions),
				at
			]);
			return true;
		});

	let closing: Promise<void> | undefined;
	const backend: Backend & { pool: pg.Pool } = {
		kind: 'postgres',
		pool,
		participations: {
			async insert(p) {
				// The token hash is unique: a replayed start or retake finds the first one.
				const added = await query<ParticipationRow>(
					`${INSERT_PARTICIPATION} ON CONFLICT (token_hash) DO NOTHING RETURNING ${P_COLUMNS}`,
					participationValues(p)
				);
				return added.rows[0]
					? participation(added.rows[0])
					: (await oneParticipation('token_hash', p.tokenHash))!;
			},
			byId: (id) => oneParticipation('id', id),
			byTokenHash: (hash) => oneParticipation('token_hash', hash),
			async byCampaign(campaignId) {
				const r = await query<ParticipationRow>(
					`SELECT ${P_COLUMNS} FROM participations WHERE campaign_id = $1 ORDER BY created_at, id COLLATE "C"`,
					[campaignId]
				);
				return r.rows.map(participation);
			},
			async saveAnswers(id, change, pageName, at) {
				// One statement: concurrent saves of one participation each merge their questions.
				const r = await query(
					`UPDATE participations
					SET answers = (answers || $2::jsonb) - $3::text[], page_name = $4, updated_at = $5
					WHERE id = $1 AND status = 'in_progress'`,
					[id, JSON.stringify(change.set), change.clear, pageName, at]
				);
				return r.rowCount === 1;
			},
			async complete(id, answers, result, at) {
				// The whole submission is this one statement (its own transaction); only the first
				// of concurrent or replayed submissions finds the participation in progress.
				const r = await query(
					`UPDATE participations
					SET answers = $2, result = $3, status = 'completed', updated_at = $4, completed_at = $4
					WHERE id = $1 AND status = 'in_progress'`,
					[id, JSON.stringify(answers), JSON.stringify(result), at]
				);
				return r.rowCount === 1;
			},
			async setCampaignLink(id, link, at) {
				await query('UPDATE participations SET campaign = $2, updated_at = $3 WHERE id = $1', [
					id,
					JSON.stringify(link),
					at
				]);
			},
			async remove(ids, at) {
				await transaction(async (c) => {
					await c.query(
						`INSERT INTO deleted_participations (id, deleted_at)
						SELECT unnest($1::text[]), $2 ON CONFLICT (id) DO NOTHING`,
						[ids, at]
					);
					await c.query('DELETE FROM participations WHERE id = ANY($1::text[])', [ids]);
				});
			},
			async expired({ unfinishedBefore, completedBefore }, limit) {
				// Each branch of the OR reads its partial index (migration 2).
				const r = await query<{ id: string; status: Participation['status'] }>(
					`SELECT id, status FROM participations p
					WHERE ((status = 'in_progress' AND updated_at < $1)
						OR (status = 'completed' AND completed_at < $2))
					AND NOT EXISTS (SELECT 1 FROM guided_sessions g WHERE g.participation_id = p.id)
					ORDER BY CASE WHEN status = 'completed' THEN completed_at ELSE updated_at END,
						id COLLATE "C"
					LIMIT $3`,
					[unfinishedBefore, completedBefore, limit]
				);
				return r.rows;
			},
			async pruneTombstones(deletedBefore) {
				// Reads the index of migration 4.
				const r = await query('DELETE FROM deleted_participations WHERE deleted_at < $1', [
					deletedBefore
				]);
				return r.rowCount ?? 0;
			}
		},
		campaigns: {
			async insert(c) {
				const r = await query(
					`INSERT INTO campaigns (id, code, management_hash, created_at, data)
					VALUES ($1, $2, $3, $4, $5) ON CONFLICT (code) DO NOTHING`,
					campaignValues(c)
				);
				return r.rowCount === 1;
			},
			byId: (id) => oneCampaign('id', id),
			byCode: (code) => oneCampaign('code', code),
			byManagementHash: (hash) => oneCampaign('management_hash', hash),
			async addSession(id, s, now) {
				await changeCampaign(id, (c) => {
					const live = (c.sessions ?? []).filter((x) => x.expires > now);
					return { data: { sessions: [...live.slice(-19), s] }, out: undefined };
				});
			},
			async addWave(id, openedOn) {
				const wave = await changeCampaign(id, (c) => {
					const waves = c.waves?.length
						? c.waves
						: [{ id: 'T0', openedOn: c.createdAt.slice(0, 10) }];
					const next = `T${waves.length}`;
					return { data: { waves: [...waves, { id: next, openedOn }] }, out: next };
				});
				if (wave === undefined) throw new Error(`campaign ${id} not found`);
				return wave;
			}
		},
		guided: {
			async insert(s) {
				await query(INSERT_SESSION, sessionValues(s));
			},
			async byId(id) {
				return (
					await query<SessionRow>('SELECT * FROM guided_sessions WHERE id = $1', [id])
				).rows.map(session)[0];
			},
			async byCampaign(campaignId) {
				return (
					await query<SessionRow>(
						'SELECT * FROM guided_sessions WHERE campaign_id = $1 ORDER BY created_at, id COLLATE "C"',
						[campaignId]
					)
				).rows.map(session);
			},
			async saveAssessment(id, notes, ratings, at) {
				await query(
					'UPDATE guided_sessions SET notes = $2, ratings = $3, updated_at = $4 WHERE id = $1',
					[id, JSON.stringify(notes), JSON.stringify(ratings), at]
				);
			},
			async addAction(id, action, at) {
				await query(
					`UPDATE guided_sessions SET actions = actions || jsonb_build_array($2::jsonb),
					updated_at = $3 WHERE id = $1`,
					[id, JSON.stringify(action), at]
				);
			},
			setActionStatus: (id, actionId, status, at) =>
				changeActions(id, at, (actions) =>
					actions.some((a) => a.id === actionId)
						? actions.map((a) => (a.id === actionId ? { ...a, status } : a))
						: null
				),
			removeAction: (id, actionId, at) =>
				changeActions(id, at, (actions) =>
					actions.some((a) => a.id === actionId) ? actions.filter((a) => a.id !== actionId) : null
				)
		},
		async *dump(): AsyncIterable<DataRecord> {
			// One snapshot for the whole dump, read in batches so memory stays flat.
			const c = await guarded(() => pool.connect());
			try {
				await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
				const batches = async function* <R extends pg.QueryResultRow>(
					table: string,
					columns: string,
					order: [string, string]
				) {
					let after: [Date, string] | null = null;
					for (;;) {
						const r: pg.QueryResult<R> = await c.query<R>(
							`SELECT ${columns} FROM ${table}
							${after ? `WHERE (${order[0]}, ${order[1]} COLLATE "C") > ($1, $2)` : ''}
							ORDER BY ${order[0]}, ${order[1]} COLLATE "C" LIMIT ${DUMP_BATCH}`,
							after ?? []
						);
						yield* r.rows;
						if (r.rows.length < DUMP_BATCH) return;
						const last = r.rows.at(-1) as Record<string, unknown>;
						after = [last[order[0]] as Date, last[order[1]] as string];
					}
				};
				for await (const r of batches<CampaignRow>('campaigns', '*', ['created_at', 'id'])) {
					yield { type: 'campaign', data: campaign(r) };
				}
				for await (const r of batches<SessionRow>('guided_sessions', '*', ['created_at', 'id'])) {
					yield { type: 'guidedSession', data: session(r) };
				}
				for await (const r of batches<ParticipationRow>('participations', P_COLUMNS, [
					'created_at',
					'id'
				])) {
					yield { type: 'participation', data: participation(r) };
				}
				for await (const r of batches<{ id: string; deleted_at: Date }>(
					'deleted_participations',
					'*',
					['deleted_at', 'id']
				)) {
					yield { type: 'deleted', data: { id: r.id, deletedAt: iso(r.deleted_at)! } };
				}
				await c.query('COMMIT');
			} finally {
				// A consumer that stops early leaves the transaction open: end it before release.
				await c.query('ROLLBACK').catch(() => undefined);
				c.release();
			}
		},
		async isEmpty() {
			const r = await query<{ any: boolean }>(
				`SELECT EXISTS (SELECT 1 FROM campaigns) OR EXISTS (SELECT 1 FROM guided_sessions)
				OR EXISTS (SELECT 1 FROM participations) AS any`
			);
			return !r.rows[0]!.any;
		},
		restore(records) {
			// All or nothing: one transaction for the whole import.
			return transaction(async (c) => {
				const counts = { campaign: 0, guidedSession: 0, participation: 0, deleted: 0 };
				const inserted = new Set<string>();
				const deleted: DataRecord[] = [];
				for await (const r of records) {
					if (r.type === 'campaign') {
						const x = await c.query(
							`INSERT INTO campaigns (id, code, management_hash, created_at, data)
							VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
							campaignValues(r.data)
						);
						counts.campaign += x.rowCount ?? 0;
					} else if (r.type === 'guidedSession') {
						const x = await c.query(
							`${INSERT_SESSION} ON CONFLICT DO NOTHING`,
							sessionValues(r.data)
						);
						counts.guidedSession += x.rowCount ?? 0;
					} else if (r.type === 'participation') {
						// Never one deleted here; never over one already stored (by id or link).
						const x = await c.query(
							`INSERT INTO participations (${P_COLUMNS})
							SELECT $1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9::jsonb, $10::jsonb,
								$11::timestamptz, $12::timestamptz, $13::timestamptz
							WHERE NOT EXISTS (SELECT 1 FROM deleted_participations WHERE id = $1)
							ON CONFLICT DO NOTHING`,
							participationValues(r.data)
						);
						if (x.rowCount) inserted.add(r.data.id);
					} else deleted.push(r);
				}
				// Deleted in the export (after it was read, or in another store): removed here too.
				for (const r of deleted) {
					if (r.type !== 'deleted') continue;
					const x = await c.query(
						'INSERT INTO deleted_participations (id, deleted_at) VALUES ($1, $2) ON CONFLICT DO NOTHING',
						[r.data.id, r.data.deletedAt]
					);
					counts.deleted += x.rowCount ?? 0;
					await c.query('DELETE FROM participations WHERE id = $1', [r.data.id]);
					inserted.delete(r.data.id);
				}
				counts.participation = inserted.size;
				return counts;
			});
		},
		async ping() {
			await query('SELECT 1');
		},
		// Once: pg refuses a second end().
		close: () => (closing ??= pool.end())
	};
	return backend;
}
