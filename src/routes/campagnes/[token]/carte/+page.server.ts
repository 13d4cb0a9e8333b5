import { redirect } from '@sveltejs/kit';
import QRCode from 'qrcode';
import type { PageServerLoad } from './$types';
import { campaignOr404, isUnlocked } from '$lib/server/campaigns/campaign-access';
import { getLocale, href } from '$lib/i18n';

/**
 * The link's QR code as an SVG image (ADR 0029): vector, so crisp at any printed size; drawn on the
 * server by `qrcode`, the library the join link already uses, and sent as a `data:` image, which
 * the CSP already allows (no inline markup, no new source). Error correction M: still readable
 * from a creased or smudged printout.
 */
async function qrSvg(link: string): Promise<string> {
	const svg = await QRCode.toString(link, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
	return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

/**
 * A card to print and keep: the management link and its QR code (ADR 0029). Opened only as the
 * dashboard is: a wrong link is 404 and counts against the budget, a campaign with a passphrase
 * sends to its dashboard until it is given.
 */
export const load = (async ({ params, url, cookies }) => {
	const campaign = await campaignOr404(params.token);
	const dashboard = href(`/campagnes/${params.token}`);
	if (!isUnlocked(campaign, cookies)) redirect(303, dashboard);
	const link = `${url.origin}${dashboard}`;
	return {
		name: campaign.name,
		link,
		createdOn: campaign.createdAt.slice(0, 10),
		locale: getLocale(),
		qr: await qrSvg(link)
	};
}) satisfies PageServerLoad;
