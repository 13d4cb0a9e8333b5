/**
 * Budgets per client address against the production server (ADR 0023; issue [6] points 1–5 and
 * the creation budgets of 7): a try is counted when it is admitted, in one step, so that bursts
 * pass no more than the budget; passphrases are counted before scrypt runs; failures are counted
 * where the lookup fails, so that `__data.json`, actions and downloads count and log as pages
 * do; a valid link keeps working for an address over its budget; IPv6 clients share a budget
 * per /64 and an address counts alike however it is spelt; creations have hourly budgets that a
 * training room never reaches, and a replayed start still lands on its participation.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { startServer } from '../e2e/global-setup';
import {
	createCampaign,
	createProtectedCampaign,
	miniPages,
	post,
	takePart,
	unlock
} from '../helpers/participant';
import { TEST_QUESTIONNAIRES } from '../helpers/paths';
import { readDocuments } from '../helpers/store-documents';
import { logEvents } from '../helpers/server-log';
import { stopServer } from '../helpers/http';

/** A server of its own for one test; stopped and removed afterwards. */
async function withServer<T>(
	env: Record<string, string>,
	run: (url: string, logFile: string, dataDir: string) => Promise<T>
): Promise<T> {
	const root = await mkdtemp(path.join(tmpdir(), 'reperes-budgets-'));
	const logFile = path.join(root, 'server.log');
	const dataDir = path.join(root, 'data');
	const { url, child } = await startServer(
		{ DATA_DIR: dataDir, QUESTIONNAIRES_DIR: TEST_QUESTIONNAIRES, ...env },
		logFile
	);
	try {
		return await run(url, logFile, dataDir);
	} finally {
		await stopServer(child);
		await rm(root, { recursive: true, force: true });
	}
}

const PASSPHRASE = 'une phrase assez longue';

/** How many responses had each status. */
const tally = (statuses: number[]) =>
	statuses.reduce<Record<number, number>>((t, s) => ({ ...t, [s]: (t[s] ?? 0) + 1 }), {});

/** The status a page's `__data.json` carries inside (Kit answers 200 around it). */
async function dataStatus(response: Response): Promise<number> {
	const body = (await response.json()) as { nodes?: ({ type: string; status?: number } | null)[] };
	return body.nodes?.find((n) => n?.type === 'error')?.status ?? response.status;
}

const lookupEvents = async (logFile: string, event: string) =>
	(await logEvents(logFile)).filter((e) => e.event === event);

describe('passphrases under a burst', () => {
	test.each([100, 300])(
		'%i concurrent wrong passphrases verify at most five; the right one sent in the burst is refused',
		async (burst) => {
			await withServer({}, async (url, logFile) => {
				const token = await createProtectedCampaign(url, PASSPHRASE);
				const wrong = Array.from({ length: burst }, (_, i) =>
					unlock(url, token, `essai-${i}-mauvais`).then((r) => r.status)
				);
				// Sent last, while the wrong ones are in flight.
				const right = unlock(url, token, PASSPHRASE);
				const statuses = await Promise.all(wrong);
				const counts = tally(statuses);
				// 400: checked and found wrong; 429: refused before any check.
				expect(counts[400] ?? 0).toBeGreaterThan(0);
				expect(counts[400] ?? 0).toBeLessThanOrEqual(5);
				expect((counts[400] ?? 0) + (counts[429] ?? 0)).toBe(burst);
				const answer = await right;
				expect(answer.status).toBe(429);
				expect(answer.headers.get('set-cookie')).toBeNull();
				expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
				// Still locked, and still refused after the burst.
				expect(await (await fetch(`${url}/campagnes/${token}`)).text()).toContain(
					'name="passphrase"'
				);
				expect((await unlock(url, token, PASSPHRASE)).status).toBe(429);
				await expect
					.poll(async () => (await lookupEvents(logFile, 'lookup.failed')).length)
					.toBe(counts[400]);
				expect(await lookupEvents(logFile, 'lookup.limited')).toHaveLength(
					counts[400] === 5 ? 1 : 0
				);
			});
		},
		120_000
	);
});

