/**
 * Access matrix of the guided-session routes (production server): pages, their __data.json,
 * form actions and exports open only with the campaign's own management link and one of its
 * own sessions; a passphrase locks them until given; every response is uncacheable. /gestion
 * stores nothing and counts links that open nothing as failed lookups.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer } from '../e2e/global-setup';
import { TEST_QUESTIONNAIRES } from '../helpers/paths';

let url: string;
let child: ChildProcess;
let dataDir: string;

const FORM = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };

const post = (route: string, body: Record<string, string>, cookie?: string) =>
	fetch(`${url}${route}`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: url, ...FORM, ...(cookie ? { cookie } : {}) },
		body: new URLSearchParams(body)
	});

async function createCampaign(name: string, passphrase = '') {
	const response = await post('/campagnes/nouvelle', {
		name,
		diagnostics: 'exemple-mini',
		k: '5',
		passphrase
	});
	expect(response.status).toBe(303);
	const token = response.headers.get('location')!.split('/').at(-1)!;
	const html = await (await fetch(`${url}/campagnes/${token}`)).text();
	const code = /data-code[^>]*>([A-Z0-9-]+)</.exec(html)?.[1]?.replace('-', '') ?? null;
	return { token, code };
}

/** Opens a session for a client and, unless told otherwise, answers it to the end. */
async function openSession(token: string, client: string, cookie?: string, complete = true) {
	const opened = await post(
		`/campagnes/${token}/accompagnements?/open`,
		{ client, diagnostic: 'exemple-mini' },
		cookie
	);
	expect(opened.status).toBe(303);
	const id = opened.headers.get('location')!.split('/').at(-1)!;
	if (complete) {
		const self = `/campagnes/${token}/accompagnements/${id}`;
		const pages: Record<string, string>[] = [
			{
				page: 'outils',
				nav: 'next',
				classe_virtuelle: 'jamais',
				aisance_quiz: '1',
				outils_quiz: 'papier',
				difficulte_quiz: 'true'
			},
			{ page: 'accompagnement', nav: 'next', 'suivi[relance]': '0', 'suivi[planning]': '0' }
		];
		for (const body of pages) expect((await post(`${self}?/save`, body, cookie)).status).toBe(303);
	}
	return id;
}

beforeAll(async () => {
	dataDir = await mkdtemp(path.join(tmpdir(), 'reperes-guided-access-'));
	({ url, child } = await startServer({
		DATA_DIR: dataDir,
		QUESTIONNAIRES_DIR: TEST_QUESTIONNAIRES,
		// The matrix makes many wrong requests on purpose: the limiter has its own test below.
		LOOKUP_FAILURES_PER_10_MIN: '1000'
	}));
});
afterAll(async () => {
	const exited = new Promise((r) => child.once('exit', r));
	child.kill('SIGTERM');
	await exited;
	await rm(dataDir, { recursive: true, force: true });
});

const pages = (token: string, id: string) => [
	`/campagnes/${token}/accompagnements`,
	`/campagnes/${token}/accompagnements/__data.json`,
	`/campagnes/${token}/accompagnements/${id}`,
	`/campagnes/${token}/accompagnements/${id}/__data.json`,
	`/campagnes/${token}/accompagnements/${id}/rapport`,
	`/campagnes/${token}/accompagnements/${id}/rapport/__data.json`
];
const exports = (token: string, id: string) => [
	`/campagnes/${token}/accompagnements/${id}/rapport.csv`,
	`/campagnes/${token}/accompagnements/${id}/rapport.json`
];
const actions = (token: string, id: string, actionId: string) =>
	[
		[`/campagnes/${token}/accompagnements?/open`, { client: 'Intrus', diagnostic: 'exemple-mini' }],
		[`/campagnes/${token}/accompagnements/${id}?/save`, { page: 'outils', nav: 'stay' }],
		[
			`/campagnes/${token}/accompagnements/${id}?/assess`,
			{ 'note.A': 'Note écrite par un intrus' }
		],
		[
			`/campagnes/${token}/accompagnements/${id}?/addAction`,
			{ title: 'Action intruse', target: 'A' }
		],
		[`/campagnes/${token}/accompagnements/${id}?/setStatus`, { action: actionId, status: 'done' }],
		[`/campagnes/${token}/accompagnements/${id}?/removeAction`, { action: actionId }]
	] as const;

