/**
 * Requests to the production server with full control of what is sent (fetch forbids setting
 * Host and always sends a well-formed request), and stopping that server.
 */
import type { ChildProcess } from 'node:child_process';
import { request, type IncomingHttpHeaders } from 'node:http';

export interface Answer {
	status: number;
	headers: IncomingHttpHeaders;
	body: string;
}

export interface Sent {
	method?: string;
	path: string;
	headers?: Record<string, string>;
	body?: string | Buffer;
	/** Sends the body in pieces with Transfer-Encoding: chunked, without Content-Length. */
	chunked?: boolean;
}

/** Sends one HTTP/1.1 request to `base` and reads the whole answer. */
export function send(base: string, sent: Sent): Promise<Answer> {
	const { hostname, port } = new URL(base);
	return new Promise((resolve, reject) => {
		let answered = false;
		const req = request(
			{
				host: hostname,
				port,
				method: sent.method ?? 'GET',
				path: sent.path,
				headers: sent.headers
			},
			(res) => {
				answered = true;
				const parts: Buffer[] = [];
				res.on('data', (d: Buffer) => parts.push(d));
				res.on('end', () =>
					resolve({
						status: res.statusCode!,
						headers: res.headers,
						body: Buffer.concat(parts).toString('utf8')
					})
				);
				res.on('error', reject);
			}
		);
		// A server refusing a body may close the connection before the body is all sent: the
		// answer it sent first is what counts.
		req.on('error', (e) => {
			if (!answered) reject(e);
		});
		const body = sent.body === undefined ? undefined : Buffer.from(sent.body);
		if (!body) req.end();
		else if (sent.chunked) {
			for (let at = 0; at < body.length; at += 64 * 1024)
				req.write(body.subarray(at, at + 64 * 1024));
			req.end();
		} else {
			req.setHeader('content-length', body.length);
			req.end(body);
		}
	});
}

/** Stops a server started by startServer and waits for it to exit. */
export async function stopServer(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((r) => child.once('exit', r));
	child.kill('SIGTERM');
	await exited;
}
