/**
 * What a form post refused by the cross-site check answers (ADR 0006, 0026): 403, and why, in a
 * form each client can show. Most often a person opened the app at another address than ORIGIN
 * (its IP address, another host name), so the answer names the address to open: the same page
 * at ORIGIN. A browser without JavaScript gets a whole page (WrongAddressPage.svelte), an
 * enhanced form an action error the error page shows, anything else a line of text. Nothing of
 * the post is read.
 */
import { json } from '@sveltejs/kit';
import { render } from 'svelte/server';
import WrongAddressPage from '$lib/components/WrongAddressPage.svelte';
import type { Locale } from '$lib/diagnostic/types';
import { m } from '$lib/i18n';

/** `url`: the request's URL, at the app's address (Kit builds it from ORIGIN). */
export function refusedPost(request: Request, url: URL): Response {
	// The locale handle has not run yet: the path says it (French at /, English under /en/).
	const locale: Locale = /^\/en(?:\/|$)/.test(url.pathname) ? 'en' : 'fr';
	const address = `${url.origin}${url.pathname}`;
	const message = m.wrong_address_p({ origin: url.origin }, { locale });
	const headers = { 'cache-control': 'no-store' };
	if (request.headers.get('x-sveltekit-action') === 'true') {
		return json({ type: 'error', error: { message, address } }, { status: 403, headers });
	}
	if (!(request.headers.get('accept') ?? '').includes('text/html')) {
		return new Response(`${message}\n${address}\n`, {
			status: 403,
			headers: { ...headers, 'content-type': 'text/plain; charset=utf-8' }
		});
	}
	const { head, body } = render(WrongAddressPage, { props: { address, locale } });
	const page =
		`<!doctype html>\n<html lang="${locale}">\n<head>\n<meta charset="utf-8" />\n` +
		'<meta name="viewport" content="width=device-width, initial-scale=1" />\n' +
		// Its icon named, as on every page: without it the browser asks for /favicon.ico, whose 404
		// is the app's error page, and Chromium then fetches that page's scripts under this
		// page's policy (which forbids them).
		'<link rel="icon" href="/favicon.svg" type="image/svg+xml" />\n' +
		`<link rel="stylesheet" href="/plain-page.css" />\n${head}\n</head>\n<body>\n${body}\n</body>\n</html>\n`;
	return new Response(page, {
		status: 403,
		headers: { ...headers, 'content-type': 'text/html; charset=utf-8' }
	});
}
