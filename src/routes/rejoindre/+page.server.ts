import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import * as campaigns from '$lib/server/storage/campaigns';
import { normalizeCode } from '$lib/campaigns/code';
import { href } from '$lib/i18n';

/** The code form is a GET: looking a code up changes nothing. */
export const load = (({ url }) => {
	const typed = url.searchParams.get('code');
	if (typed === null) return { typed: '', unknown: false };
	const code = normalizeCode(typed);
	const campaign = code ? campaigns.findByCode(code) : undefined;
	if (campaign && campaigns.isOpen(campaign, new Date().toISOString().slice(0, 10))) {
		redirect(303, href(`/rejoindre/${campaign.code}`));
	}
	return { typed: typed.slice(0, 20), unknown: true };
}) satisfies PageServerLoad;
