/**
 * A production server with something of everything, made with plain form posts: campaigns (one
 * with a passphrase), participations answering and completed, guided sessions answering and
 * completed with an action. For the server tests that post to every form action.
 */
import { createHash } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { startServer } from '../e2e/global-setup';
import { createCampaign, miniPages, post } from './participant';
import { TEST_QUESTIONNAIRES } from './paths';

export const PASSPHRASE = 'une phrase assez longue';

export interface Seeded {
	url: string;
	dataDir: string;
	campaign: { token: string; code: string };
	locked: { token: string };
	/** A private link on the first page of exemple-mini (no campaign). */
	answering: string;
	/** Private links of completed exemple-mini participations in the campaign. */
	completed: string[];
	/** Guided sessions of the campaign: one answering, one completed with an action. */
	guidedAnswering: string;
	guidedCompleted: string;
	actionId: string;
}

/** Where a token of a redirect leads: its last path segment. */
export const lastSegment = (response: Response) =>
	response.headers.get('location')!.split('/').at(-1)!;

/** A fingerprint of every file of a data folder: any write changes it. */
export async function hashDataDir(dir: string): Promise<string> {
	const hash = createHash('sha256');
	const walk = async (at: string): Promise<void> => {
		const entries = (await readdir(at, { withFileTypes: true })).sort((a, b) =>
			a.name < b.name ? -1 : 1
		);
		for (const e of entries) {
			const full = path.join(at, e.name);
			if (e.isDirectory()) await walk(full);
			else {
				hash.update(`${path.relative(dir, full)}\0`);
				hash.update(await readFile(full));
				hash.update('\0');
			}
		}
	};
	await walk(dir);
	return hash.digest('hex');
}

/** Starts a participation of a questionnaire; returns its private link's token. */
export async function start(url: string, diagnostic: string): Promise<string> {
	const started = await post(url, `/diagnostics/${diagnostic}?/start`, []);
	expect(started.status, `start ${diagnostic}`).toBe(303);
	return lastSegment(started);
}

/** Opens a guided session of exemple-mini; completes it when asked. */
export async function openGuided(url: string, token: string, complete: boolean) {
	const opened = await post(url, `/campagnes/${token}/accompagnements?/open`, [
		['client', 'Organisme Témoin'],
		['diagnostic', 'exemple-mini']
	]);
	expect(opened.status, 'guided session').toBe(303);
	const id = lastSegment(opened);
	if (complete) {
		for (const { page, fields } of miniPages(0)) {
			const saved = await post(url, `/campagnes/${token}/accompagnements/${id}?/save`, [
				['page', page],
				['nav', 'next'],
				...fields
			]);
			expect(saved.status, `guided page ${page}`).toBe(303);
		}
	}
	return id;
}

/** Starts a server (embedded store, test questionnaires too) and seeds it. */
export async function seededServer(
	env: Record<string, string> = {}
): Promise<Seeded & { child: ChildProcess; stop: () => Promise<void> }> {
	const root = await mkdtemp(path.join(tmpdir(), 'reperes-seeded-'));
	const dataDir = path.join(root, 'data');
	const { url, child } = await startServer({
		DATA_DIR: dataDir,
		QUESTIONNAIRES_DIR: TEST_QUESTIONNAIRES,
		...env
	});
	const stop = async () => {
		const exited = new Promise((r) => child.once('exit', r));
		child.kill('SIGTERM');
		await exited;
		await rm(root, { recursive: true, force: true });
	};
	try {
		const campaign = await createCampaign(url, [
			['name', 'Campagne témoin'],
			['diagnostics', 'exemple-mini'],
			['diagnostics', 'e-formateur'],
			['k', '3'],
			['groupLabel', 'Site'],
			['groupOptions', 'Site A\nSite B'],
			['identifierLabel', 'Session']
		]);
		const lockedCreated = await post(url, '/campagnes/nouvelle', [
			['name', 'Campagne protégée'],
			['diagnostics', 'exemple-mini'],
			['k', '3'],
			['passphrase', PASSPHRASE]
		]);
		expect(lockedCreated.status).toBe(303);
		const completed: string[] = [];
		for (let i = 0; i < 3; i++) {
			const joined = await post(url, `/rejoindre/${campaign.code}`, [
				['diagnostic', 'exemple-mini'],
				['group', 'Site A'],
				['identifier', `S${i}`],
				['consent', 'oui']
			]);
			expect(joined.status, 'join').toBe(303);
			const token = lastSegment(joined);
			for (const { page, fields } of miniPages(i % 3)) {
				const saved = await post(url, `/p/${token}?/save`, [
					['page', page],
					['nav', 'next'],
					...fields
				]);
				expect(saved.status, `page ${page}`).toBe(303);
			}
			completed.push(token);
		}
		const guidedAnswering = await openGuided(url, campaign.token, false);
		const guidedCompleted = await openGuided(url, campaign.token, true);
		const self = `/campagnes/${campaign.token}/accompagnements/${guidedCompleted}`;
		const added = await post(url, `${self}?/addAction`, [
			['title', 'Action témoin'],
			['target', 'A']
		]);
		expect(added.status, 'action').toBe(303);
		const workspace = await (await fetch(`${url}${self}`)).text();
		const actionId = /data-action="([0-9a-f-]{36})"/.exec(workspace)![1]!;
		return {
			url,
			dataDir,
			child,
			stop,
			campaign,
			locked: { token: lastSegment(lockedCreated) },
			answering: await start(url, 'exemple-mini'),
			completed,
			guidedAnswering,
			guidedCompleted,
			actionId
		};
	} catch (e) {
		await stop();
		throw e;
	}
}
