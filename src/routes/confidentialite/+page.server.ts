import type { PageServerLoad } from './$types';
import { readConfig } from '$lib/server/config';
import { SESSION_HOURS } from '$lib/server/storage/campaigns';

/** The notice gives the controller and the retention limits the server actually applies. */
export const load = (() => {
	const { controller, retention } = readConfig();
	return { controller, retention, sessionHours: SESSION_HOURS };
}) satisfies PageServerLoad;
