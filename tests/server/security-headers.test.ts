/**
 * OUT-03: the security headers are on every class of response of the production server, static
 * files included (adapter-node serves those before the app's hooks run; ADR 0017), and no
 * header tells which software or version answers.
 */
import type { ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FALLBACK_CSP } from '../../server/options.js';
import { startServer } from '../e2e/global-setup';
import { send, stopServer, type Answer } from '../helpers/http';
import { createCampaign, post } from '../helpers/participant';
import { ROOT, TEST_QUESTIONNAIRES } from '../helpers/paths';

let url: string;
let child: ChildProcess;
let dataDir: string;
let token: string;
let management: string;

beforeAll(async () => {
	dataDir = await mkdtemp(path.join(tmpdir(), 'reperes-headers-'));
	({ url, child } = await startServer({
		DATA_DIR: dataDir,
		QUESTIONNAIRES_DIR: TEST_QUESTIONNAIRES
	}));
	const started = await post(url, '/diagnostics/exemple-mini?/start', []);
	expect(started.status).toBe(303);
	token = started.headers.get('location')!.split('/').at(-1)!;
	({ token: management } = await createCampaign(url, [
		['name', 'Campagne des en-têtes'],
		['diagnostics', 'exemple-mini'],
		['k', '3']
	]));
});
afterAll(async () => {
	await stopServer(child);
	await rm(dataDir, { recursive: true, force: true });
});

const BASELINE = {
	'x-content-type-options': 'nosniff',
	'cross-origin-opener-policy': 'same-origin',
	'cross-origin-resource-policy': 'same-origin',
	'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
	'x-frame-options': 'DENY'
};

/** Asserts the header set of one answer; `private` pages keep their stricter Referrer-Policy. */
function expectSecurityHeaders(answer: Answer, what: string, referrer = 'same-origin') {
	for (const [name, value] of Object.entries(BASELINE)) {
		expect(answer.headers[name], `${what}: ${name}`).toBe(value);
	}
	expect(answer.headers['referrer-policy'], `${what}: referrer-policy`).toBe(referrer);
	// The public address is plain http here: no HSTS.
	expect(answer.headers['strict-transport-security'], what).toBeUndefined();
	expect(answer.headers['server'], what).toBeUndefined();
	expect(answer.headers['x-powered-by'], what).toBeUndefined();
	// Kit's pages have their own policy (tests/server/csp.test.ts); everything else the fallback.
	const csp = answer.headers['content-security-policy'];
	if (/<script nonce=/.test(answer.body)) expect(csp, what).toMatch(/ 'nonce-[^']+'/);
	else expect(csp, `${what}: content-security-policy`).toBe(FALLBACK_CSP);
}

const immutableScript = () => {
	const dir = path.join(ROOT, 'build', 'client', '_app', 'immutable', 'entry');
	return `/_app/immutable/entry/${readdirSync(dir).find((f) => f.endsWith('.js'))}`;
};

describe('security headers on every response class', () => {
	test('pages, data, static files, private links, exports, errors', async () => {
		const cases: [
			string,
			{ path: string; method?: string; headers?: Record<string, string> },
			number,
			string?
		][] = [
			['home page', { path: '/' }, 200],
			['English page', { path: '/en' }, 200],
			['redirect', { path: '/en/' }, 308],
			['page data', { path: '/__data.json' }, 200],
			['immutable script', { path: immutableScript() }, 200],
			['static file', { path: '/favicon.svg' }, 200],
			['static file, HEAD', { path: '/favicon.svg', method: 'HEAD' }, 200],
			['version file', { path: '/_app/version.json' }, 200],
			['private link', { path: `/p/${token}` }, 200, 'no-referrer'],
			['private link data', { path: `/p/${token}/__data.json` }, 200, 'no-referrer'],
			['private link download', { path: `/p/${token}/donnees.json` }, 200, 'no-referrer'],
			['management link', { path: `/campagnes/${management}` }, 200, 'no-referrer'],
			[
				'CSV export',
				{ path: `/campagnes/${management}/export.csv?diagnostic=exemple-mini` },
				200,
				'no-referrer'
			],
			['404 page', { path: '/nulle-part' }, 404],
			['unknown private link', { path: '/p/AAAAAAAAAAAAAAAAAAAAAA' }, 404, 'no-referrer'],
			['missing static file', { path: '/_app/immutable/entry/absent.js' }, 404],
			['malformed path', { path: '//evil.example/x' }, 404],
			[
				'cross-site form post',
				{
					path: '/campagnes/nouvelle',
					method: 'POST',
					headers: { origin: 'https://evil.example', 'content-type': 'text/plain' }
				},
				403
			]
		];
		for (const [what, request, status, referrer] of cases) {
			const answer = await send(url, request);
			expect(answer.status, what).toBe(status);
			expectSecurityHeaders(answer, what, referrer);
		}
	});

	test('a static file revalidated (304) keeps them', async () => {
		const first = await send(url, { path: '/favicon.svg' });
		const etag = first.headers.etag!;
		expect(etag).toBeTruthy();
		const again = await send(url, { path: '/favicon.svg', headers: { 'if-none-match': etag } });
		expect(again.status).toBe(304);
		expectSecurityHeaders(again, 'static file, 304');
	});

	test('personal pages, their data and exports are never stored by a cache', async () => {
		for (const route of [
			`/p/${token}`,
			`/p/${token}/__data.json`,
			`/campagnes/${management}`,
			`/campagnes/${management}/export.csv?diagnostic=exemple-mini`
		]) {
			expect((await send(url, { path: route })).headers['cache-control'], route).toBe('no-store');
		}
	});
});

describe('HSTS', () => {
	test('sent on every response when the public address is https', async () => {
		const dir = await mkdtemp(path.join(tmpdir(), 'reperes-hsts-'));
		const server = await startServer({ DATA_DIR: dir, ORIGIN: 'https://reperes.example.test' });
		try {
			for (const route of ['/', '/favicon.svg', immutableScript(), '/nulle-part']) {
				const answer = await send(server.url, { path: route });
				expect(answer.headers['strict-transport-security'], route).toBe('max-age=31536000');
				expect(answer.headers['x-content-type-options'], route).toBe('nosniff');
			}
		} finally {
			await stopServer(server.child);
			await rm(dir, { recursive: true, force: true });
		}
	});
});
