import type { PageLoad } from './$types';

/**
 * The questionnaire and the results share this address. The results' component is loaded only
 * once there are results, on the server as in the browser: answering never downloads its code
 * (the questionnaire page's JavaScript budget, issue [7], `npm run bench:web`). Kit links the
 * stylesheets of a component imported here, so pages without JavaScript keep their styles; the
 * questionnaire's form stays a static import (a component shared with the guided session is
 * split into a chunk whose stylesheet Kit would not link).
 */
export const load: PageLoad = async ({ data }) =>
	data.state === 'completed'
		? { ...data, Results: (await import('./Results.svelte')).default }
		: { ...data, Results: null };