describe('guided-session routes', () => {
	test('only the own management link and an own session open them', async () => {
		const own = await createCampaign('Campagne Alpha');
		const other = await createCampaign('Campagne Beta');
		const id = await openSession(own.token, 'Client Alpha');
		const otherId = await openSession(other.token, 'Client Beta');
		const self = `/campagnes/${own.token}/accompagnements/${id}`;
		expect(
			(await post(`${self}?/assess`, { 'note.A': 'Note Alpha', 'rating.A': 'expert' })).status
		).toBe(303);
		expect(
			(await post(`${self}?/addAction`, { title: 'Action Alpha', target: 'A', status: 'todo' }))
				.status
		).toBe(303);
		const workspace = await (await fetch(`${url}${self}`)).text();
		const actionId = /data-action="([0-9a-f-]{36})"/.exec(workspace)![1]!;

		for (const route of [...pages(own.token, id), ...exports(own.token, id)]) {
			const response = await fetch(`${url}${route}`);
			expect(response.status, route).toBe(200);
			expect(response.headers.get('cache-control'), route).toBe('no-store');
			expect(await response.text(), route).toContain('Client Alpha');
		}

		// No link, a made-up one, the participant code in its place, or another campaign's link
		// (with this session's id, and with its own session's id under this campaign): nothing.
		const strangers: [string, string][] = [
			['', id],
			['AAAAAAAAAAAAAAAAAAAAAA', id],
			[own.code!, id],
			[other.token, id],
			[own.token, otherId],
			[own.token, '00000000-0000-4000-8000-000000000000']
		];
		for (const [token, sessionId] of strangers) {
			const allPages = pages(token, sessionId).filter(
				// The list page has no session id: under a real link it is that campaign's own list.
				(r) => ![own.token, other.token].includes(token) || r.includes(sessionId)
			);
			for (const route of [...allPages, ...exports(token, sessionId)]) {
				const response = await fetch(`${url}${route}`);
				const body = await response.text();
				if (route.includes('__data.json') && response.status === 200) {
					// Kit's data protocol answers 200 and carries the 404 inside, with no data.
					expect(body, route).toContain('"status":404');
				} else expect(response.status, route).toBe(404);
				if (token) expect(response.headers.get('cache-control'), route).toBe('no-store');
				expect(body, route).not.toContain('Client Alpha');
				expect(body, route).not.toContain('Campagne Alpha');
				if (token !== own.token) expect(body, route).not.toContain('Client Beta');
			}
			for (const [route, body] of actions(token, sessionId, actionId)) {
				if ([own.token, other.token].includes(token) && route.includes('?/open')) continue;
				const response = await post(route, body);
				expect(response.status, route).toBe(404);
				if (token) expect(response.headers.get('cache-control'), route).toBe('no-store');
				expect(await response.text(), route).not.toContain('Client Alpha');
			}
		}
		// Nothing was written by any of those requests.
		const after = await (await fetch(`${url}${self}/rapport.json`)).json();
		expect(after.areas[0].note).toBe('Note Alpha');
		expect(after.actions.map((a: { title: string }) => a.title)).toEqual(['Action Alpha']);
		const list = await (await fetch(`${url}/campagnes/${own.token}/accompagnements`)).text();
		expect(list).not.toContain('Intrus');
		expect(list).not.toContain('Client Beta');

		// The own link's actions work and are validated on the server.
		const ownActions = actions(own.token, id, actionId);
		const statuses = [];
		for (const [route, body] of ownActions) {
			const response = await post(route, body);
			expect(response.headers.get('cache-control'), route).toBe('no-store');
			statuses.push(response.status);
		}
		// open (client given: 303), save of a completed diagnostic (303), assess (303),
		// addAction without status defaults to « À faire » (303), setStatus (303), removeAction (303).
		expect(statuses).toEqual([303, 303, 303, 303, 303, 303]);
		const refused = await post(`${self}?/addAction`, { title: '', dueOn: '2027-02-30' });
		expect(refused.status).toBe(400);
		const html = await refused.text();
		for (const message of ['Donnez un intitulé', 'Date invalide']) expect(html).toContain(message);
		// Choices the form does not offer are refused before anything else is read.
		const crafted = await post(`${self}?/addAction`, {
			title: 'Action',
			target: 'Z',
			status: 'todo',
			resources: 'inconnue'
		});
		expect(crafted.status).toBe(400);
		const craftedHtml = (await crafted.text()).replace(/\u00a0/g, ' ');
		for (const field of ['Domaine ou compétence', 'Ressources liées'])
			expect(craftedHtml).toContain(
				`La valeur de « ${field} » ne fait pas partie des choix proposés.`
			);
		expect((await post(`${self}?/assess`, { 'rating.A': 'maitre' })).status).toBe(400);
	});

	test('a passphrase locks pages (to the locked dashboard), actions and exports (403)', async () => {
		const locked = await createCampaign('Campagne Gamma', 'une phrase assez longue');
		const unlock = await post(`/campagnes/${locked.token}?/unlock`, {
			passphrase: 'une phrase assez longue'
		});
		const session = unlock.headers.get('set-cookie')!.split(';')[0]!;
		const id = await openSession(locked.token, 'Client Gamma', session);
		// Unlocked: everything opens.
		for (const route of [...pages(locked.token, id), ...exports(locked.token, id)]) {
			const response = await fetch(`${url}${route}`, { headers: { cookie: session } });
			expect(response.status, route).toBe(200);
		}
		// Not unlocked in this browser: nothing of it.
		for (const route of pages(locked.token, id)) {
			const response = await fetch(`${url}${route}`, { redirect: 'manual' });
			expect(response.headers.get('cache-control'), route).toBe('no-store');
			const body = await response.text();
			if (route.includes('__data.json')) expect(body, route).toContain('"type":"redirect"');
			else {
				expect(response.status, route).toBe(303);
				expect(response.headers.get('location'), route).toBe(`/campagnes/${locked.token}`);
			}
			expect(body, route).not.toContain('Client Gamma');
		}
		const shown = await (
			await fetch(`${url}/campagnes/${locked.token}/accompagnements/${id}`)
		).text();
		expect(shown).toContain('Campagne protégée');
		expect(shown).not.toContain('Client Gamma');
		for (const route of exports(locked.token, id)) {
			const response = await fetch(`${url}${route}`);
			expect(response.status, route).toBe(403);
			expect(response.headers.get('cache-control'), route).toBe('no-store');
		}
		for (const [route, body] of actions(locked.token, id, 'x')) {
			const response = await post(route, body);
			expect(response.status, route).toBe(403);
			expect(await response.text(), route).not.toContain('Client Gamma');
		}
	});
});

