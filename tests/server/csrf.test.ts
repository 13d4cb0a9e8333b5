/**
 * Cross-site form posts against the production server (REQ-01, ADR 0006): every form action of
 * the app (read from the routes, so that a new one must be added here) refuses a post from
 * another origin with each content type a cross-site page can send without a preflight, and one
 * with no Origin and a foreign Referer; nothing is written. The same post from the app works.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { formActions } from '../helpers/form-actions';
import { ROOT } from '../helpers/paths';
import { hashDataDir, PASSPHRASE, seededServer, start, type Seeded } from '../helpers/seed';

let world: Seeded & { stop: () => Promise<void> };
beforeAll(async () => {
	world = await seededServer();
}, 120_000);
afterAll(async () => {
	await world?.stop();
});

const EVIL = 'https://evil.example';

interface Case {
	/** Path with the action's query. */
	path: () => Promise<string> | string;
	fields: () => [string, string][];
	/** What the app's own post answers. */
	status: number;
	/** Whether that post writes (deleting, saving…) or only reads (/gestion). */
	writes: boolean;
}

/** A valid post for each action, by `route action`. */
const CASES: Record<string, Case> = {
	'/campagnes/[token] openWave': {
		path: () => `/campagnes/${world.campaign.token}?/openWave`,
		fields: () => [],
		status: 303,
		writes: true
	},
	'/campagnes/[token] unlock': {
		path: () => `/campagnes/${world.locked.token}?/unlock`,
		fields: () => [['passphrase', PASSPHRASE]],
		status: 303,
		writes: true
	},
	'/campagnes/[token]/accompagnements open': {
		path: () => `/campagnes/${world.campaign.token}/accompagnements?/open`,
		fields: () => [
			['client', 'Organisme'],
			['diagnostic', 'exemple-mini']
		],
		status: 303,
		writes: true
	},
	'/campagnes/[token]/accompagnements/[id] save': {
		path: () => `/campagnes/${world.campaign.token}/accompagnements/${world.guidedAnswering}?/save`,
		fields: () => [
			['page', 'outils'],
			['nav', 'stay'],
			['classe_virtuelle', 'parfois']
		],
		status: 200,
		writes: true
	},
	'/campagnes/[token]/accompagnements/[id] assess': {
		path: () =>
			`/campagnes/${world.campaign.token}/accompagnements/${world.guidedCompleted}?/assess`,
		fields: () => [['note.A', 'Une note']],
		status: 303,
		writes: true
	},
	'/campagnes/[token]/accompagnements/[id] addAction': {
		path: () =>
			`/campagnes/${world.campaign.token}/accompagnements/${world.guidedCompleted}?/addAction`,
		fields: () => [
			['title', 'Une action'],
			['target', 'B']
		],
		status: 303,
		writes: true
	},
	'/campagnes/[token]/accompagnements/[id] setStatus': {
		path: () =>
			`/campagnes/${world.campaign.token}/accompagnements/${world.guidedCompleted}?/setStatus`,
		fields: () => [
			['action', world.actionId],
			['status', 'done']
		],
		status: 303,
		writes: true
	},
	'/campagnes/[token]/accompagnements/[id] removeAction': {
		path: () =>
			`/campagnes/${world.campaign.token}/accompagnements/${world.guidedCompleted}?/removeAction`,
		fields: () => [['action', world.actionId]],
		status: 303,
		writes: true
	},
	'/campagnes/nouvelle default': {
		path: () => '/campagnes/nouvelle',
		fields: () => [
			['name', 'Campagne'],
			['diagnostics', 'exemple-mini'],
			['k', '5']
		],
		status: 303,
		writes: true
	},
	'/diagnostics/[id] start': {
		path: () => '/diagnostics/exemple-mini?/start',
		fields: () => [],
		status: 303,
		writes: true
	},
	'/gestion default': {
		path: () => '/gestion',
		fields: () => [['links', `${world.url}/campagnes/${world.campaign.token}`]],
		status: 200,
		writes: false
	},
	'/p/[token] save': {
		path: () => `/p/${world.answering}?/save`,
		fields: () => [
			['page', 'outils'],
			['nav', 'stay'],
			['classe_virtuelle', 'souvent']
		],
		status: 200,
		writes: true
	},
	'/p/[token] share': {
		path: () => `/p/${world.completed[0]}?/share`,
		fields: () => [['partager', 'oui']],
		status: 303,
		writes: true
	},
	'/p/[token] retake': {
		path: () => `/p/${world.completed[1]}?/retake`,
		fields: () => [],
		status: 303,
		writes: true
	},
	'/p/[token]/supprimer default': {
		// A participation of its own: the app's post deletes it.
		path: async () => `/p/${await start(world.url, 'exemple-mini')}/supprimer`,
		fields: () => [['confirmer', 'oui']],
		status: 303,
		writes: true
	},
	'/rejoindre/[code] default': {
		path: () => `/rejoindre/${world.campaign.code}`,
		fields: () => [
			['diagnostic', 'exemple-mini'],
			['consent', 'oui']
		],
		status: 303,
		writes: true
	}
};

