import { fail, redirect } from '@sveltejs/kit';
import { formatWait } from '$lib/format/duration';
import QRCode from 'qrcode';
import type { Actions, PageServerLoad } from './$types';
import * as campaigns from '$lib/server/storage/campaigns';
import { MAX_PASSPHRASE_LENGTH } from '$lib/server/security/passphrase';
import { checkPassphrase } from '$lib/server/security/lookups';
import { setRetryAfter } from '$lib/server/security/budgets';
import { fields } from '$lib/forms/strict-form';
import { strictPost } from '$lib/server/form-post';
import * as participations from '$lib/server/storage/participations';
import {
	campaignOr404,
	isUnlocked,
	unlockedCampaignOr403,
	sessionCookie
} from '$lib/server/campaigns/campaign-access';
import {
	selectedGroup as groupOf,
	selectedWave as waveOfRequest
} from '$lib/server/campaigns/shared-results';
import { dashboardView } from '$lib/server/campaigns/dashboard';
import { displayCode } from '$lib/campaigns/code';
import { getLocale, href, m } from '$lib/i18n';

export const load = (async ({ params, url, cookies }) => {
	const campaign = await campaignOr404(params.token);
	// With a passphrase, nothing of the campaign is shown until it is given.
	if (!isUnlocked(campaign, cookies)) return { locked: true as const };
	const selectedGroup = groupOf(campaign, url.searchParams);
	// Read once: every figure of the page is computed from this list.
	const everyone = await participations.listByCampaign(campaign.id);
	const joinUrl = `${url.origin}${href(`/rejoindre/${campaign.code}`)}`;
	return {
		locked: false as const,
		name: campaign.name,
		k: campaign.k,
		code: displayCode(campaign.code),
		joinUrl,
		qr: await QRCode.toDataURL(joinUrl, { margin: 1, width: 220 }),
		link: `${url.origin}${url.pathname}`,
		groupField: campaign.groupField,
		selectedGroup,
		...dashboardView(campaign, everyone, {
			selectedGroup,
			selectedWave: waveOfRequest(campaign, url.searchParams),
			locale: getLocale()
		})
	};
}) satisfies PageServerLoad;

export const actions = {
	/** Opens the next wave (T1…): from now on participants join it; earlier waves stay as they are. */
	openWave: async ({ params, cookies, request }) => {
		const campaign = await unlockedCampaignOr403(params.token, cookies);
		const read = await strictPost(
			request,
			fields({}),
			() => undefined,
			getLocale(),
			'/campagnes/[token]?/openWave'
		);
		if (!read.ok) return fail(400, { error: read.refusal.refused });
		const wave = await campaigns.openWave(campaign, new Date().toISOString().slice(0, 10));
		redirect(303, `${href(`/campagnes/${params.token}`)}?vague=${wave}`);
	},

	/**
	 * Checks the passphrase; tries are limited per address, more tightly than failed lookups
	 * (security notes ADM-03), and counted before they are checked (ADR 0023).
	 */
	unlock: async ({ params, request, cookies, url }) => {
		const campaign = await campaignOr404(params.token);
		const self = href(`/campagnes/${params.token}`);
		if (!campaign.passphrase) redirect(303, self);
		const read = await strictPost(
			request,
			fields({ passphrase: { kind: 'text', maxLength: MAX_PASSPHRASE_LENGTH } }),
			() => m.c_passphrase().replace(/ \(.*\)$/, ''),
			getLocale(),
			'/campagnes/[token]?/unlock'
		);
		if (!read.ok) {
			const { errors, refused } = read.refusal;
			return fail(400, { error: errors.passphrase ?? refused });
		}
		const check = await checkPassphrase(
			read.form.text('passphrase'),
			campaign.passphrase,
			'/campagnes/[token]?/unlock'
		);
		if (check.outcome === 'limited' || check.outcome === 'busy') {
			setRetryAfter(check.retryAfter);
			return fail(429, {
				error:
					check.outcome === 'limited'
						? m.too_many_passphrases({ wait: formatWait(check.retryAfter) })
						: m.passphrase_checks_busy({ wait: formatWait(check.retryAfter) })
			});
		}
		if (check.outcome === 'wrong') return fail(400, { error: m.c_wrong_passphrase() });
		cookies.set(sessionCookie(campaign), await campaigns.openSession(campaign), {
			path: '/',
			httpOnly: true,
			sameSite: 'strict',
			secure: url.protocol === 'https:',
			maxAge: campaigns.SESSION_HOURS * 3600
		});
		redirect(303, self);
	}
} satisfies Actions;
