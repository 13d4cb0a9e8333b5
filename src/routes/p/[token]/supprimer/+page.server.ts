import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as participations from '$lib/server/storage/participations';
import { participationOr404 } from '$lib/server/security/lookups';
import { getLocale, href, m } from '$lib/i18n';
import { fields } from '$lib/forms/strict-form';
import { strictPost } from '$lib/server/form-post';
import { logRefusedForm } from '$lib/server/security/refusals';

export const load = (async ({ params }) => {
	await participationOr404(params.token);
	return {};
}) satisfies PageServerLoad;

export const actions = {
	/** Deletes everything tied to the link, once the person has ticked the confirmation. */
	default: async ({ params, request }) => {
		const participation = await participationOr404(params.token);
		const read = await strictPost(
			request,
			fields({ confirmer: { kind: 'choice', options: new Set(['oui']) } }),
			() => undefined,
			getLocale(),
			'/p/[token]/supprimer'
		);
		if (!read.ok) return fail(400, { error: read.refusal.refused });
		if (read.form.text('confirmer') !== 'oui') {
			logRefusedForm('/p/[token]/supprimer', ['confirmer']);
			return fail(400, { error: m.d_confirm_required() });
		}
		await participations.removeWithHistory(participation);
		redirect(303, href('/?supprime=1'));
	}
} satisfies Actions;
