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
import { lookups } from '$lib/server/security/lookups';
import { m } from '$lib/i18n';
import { exitOnUncaughtErrors, reportRequestError } from '$lib/server/unexpected';

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

const LOOKUP_ROUTES = ['/p/[token]', '/campagnes/[token]', '/rejoindre/[code]'];

/**
 * Guessing links and codes is slowed down: past the allowed number of failed lookups (404s on
 * link and code routes) from one address, lookups answer 429 until the oldest failures age out.
 */
const limitLookups: Handle = async ({ event, resolve }) => {
	const id = event.route.id ?? '';
	if (!LOOKUP_ROUTES.some((r) => id.startsWith(r))) return resolve(event);
	const address = event.getClientAddress();
	const wait = lookups.retryAfter(address);
	if (wait > 0) {
		return new Response(m.too_many_lookups({ seconds: wait }), {
			status: 429,
			headers: { 'content-type': 'text/plain; charset=utf-8', 'retry-after': String(wait) }
		});
	}
	const response = await resolve(event);
	if (response.status === 404) lookups.fail(address, id);
	return response;
};

export const handle = sequence(
	refuseEmptySegments,
	refuseCrossSitePosts,
	locale,
	privateLinkHeaders,
	limitLookups,
	resultsCache
);
