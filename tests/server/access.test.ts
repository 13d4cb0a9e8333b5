/**
 * Access matrix of the management routes (production server): only a campaign's own management
 * link opens its dashboard, its data endpoint and its exports; no link, a participant code or
 * another campaign's link get nothing of it; every such response is uncacheable.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { startServer } from '../e2e/global-setup';

let url: string;
let child: ChildProcess;
let dataDir: string;

const FORM = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };

async function createCampaign(
	name: string,
	passphrase = ''
): Promise<{ token: string; code: string | null }> {
	const response = await fetch(`${url}/campagnes/nouvelle`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: url, ...FORM },
		body: new URLSearchParams({ name, diagnostics: 'e-formateur', k: '5', passphrase })
	});
	expect(response.status).toBe(303);
	const token = response.headers.get('location')!.split('/').at(-1)!;
	const html = await (await fetch(`${url}/campagnes/${token}`)).text();
	const code = /data-code[^>]*>([A-Z0-9-]+)</.exec(html)?.[1]?.replace('-', '') ?? null;
	return { token, code };
}

beforeAll(async () => {
	dataDir = await mkdtemp(path.join(tmpdir(), 'reperes-access-'));
	({ url, child } = await startServer({ DATA_DIR: dataDir }));
});
afterAll(async () => {
	const exited = new Promise((r) => child.once('exit', r));
	child.kill('SIGTERM');
	await exited;
	await rm(dataDir, { recursive: true, force: true });
});

describe('management routes', () => {
	test('only the own management link opens them', async () => {
		const own = await createCampaign('Campagne Alpha');
		const other = await createCampaign('Campagne Beta');
		const routes = (token: string) => [
			`/campagnes/${token}`,
			`/campagnes/${token}/__data.json`,
			`/campagnes/${token}/export.csv?diagnostic=e-formateur`,
			`/campagnes/${token}/export.xlsx?diagnostic=e-formateur`
		];

		for (const route of routes(own.token)) {
			const response = await fetch(`${url}${route}`);
			expect(response.status, route).toBe(200);
			expect(response.headers.get('cache-control'), route).toBe('no-store');
		}
		// No link, or a made-up one, or the participant code in its place: nothing.
		for (const token of ['', 'AAAAAAAAAAAAAAAAAAAAAA', own.code!]) {
			for (const route of routes(token)) {
				const response = await fetch(`${url}${route}`);
				const body = await response.text();
				if (route.includes('__data.json') && token) {
					// Kit's data protocol answers 200 and carries the 404 inside, with no data.
					expect(body, route).toContain('"status":404');
				} else expect(response.status, route).toBe(404);
				expect(body, route).not.toContain('Campagne Alpha');
			}
		}
		// The code grants joining, and shows nothing of the dashboard.
		const join = await fetch(`${url}/rejoindre/${own.code}`);
		expect(join.status).toBe(200);
		const joinPage = await join.text();
		expect(joinPage).toContain('Campagne Alpha');
		expect(joinPage).not.toContain(own.token);
		expect(joinPage).not.toContain('data-count');
		// Another campaign's link opens that campaign only.
		for (const route of routes(other.token)) {
			const response = await fetch(`${url}${route}`);
			expect(response.status, route).toBe(200);
			const body = route.includes('xlsx') ? '' : await response.text();
			expect(body, route).not.toContain('Campagne Alpha');
		}
	});
});

describe('management form actions', () => {
	const action = (token: string, name: string, cookie = '') =>
		fetch(`${url}/campagnes/${token}?/${name}`, {
			method: 'POST',
			redirect: 'manual',
			headers: { origin: url, ...FORM, ...(cookie ? { cookie } : {}) },
			body: new URLSearchParams(name === 'unlock' ? { passphrase: 'x' } : {})
		});
	const waves = async (token: string) =>
		[
			...(await (await fetch(`${url}/campagnes/${token}`)).text()).matchAll(
				/Ouvrir la vague (T\d+)/g
			)
		].map((m) => m[1]);

	test('run only with the own management link', async () => {
		const own = await createCampaign('Campagne Epsilon');
		const other = await createCampaign('Campagne Zeta');
		for (const token of ['AAAAAAAAAAAAAAAAAAAAAA', own.code!, 'x']) {
			for (const name of ['openWave', 'unlock']) {
				const response = await action(token, name);
				expect(response.status, `${name} with ${token}`).toBe(404);
				expect(await response.text()).not.toContain('Campagne Epsilon');
			}
		}
		// Another campaign's link acts on that campaign only.
		expect((await action(other.token, 'openWave')).status).toBe(303);
		expect(await waves(other.token)).toEqual(['T2']);
		expect(await waves(own.token)).toEqual(['T1']);
		// The own link opens the next wave.
		const opened = await action(own.token, 'openWave');
		expect(opened.status).toBe(303);
		expect(opened.headers.get('location')).toBe(`/campagnes/${own.token}?vague=T1`);
		expect(opened.headers.get('cache-control')).toBe('no-store');
		expect(await waves(own.token)).toEqual(['T2']);
	});

	test('need the passphrase when there is one', async () => {
		const locked = await createCampaign('Campagne Eta', 'une phrase assez longue');
		expect((await action(locked.token, 'openWave')).status).toBe(403);
		const right = await fetch(`${url}/campagnes/${locked.token}?/unlock`, {
			method: 'POST',
			redirect: 'manual',
			headers: { origin: url, ...FORM },
			body: new URLSearchParams({ passphrase: 'une phrase assez longue' })
		});
		const session = right.headers.get('set-cookie')!.split(';')[0]!;
		expect((await action(locked.token, 'openWave', session)).status).toBe(303);
	});
});

describe('a management passphrase', () => {
	test('locks the dashboard and the exports until it is given, per campaign', async () => {
		const locked = await createCampaign('Campagne Gamma', 'une phrase assez longue');
		expect(locked.code).toBeNull();
		const page = await (await fetch(`${url}/campagnes/${locked.token}`)).text();
		expect(page).toContain('Campagne protégée');
		expect(page).not.toContain('Campagne Gamma');
		const data = await (await fetch(`${url}/campagnes/${locked.token}/__data.json`)).text();
		expect(data).not.toContain('Campagne Gamma');
		expect((await fetch(`${url}/campagnes/${locked.token}/export.csv`)).status).toBe(403);

		const unlock = (passphrase: string) =>
			fetch(`${url}/campagnes/${locked.token}?/unlock`, {
				method: 'POST',
				redirect: 'manual',
				headers: { origin: url, ...FORM },
				body: new URLSearchParams({ passphrase })
			});
		const wrong = await unlock('pas la bonne phrase');
		expect(wrong.status).toBe(400);
		expect(await wrong.text()).toContain('Phrase secrète incorrecte');

		const right = await unlock('une phrase assez longue');
		expect(right.status).toBe(303);
		const cookie = right.headers.get('set-cookie')!;
		expect(cookie).toMatch(/HttpOnly/i);
		expect(cookie).toMatch(/SameSite=Strict/i);
		const session = cookie.split(';')[0]!;
		const opened = await fetch(`${url}/campagnes/${locked.token}`, {
			headers: { cookie: session }
		});
		expect(await opened.text()).toContain('Campagne Gamma');
		const csv = await fetch(`${url}/campagnes/${locked.token}/export.csv`, {
			headers: { cookie: session }
		});
		expect(csv.status).toBe(200);

		// The session opens this campaign only.
		const other = await createCampaign('Campagne Delta', 'une autre phrase secrète');
		const elsewhere = await fetch(`${url}/campagnes/${other.token}`, {
			headers: { cookie: session }
		});
		expect(await elsewhere.text()).not.toContain('Campagne Delta');
	});
});
