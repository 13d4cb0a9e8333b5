/**
 * A request body must arrive within BODY_TIMEOUT seconds of its headers (ADR 0026). Node's own
 * limit (`requestTimeout`, 5 minutes) let a body trickled byte by byte hold a connection that
 * long. Past the limit, the client gets 408 if nothing was answered yet, and the connection is
 * closed: the app's handler sees the body fail and writes nothing of it.
 */

import { Buffer } from 'node:buffer';

const MESSAGES = {
	fr: 'Envoi trop lent : le formulaire n’est pas arrivé en entier dans le délai accordé, et rien n’en a été enregistré. Vérifiez la connexion, puis envoyez-le à nouveau.',
	en: 'Form sent too slowly: it did not arrive in full within the time allowed, and nothing of it was saved. Check the connection, then send it again.'
};

/**
 * Cuts `request` if its body is not all there `seconds` after its headers.
 * @param {import('node:http').IncomingMessage} request
 * @param {import('node:http').ServerResponse} response
 * @param {number} seconds
 * @param {[string, string][]} headers sent with the 408, as with every response
 */
export function limitBodyTime(request, response, seconds, headers) {
	const length = request.headers['content-length'];
	const hasBody =
		request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
	if (!hasBody || request.complete) return;
	const { socket } = request;
	const timer = setTimeout(() => {
		if (request.complete || socket.destroyed) return;
		// Never the path: it may hold a private link (ADR 0020).
		console.error(
			JSON.stringify({
				time: new Date().toISOString(),
				level: 'warn',
				event: 'request.body_timeout',
				method: request.method,
				seconds
			})
		);
		if (response.headersSent || !socket.writable) {
			socket.destroy();
			return;
		}
		// Written on the socket, not through `response`: the app still holds that one and may try
		// to answer once its body fails; its writes then go nowhere instead of throwing.
		const english = /^\/en(?:[/?]|$)/.test(request.url ?? '');
		const body = Buffer.from(english ? MESSAGES.en : MESSAGES.fr);
		const head = [
			'HTTP/1.1 408 Request Timeout',
			'Connection: close',
			'Content-Type: text/plain; charset=utf-8',
			`Content-Length: ${body.length}`,
			'Cache-Control: no-store',
			...headers.map(([name, value]) => `${name}: ${value}`)
		].join('\r\n');
		socket.end(Buffer.concat([Buffer.from(`${head}\r\n\r\n`), body]), () => socket.destroy());
	}, seconds * 1000);
	timer.unref();
	// A kept-alive socket carries many requests: each one's listener must go with it.
	const clear = () => {
		clearTimeout(timer);
		request.off('end', clear);
		request.off('close', clear);
		socket.off('close', clear);
	};
	request.once('end', clear);
	request.once('close', clear);
	socket.once('close', clear);
}