/** The body of a post in one of the content types a foreign page can send without preflight. */
function body(type: string, fields: [string, string][]): { body: BodyInit; type?: string } {
	if (type === 'multipart/form-data') {
		const data = new FormData();
		for (const [k, v] of fields) data.append(k, v);
		return { body: data };
	}
	if (type === 'application/x-www-form-urlencoded') {
		return { body: new URLSearchParams(fields).toString(), type };
	}
	// What a cross-site <form enctype="text/plain"> sends.
	return { body: fields.map(([k, v]) => `${k}=${v}`).join('\r\n'), type };
}

const FOREIGN: { name: string; type: string; headers: Record<string, string> }[] = [
	...[
		'application/x-www-form-urlencoded',
		'multipart/form-data',
		'text/plain',
		'TEXT/PLAIN;charset=utf-8'
	].map((type) => ({ name: `Origin ${EVIL}, ${type}`, type, headers: { origin: EVIL } })),
	{
		name: 'no Origin, a foreign Referer',
		type: 'application/x-www-form-urlencoded',
		headers: { referer: `${EVIL}/page` }
	},
	{
		name: 'Origin null from another site',
		type: 'application/x-www-form-urlencoded',
		headers: { origin: 'null', 'sec-fetch-site': 'cross-site' }
	}
];

describe('every form action', () => {
	test('is covered here, and no endpoint takes posts outside form actions', async () => {
		const actions = (await formActions()).map((a) => `${a.route} ${a.name}`);
		expect(actions.length).toBeGreaterThan(10);
		expect(actions.filter((a) => !(a in CASES))).toEqual([]);
		expect(Object.keys(CASES).filter((c) => !actions.includes(c))).toEqual([]);
		// +server.ts endpoints that would take POST/PUT/PATCH/DELETE need a case of their own.
		const endpoints: string[] = [];
		const walk = async (dir: string): Promise<void> => {
			for (const e of await readdir(dir, { withFileTypes: true })) {
				const full = path.join(dir, e.name);
				if (e.isDirectory()) await walk(full);
				else if (e.name === '+server.ts') {
					const source = await readFile(full, 'utf8');
					if (/export\s+(const|async function|function)\s+(POST|PUT|PATCH|DELETE)\b/.test(source))
						endpoints.push(full);
				}
			}
		};
		await walk(path.join(ROOT, 'src', 'routes'));
		expect(endpoints).toEqual([]);
	});

	for (const [key, c] of Object.entries(CASES)) {
		test(`${key}: refused from another site, works from the app`, async () => {
			const target = `${world.url}${await c.path()}`;
			for (const foreign of FOREIGN) {
				const before = await hashDataDir(world.dataDir);
				const { body: payload, type } = body(foreign.type, c.fields());
				const response = await fetch(target, {
					method: 'POST',
					redirect: 'manual',
					headers: { ...(type ? { 'content-type': type } : {}), ...foreign.headers },
					body: payload
				});
				expect(response.status, foreign.name).toBe(403);
				expect(await hashDataDir(world.dataDir), `${foreign.name}: nothing written`).toBe(before);
			}
			const before = await hashDataDir(world.dataDir);
			const own = await fetch(target, {
				method: 'POST',
				redirect: 'manual',
				headers: {
					origin: world.url,
					'content-type': 'application/x-www-form-urlencoded',
					accept: 'text/html'
				},
				body: new URLSearchParams(c.fields())
			});
			expect(own.status, 'from the app').toBe(c.status);
			expect((await hashDataDir(world.dataDir)) !== before, 'from the app: written').toBe(c.writes);
		});
	}
});
