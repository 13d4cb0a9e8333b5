import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { injectedFault, requireTestFaults } from '$lib/server/test-faults';

/**
 * `endpoint`: the handler throws (JSON or kit's static page answers). `rejection` and
 * `exception`: answers 202, then a promise nobody awaits rejects, or a timer throws — the
 * process must log it and exit non-zero.
 */
export const GET: RequestHandler = ({ params }) => {
	requireTestFaults();
	if (params.kind === 'endpoint') throw injectedFault('endpoint');
	if (params.kind === 'rejection') {
		setTimeout(() => void Promise.reject(injectedFault('unhandled rejection')), 50);
	} else if (params.kind === 'exception') {
		setTimeout(() => {
			throw injectedFault('uncaught exception');
		}, 50);
	} else error(404, 'Not found');
	return new Response('fault scheduled', { status: 202 });
};
