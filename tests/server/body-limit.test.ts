/**
 * REQ-02 against the production server: bodies over the limit (256 KiB unless BODY_SIZE_LIMIT
 * says otherwise; ADR 0017) are refused with 413, whether they announce their length or come
 * chunked, and nothing is written; the server goes on answering.
 */
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer } from '../e2e/global-setup';
import { send, stopServer } from '../helpers/http';
import { createCampaign, post } from '../helpers/participant';

let url: string;
let child: ChildProcess;
let dataDir: string;
let token: string;
let code: string;

beforeAll(async () => {
	dataDir = await mkdtemp(path.join(tmpdir(), 'reperes-body-'));
	({ url, child } = await startServer({ DATA_DIR: dataDir }));
	const started = await post(url, '/diagnostics/e-formateur?/start', []);
	token = started.headers.get('location')!.split('/').at(-1)!;
	({ code } = await createCampaign(url, [
		['name', 'Campagne des gros envois'],
		['diagnostics', 'e-formateur'],
		['k', '3']
	]));
});
afterAll(async () => {
	await stopServer(child);
	await rm(dataDir, { recursive: true, force: true });
});

/** A digest of every file of the store's folder, names and contents. */
async function storeDigest(dir: string): Promise<string> {
	const hash = createHash('sha256');
	const files = (await readdir(dir, { recursive: true, withFileTypes: true }))
		.filter((e) => e.isFile())
		.map((e) => path.join(e.parentPath, e.name))
		.sort();
	for (const file of files) hash.update(path.relative(dir, file)).update(await readFile(file));
	return hash.digest('hex');
}

const FORM = (base: string) => ({
	origin: base,
	'content-type': 'application/x-www-form-urlencoded',
	accept: 'text/html'
});

/** A form body of `bytes` bytes: the given fields, then a long free text. */
const body = (fields: string, bytes: number) =>
	`${fields}&commentaire=${'a'.repeat(bytes - fields.length - '&commentaire='.length)}`;

const TWO_MB = 2 * 1024 * 1024;
const WRITES = (): [what: string, action: string, fields: string][] => [
	['start a diagnostic', '/diagnostics/e-formateur?/start', 'attempt=body-2'],
	['save a page', `/p/${token}?/save`, 'page=e1&nav=next'],
	['create a campaign', '/campagnes/nouvelle', 'name=Trop&diagnostics=e-formateur&k=3'],
	['join a campaign', `/rejoindre/${code}`, 'diagnostic=e-formateur&consent=oui&attempt=body-3']
];

describe('bodies over the limit', () => {
	test.each([
		['with Content-Length', false],
		['chunked, without Content-Length', true]
	])('2 MB %s: 413 on every form that writes, nothing written', async (_, chunked) => {
		const before = await storeDigest(dataDir);
		for (const [what, action, fields] of WRITES()) {
			const answer = await send(url, {
				method: 'POST',
				path: action,
				headers: FORM(url),
				body: body(fields, TWO_MB),
				chunked
			});
			expect(answer.status, what).toBe(413);
			expect(answer.body, what).toContain('Envoi trop volumineux');
		}
		expect(await storeDigest(dataDir)).toBe(before);
		expect((await send(url, { path: `/p/${token}` })).status).toBe(200);
	});

	test('the default limit is 256 KiB', async () => {
		const save = (bytes: number, chunked: boolean) =>
			send(url, {
				method: 'POST',
				path: `/p/${token}?/save`,
				headers: FORM(url),
				body: body('page=e1&nav=next', bytes),
				chunked
			});
		for (const chunked of [false, true]) {
			// Under the limit the form is read: here refused for its unknown field, not its size.
			expect((await save(256 * 1024, chunked)).status).not.toBe(413);
			expect((await save(256 * 1024 + 1, chunked)).status).toBe(413);
		}
	});
});

test('BODY_SIZE_LIMIT still overrides the default', async () => {
	const dir = await mkdtemp(path.join(tmpdir(), 'reperes-body-limit-'));
	const server = await startServer({ DATA_DIR: dir, BODY_SIZE_LIMIT: '1M' });
	try {
		const create = (bytes: number) =>
			send(server.url, {
				method: 'POST',
				path: '/campagnes/nouvelle',
				headers: FORM(server.url),
				body: body('name=&diagnostics=e-formateur&k=3', bytes)
			});
		expect((await create(600 * 1024)).status).toBe(400);
		expect((await create(TWO_MB)).status).toBe(413);
	} finally {
		await stopServer(server.child);
		await rm(dir, { recursive: true, force: true });
	}
});
