/**
 * The answer when the store cannot take a change or a read right now (disk full, database down,
 * every connection busy): a 503 whose message says that nothing saved was lost.
 */
import { error } from '@sveltejs/kit';

/** Message of the 503 answered when a change could not be written. */
export const WRITE_FAILED =
	'Enregistrement impossible pour le moment (stockage indisponible). Ce qui était déjà enregistré est intact ; réessayez dans un instant.';

/** The 503 HttpError kit's `error()` throws, as a value to reject with. */
export function unavailable(message = WRITE_FAILED): unknown {
	try {
		error(503, message);
	} catch (e) {
		return e;
	}
}
