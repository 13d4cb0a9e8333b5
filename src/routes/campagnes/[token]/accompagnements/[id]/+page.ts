import { loadWidgets } from '$lib/components/lazy-widgets';
import type { PageLoad } from './$types';

/** The questionnaire's rarer widgets, loaded before the page renders (ADR 0034). */
export const load: PageLoad = async ({ data }) => {
	if (data.state === 'answering') await loadWidgets(data.widgets);
	return data;
};
