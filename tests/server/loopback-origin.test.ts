/**
 * The quick start's two spellings of one's own machine (issue [6]): `npm start` sets
 * ORIGIN=http://localhost:3000, and a person who opens http://127.0.0.1:3000 must still be able
 * to start a diagnostic. With a loopback ORIGIN, form posts from localhost, 127.0.0.1 and [::1]
 * (same scheme and port) are the app's own; never with a public ORIGIN. A post that is refused
 * gets a page saying which address to open (French, English under /en/), not a bare 403.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { freePort, startServer } from '../e2e/global-setup';
import { stopServer } from '../helpers/http';

const PUBLIC = 'https://reperes.example.org';

interface Running {
	url: string;
	port: number;
	child: ChildProcess;
	dir: string;
}
let local: Running;
let publicOrigin: Running;

async function start(origin: (port: number) => string): Promise<Running> {
	const dir = await mkdtemp(path.join(tmpdir(), 'reperes-loopback-'));
	const port = await freePort();
	const { url, child } = await startServer({
		DATA_DIR: dir,
		PORT: String(port),
		ORIGIN: origin(port)
	});
	return { url, port, child, dir };
}

beforeAll(async () => {
	[local, publicOrigin] = await Promise.all([
		start((port) => `http://localhost:${port}`),
		start(() => PUBLIC)
	]);
}, 60_000);
afterAll(async () => {
	for (const s of [local, publicOrigin]) {
		if (!s) continue;
		await stopServer(s.child);
		await rm(s.dir, { recursive: true, force: true });
	}
});

/** Starts a diagnostic as a browser at `origin` would, with JavaScript (enhanced) or without. */
function startFrom(server: Running, origin: string, how: 'form' | 'enhanced' = 'form', lang = '') {
	return fetch(`${server.url}${lang}/diagnostics/e-formateur?/start`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			origin,
			'content-type': 'application/x-www-form-urlencoded',
			...(how === 'enhanced'
				? { accept: 'application/json', 'x-sveltekit-action': 'true' }
				: { accept: 'text/html,application/xhtml+xml' })
		},
		body: ''
	});
}

/** Whether the answer is a start: a redirect to a private link (303, or the enhanced result). */
async function started(response: Response): Promise<boolean> {
	if (response.status === 303) return /\/p\/[\w-]{22}$/.test(response.headers.get('location')!);
	if (response.status === 200 && response.headers.get('content-type')?.includes('json')) {
		const result = (await response.json()) as { type: string; location?: string };
		return result.type === 'redirect' && /\/p\/[\w-]{22}$/.test(result.location ?? '');
	}
	return false;
}

describe('ORIGIN=http://localhost:PORT (npm start)', () => {
	test('a diagnostic starts from http://127.0.0.1:PORT and http://[::1]:PORT, with and without JavaScript', async () => {
		const { port } = local;
		for (const origin of [
			`http://localhost:${port}`,
			`http://127.0.0.1:${port}`,
			`http://[::1]:${port}`
		]) {
			for (const how of ['form', 'enhanced'] as const) {
				const response = await startFrom(local, origin, how);
				expect(await started(response), `${origin} ${how}: ${response.status}`).toBe(true);
			}
		}
	});

	test('other origins are still refused: another port, scheme or host', async () => {
		const { port } = local;
		for (const origin of [
			'https://evil.example',
			`http://localhost:${port + 1}`,
			`https://localhost:${port}`,
			`http://127.0.0.2:${port}`,
			`http://localhost.evil.example:${port}`,
			'null'
		]) {
			const response = await startFrom(local, origin);
			expect(response.status, origin).toBe(403);
		}
	});
});

describe(`a public ORIGIN (${PUBLIC})`, () => {
	test('accepts no loopback origin', async () => {
		const { port } = publicOrigin;
		for (const origin of [
			`http://localhost:${port}`,
			`http://127.0.0.1:${port}`,
			`http://[::1]:${port}`,
			'http://localhost',
			'http://127.0.0.1'
		]) {
			for (const how of ['form', 'enhanced'] as const) {
				const response = await startFrom(publicOrigin, origin, how);
				expect(response.status, `${origin} ${how}`).toBe(403);
			}
		}
		expect(await started(await startFrom(publicOrigin, PUBLIC))).toBe(true);
	});

	test('a refused form gets a page saying which address to open, in French', async () => {
		const response = await startFrom(publicOrigin, `http://127.0.0.1:${publicOrigin.port}`);
		expect(response.status).toBe(403);
		expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
		const html = await response.text();
		expect(html).toMatch(/^<!doctype html>/i);
		expect(html).toContain('<html lang="fr">');
		expect(html).toContain('<h1>Ouvrez Repères à son adresse</h1>');
		expect(html).toContain(
			`href="${PUBLIC}/diagnostics/e-formateur">Reprendre à l’adresse ${PUBLIC}/diagnostics/e-formateur</a>`
		);
		expect(html).toContain('rien n’a été enregistré');
		expect(html).toContain('data-accessibility-statement');
	});

	test('under /en/, in English', async () => {
		const response = await startFrom(
			publicOrigin,
			`http://127.0.0.1:${publicOrigin.port}`,
			'form',
			'/en'
		);
		expect(response.status).toBe(403);
		const html = await response.text();
		expect(html).toContain('<html lang="en">');
		expect(html).toContain('<h1>Open Repères at its own address</h1>');
		expect(html).toContain(`href="${PUBLIC}/en/diagnostics/e-formateur"`);
	});

	test('with JavaScript, an action error the page can show, with the address', async () => {
		const response = await startFrom(
			publicOrigin,
			`http://127.0.0.1:${publicOrigin.port}`,
			'enhanced'
		);
		expect(response.status).toBe(403);
		const result = (await response.json()) as {
			type: string;
			error: { message: string; address: string };
		};
		expect(result.type).toBe('error');
		expect(result.error.address).toBe(`${PUBLIC}/diagnostics/e-formateur`);
		expect(result.error.message).toContain(PUBLIC);
	});
});
