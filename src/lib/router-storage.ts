/**
 * Repères writes nothing in the browser (PRIV-02, ADR 0019), but SvelteKit's router keeps the
 * scroll positions of its history entries in sessionStorage whenever a page is left or hidden
 * (`sveltekit:scroll`, `sveltekit:snapshot`). They are removed right after it writes them:
 * within a visit the router keeps them in memory, and on a reload the browser restores the
 * scroll itself.
 */

const ROUTER_KEYS = ['sveltekit:scroll', 'sveltekit:snapshot'];

function forget(): void {
	try {
		for (const key of ROUTER_KEYS) sessionStorage.removeItem(key);
	} catch {
		// Storage disabled by the browser: nothing was written either.
	}
}

/**
 * Removes the router's entries now and after each of its writes. Call once the app is mounted:
 * the router adds its listeners once hydration is over, and ours must run after its own.
 */
export function keepNothingInSessionStorage(): void {
	forget();
	setTimeout(() => {
		for (const event of ['beforeunload', 'pagehide', 'visibilitychange']) {
			addEventListener(event, forget);
		}
	}, 0);
}
