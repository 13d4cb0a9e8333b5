/**
 * REQ-05 against the production server: ORIGIN is required, and the addresses the app prints
 * follow it alone, whatever Host or forwarded headers a request carries; X-Forwarded-For only
 * counts for the rate limit when ADDRESS_HEADER says a proxy sets it (ADR 0017).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import QRCode from 'qrcode';
import { afterAll, describe, expect, test } from 'vitest';
import { freePort, startServer } from '../e2e/global-setup';
import { send, stopServer } from '../helpers/http';
import { createCampaign, post } from '../helpers/participant';
import { ROOT } from '../helpers/paths';

const dirs: string[] = [];
afterAll(async () => {
	for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});
async function dataDir(): Promise<string> {
	const dir = await mkdtemp(path.join(tmpdir(), 'reperes-origin-'));
	dirs.push(dir);
	return dir;
}

/** Runs `node build` with ORIGIN as given (absent when undefined) until it exits. */
async function startWithOrigin(origin: string | undefined) {
	const port = await freePort();
	const env: Record<string, string | undefined> = {
		...process.env,
		HOST: '127.0.0.1',
		PORT: String(port),
		DATA_DIR: await dataDir(),
		ORIGIN: origin
	};
	if (origin === undefined) delete env.ORIGIN;
	const child = spawn(process.execPath, ['build'], {
		cwd: ROOT,
		env,
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout.on('data', (d) => (output += d));
	child.stderr.on('data', (d) => (output += d));
	const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
	const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
	clearTimeout(timer);
	return { code, output };
}

describe('ORIGIN is required', () => {
	test('without it the server does not start, and says what to set', async () => {
		for (const origin of [undefined, '', '   ']) {
			const { code, output } = await startWithOrigin(origin);
			expect(code, JSON.stringify(origin)).toBe(1);
			expect(output).toContain(
				'Repères ne démarre pas\u00a0: la variable ORIGIN n’est pas définie.'
			);
			expect(output).toContain('ORIGIN=https://reperes.example.org');
			expect(output).not.toContain('Listening');
		}
	});

	test('a value that is not an origin is refused, named', async () => {
		const { code, output } = await startWithOrigin('reperes.example.org/app');
		expect(code).toBe(1);
		expect(output).toContain('ORIGIN «\u00a0reperes.example.org/app\u00a0» n’est pas une origine');
		expect(output).not.toContain('Listening');
	});
});

const SPOOFED = {
	host: 'evil.example',
	'x-forwarded-host': 'evil.example',
	'x-forwarded-proto': 'https',
	forwarded: 'host=evil.example;proto=https'
};

describe('absolute addresses follow ORIGIN only', () => {
	// Without and with the forwarded-header settings: ORIGIN wins over both.
	test.each([
		['no proxy settings', {}],
		[
			'HOST_HEADER and PROTOCOL_HEADER set',
			{ HOST_HEADER: 'x-forwarded-host', PROTOCOL_HEADER: 'x-forwarded-proto' }
		]
	])('%s', async (_, settings: Record<string, string>) => {
		const { url, child } = await startServer({ DATA_DIR: await dataDir(), ...settings });
		try {
			const { token, code } = await createCampaign(url, [
				['name', 'Campagne des adresses'],
				['diagnostics', 'e-formateur'],
				['k', '3']
			]);
			const joinUrl = `${url}/rejoindre/${code}`;
			const dashboard = await send(url, { path: `/campagnes/${token}`, headers: SPOOFED });
			expect(dashboard.status).toBe(200);
			expect(dashboard.body).not.toContain('evil.example');
			expect(dashboard.body).toContain(`<a href="${joinUrl}">${joinUrl}</a>`);
			expect(dashboard.body).toContain(`value="${url}/campagnes/${token}"`);
			const qr = /<img src="(data:image\/png;base64,[^"]+)"/.exec(dashboard.body)?.[1];
			expect(qr).toBe(await QRCode.toDataURL(joinUrl, { margin: 1, width: 220 }));

			const english = await send(url, { path: `/en/campagnes/${token}`, headers: SPOOFED });
			expect(english.body).toContain(`${url}/en/rejoindre/${code}`);
			expect(english.body).not.toContain('evil.example');

			const data = await send(url, { path: `/campagnes/${token}/__data.json`, headers: SPOOFED });
			expect(data.body).toContain(joinUrl);
			expect(data.body).not.toContain('evil.example');

			const started = await post(url, '/diagnostics/e-formateur?/start', []);
			const privateLink = started.headers.get('location')!;
			const participant = await send(url, { path: privateLink, headers: SPOOFED });
			expect(participant.body).toContain(`value="${url}${privateLink}"`);
			expect(participant.body).not.toContain('evil.example');
		} finally {
			await stopServer(child);
		}
	});
});

describe('the rate-limit key', () => {
	const guess = (i: number) => `/p/${String(i).padStart(22, 'A')}`;

	test('X-Forwarded-For is ignored unless ADDRESS_HEADER is set', async () => {
		const { url, child } = await startServer({
			DATA_DIR: await dataDir(),
			LOOKUP_FAILURES_PER_10_MIN: '3'
		});
		try {
			for (let i = 0; i < 3; i++) {
				const forged = { 'x-forwarded-for': `203.0.113.${i}` };
				expect((await send(url, { path: guess(i), headers: forged })).status).toBe(404);
			}
			// A fresh forged address changes nothing: the key is the connection's address.
			const blocked = await send(url, {
				path: guess(9),
				headers: { 'x-forwarded-for': '198.51.100.1' }
			});
			expect(blocked.status).toBe(429);
		} finally {
			await stopServer(child);
		}
	});

	test('with ADDRESS_HEADER, the address XFF_DEPTH entries from the right', async () => {
		const { url, child } = await startServer({
			DATA_DIR: await dataDir(),
			LOOKUP_FAILURES_PER_10_MIN: '3',
			ADDRESS_HEADER: 'x-forwarded-for',
			XFF_DEPTH: '2'
		});
		// The client's own entries come first and are its to forge; two proxies add the last two.
		const chain = (forged: string, client: string) => ({
			'x-forwarded-for': `${forged}, ${client}, 10.0.0.1`
		});
		try {
			for (let i = 0; i < 3; i++) {
				const headers = chain(`192.0.2.${i}`, '198.51.100.7');
				expect((await send(url, { path: guess(i), headers })).status).toBe(404);
			}
			const same = chain('192.0.2.99', '198.51.100.7');
			expect((await send(url, { path: guess(9), headers: same })).status).toBe(429);
			const other = chain('192.0.2.0', '198.51.100.8');
			expect((await send(url, { path: guess(9), headers: other })).status).toBe(404);
		} finally {
			await stopServer(child);
		}
	});
});
