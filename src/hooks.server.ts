import type { Handle, ServerInit } from '@sveltejs/kit';
import { building } from '$app/environment';
import { startServer } from '$lib/server/startup';
import { isCrossSiteFormPost } from '$lib/server/security/csrf';

export const init: ServerInit = async () => {
	if (!building) await startServer();
};

export const handle: Handle = async ({ event, resolve }) => {
	if (isCrossSiteFormPost(event.request.method, event.request.headers, event.url.origin)) {
		return new Response('Envoi de formulaire depuis un autre site refusé.', {
			status: 403,
			headers: { 'content-type': 'text/plain; charset=utf-8' }
		});
	}
	return resolve(event);
};
