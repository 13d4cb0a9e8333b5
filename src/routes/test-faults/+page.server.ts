import type { PageServerLoad } from './$types';
import { injectedFault, requireTestFaults } from '$lib/server/test-faults';

/** A page whose load fails on a bug: rendered by +error.svelte with the error's id. */
export const load = (() => {
	requireTestFaults();
	throw injectedFault('page load');
}) satisfies PageServerLoad;
