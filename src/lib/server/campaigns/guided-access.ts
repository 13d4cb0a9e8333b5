/**
 * Entry checks of the guided-session routes: the management link first (404), then the
 * passphrase (pages go to the locked dashboard, actions and exports get 403), then the session,
 * which must belong to that campaign (404).
 */
import { error, redirect, type Cookies } from '@sveltejs/kit';
import { href } from '../../i18n';
import { findQuestionnaire } from '../questionnaires/registry';
import type { Campaign } from '../storage/campaigns';
import * as guided from '../storage/guided';
import * as participations from '../storage/participations';
import { campaignOr404, isUnlocked, unlockedCampaignOr403 } from './campaign-access';

/** For page loads: the campaign, or the locked dashboard when its passphrase is not given. */
export async function pageCampaign(token: string, cookies: Cookies): Promise<Campaign> {
	const campaign = await campaignOr404(token);
	if (!isUnlocked(campaign, cookies)) redirect(303, href(`/campagnes/${token}`));
	return campaign;
}

/** For form actions and exports: the unlocked campaign, or 403 / 404. */
export const actionCampaign = unlockedCampaignOr403;

/** A session of the campaign with its participation and questionnaire, or 404. */
export async function sessionOr404(campaign: Campaign, id: string) {
	const session = await guided.findInCampaign(campaign.id, id);
	const participation = session && (await participations.findById(session.participationId));
	const questionnaire = participation && findQuestionnaire(participation.questionnaireId);
	if (!session || !participation || !questionnaire) error(404, 'Not found');
	return { session, participation, questionnaire };
}
