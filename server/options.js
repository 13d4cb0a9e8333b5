/**
 * What the production server adds to adapter-node (ADR 0017), kept free of side effects so that
 * the tests can read the same values: the required ORIGIN, the default body size limit, the
 * body timeout and the headers sent with every response, static files included.
 */

/**
 * Largest request body accepted unless BODY_SIZE_LIMIT says otherwise. The largest valid form
 * post, a guided session's notes on maturite-of, measured 162 KB (ADR 0017).
 */
export const DEFAULT_BODY_SIZE_LIMIT = '256K';

/**
 * Seconds a request body may take to arrive unless BODY_TIMEOUT says otherwise (ADR 0026): the
 * largest body accepted, 256 KiB, still arrives from a phone uploading at 35 kbit/s, below
 * what even EDGE offers; a stalled body no longer holds a connection for Node's 5 minutes.
 */
export const DEFAULT_BODY_TIMEOUT = 60;

/**
 * BODY_TIMEOUT in seconds (whole, 1 or more; the default when unset), or why it cannot be used,
 * in French for the person starting the server.
 * @param {string | undefined} value
 * @returns {{ seconds: number, problem: null } | { seconds: null, problem: string }}
 */
export function bodyTimeout(value) {
	const text = value?.trim();
	if (!text) return { seconds: DEFAULT_BODY_TIMEOUT, problem: null };
	if (/^\d+$/.test(text) && Number(text) >= 1) return { seconds: Number(text), problem: null };
	return {
		seconds: null,
		problem:
			`Repères ne démarre pas\u00a0: BODY_TIMEOUT «\u00a0${value}\u00a0» n’est pas un nombre ` +
			`entier de secondes (1 ou plus). Sans elle, un envoi a ${DEFAULT_BODY_TIMEOUT} secondes pour arriver.`
	};
}

/**
 * Why ORIGIN cannot be used, in French for the person starting the server, or null if it can.
 * @param {string | undefined} value
 * @returns {string | null}
 */
export function originProblem(value) {
	const example =
		'Indiquez l’adresse publique de l’application, celle que les gens tapent, par exemple ' +
		'ORIGIN=https://reperes.example.org (sur ce poste\u00a0: ORIGIN=http://localhost:3000, ' +
		'ce que fait npm start).';
	if (!value) {
		return `Repères ne démarre pas\u00a0: la variable ORIGIN n’est pas définie.\n  ${example}`;
	}
	/** @type {URL | null} */
	let url = null;
	try {
		url = new URL(value);
	} catch {
		// reported below
	}
	const onlyOrigin =
		url &&
		['http:', 'https:'].includes(url.protocol) &&
		url.pathname === '/' &&
		!url.search &&
		!url.hash &&
		!url.username &&
		!url.password;
	if (!onlyOrigin) {
		return (
			`Repères ne démarre pas\u00a0: ORIGIN «\u00a0${value}\u00a0» n’est pas une origine ` +
			`(protocole, nom et port éventuel, sans chemin).\n  ${example}`
		);
	}
	return null;
}

/**
 * The policy of every answer Kit does not give one of its own: static files, downloads, plain
 * text answers, and the static error page (src/error.html) shown when the hooks themselves fail.
 * Nothing may run in them; pages rendered by Kit replace it with the policy of svelte.config.js.
 */
export const FALLBACK_CSP =
	"default-src 'none'; img-src 'self'; style-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/**
 * Headers of every response. Those the app sets itself win (e.g. `Referrer-Policy: no-referrer`
 * on private-link pages, Kit's Content-Security-Policy on its pages); HSTS only when the public
 * address is https.
 * @param {string} origin
 * @returns {[string, string][]}
 */
export function securityHeaders(origin) {
	/** @type {[string, string][]} */
	const headers = [
		['x-content-type-options', 'nosniff'],
		['referrer-policy', 'same-origin'],
		['cross-origin-opener-policy', 'same-origin'],
		['cross-origin-resource-policy', 'same-origin'],
		['permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()'],
		['x-frame-options', 'DENY'],
		['content-security-policy', FALLBACK_CSP]
	];
	if (origin.startsWith('https:')) {
		headers.push(['strict-transport-security', 'max-age=31536000']);
	}
	return headers;
}
