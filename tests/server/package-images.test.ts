/**
 * An image picker's pictures are served by the production server from the package folder (ADR
 * 0039): each file survey.json shows, with its type, caching headers and a policy that lets an
 * SVG opened on its own run nothing; any other path (another file of the package, a path out of
 * it however it is spelt, another questionnaire) is not found. The questionnaire page's own
 * policy is unchanged: its pictures come from the app itself.
 */
import type { ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer } from '../e2e/global-setup';
import { send, stopServer } from '../helpers/http';
import { post } from '../helpers/participant';
import { corpusSurveys, wrapAsPackage } from '../helpers/surveyjs-corpus';

const ID = 'imagepicker';
let url: string;
let child: ChildProcess;
let dir: string;
let folder: string;

beforeAll(async () => {
	dir = await mkdtemp(path.join(tmpdir(), 'reperes-images-server-'));
	const { survey } = corpusSurveys().find((c) => c.id === ID)!;
	folder = wrapAsPackage(ID, survey, path.join(dir, 'packages'));
	// Files the server must never give: an image survey.json does not show, and one beside the
	// packages.
	writeFileSync(path.join(folder, 'images', 'brouillon.png'), 'pas montrée');
	writeFileSync(path.join(dir, 'packages', 'secret.png'), 'hors des paquets');
	({ url, child } = await startServer({
		DATA_DIR: path.join(dir, 'data'),
		QUESTIONNAIRES_DIR: path.join(dir, 'packages')
	}));
});
afterAll(async () => {
	await stopServer(child);
	await rm(dir, { recursive: true, force: true });
});

describe('a package image', () => {
	test('is served with its type, its bytes and caching headers', async () => {
		const answer = await fetch(`${url}/diagnostics/${ID}/images/plateforme.png`);
		expect(answer.status).toBe(200);
		expect(answer.headers.get('content-type')).toBe('image/png');
		expect(Buffer.from(await answer.arrayBuffer())).toEqual(
			readFileSync(path.join(folder, 'images', 'plateforme.png'))
		);
		expect(answer.headers.get('cache-control')).toBe('public, max-age=3600');
		expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
		const etag = answer.headers.get('etag')!;
		expect(etag).toMatch(/^W\/"[0-9a-z]+-[0-9a-z]+"$/);
		// Asked again with what the browser kept: not sent again.
		const again = await fetch(`${url}/diagnostics/${ID}/images/plateforme.png`, {
			headers: { 'if-none-match': etag }
		});
		expect(again.status).toBe(304);
		expect(await again.text()).toBe('');
	});

	test('an SVG is served as one, sandboxed: opened on its own, it runs nothing', async () => {
		const answer = await fetch(`${url}/diagnostics/${ID}/images/visio.svg`);
		expect(answer.status).toBe(200);
		expect(answer.headers.get('content-type')).toBe('image/svg+xml');
		const policy = answer.headers.get('content-security-policy') ?? '';
		expect(policy).toContain("default-src 'none'");
		expect(policy).toContain('sandbox');
		expect(policy).not.toContain('script-src');
	});

	test.each([
		['an image survey.json does not show', `/diagnostics/${ID}/images/brouillon.png`],
		['an unknown image', `/diagnostics/${ID}/images/absente.png`],
		['a package file', `/diagnostics/${ID}/images/../survey.json`],
		['a package file, dots encoded', `/diagnostics/${ID}/images/%2e%2e/survey.json`],
		['a package file, slash encoded', `/diagnostics/${ID}/images/..%2Fsurvey.json`],
		['a file beside the packages', `/diagnostics/${ID}/images/../../secret.png`],
		['a file beside the packages, encoded', `/diagnostics/${ID}/images/..%2F..%2Fsecret.png`],
		['a backslash path', `/diagnostics/${ID}/images/..%5C..%5Csecret.png`],
		['a system file', `/diagnostics/${ID}/images/%2Fetc%2Fpasswd`],
		['the folder itself', `/diagnostics/${ID}/images`],
		['an image of an unknown questionnaire', '/diagnostics/inconnu/images/plateforme.png'],
		['an image of a questionnaire named by a path', '/diagnostics/..%2Fimagepicker/images/quiz.png']
	])('%s is not found', async (_, target) => {
		const answer = await send(url, { path: target });
		expect(answer.status).toBe(404);
		expect(answer.body).not.toContain('pas montrée');
		expect(answer.body).not.toContain('hors des paquets');
		expect(answer.body).not.toContain('"pages"');
		expect(answer.body).not.toContain('root:');
	});
});

test('the questionnaire page shows its pictures from the app, its policy unchanged', async () => {
	const started = await post(url, `/diagnostics/${ID}?/start`, []);
	expect(started.status).toBe(303);
	const page = await fetch(new URL(started.headers.get('location')!, url));
	const html = await page.text();
	expect(html).toContain(`src="/diagnostics/${ID}/images/visio.svg"`);
	expect(html).toContain('alt="Une visioconférence"');
	const policy = page.headers.get('content-security-policy') ?? '';
	expect(policy).toContain("img-src 'self' data:");
	expect(policy).toContain("default-src 'self'");
});
