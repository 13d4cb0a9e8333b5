import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import * as participations from '$lib/server/storage/participations';
import { participationOr404 } from '$lib/server/security/lookups';

/** "Download my data": everything stored for this link and its earlier attempts, as JSON. */
export const GET: RequestHandler = async ({ params }) => {
	const participation = await participationOr404(params.token);
	const attempts = [];
	for (let p: typeof participation | undefined = participation; p;) {
		// The token hash and internal ids are not the person's data; they stay out.
		attempts.push({
			questionnaire: { id: p.questionnaireId, version: p.questionnaireVersion },
			status: p.status,
			startedAt: p.createdAt,
			updatedAt: p.updatedAt,
			completedAt: p.completedAt,
			answers: p.answers,
			result: p.result,
			campaign: p.campaign
				? {
						group: p.campaign.group,
						identifier: p.campaign.identifier,
						shared: p.campaign.shared,
						sharedOn: p.campaign.sharedOn
					}
				: null
		});
		p = p.previousId ? await participations.findById(p.previousId) : undefined;
	}
	return json(
		{ format: 'reperes-participation', version: 1, attempts },
		{
			headers: {
				'content-disposition': `attachment; filename="reperes-${participation.questionnaireId}.json"`
			}
		}
	);
};
