import { fail } from '@sveltejs/kit';
import { formatWait } from '$lib/format/duration';
import type { Actions } from './$types';
import * as guided from '$lib/server/storage/guided';
import * as participations from '$lib/server/storage/participations';
import { isTokenShaped } from '$lib/server/storage/tokens';
import { isUnlocked } from '$lib/server/campaigns/campaign-access';
import { findQuestionnaire } from '$lib/server/questionnaires/registry';
import { countFailedLookup, findByManagementLink } from '$lib/server/security/lookups';
import { setRetryAfter } from '$lib/server/security/budgets';
import { logRefusedForm } from '$lib/server/security/refusals';
import { localize } from '$lib/diagnostic/localized';
import { getLocale, href, m } from '$lib/i18n';
import { fields } from '$lib/forms/strict-form';
import { strictPost } from '$lib/server/form-post';

/** What one pasted line opened. */
type Found =
	| { line: number; found: false }
	| { line: number; found: true; locked: true; dashboard: string }
	| {
			line: number;
			found: true;
			locked: false;
			dashboard: string;
			sessionsPage: string;
			name: string;
			counts: { joined: number; completed: number; shared: number };
			sessions: {
				id: string;
				client: string;
				diagnostic: string;
				completed: boolean;
				href: string;
			}[];
	  };

/** More links than anyone manages would only help guessing. */
const MAX_LINKS = 20;

/** The token of a pasted management link (full address or the token alone), if it has one. */
function tokenOf(line: string): string | null {
	const match = /\/campagnes\/([A-Za-z0-9_-]{22})(?:[/?#]|$)/.exec(line);
	const token = match ? match[1]! : line;
	return isTokenShaped(token) ? token : null;
}

export const actions = {
	/**
	 * Resolves pasted management links; nothing is stored. A link that opens nothing counts as a
	 * failed lookup, as a wrong address would; valid links open even past the budget (ADR 0023),
	 * and lines past it are left out with a 429.
	 */
	default: async ({ request, cookies }) => {
		const read = await strictPost(
			request,
			fields({ links: { kind: 'text', maxLength: MAX_LINKS * 200, multiline: true } }),
			(field) => (field === 'links' ? m.g_manage_links() : undefined),
			getLocale(),
			'/gestion'
		);
		if (!read.ok) {
			const { errors, refused } = read.refusal;
			return fail(400, { error: errors.links ?? refused, results: [] as Found[] });
		}
		const lines = read.form
			.text('links')
			.split('\n')
			.map((l) => l.trim())
			.filter(Boolean);
		if (lines.length === 0 || lines.length > MAX_LINKS) {
			logRefusedForm('/gestion', ['links']);
			return fail(400, { error: m.g_manage_err_links({ max: MAX_LINKS }), results: [] as Found[] });
		}
		const locale = getLocale();
		const seen = new Set<string>();
		const results: Found[] = [];
		// Seconds to wait once the budget of failed lookups is spent.
		let wait = 0;
		for (const [index, line] of lines.entries()) {
			results.push(
				...(await (async (): Promise<Found[]> => {
					const token = tokenOf(line);
					const campaign = token ? await findByManagementLink(token) : undefined;
					if (!token || !campaign) {
						if (wait === 0) wait = await countFailedLookup();
						return wait === 0 ? [{ line: index + 1, found: false }] : [];
					}
					// The same campaign pasted twice is shown once.
					if (seen.has(campaign.id)) return [];
					seen.add(campaign.id);
					const dashboard = href(`/campagnes/${token}`);
					// With a passphrase not given in this browser, only the way to the dashboard.
					if (!isUnlocked(campaign, cookies)) {
						return [{ line: index + 1, found: true, locked: true, dashboard }];
					}
					const all = await participations.listByCampaign(campaign.id);
					const shown: Found = {
						line: index + 1,
						found: true,
						locked: false,
						dashboard,
						sessionsPage: href(`/campagnes/${token}/accompagnements`),
						name: campaign.name,
						counts: {
							joined: all.length,
							completed: all.filter((p) => p.status === 'completed').length,
							shared: all.filter((p) => p.status === 'completed' && p.campaign?.shared).length
						},
						sessions: await Promise.all(
							(await guided.listByCampaign(campaign.id)).map(async (s) => {
								const p = await participations.findById(s.participationId);
								const q = p && findQuestionnaire(p.questionnaireId);
								return {
									id: s.id,
									client: s.client,
									diagnostic: q ? localize(q.pkg.manifest.title, locale) : '',
									completed: p?.status === 'completed',
									href: href(`/campagnes/${token}/accompagnements/${s.id}`)
								};
							})
						)
					};
					return [shown];
				})())
			);
		}
		if (wait > 0) {
			setRetryAfter(wait);
			return fail(429, { error: m.too_many_lookups({ wait: formatWait(wait) }), results });
		}
		return { error: null as string | null, results };
	}
} satisfies Actions;
