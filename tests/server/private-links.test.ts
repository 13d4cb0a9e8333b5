/**
 * Private and management links against the production server: nothing but a form action writes
 * (CAP-06: reading, hover preloading — a GET of the page's __data.json — and HEAD leave the data
 * folder byte for byte unchanged), a deleted link stays dead on replay, crawlers are kept away
 * (CAP-03), no response opens itself to another origin (REQ-01), and downloads say what they are
 * (OUT-04).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { send } from '../helpers/http';
import { post } from '../helpers/participant';
import { hashDataDir, seededServer, start, type Seeded } from '../helpers/seed';

let world: Seeded & { stop: () => Promise<void> };
beforeAll(async () => {
	world = await seededServer();
}, 120_000);
afterAll(async () => {
	await world?.stop();
});

const EVIL = 'https://evil.example';

/** Every page and download a link opens, as a person, a link preview or a preloading hover asks. */
function readableRoutes(): string[] {
	const { campaign, answering, completed, guidedAnswering, guidedCompleted } = world;
	const management = `/campagnes/${campaign.token}`;
	const guided = `${management}/accompagnements/${guidedCompleted}`;
	const pages = [
		`/p/${answering}`,
		`/p/${answering}/supprimer`,
		`/p/${completed[0]}`,
		`/p/${completed[0]}?gratuit=1&tout=1`,
		`/p/${completed[0]}/supprimer`,
		`/en/p/${completed[0]}`,
		management,
		`${management}/accompagnements`,
		`${management}/accompagnements/${guidedAnswering}`,
		guided,
		`${guided}/rapport`,
		`/rejoindre/${campaign.code}`,
		'/diagnostics/exemple-mini',
		'/gestion'
	];
	return [
		...pages,
		// What `data-sveltekit-preload-data="hover"` fetches before a click.
		...pages.map((p) => {
			const [pathname, query] = p.split('?');
			return `${pathname === '/' ? '' : pathname}/__data.json${query ? `?${query}` : ''}`;
		}),
		`/p/${completed[0]}/donnees.json`,
		`${management}/export.csv?diagnostic=exemple-mini`,
		`${management}/export.xlsx?diagnostic=exemple-mini`,
		`${guided}/rapport.csv`,
		`${guided}/rapport.json`
	];
}

describe('only form actions write', () => {
	test('GET and HEAD of every private page, its data and downloads leave the data unchanged', async () => {
		const before = await hashDataDir(world.dataDir);
		for (const route of readableRoutes()) {
			for (const method of ['GET', 'HEAD']) {
				const answer = await send(world.url, { path: route, method });
				expect(answer.status, `${method} ${route}`).toBe(200);
			}
		}
		// The deletion page only asks for the confirmation: the participation is still there.
		expect((await send(world.url, { path: `/p/${world.answering}` })).status).toBe(200);
		expect(await hashDataDir(world.dataDir)).toBe(before);
	});

	test('a deleted link stays deleted: replayed deletion and save answer 404, writing nothing', async () => {
		const token = await start(world.url, 'exemple-mini');
		const deletion = [['confirmer', 'oui']] as [string, string][];
		const deleted = await post(world.url, `/p/${token}/supprimer`, deletion);
		expect(deleted.status).toBe(303);
		const after = await hashDataDir(world.dataDir);
		const replays = [
			await post(world.url, `/p/${token}/supprimer`, deletion),
			await post(world.url, `/p/${token}?/save`, [
				['page', 'outils'],
				['nav', 'next']
			]),
			await post(world.url, `/p/${token}?/retake`, [])
		];
		for (const replay of replays) expect(replay.status, replay.url).toBe(404);
		for (const method of ['GET', 'HEAD']) {
			for (const route of [`/p/${token}`, `/p/${token}/donnees.json`]) {
				const answer = await send(world.url, { path: route, method });
				expect(answer.status, `${method} ${route}`).toBe(404);
			}
		}
		// Kit answers a data request with 200 and the page's error inside.
		const data = await send(world.url, { path: `/p/${token}/__data.json` });
		expect(JSON.parse(data.body).nodes).toContainEqual(
			expect.objectContaining({ type: 'error', status: 404 })
		);
		expect(await hashDataDir(world.dataDir)).toBe(after);
	});
});

