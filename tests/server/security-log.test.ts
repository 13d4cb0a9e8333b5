/**
 * The security events of the production server's log (LOG-02, CAP-04): refused forms by field
 * name, wrong passphrases as failed lookups, data refused to a locked browser, deletions with
 * their count. Every line is JSON; none holds what was typed, a passphrase or a link.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer } from '../e2e/global-setup';
import { post } from '../helpers/participant';
import { TEST_QUESTIONNAIRES } from '../helpers/paths';
import { logEvents } from '../helpers/server-log';
import { logProblems } from '../e2e/log-check';

let url: string;
let child: ChildProcess;
let dir: string;
let logFile: string;

beforeAll(async () => {
	dir = await mkdtemp(path.join(tmpdir(), 'reperes-security-log-'));
	logFile = path.join(dir, 'server.log');
	({ url, child } = await startServer(
		{ DATA_DIR: path.join(dir, 'data'), QUESTIONNAIRES_DIR: TEST_QUESTIONNAIRES },
		logFile
	));
});
afterAll(async () => {
	if (child.exitCode === null) {
		const exited = new Promise((r) => child.once('close', r));
		child.kill('SIGTERM');
		await exited;
	}
	await rm(dir, { recursive: true, force: true });
});

const event = (name: string) => async () =>
	(await logEvents(logFile)).filter((e) => e.event === name);

describe('security events in the log', () => {
	test('refusals, locked data, wrong passphrases and deletions, without what was typed', async () => {
		const secrets: string[] = [];

		// A campaign refused: the fields are named, their values are not logged.
		const refused = await post(url, '/campagnes/nouvelle', [
			['name', ''],
			['diagnostics', 'exemple-mini'],
			['k', 'CANARY-K-41'],
			['groupLabel', 'CANARY-ORG-label']
		]);
		expect(refused.status).toBe(400);
		await expect
			.poll(event('form.refused'))
			.toEqual([
				expect.objectContaining({ route: '/campagnes/nouvelle', fields: 'groupOptions k name' })
			]);

		// A campaign with a passphrase: its data is refused until it is given.
		const created = await post(url, '/campagnes/nouvelle', [
			['name', 'CANARY-ORG-security'],
			['diagnostics', 'exemple-mini'],
			['k', '5'],
			['passphrase', 'CANARY-PASS-0123456789']
		]);
		expect(created.status).toBe(303);
		const management = created.headers.get('location')!.split('/').at(-1)!;
		secrets.push(management);
		expect((await fetch(`${url}/campagnes/${management}/export.csv`)).status).toBe(403);
		await expect.poll(event('campaign.locked_refused')).toHaveLength(1);
		const wrong = await post(url, `/campagnes/${management}?/unlock`, [
			['passphrase', 'CANARY-PASS-wrong-one']
		]);
		expect(wrong.status).toBe(400);
		await expect
			.poll(async () => (await event('lookup.failed')()).map((e) => e.where))
			.toEqual(['/campagnes/[token]?/unlock']);

		// A participation: a page refused, a comment saved, a deletion refused then done.
		const started = await post(url, '/diagnostics/exemple-mini?/start', []);
		const token = started.headers.get('location')!.split('/').at(-1)!;
		secrets.push(token);
		expect(
			(
				await post(url, `/p/${token}?/save`, [
					['page', 'outils'],
					['nav', 'next']
				])
			).status
		).toBe(400);
		await expect
			.poll(async () => (await event('form.refused')()).map((e) => [e.route, e.fields]))
			.toContainEqual(['/p/[token]?/save', 'classe_virtuelle']);
		const saved = await post(url, `/p/${token}?/save`, [
			['page', 'outils'],
			['nav', 'next'],
			['classe_virtuelle', 'souvent']
		]);
		expect(saved.status).toBe(303);
		await post(url, `/p/${token}?/save`, [
			['page', 'accompagnement'],
			['nav', 'stay'],
			['remarque', 'CANARY-TXT-security Jean Dupont, 06 12 34 56 78']
		]);
		expect((await post(url, `/p/${token}/supprimer`, [])).status).toBe(400);
		expect((await post(url, `/p/${token}/supprimer`, [['confirmer', 'oui']])).status).toBe(303);
		await expect
			.poll(event('participations.deleted'))
			.toEqual([expect.objectContaining({ level: 'info', reason: 'request', count: 1 })]);

		const text = await readFile(logFile, 'utf8');
		expect(logProblems(text, secrets)).toEqual([]);
		expect(text).not.toContain('Dupont');
	});
});
