/**
 * Who may open a campaign's data: its management link (each failed lookup counts against the
 * client's budget, ADR 0023) and, when it has a passphrase, an unlocked browser session.
 */
import { error, type Cookies } from '@sveltejs/kit';
import * as campaigns from '../storage/campaigns';
import type { Campaign } from '../storage/campaigns';
import { logLockedCampaign } from '../security/refusals';
import { campaignOr404 } from '../security/lookups';

/**
 * The campaign of a management link, or 404 (a wrong link and a deleted one look alike; each
 * failure counts against the client's budget, ADR 0023).
 */
export { campaignOr404 };

/** Name of the cookie that keeps a browser unlocked for one campaign. */
export const sessionCookie = (campaign: Campaign) => `reperes_gestion_${campaign.id.slice(0, 8)}`;

/** Whether the campaign's data may be shown: no passphrase, or an unlocked session. */
export function isUnlocked(campaign: Campaign, cookies: Cookies): boolean {
	return (
		!campaign.passphrase || campaigns.hasSession(campaign, cookies.get(sessionCookie(campaign)))
	);
}

/** For exports: the campaign if unlocked, else 403. */
export async function unlockedCampaignOr403(token: string, cookies: Cookies): Promise<Campaign> {
	const campaign = await campaignOr404(token);
	if (!isUnlocked(campaign, cookies)) {
		logLockedCampaign();
		error(403, 'Forbidden');
	}
	return campaign;
}
