import { loadWidgets } from '$lib/components/lazy-widgets';
import type { PageLoad } from './$types';

/**
 * The questionnaire and the results share this address. The results' component is loaded only
 * once there are results, on the server as in the browser: answering never downloads its code
 * (the questionnaire page's JavaScript budget, issue [7], `npm run bench:web`). Kit links the
 * stylesheets of a component imported here, so pages without JavaScript keep their styles; the
 * questionnaire's form stays a static import (a component shared with the guided session is
 * split into a chunk whose stylesheet Kit would not link). Widgets few questionnaires use come
 * the same way, only for a questionnaire that uses them (ADR 0034).
 */
export const load: PageLoad = async ({ data }) => {
	if (data.state === 'completed') {
		return { ...data, Results: (await import('./Results.svelte')).default };
	}
	await loadWidgets(data.widgets);
	return { ...data, Results: null };
};
