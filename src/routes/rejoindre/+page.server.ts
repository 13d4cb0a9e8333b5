import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import * as campaigns from '$lib/server/storage/campaigns';
import { normalizeCode } from '$lib/campaigns/code';
import { href } from '$lib/i18n';
import { lookups } from '$lib/server/security/lookups';

/** The code form is a GET: looking a code up changes nothing. */
export const load = (async ({ url, getClientAddress }) => {
	const typed = url.searchParams.get('code');
	if (typed === null) return { typed: '', unknown: false, wait: 0 };
	const wait = lookups.retryAfter(getClientAddress());
	if (wait > 0) return { typed: typed.slice(0, 20), unknown: true, wait };
	const code = normalizeCode(typed);
	const campaign = code ? await campaigns.findByCode(code) : undefined;
	if (campaign && campaigns.isOpen(campaign, new Date().toISOString().slice(0, 10))) {
		redirect(303, href(`/rejoindre/${campaign.code}`));
	}
	lookups.fail(getClientAddress(), '/rejoindre');
	return { typed: typed.slice(0, 20), unknown: true, wait: 0 };
}) satisfies PageServerLoad;
