import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { backend } from '$lib/server/storage/backend';

/**
 * Readiness for a supervisor, load balancer or monitor: 200 once the store is open (on
 * PostgreSQL, the database answered a round trip), 503 otherwise. Says nothing else, is never
 * cached and is not counted by the lookup limiter (only link and code routes are).
 */
export const GET: RequestHandler = async () => {
	let ready: boolean;
	try {
		await backend().ping();
		ready = true;
	} catch {
		// The cause is logged where it happens (store.database_unavailable); not disclosed here.
		ready = false;
	}
	return json(
		{ status: ready ? 'ok' : 'unavailable' },
		{ status: ready ? 200 : 503, headers: { 'cache-control': 'no-store' } }
	);
};
