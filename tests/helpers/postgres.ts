/**
 * A real, throwaway PostgreSQL server for the tests: `initdb` and `pg_ctl` from the machine's
 * PostgreSQL (Debian's `postgresql` package, which `.ci/run` installs), a cluster in a temporary
 * folder, listening on a free loopback port. TEST_DATABASE_URL points at an existing server
 * instead. Without either, `startPostgres` returns null and the callers say the PostgreSQL tests
 * did not run — except in CI (CI=true), where a missing server is an error.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { freePort } from './server';

export interface TestPostgres {
	/** The server's maintenance database (postgres). */
	url: string;
	/** A new empty database on the server; returns its URL. */
	createDatabase(): Promise<string>;
	stop(): Promise<void>;
}

/** Folders holding initdb and pg_ctl: PATH first, then Debian's versioned folders, newest first. */
function binDir(): string | null {
	for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
		if (dir && existsSync(path.join(dir, 'initdb')) && existsSync(path.join(dir, 'pg_ctl'))) {
			return dir;
		}
	}
	const debian = '/usr/lib/postgresql';
	if (!existsSync(debian)) return null;
	const versions = readdirSync(debian).sort((a, b) => Number(b) - Number(a));
	for (const v of versions) {
		const dir = path.join(debian, v, 'bin');
		if (existsSync(path.join(dir, 'initdb'))) return dir;
	}
	return null;
}

/** Why PostgreSQL tests cannot run here, or null if they can. */
export function postgresUnavailable(): string | null {
	if (process.env.TEST_DATABASE_URL) return null;
	if (!binDir()) {
		return 'PostgreSQL absent (ni initdb ni pg_ctl ; installer le paquet Debian « postgresql » ou définir TEST_DATABASE_URL)';
	}
	return null;
}

/** PostgreSQL refuses to run as root: as root, run its programs as the `postgres` user. */
function run(bin: string, args: string[], asPostgres: boolean) {
	const [cmd, argv] = asPostgres
		? ['runuser', ['-u', 'postgres', '--', bin, ...args]]
		: [bin, args];
	const r = spawnSync(cmd, argv, { encoding: 'utf8' });
	if (r.status !== 0) throw new Error(`${bin} ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
}

async function withClient<T>(url: string, f: (c: pg.Client) => Promise<T>): Promise<T> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		return await f(client);
	} finally {
		await client.end();
	}
}

function server(url: string, stop: () => Promise<void>): TestPostgres {
	return {
		url,
		async createDatabase() {
			const name = `reperes_test_${randomBytes(6).toString('hex')}`;
			await withClient(url, (c) => c.query(`CREATE DATABASE ${name}`));
			const u = new URL(url);
			u.pathname = `/${name}`;
			return u.toString();
		},
		stop
	};
}

/** Starts a throwaway server (or uses TEST_DATABASE_URL); null when neither is possible. */
export async function startPostgres(): Promise<TestPostgres | null> {
	if (process.env.TEST_DATABASE_URL) {
		return server(process.env.TEST_DATABASE_URL, async () => {});
	}
	const bin = binDir();
	if (!bin) {
		if (process.env.CI) throw new Error(`CI: ${postgresUnavailable()}`);
		return null;
	}
	const asPostgres = userInfo().uid === 0;
	const root = await mkdtemp(path.join(tmpdir(), 'reperes-pg-'));
	const data = path.join(root, 'data');
	if (asPostgres) {
		const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
		const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
		chownSync(root, uid, gid);
	}
	const port = await freePort();
	run(
		path.join(bin, 'initdb'),
		['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '-N'],
		asPostgres
	);
	run(
		path.join(bin, 'pg_ctl'),
		[
			'-D',
			data,
			'-l',
			path.join(root, 'server.log'),
			'-w',
			'-o',
			`-c listen_addresses=127.0.0.1 -p ${port} -k ${root} -c max_connections=200`,
			'start'
		],
		asPostgres
	);
	let stopped = false;
	const stopNow = (mode: 'fast' | 'immediate') => {
		if (stopped) return;
		stopped = true;
		run(path.join(bin, 'pg_ctl'), ['-D', data, '-m', mode, '-w', 'stop'], asPostgres);
		rmSync(root, { recursive: true, force: true });
	};
	// Never left running: if the test process ends without calling stop (a timeout, a crash).
	process.once('exit', () => stopNow('immediate'));
	return server(`postgres://postgres@127.0.0.1:${port}/postgres`, async () => stopNow('fast'));
}