describe('/gestion', () => {
	test('lists the campaigns of pasted links and their sessions; stores nothing', async () => {
		const own = await createCampaign('Campagne Epsilon');
		const id = await openSession(own.token, 'Client Epsilon', undefined, false);
		const page = await fetch(`${url}/gestion`);
		expect(page.status).toBe(200);
		expect(page.headers.get('cache-control')).toBe('no-store');
		const response = await post('/gestion', {
			links: `${url}/campagnes/${own.token}\nAAAAAAAAAAAAAAAAAAAAAA\n${own.code}\n${own.token}`
		});
		expect(response.status).toBe(200);
		expect(response.headers.get('cache-control')).toBe('no-store');
		const html = await response.text();
		expect(html).toContain('Campagne Epsilon');
		expect(html).toContain(`/campagnes/${own.token}/accompagnements/${id}`);
		expect(html).toContain('Client Epsilon');
		expect(html).toMatch(/Ligne 2\u00a0: lien introuvable/);
		expect(html).toMatch(/Ligne 3\u00a0: lien introuvable/);
		// The same campaign pasted twice is listed once.
		expect(html.split('Campagne Epsilon</a>').length).toBe(2);
		expect((await post('/gestion', { links: '' })).status).toBe(400);
	});
});

describe('/gestion and the lookup limiter', () => {
	test('links that open nothing count as failed lookups', async () => {
		const dir = await mkdtemp(path.join(tmpdir(), 'reperes-gestion-'));
		const server = await startServer({ DATA_DIR: dir, LOOKUP_FAILURES_PER_10_MIN: '3' });
		try {
			const guess = (links: string) =>
				fetch(`${server.url}/gestion`, {
					method: 'POST',
					headers: { origin: server.url, ...FORM },
					body: new URLSearchParams({ links })
				});
			expect((await guess('AAAAAAAAAAAAAAAAAAAAAA\nBBBBBBBBBBBBBBBBBBBBBB\nCCC')).status).toBe(200);
			const blocked = await guess('DDDDDDDDDDDDDDDDDDDDDD');
			expect(blocked.status).toBe(429);
			expect(await blocked.text()).toContain('Trop de liens ou de codes erronés');
		} finally {
			const exited = new Promise((r) => server.child.once('exit', r));
			server.child.kill('SIGTERM');
			await exited;
			await rm(dir, { recursive: true, force: true });
		}
	});
});
