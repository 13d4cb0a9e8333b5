/**
 * Cross-site form-post protection (ADR 0006). It replaces SvelteKit's origin check, which it
 * matches, with two exceptions: private-link pages are served with `Referrer-Policy:
 * no-referrer`, which makes browsers send `Origin: null` on that page's own form posts. Such a
 * post is accepted only when Fetch Metadata (`Sec-Fetch-Site: same-origin`) vouches for it.
 * And when ORIGIN is a loopback address (`npm start`: http://localhost:3000), the other
 * spellings of one's own machine with the same scheme and port are the app too (ADR 0026):
 * nothing but this machine can serve a page there.
 */

/** Content types a cross-site page can post without a CORS preflight (as SvelteKit lists them). */
const FORM_TYPES = [
	'application/x-www-form-urlencoded',
	'multipart/form-data',
	'text/plain',
	'application/x-sveltekit-formdata'
];
const UNSAFE_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'];

/** Host names of one's own machine, as URL parsing writes them. */
const LOOPBACK = ['localhost', '127.0.0.1', '[::1]'];

/** Whether `origin` names the app: ORIGIN itself, or, ORIGIN being loopback, another spelling. */
function isAppOrigin(origin: string, appOrigin: string): boolean {
	if (origin === appOrigin) return true;
	const app = URL.parse(appOrigin);
	const sent = URL.parse(origin);
	return (
		!!app &&
		!!sent &&
		LOOPBACK.includes(app.hostname) &&
		LOOPBACK.includes(sent.hostname) &&
		sent.protocol === app.protocol &&
		sent.port === app.port &&
		sent.origin === origin
	);
}

/** Whether a request is a form post from another site, to be refused with 403. */
export function isCrossSiteFormPost(method: string, headers: Headers, appOrigin: string): boolean {
	if (!UNSAFE_METHODS.includes(method.toUpperCase())) return false;
	const type = (headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
	if (!FORM_TYPES.includes(type)) return false;
	const origin = headers.get('origin');
	if (origin !== null && isAppOrigin(origin, appOrigin)) return false;
	return !(origin === 'null' && headers.get('sec-fetch-site') === 'same-origin');
}
