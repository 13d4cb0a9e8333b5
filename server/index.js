/**
 * The production server, `node build` (ADR 0017). The build puts this file in place of
 * adapter-node's index.js, kept beside it as adapter-node.js and run unchanged (PORT, HOST,
 * SOCKET_PATH, socket activation, timeouts, graceful shutdown and `sveltekit:shutdown`). This
 * file adds what the app's hooks cannot do: adapter-node serves static files before the hooks
 * run, and reads its settings before the app starts; and a request body reaches the app as a
 * stream, which the app would wait for as long as it trickles (BODY_TIMEOUT).
 */
import process from 'node:process';
import { limitBodyTime } from './body-timeout.js';
import { DEFAULT_BODY_SIZE_LIMIT, bodyTimeout, originProblem, securityHeaders } from './options.js';

const origin = process.env.ORIGIN?.trim();
const problem = originProblem(origin);
if (problem || !origin) {
	console.error(problem);
	process.exit(1);
}
const { seconds: bodySeconds, problem: bodyProblem } = bodyTimeout(process.env.BODY_TIMEOUT);
if (bodyProblem || !bodySeconds) {
	console.error(bodyProblem);
	process.exit(1);
}
// Absolute URLs and the cross-site check follow ORIGIN only, never Host or forwarded headers.
process.env.ORIGIN = origin;
process.env.BODY_SIZE_LIMIT ||= DEFAULT_BODY_SIZE_LIMIT;

const headers = securityHeaders(origin);
// A computed specifier: the file exists only in build/, next to this one once copied there.
const adapterNode = new URL('./adapter-node.js', import.meta.url).href;
/** @type {{ server: { server: import('node:http').Server } }} */
const { server } = await import(adapterNode);

// Runs before adapter-node's own listener, for every request: static files, pages, errors.
// Headers the app sets later on the same response replace these.
server.server.prependListener('request', (request, response) => {
	for (const [name, value] of headers) response.setHeader(name, value);
	limitBodyTime(request, response, bodySeconds, headers);
});
// Node's own limit on a whole request must not cut a body that BODY_TIMEOUT still allows.
server.server.requestTimeout = Math.max(
	server.server.requestTimeout,
	server.server.headersTimeout + bodySeconds * 1000
);
