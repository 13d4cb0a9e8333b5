/**
 * Cross-site form-post protection (ADR 0006). It replaces SvelteKit's origin check, which it
 * matches, with one exception: private-link pages are served with `Referrer-Policy:
 * no-referrer`, which makes browsers send `Origin: null` on that page's own form posts. Such a
 * post is accepted only when Fetch Metadata (`Sec-Fetch-Site: same-origin`) vouches for it.
 */

/** Content types a cross-site page can post without a CORS preflight (as SvelteKit lists them). */
const FORM_TYPES = [
	'application/x-www-form-urlencoded',
	'multipart/form-data',
	'text/plain',
	'application/x-sveltekit-formdata'
];
const UNSAFE_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'];

/** Whether a request is a form post from another site, to be refused with 403. */
export function isCrossSiteFormPost(method: string, headers: Headers, appOrigin: string): boolean {
	if (!UNSAFE_METHODS.includes(method.toUpperCase())) return false;
	const type = (headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
	if (!FORM_TYPES.includes(type)) return false;
	const origin = headers.get('origin');
	if (origin === appOrigin) return false;
	return !(origin === 'null' && headers.get('sec-fetch-site') === 'same-origin');
}
