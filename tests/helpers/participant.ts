/**
 * A participant or an organiser driven with plain form posts, as a browser without JavaScript
 * sends them: for tests that need many participants quickly (the browser tests drive the pages).
 */
import { expect } from 'vitest';

const FORM = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };

/**
 * Posts a form like a browser of the same origin; returns the response (redirects not followed).
 * `headers` adds to the form's, e.g. a proxy's `x-forwarded-for`.
 */
export async function post(
	url: string,
	action: string,
	fields: [string, string][],
	headers: Record<string, string> = {}
) {
	return fetch(`${url}${action}`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: url, ...FORM, ...headers },
		body: new URLSearchParams(fields)
	});
}

/** Creates a campaign of exemple-mini locked by `passphrase`; returns its management token. */
export async function createProtectedCampaign(url: string, passphrase: string): Promise<string> {
	const response = await post(url, '/campagnes/nouvelle', [
		['name', 'Campagne protégée'],
		['diagnostics', 'exemple-mini'],
		['k', '3'],
		['passphrase', passphrase]
	]);
	expect(response.status, 'campaign creation').toBe(303);
	return response.headers.get('location')!.split('/').at(-1)!;
}

/** Tries a campaign's passphrase as a browser without JavaScript does. */
export const unlock = (
	url: string,
	token: string,
	passphrase: string,
	headers: Record<string, string> = {}
) => post(url, `/campagnes/${token}?/unlock`, [['passphrase', passphrase]], headers);

/** Saves each page of a private link and moves on, as « Suivant » does; each save must pass. */
export async function answerPages(
	url: string,
	token: string,
	pages: { page: string; fields: [string, string][] }[]
): Promise<void> {
	for (const { page, fields } of pages) {
		const saved = await post(url, `/p/${token}?/save`, [
			['page', page],
			['nav', 'next'],
			...fields
		]);
		expect(saved.status, `page ${page}`).toBe(303);
	}
}

/** Creates a campaign; returns its management token and participant code. */
export async function createCampaign(
	url: string,
	fields: [string, string][]
): Promise<{ token: string; code: string }> {
	const response = await post(url, '/campagnes/nouvelle', fields);
	expect(response.status, 'campaign creation').toBe(303);
	const token = response.headers.get('location')!.split('/').at(-1)!;
	const html = await (await fetch(`${url}/campagnes/${token}`)).text();
	const code = /data-code[^>]*>([A-Z0-9-]+)</.exec(html)![1]!.replace('-', '');
	return { token, code };
}

/**
 * Joins a campaign with its code, answers each page (`pages`: page name and its form fields),
 * and shares the results if asked. Returns the private link's token.
 */
export async function takePart(
	url: string,
	code: string,
	join: [string, string][],
	pages: { page: string; fields: [string, string][] }[],
	share: boolean
): Promise<string> {
	const joined = await post(url, `/rejoindre/${code}`, [...join, ['consent', 'oui']]);
	expect(joined.status, 'join').toBe(303);
	const token = joined.headers.get('location')!.split('/').at(-1)!;
	await answerPages(url, token, pages);
	const results = await (await fetch(`${url}/p/${token}`)).text();
	expect(results, 'results shown').toContain('data-shared');
	if (share) {
		const shared = await post(url, `/p/${token}?/share`, [['partager', 'oui']]);
		expect(shared.status, 'share').toBe(303);
	}
	return token;
}

/** exemple-mini answers whose tutoring area (B) scores 0, 50 or 100 (`b` = 0, 1 or 2). */
export const miniPages = (b: number) => [
	{
		page: 'outils',
		fields: [
			['classe_virtuelle', 'souvent'],
			['aisance_quiz', '5'],
			['outils_quiz', 'h5p'],
			['outils_quiz', 'moodle'],
			['difficulte_quiz', 'false']
		] as [string, string][]
	},
	{
		page: 'accompagnement',
		fields: [
			['suivi[relance]', String(b)],
			['suivi[planning]', String(b)]
		] as [string, string][]
	}
];

/** The same answers as `miniPages`, as the engine takes them. */
export const miniAnswers = (b: number) => ({
	classe_virtuelle: 'souvent',
	aisance_quiz: 5,
	outils_quiz: ['h5p', 'moodle'],
	difficulte_quiz: false,
	suivi: { relance: b, planning: b }
});

/** exemple-orga answers: tutoring and platform, each non / en_partie / oui. */
export const orgaPages = (tutorat: string, plateforme: string) => [
	{
		page: 'organisation',
		fields: [
			['tutorat', tutorat],
			['plateforme', plateforme]
		] as [string, string][]
	}
];

/** Retakes a completed diagnostic from its private link, answers it and shares if asked. */
export async function retake(
	url: string,
	token: string,
	pages: { page: string; fields: [string, string][] }[],
	share: boolean
): Promise<string> {
	const response = await post(url, `/p/${token}?/retake`, []);
	expect(response.status, 'retake').toBe(303);
	const next = response.headers.get('location')!.split('/').at(-1)!;
	for (const { page, fields } of pages) {
		const saved = await post(url, `/p/${next}?/save`, [['page', page], ['nav', 'next'], ...fields]);
		expect(saved.status, `page ${page}`).toBe(303);
	}
	if (share) {
		expect((await post(url, `/p/${next}?/share`, [['partager', 'oui']])).status).toBe(303);
	}
	return next;
}
