/**
 * OUT-02 against the production server: every HTML answer carries the strict
 * Content-Security-Policy with a nonce of its own, the same as its scripts', including results
 * pages served from the cache (ADR 0017), error pages and forms re-rendered with their errors.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FALLBACK_CSP } from '../../server/options.js';
import { ANNOUNCER_STYLE_HASH } from '../../svelte.config.js';
import { startServer } from '../e2e/global-setup';
import { send, stopServer, type Answer } from '../helpers/http';
import { miniPages, post } from '../helpers/participant';
import { TEST_QUESTIONNAIRES } from '../helpers/paths';

let url: string;
let child: ChildProcess;
let dataDir: string;

beforeAll(async () => {
	dataDir = await mkdtemp(path.join(tmpdir(), 'reperes-csp-'));
	({ url, child } = await startServer({
		DATA_DIR: dataDir,
		QUESTIONNAIRES_DIR: TEST_QUESTIONNAIRES
	}));
});
afterAll(async () => {
	await stopServer(child);
	await rm(dataDir, { recursive: true, force: true });
});

const FORM = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };

/** The policy's directives, in any order, with the nonce taken out. */
function readPolicy(answer: Answer): { directives: Record<string, string[]>; nonce: string } {
	const header = answer.headers['content-security-policy'];
	expect(header, 'Content-Security-Policy header').toBeTypeOf('string');
	const directives: Record<string, string[]> = {};
	let nonce = '';
	for (const part of (header as string).split(';')) {
		const [name, ...sources] = part.trim().split(/\s+/);
		directives[name!] = sources.filter((s) => {
			const match = /^'nonce-(.+)'$/.exec(s);
			if (match) nonce = match[1]!;
			return !match;
		});
	}
	return { directives, nonce };
}

const STRICT = {
	'default-src': ["'self'"],
	'script-src': ["'self'"],
	'style-src': ["'self'"],
	'style-src-attr': ["'unsafe-hashes'", `'sha256-${ANNOUNCER_STYLE_HASH}'`],
	'img-src': ["'self'", 'data:'],
	'object-src': ["'none'"],
	'base-uri': ["'none'"],
	'frame-ancestors': ["'none'"],
	'form-action': ["'self'"]
};

/** Asserts the strict policy and that every script of the page carries its nonce; returns it. */
function expectStrictPolicy(answer: Answer, what: string): string {
	expect(answer.headers['content-type'], what).toMatch(/^text\/html/);
	const { directives, nonce } = readPolicy(answer);
	expect(directives, what).toEqual(STRICT);
	expect(nonce, what).toMatch(/^[A-Za-z0-9+/]{22}==$/);
	const scripts = answer.body.match(/<script\b[^>]*>/g) ?? [];
	expect(scripts.length, `${what}: Kit's start-up script`).toBeGreaterThan(0);
	for (const tag of scripts) expect(tag, what).toBe(`<script nonce="${nonce}">`);
	// Nothing rendered on the server relies on an inline style.
	expect(answer.body, what).not.toMatch(/<[^>]+\sstyle=/);
	expect(answer.body, what).not.toMatch(/<style\b/);
	return nonce;
}

/** Starts exemple-mini and answers it to the end; returns the private link's token. */
async function completedParticipation(attempt: string): Promise<string> {
	// An attempt is token-shaped (22 URL-safe characters): a malformed one is refused (ADR 0018).
	const started = await post(url, '/diagnostics/exemple-mini?/start', [
		['attempt', attempt.padEnd(22, 'A')]
	]);
	const token = started.headers.get('location')!.split('/').at(-1)!;
	for (const { page, fields } of miniPages(1)) {
		const saved = await post(url, `/p/${token}?/save`, [
			['page', page],
			['nav', 'next'],
			...fields
		]);
		expect(saved.status, page).toBe(303);
	}
	return token;
}

describe('the policy on every HTML answer', () => {
	test('pages, the 404 page, error pages and forms re-rendered with their errors', async () => {
		const cases: [string, Parameters<typeof send>[1], number][] = [
			['home page', { path: '/' }, 200],
			['English page', { path: '/en/confidentialite' }, 200],
			['campaign form', { path: '/campagnes/nouvelle' }, 200],
			['404 page', { path: '/nulle-part' }, 404],
			['unknown private link', { path: '/p/AAAAAAAAAAAAAAAAAAAAAA' }, 404],
			['undecodable path', { path: '/p/%E0%A4%A' }, 400],
			[
				'form refused with its errors (fail 400)',
				{
					method: 'POST',
					path: '/campagnes/nouvelle',
					headers: { origin: url, ...FORM },
					body: 'name='
				},
				400
			],
			[
				'error page of a body over the limit (413)',
				{
					method: 'POST',
					path: '/campagnes/nouvelle',
					headers: { origin: url, ...FORM },
					body: `name=${'a'.repeat(2_000_000)}`
				},
				413
			]
		];
		for (const [what, request, status] of cases) {
			const answer = await send(url, request);
			expect(answer.status, what).toBe(status);
			expectStrictPolicy(answer, what);
		}
	});

	test('the static error page Kit shows when the hooks fail (500): nothing can run in it', async () => {
		// A fault injected in the hooks themselves (src/hooks.server.ts, hookFault).
		const dir = await mkdtemp(path.join(tmpdir(), 'reperes-csp-500-'));
		const server = await startServer({ DATA_DIR: dir, REPERES_TEST_FAULTS: '1' });
		try {
			const answer = await send(server.url, {
				path: '/test-faults/hook',
				headers: { accept: 'text/html' }
			});
			expect(answer.status).toBe(500);
			expect(answer.headers['content-type']).toMatch(/^text\/html/);
			expect(answer.headers['content-security-policy']).toBe(FALLBACK_CSP);
			expect(answer.body).toContain('<html lang="fr">');
			expect(answer.body).toContain('Une erreur est survenue');
			expect(answer.body).not.toMatch(/<script\b|<style\b|\sstyle=/);
		} finally {
			await stopServer(server.child);
			await rm(dir, { recursive: true, force: true });
		}
	});

	test('each answer has a nonce of its own', async () => {
		const nonces = new Set<string>();
		for (let i = 0; i < 5; i++) nonces.add(expectStrictPolicy(await send(url, { path: '/' }), '/'));
		expect(nonces.size).toBe(5);
	});
});

describe('results pages served from the cache (ADR 0010)', () => {
	test('every hit gets a fresh nonce, the same in its header and in its scripts', async () => {
		const token = await completedParticipation('csp-cache-1');
		const nonces = new Set<string>();
		let body = '';
		for (let i = 0; i < 4; i++) {
			const answer = await send(url, { path: `/p/${token}` });
			expect(answer.status).toBe(200);
			expect(answer.body).toContain('id="resultats-domaines"');
			nonces.add(expectStrictPolicy(answer, `results page, request ${i + 1}`));
			// Apart from the nonce, a hit is the page first rendered.
			const page = answer.body.replace(/nonce="[^"]+"/g, 'nonce=""');
			if (i > 0) expect(page).toBe(body);
			body = page;
		}
		expect(nonces.size).toBe(4);
	});
});
