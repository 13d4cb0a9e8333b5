import type { Reroute } from '@sveltejs/kit';
import { deLocalizeUrl } from '$lib/paraglide/runtime';

// English pages live under /en/…; routes are written once, without the prefix.
export const reroute: Reroute = (request) => deLocalizeUrl(request.url).pathname;
