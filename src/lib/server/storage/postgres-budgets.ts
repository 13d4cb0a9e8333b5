/**
 * Budgets of tries kept in PostgreSQL (DATABASE_URL; ADR 0023), so that every app instance on
 * one database spends the same budget. One row per budget and client (table `budget_tries`,
 * migration 3); `admit` is one upsert: the row's lock serialises concurrent tries of a client,
 * and the tries left in the window, whether this one fits, and the new list are all computed from
 * the locked row in that statement. Times come from the database's clock, the same for every
 * instance. Clients are stored as a keyed hash of their address, the key shared by the instances
 * through table `pseudonym_keys`.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type pg from 'pg';
import { secondsUntil, type BudgetStore } from '../security/budget';
import { guarded } from './postgres-backend';

/** The statement's time, in ms since the epoch (`now()` is fixed for the whole statement). */
const NOW_MS = '(extract(epoch FROM now()) * 1000)::bigint';

/** The locked row's tries still in the window that ends with this try (EXCLUDED.tries[1]). */
const KEPT =
	'ARRAY(SELECT t FROM unnest(b.tries) t WHERE t > EXCLUDED.tries[1] - $3::bigint ORDER BY t)';
const FITS = `cardinality(${KEPT}) < $4::integer`;

const ADMIT = `
INSERT INTO budget_tries AS b (budget, client, tries, admitted, expires_at)
VALUES ($1, $2, ARRAY[${NOW_MS}], true, now() + $3::bigint * interval '1 millisecond')
ON CONFLICT (budget, client) DO UPDATE SET
	tries = CASE WHEN ${FITS} THEN ${KEPT} || EXCLUDED.tries[1] ELSE ${KEPT} END,
	admitted = ${FITS},
	expires_at = CASE WHEN ${FITS} THEN EXCLUDED.expires_at ELSE b.expires_at END
RETURNING admitted, tries, ${NOW_MS} AS now`;

/** Removes one occurrence of the try's time (two tries may share a millisecond). */
const REFUND = `
UPDATE budget_tries SET tries =
	tries[:array_position(tries, $3::bigint) - 1] || tries[array_position(tries, $3::bigint) + 1:]
WHERE budget = $1 AND client = $2 AND $3::bigint = ANY (tries)`;

/** The key of the clients' hashes: made by the first instance, then read by every one. */
async function sharedKey(pool: pg.Pool): Promise<Buffer> {
	await pool.query(
		'INSERT INTO pseudonym_keys (purpose, key) VALUES ($1, $2) ON CONFLICT (purpose) DO NOTHING',
		['budgets', randomBytes(32)]
	);
	const r = await pool.query<{ key: Buffer }>('SELECT key FROM pseudonym_keys WHERE purpose = $1', [
		'budgets'
	]);
	return r.rows[0]!.key;
}

/** The budget store of a database whose schema is up to date (ADR 0016 migrations). */
export async function postgresBudgetStore(pool: pg.Pool): Promise<BudgetStore> {
	const key = await guarded(() => sharedKey(pool));
	const hashed = (client: string) =>
		createHmac('sha256', key).update(client).digest('base64url').slice(0, 22);
	return {
		async admit(rule, client) {
			const r = await guarded(() =>
				pool.query<{ admitted: boolean; tries: string[]; now: string }>(ADMIT, [
					rule.name,
					hashed(client),
					rule.windowMs,
					rule.max
				])
			);
			const row = r.rows[0]!;
			const tries = row.tries.map(Number);
			const now = Number(row.now);
			const retryAfter = secondsUntil(tries[0]!, rule.windowMs, now);
			return row.admitted
				? { admitted: true, remaining: rule.max - tries.length, retryAfter, ticket: { at: now } }
				: { admitted: false, retryAfter };
		},
		async refund(rule, client, ticket) {
			await guarded(() => pool.query(REFUND, [rule.name, hashed(client), ticket.at]));
		},
		async prune() {
			const r = await guarded(() =>
				pool.query('DELETE FROM budget_tries WHERE expires_at < now()')
			);
			return r.rowCount ?? 0;
		}
	};
}
