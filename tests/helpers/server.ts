/**
 * Starts the production build (`node build`, as `npm start` does) on a loopback port, for the
 * tests and the benchmarks alike: nothing here loads vitest, so scripts run with tsx can use it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { ROOT } from './paths';

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = createServer();
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address() as { port: number };
			srv.close(() => resolve(port));
		});
		srv.on('error', reject);
	});
}

/**
 * Starts `node build` and resolves once it answers, or rejects with its output. `closed`
 * resolves once the process has exited and everything it printed is in `logFile`.
 */
export async function startServer(
	env: Record<string, string>,
	logFile?: string
): Promise<{ url: string; child: ChildProcess; closed: Promise<void> }> {
	if (!existsSync(path.join(ROOT, 'build', 'index.js'))) {
		throw new Error('No production build: run `npm run build` first (npm test does it).');
	}
	// PORT may be given, e.g. for an ORIGIN that names it.
	const port = env.PORT ? Number(env.PORT) : await freePort();
	const url = `http://127.0.0.1:${port}`;
	const child = spawn(process.execPath, ['build'], {
		cwd: ROOT,
		env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), ORIGIN: url, ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	const log = logFile ? createWriteStream(logFile) : undefined;
	for (const stream of [child.stdout, child.stderr]) {
		stream?.on('data', (d) => {
			output += d;
			log?.write(d);
		});
	}
	const closed = new Promise<void>((resolve) =>
		child.once('close', () => (log ? log.end(resolve) : resolve()))
	);
	const deadline = Date.now() + 20_000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output}`);
		try {
			if ((await fetch(url)).ok) return { url, child, closed };
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	child.kill();
	throw new Error(`server did not answer within 20 s:\n${output}`);
}