describe('passphrase checks of the whole process', () => {
	test('from many addresses at once: a few run, the rest are refused at once and not counted', async () => {
		await withServer(
			{ ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1' },
			async (url, logFile) => {
				const token = await createProtectedCampaign(url, PASSPHRASE);
				const answers = await Promise.all(
					Array.from({ length: 120 }, async (_, i) => {
						// Every other try as an enhanced form sends it (JSON answer).
						const enhanced = i % 2 === 1;
						const r = await unlock(url, token, `faux-${i}`, {
							'x-forwarded-for': `198.18.1.${i + 1}`,
							...(enhanced ? { accept: 'application/json', 'x-sveltekit-action': 'true' } : {})
						});
						const body = await r.text();
						// Kit answers an enhanced form's failure with 200, its status inside.
						const status =
							enhanced && r.status === 200
								? (JSON.parse(body) as { status: number }).status
								: r.status;
						return { status, retry: r.headers.get('retry-after'), enhanced, body };
					})
				);
				const checked = answers.filter((a) => a.status === 400);
				const refused = answers.filter((a) => a.status === 429);
				expect(checked.length + refused.length).toBe(120);
				// Two run at once and eight wait: most of a burst is refused.
				expect(refused.length).toBeGreaterThan(60);
				for (const r of refused) {
					expect(r.retry).toBe('1');
					expect(r.body).toContain('vérifie déjà d’autres phrases secrètes');
				}
				// Only the checks that ran were counted; the organiser, from anywhere, gets in.
				await expect
					.poll(async () => (await lookupEvents(logFile, 'lookup.failed')).length)
					.toBe(checked.length);
				const organiser = await unlock(url, token, PASSPHRASE, { 'x-forwarded-for': '198.18.1.5' });
				expect(organiser.status).toBe(303);
			}
		);
	}, 120_000);
});

describe('failed lookups are counted where they fail', () => {
	test('__data.json of unknown codes and links counts and logs as their pages do', async () => {
		await withServer({ LOOKUP_FAILURES_PER_10_MIN: '4' }, async (url, logFile) => {
			const tries = [
				'/rejoindre/ACDEFGHJ/__data.json',
				'/p/AAAAAAAAAAAAAAAAAAAAAA/__data.json',
				'/campagnes/BBBBBBBBBBBBBBBBBBBBBB/__data.json',
				'/rejoindre/ACDEFGHK/__data.json?x-sveltekit-invalidated=01'
			];
			for (const route of tries) expect(await dataStatus(await fetch(`${url}${route}`))).toBe(404);
			await expect
				.poll(async () => (await lookupEvents(logFile, 'lookup.failed')).map((e) => e.where))
				.toEqual(['/rejoindre/[code]', '/p/[token]', '/campagnes/[token]', '/rejoindre/[code]']);
			// The budget is spent: data requests and pages alike answer 429, for codes and links.
			const data = await fetch(`${url}/rejoindre/ACDEFGHM/__data.json`);
			expect(await dataStatus(data)).toBe(429);
			expect(Number(data.headers.get('retry-after'))).toBeGreaterThan(500);
			expect(await dataStatus(await fetch(`${url}/p/CCCCCCCCCCCCCCCCCCCCCC/__data.json`))).toBe(
				429
			);
			const page = await fetch(`${url}/rejoindre/ACDEFGHN`);
			expect(page.status).toBe(429);
			expect(await page.text()).toContain('Trop de liens ou de codes erronés');
			expect(await lookupEvents(logFile, 'lookup.limited')).toHaveLength(1);
			const log = await readFile(logFile, 'utf8');
			for (const tried of ['ACDEFGHJ', 'AAAAAAAAAAAAAAAAAAAAAA', 'BBBBBBBBBBBBBBBBBBBBBB']) {
				expect(log).not.toContain(tried);
			}
		});
	});

	test('300 concurrent wrong codes through every route: no more checked than the budget', async () => {
		await withServer({}, async (url, logFile) => {
			const { code } = await createCampaign(url, [
				['name', 'Campagne ouverte'],
				['diagnostics', 'exemple-mini'],
				['k', '3']
			]);
			// Codes of the right shape that open nothing (the campaign's own is left out).
			const guesses = Array.from({ length: 300 }, (_, i) =>
				[...`${i}`.padStart(8, '0')].map((d) => 'ACDEFGHJKM'[Number(d)]).join('')
			).filter((g) => g !== code);
			const routes = [
				async (g: string) => (await fetch(`${url}/rejoindre/${g}`)).status,
				async (g: string) => dataStatus(await fetch(`${url}/rejoindre/${g}/__data.json`)),
				async (g: string) => (await post(url, `/rejoindre/${g}`, [['consent', 'oui']])).status,
				async (g: string) => {
					const text = await (await fetch(`${url}/rejoindre?code=${g}`)).text();
					return text.includes('Trop de liens') ? 429 : text.includes('Ce code ne') ? 404 : 0;
				}
			];
			const statuses = await Promise.all(guesses.map((g, i) => routes[i % routes.length]!(g)));
			// The campaign's own code, sent once the budget is spent, is refused like the rest.
			const right = await fetch(`${url}/rejoindre/${code}`);
			expect(tally(statuses)).toEqual({ 404: 60, 429: guesses.length - 60 });
			expect(right.status).toBe(429);
			await expect.poll(async () => (await lookupEvents(logFile, 'lookup.failed')).length).toBe(60);
		});
	}, 120_000);
});

describe('an address over its budget', () => {
	test('still opens its own private link, management link and exports', async () => {
		await withServer({ LOOKUP_FAILURES_PER_10_MIN: '3' }, async (url) => {
			const { token: management, code } = await createCampaign(url, [
				['name', 'Salle de formation'],
				['diagnostics', 'exemple-mini'],
				['k', '3']
			]);
			const own = await takePart(url, code, [], miniPages(1), true);
			for (let i = 0; i < 3; i++) {
				expect((await fetch(`${url}/p/${String(i).padStart(22, 'A')}`)).status).toBe(404);
			}
			// Over budget: a wrong link answers 429...
			expect((await fetch(`${url}/p/ZZZZZZZZZZZZZZZZZZZZZZ`)).status).toBe(429);
			// ...and the room's own links, pages, data and downloads still open.
			for (const route of [
				`/p/${own}`,
				`/p/${own}/donnees.json`,
				`/p/${own}/supprimer`,
				`/campagnes/${management}`,
				`/campagnes/${management}/export.csv?diagnostic=exemple-mini`,
				`/campagnes/${management}/export.xlsx?diagnostic=exemple-mini`,
				`/campagnes/${management}/accompagnements`
			]) {
				expect((await fetch(`${url}${route}`)).status, route).toBe(200);
			}
			expect(await dataStatus(await fetch(`${url}/p/${own}/__data.json`))).toBe(200);
			expect(await dataStatus(await fetch(`${url}/campagnes/${management}/__data.json`))).toBe(200);
			const saved = await post(url, `/p/${own}?/share`, [['partager', 'non']]);
			expect(saved.status).toBe(303);
			// /gestion lists the valid link; the wrong one pasted with it is refused past the budget.
			const pasted = await post(url, '/gestion', [
				['links', `${url}/campagnes/${management}\nQQQQQQQQQQQQQQQQQQQQQQ`]
			]);
			expect(pasted.status).toBe(429);
			const html = await pasted.text();
			expect(html).toContain('Salle de formation');
			expect(html).toContain('Trop de liens ou de codes erronés');
		});
	}, 60_000);
});

describe('the client address budgets key on', () => {
	test('IPv6 clients share a budget per /64; an IPv4 address counts alike however spelt', async () => {
		await withServer(
			{ LOOKUP_FAILURES_PER_10_MIN: '2', ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1' },
			async (url) => {
				const from = async (address: string, i: number) =>
					(
						await fetch(`${url}/p/${String(i).padStart(22, 'B')}`, {
							headers: { 'x-forwarded-for': address }
						})
					).status;
				expect(await from('2001:db8:5:6::1', 1)).toBe(404);
				expect(await from('2001:db8:5:6:aaaa:bbbb:cccc:dddd', 2)).toBe(404);
				expect(await from('2001:0DB8:0005:0006::ffff', 3)).toBe(429);
				// The next /64 is another client.
				expect(await from('2001:db8:5:7::1', 4)).toBe(404);
				expect(await from('203.0.113.50', 5)).toBe(404);
				expect(await from('::ffff:203.0.113.50', 6)).toBe(404);
				expect(await from('::FFFF:cb00:7132', 7)).toBe(429);
			}
		);
	});

	test('X-Forwarded-For without ADDRESS_HEADER is said once in the log, without the address', async () => {
		await withServer({}, async (url, logFile) => {
			for (const address of ['198.51.100.23', '198.51.100.24']) {
				expect((await fetch(url, { headers: { 'x-forwarded-for': address } })).status).toBe(200);
			}
			await expect
				.poll(async () => lookupEvents(logFile, 'config.address_header_missing'))
				.toEqual([
					{
						time: expect.any(String),
						level: 'warn',
						event: 'config.address_header_missing',
						header: 'x-forwarded-for'
					}
				]);
			expect(await readFile(logFile, 'utf8')).not.toContain('198.51.100');
		});
	});
});

describe('creation budgets', () => {
	test('past the budget, starts, joins, campaigns and guided sessions answer 429; a replay still lands', async () => {
		await withServer(
			{
				STARTS_PER_HOUR: '3',
				CAMPAIGNS_PER_HOUR: '2',
				GUIDED_SESSIONS_PER_HOUR: '2',
				ADDRESS_HEADER: 'x-forwarded-for',
				XFF_DEPTH: '1'
			},
			async (url, _log, dataDir) => {
				const as = (address: string) => ({ 'x-forwarded-for': address });
				const send = (action: string, fields: [string, string][], address = '203.0.113.9') =>
					post(url, action, fields, as(address));
				const campaign = (name: string, address?: string) =>
					send(
						'/campagnes/nouvelle',
						[
							['name', name],
							['diagnostics', 'exemple-mini'],
							['k', '3']
						],
						address
					);
				const created = [await campaign('Un'), await campaign('Deux')];
				expect(created.map((r) => r.status)).toEqual([303, 303]);
				const third = await campaign('Trois');
				expect(third.status).toBe(429);
				expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(3000);
				const refusal = (await third.text()).replace(/\u00a0/g, ' ');
				expect(refusal).toContain('Trop de créations depuis cette adresse');
				// A wait people read (« 1 h »), not « 3599 s ».
				expect(refusal).toContain('Réessayez dans 1 h ;');
				expect((await campaign('Trois', '203.0.113.10')).status).toBe(303);
				const stored = await readDocuments<{ name: string }>(dataDir, 'campaigns');
				expect(stored.map((c) => c.name).sort()).toEqual(['Deux', 'Trois', 'Un']);

				const management = created[0]!.headers.get('location')!.split('/').at(-1)!;
				const open = () =>
					send(`/campagnes/${management}/accompagnements?/open`, [
						['client', 'Organisme'],
						['diagnostic', 'exemple-mini']
					]);
				expect([(await open()).status, (await open()).status, (await open()).status]).toEqual([
					303, 303, 429
				]);

				// Starts and joins share one budget; each form carries its attempt.
				const attemptOf = async (route: string) =>
					/name="attempt" value="([^"]+)"/.exec(
						await (await fetch(`${url}${route}`, { headers: as('203.0.113.9') })).text()
					)![1]!;
				const html = await (
					await fetch(`${url}/campagnes/${management}`, { headers: as('203.0.113.9') })
				).text();
				const code = /data-code[^>]*>([A-Z0-9-]+)</.exec(html)![1]!.replace('-', '');
				const firstAttempt = await attemptOf('/diagnostics/exemple-mini');
				const start = (attempt: string) =>
					send('/diagnostics/exemple-mini?/start', [['attempt', attempt]]);
				const first = await start(firstAttempt);
				expect(first.status).toBe(303);
				expect((await start(await attemptOf('/diagnostics/exemple-mini'))).status).toBe(303);
				const joinAttempt = await attemptOf(`/rejoindre/${code}`);
				const join = () =>
					send(`/rejoindre/${code}`, [
						['consent', 'oui'],
						['attempt', joinAttempt]
					]);
				const joined = await join();
				expect(joined.status).toBe(303);
				const refused = await start(await attemptOf('/diagnostics/exemple-mini'));
				expect(refused.status).toBe(429);
				expect((await refused.text()).replace(/\u00a0/g, ' ')).toContain(
					'Trop de diagnostics commencés'
				);
				// A replay (double click, reload) lands on its participation, budget or not.
				const replayed = await start(firstAttempt);
				expect(replayed.status).toBe(303);
				expect(replayed.headers.get('location')).toBe(first.headers.get('location'));
				const rejoined = await join();
				expect(rejoined.headers.get('location')).toBe(joined.headers.get('location'));
			}
		);
	}, 60_000);

	test('a room-sized workload from one address never meets the default budgets', async () => {
		await withServer({}, async (url) => {
			const statuses: number[] = [];
			// An organiser's morning: five campaigns, ten guided sessions.
			const campaigns: { token: string; code: string }[] = [];
			for (let i = 0; i < 5; i++) {
				const c = await createCampaign(url, [
					['name', `Groupe ${i}`],
					['diagnostics', 'exemple-mini'],
					['k', '3']
				]);
				campaigns.push(c);
				for (let j = 0; j < 2; j++) {
					statuses.push(
						(
							await post(url, `/campagnes/${c.token}/accompagnements?/open`, [
								['client', `Client ${j}`],
								['diagnostic', 'exemple-mini']
							])
						).status
					);
				}
			}
			// 150 people behind the room's address: each joins a campaign and starts two
			// diagnostics on their own; a few mistype the code first.
			for (let batch = 0; batch < 5; batch++) {
				await Promise.all(
					Array.from({ length: 30 }, async (_, i) => {
						const { code } = campaigns[(batch * 30 + i) % campaigns.length]!;
						if (i % 10 === 0)
							statuses.push((await fetch(`${url}/rejoindre/ACDEFGH${i % 7}`)).status);
						statuses.push((await post(url, `/rejoindre/${code}`, [['consent', 'oui']])).status);
						for (let k = 0; k < 2; k++) {
							statuses.push((await post(url, '/diagnostics/exemple-mini?/start', [])).status);
						}
					})
				);
			}
			expect(statuses.filter((s) => s === 429)).toEqual([]);
			expect(statuses.filter((s) => s === 303)).toHaveLength(10 + 150 * 3);
		});
	}, 120_000);
});