describe('crawlers and other origins', () => {
	test('robots.txt keeps crawlers off personal links; their pages say noindex, nofollow', async () => {
		const robots = await send(world.url, { path: '/robots.txt' });
		expect(robots.status).toBe(200);
		expect(robots.headers['content-type']).toMatch(/^text\/plain/);
		const disallowed = robots.body
			.split('\n')
			.filter((line) => line.startsWith('Disallow:'))
			.map((line) => line.slice('Disallow:'.length).trim());
		for (const prefix of ['/p/', '/campagnes/', '/rejoindre/', '/gestion']) {
			expect(disallowed, prefix).toContain(prefix);
			expect(disallowed, `/en${prefix}`).toContain(`/en${prefix}`);
		}
		// The join page is public (a code grants nothing) and robots.txt keeps crawlers off it.
		const personal = readableRoutes().filter(
			(r) => !r.startsWith('/diagnostics/') && !r.startsWith('/rejoindre/')
		);
		for (const route of personal) {
			const answer = await send(world.url, { path: route });
			expect(answer.headers['x-robots-tag'], route).toBe('noindex, nofollow');
		}
		// The public pages stay indexable.
		for (const route of ['/', '/en', '/diagnostics/exemple-mini', '/confidentialite']) {
			const answer = await send(world.url, { path: route });
			expect(answer.headers['x-robots-tag'], route).toBeUndefined();
		}
	});

	test('no response grants another origin access (preflight or not)', async () => {
		const routes = ['/', '/campagnes/nouvelle', ...readableRoutes()];
		for (const route of routes) {
			for (const method of ['OPTIONS', 'GET']) {
				const answer = await send(world.url, {
					path: route,
					method,
					headers: {
						origin: EVIL,
						'access-control-request-method': 'POST',
						'access-control-request-headers': 'content-type'
					}
				});
				expect(answer.status, `${method} ${route}`).toBeLessThan(500);
				const granted = Object.keys(answer.headers).filter((h) => h.startsWith('access-control-'));
				expect(granted, `${method} ${route}`).toEqual([]);
			}
		}
	});
});

describe('downloads', () => {
	test('exports and reports are attachments with their type; CSV in UTF-8 with a BOM', async () => {
		const management = `/campagnes/${world.campaign.token}`;
		const guided = `${management}/accompagnements/${world.guidedCompleted}`;
		const cases: [string, RegExp, RegExp][] = [
			[`${management}/export.csv?diagnostic=exemple-mini`, /^text\/csv; charset=utf-8$/, /\.csv"$/],
			[
				`${management}/export.xlsx?diagnostic=exemple-mini`,
				/^application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet$/,
				/\.xlsx"$/
			],
			[`${guided}/rapport.csv`, /^text\/csv; charset=utf-8$/, /\.csv"$/],
			[`/p/${world.completed[0]}/donnees.json`, /^application\/json/, /\.json"$/]
		];
		for (const [route, type, name] of cases) {
			const response = await fetch(`${world.url}${route}`);
			expect(response.status, route).toBe(200);
			expect(response.headers.get('content-type'), route).toMatch(type);
			const disposition = response.headers.get('content-disposition') ?? '';
			expect(disposition, route).toMatch(/^attachment; filename="[\w.-]+"$/);
			expect(disposition, route).toMatch(name);
			const bytes = new Uint8Array(await response.arrayBuffer());
			if (route.includes('.csv')) expect([...bytes.slice(0, 3)], route).toEqual([0xef, 0xbb, 0xbf]);
		}
	});
});

describe("a participant's own deletion", () => {
	test("leaves the campaign's counts at once, shared results included (PRIV-04)", async () => {
		const management = `${world.url}/campagnes/${world.campaign.token}`;
		const counts = async () => {
			const html = await (await fetch(management)).text();
			return Object.fromEntries(
				[...html.matchAll(/<dd data-count="([a-z-]+)"[^>]*>(\d+)</g)].map((m) => [
					m[1],
					Number(m[2])
				])
			);
		};
		const token = world.completed[2];
		const before = await counts();
		expect(Object.keys(before).sort()).toEqual(['completed', 'in-progress', 'joined', 'shared']);
		const shared = await post(world.url, `/p/${token}?/share`, [['partager', 'oui']]);
		expect(shared.status).toBe(303);
		expect(await counts()).toEqual({ ...before, shared: before.shared! + 1 });
		const deleted = await post(world.url, `/p/${token}/supprimer`, [['confirmer', 'oui']]);
		expect(deleted.status).toBe(303);
		expect(await counts()).toEqual({
			...before,
			joined: before.joined! - 1,
			completed: before.completed! - 1
		});
	});
});
