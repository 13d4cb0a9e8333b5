import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { href } from '$lib/i18n';
import { lookUpCode } from '$lib/server/security/lookups';
import { setRetryAfter } from '$lib/server/security/budgets';

/**
 * The code form is a GET: looking a code up changes nothing. Each try counts against the
 * client's budget until the code turns out to open a campaign (ADR 0023).
 */
export const load = (async ({ url }) => {
	const typed = url.searchParams.get('code');
	if (typed === null) return { typed: '', unknown: false, wait: 0 };
	const found = await lookUpCode(typed);
	if ('campaign' in found) redirect(303, href(`/rejoindre/${found.campaign.code}`));
	const wait = 'retryAfter' in found ? found.retryAfter : 0;
	if (wait > 0) setRetryAfter(wait);
	return { typed: typed.slice(0, 20), unknown: true, wait };
}) satisfies PageServerLoad;
