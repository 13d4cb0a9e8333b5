import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { building } from '$app/environment';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { startServer } from '$lib/server/startup';
import { isCrossSiteFormPost } from '$lib/server/security/csrf';
import { refusedPost } from '$lib/server/security/refused-post';
import { cacheKey, cached, keep } from '$lib/server/results-cache';
import * as participations from '$lib/server/storage/participations';
import { isTokenShaped } from '$lib/server/storage/tokens';
import { warnIfProxyUnconfigured } from '$lib/server/security/client-address';
import { refuseWhileChecksBusy } from '$lib/server/security/lookups';
import { readConfig } from '$lib/server/config';
import { exitOnUncaughtErrors, reportRequestError } from '$lib/server/unexpected';
import { injectedFault, testFaultsEnabled } from '$lib/server/test-faults';

export const init: ServerInit = async () => {
	if (building) return;
	exitOnUncaughtErrors();
	await startServer();
};

/**
 * Errors kit raises itself below 500 (no such route, method not allowed, body too large) keep
 * their message; any other is a bug: a generic message and an id, the stack in the log (LOG-01).
 */
export const handleError: HandleServerError = ({ error, event, status, message }) => {
	if (status < 500) return { message };
	return reportRequestError(error, {
		method: event.request.method,
		route: event.route.id,
		status
	});
};

/**
 * No page has an empty path segment. A path such as `//evil.example/x` would be read as another
 * host by the browser once it is the page's URL (GHSA-pfhg-q3qv-9q6r), so it is refused first.
 */
const refuseEmptySegments: Handle = ({ event, resolve }) => {
	if (!event.url.pathname.includes('//')) return resolve(event);
	return new Response('Page introuvable (adresse mal formée).', {
		status: 404,
		headers: { 'content-type': 'text/plain; charset=utf-8' }
	});
};

/** Form posts from other sites are refused (ADR 0006), saying which address to open (ADR 0026). */
const refuseCrossSitePosts: Handle = async ({ event, resolve }) => {
	if (isCrossSiteFormPost(event.request.method, event.request.headers, event.url.origin)) {
		return refusedPost(event.request, event.url);
	}
	return resolve(event);
};

/** The locale comes from the URL only (no cookie): French at /, English under /en/. */
const locale: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale)
		});
	});

/**
 * Private-link and management-link responses (pages, form answers, errors, downloads) are never
 * cached, never indexed and never leak their URL through Referer.
 */
const privateLinkHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const id = event.route.id ?? '';
	// /gestion lists the management links pasted into it.
	if (id.startsWith('/p/') || id.startsWith('/campagnes/[token]') || id === '/gestion') {
		response.headers.set('cache-control', 'no-store');
		response.headers.set('referrer-policy', 'no-referrer');
		response.headers.set('x-robots-tag', 'noindex, nofollow');
	}
	return response;
};

/**
 * Results pages of completed participations are rendered once per URL and served from memory
 * afterwards (ADR 0010, 0024). Only page GETs; client-side data requests (__data.json) go through.
 */
const resultsCache: Handle = async ({ event, resolve }) => {
	const token = event.params.token;
	const isPage =
		event.request.method === 'GET' && event.route.id === '/p/[token]' && !event.isDataRequest;
	const participation =
		isPage && token && isTokenShaped(token) ? await participations.findByToken(token) : undefined;
	if (!participation || participation.status !== 'completed') return resolve(event);
	// A retake's page shows the earlier attempt too: deleted (by its link or the purge, on any
	// instance), the key changes and the page is rendered without it.
	const previous = participation.previousId
		? await participations.findById(participation.previousId)
		: undefined;
	const key = cacheKey(participation, previous, event.url);
	const hit = cached(key);
	if (hit) return hit;
	const response = await resolve(event);
	return response.status === 200 ? keep(key, response) : response;
};

const { addressHeader } = readConfig();

/**
 * Budgets key on the client's address (ADR 0023). Behind a proxy without ADDRESS_HEADER, every
 * client has the proxy's address and shares one budget: said once in the log. Failed lookups
 * are counted where the lookup fails (`$lib/server/security/lookups.ts`), not here.
 */
const proxyWarning: Handle = ({ event, resolve }) => {
	warnIfProxyUnconfigured(event.request.headers, addressHeader);
	return resolve(event);
};

/** Passphrase tries while every check is taken: refused at once, nothing rendered (ADR 0023). */
const busyPassphraseChecks: Handle = ({ event, resolve }) =>
	refuseWhileChecksBusy(event) ?? resolve(event);

/**
 * With REPERES_TEST_FAULTS=1 only: `/test-faults/hook` fails in the hooks themselves, where Kit
 * can render no page and answers with the static src/error.html (tests/server/csp.test.ts).
 */
const hookFault: Handle = ({ event, resolve }) => {
	if (testFaultsEnabled() && event.url.pathname === '/test-faults/hook') {
		throw injectedFault('hook');
	}
	return resolve(event);
};

export const handle = sequence(
	hookFault,
	proxyWarning,
	refuseEmptySegments,
	refuseCrossSitePosts,
	locale,
	privateLinkHeaders,
	// After these two: its refusal is in the page's language, with a private link's headers.
	busyPassphraseChecks,
	resultsCache
);
