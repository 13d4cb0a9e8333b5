/**
 * Every journey with the keyboard alone (A11Y-04, A11Y-05), JavaScript on and off per project:
 * only Tab, Shift+Tab, arrows, Space and Enter, and typing into the field that has focus; no
 * click, no fill. Every focus stop must be visible (the :focus-visible ring on controls), every
 * page starts with the skip link, and after each submission focus lands where the person needs
 * to be: the new step's heading, the message saying what changed, or the list of errors (with
 * JavaScript; without, the answer is a new page whose title says what happened).
 */
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { javaScriptEnabled, launch, openPage, visit } from './browser';
import { KeyboardUser } from './keyboard';

const baseURL = inject('baseURL');
/** Polls as long as a submission may take on a busy machine. */
const poll = <T>(fn: () => Promise<T> | T, message?: string) =>
	expect.poll(fn, { timeout: 10_000, message });
const mode = javaScriptEnabled ? 'JavaScript on' : 'JavaScript off';
let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
});

// Without JavaScript, a form sent after following a summary's link (#consent) keeps that
// fragment through the redirect, as browsers do: only the path is compared.
const TOKEN_URL = (url: URL) => /^\/p\/[A-Za-z0-9_-]{22}$/.test(url.pathname);
/** Text as shown, with the non-breaking spaces of French typography as plain spaces. */
const plain = (text: string | null) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ').trim();
const h1 = (page: Page) => page.locator('h1').textContent().then(plain);
const untilH1 = (page: Page, text: string) => () =>
	poll(() => h1(page), `h1 « ${text} »`).toBe(text);

/** Sends the page's form empty or as it is, and expects the error summary to take focus. */
async function refusedStep(kb: KeyboardUser, button: string, what: string): Promise<void> {
	await kb.tabTo(button);
	await kb.rememberTitle();
	await kb.enter(() => poll(() => kb.page.locator('.error-summary').count()).toBe(1));
	await kb.landedOn('.error-summary', { what, title: 'changed' });
}

/**
 * From the error summary, follows its first link: focus (or, for a group of choices, the next
 * Tab) reaches the field it names.
 */
async function followFirstError(kb: KeyboardUser, field: string): Promise<void> {
	await kb.tabTo('.error-summary a');
	await kb.page.keyboard.press('Enter');
	if (!(await kb.isFocused(field))) await kb.press('Tab');
	expect(await kb.isFocused(field), `the summary's link leads to ${field}`).toBe(true);
}

/** Answers the two pages of exemple-mini (every kind of question) and reaches what follows. */
async function answerMini(kb: KeyboardUser, after: string): Promise<void> {
	const page = kb.page;
	const checked = (name: string) =>
		page
			.locator(`input[name="${name}"]:checked`)
			.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));

	// Page 1: a radio group (Space, then an arrow), a rating, checkboxes, a yes/no question;
	// sent first without its required answer.
	await refusedStep(kb, 'button[value="next"]', 'a required answer missing');
	await followFirstError(kb, 'input[name="classe_virtuelle"]');
	await kb.press('Space');
	await kb.press('ArrowDown');
	await kb.press('ArrowDown');
	// « Souvent » shows the comment of page 2.
	expect(await checked('classe_virtuelle')).toEqual(['souvent']);
	await kb.tabTo('input[name="aisance_quiz"]');
	await kb.press('Space');
	await kb.press('ArrowRight');
	expect(await checked('aisance_quiz')).toEqual(['2']);
	await kb.tabTo('input[name="outils_quiz"][value="h5p"]');
	await kb.press('Space');
	await kb.tabTo('input[name="outils_quiz"][value="moodle"]');
	await kb.press('Space');
	expect(await checked('outils_quiz')).toEqual(['h5p', 'moodle']);
	await kb.tabTo('input[name="difficulte_quiz"]');
	await kb.press('Space');
	expect(await checked('difficulte_quiz')).toHaveLength(1);
	await kb.tabTo('button[value="next"]');
	// No trap: Shift+Tab goes back to the last question, Tab returns to the button.
	await kb.press('Shift+Tab');
	expect(await kb.isFocused('input[name="difficulte_quiz"]'), 'Shift+Tab').toBe(true);
	await kb.tabTo('button[value="next"]');
	await kb.enter(untilH1(page, 'Accompagnement'));
	await kb.landedOn('h1', { what: 'the next step', title: 'changed' });

	// Page 2: a matrix (one radio group per row) and a comment typed in.
	await kb.tabTo('input[name="suivi[relance]"]');
	await kb.press('Space');
	await kb.press('ArrowRight');
	await kb.tabTo('input[name="suivi[planning]"]');
	await kb.press('Space');
	expect([await checked('suivi[relance]'), await checked('suivi[planning]')]).toEqual([
		['1'],
		['0']
	]);
	await kb.tabTo('textarea[name="remarque"]');
	await kb.type('Tapé au clavier.');
	await kb.tabTo('button[value="next"]');
	await kb.enter(untilH1(page, after));
	await kb.landedOn('h1', { what: `the last step, then « ${after} »`, title: 'changed' });
}

/** A campaign of exemple-mini created over HTTP, for the journeys that start from it. */
async function campaignLink(name: string, passphrase = ''): Promise<string> {
	const response = await fetch(`${baseURL}/campagnes/nouvelle`, {
		method: 'POST',
		body: new URLSearchParams({ name, diagnostics: 'exemple-mini', k: '5', passphrase }),
		headers: { origin: baseURL, accept: 'text/html' },
		redirect: 'manual'
	});
	expect(response.status).toBe(303);
	return new URL(response.headers.get('location')!, baseURL).href;
}

describe(`keyboard only (${mode})`, () => {
	// Twice 28 questions with the keyboard: longer than the other tests.
	test(
		'participant: intro, every page of e-formateur, results, retake, download, delete',
		{ timeout: 180_000 },
		async () => {
			const { page } = await openPage(browser);
			const kb = new KeyboardUser(page);
			await visit(page, `${baseURL}/diagnostics/e-formateur`);

			// The skip link is the first stop and takes the keyboard to the main content.
			await kb.press('Tab');
			expect(await kb.focused()).toMatchObject({
				tag: 'a',
				text: 'Aller au contenu',
				visible: true
			});
			await kb.press('Enter');
			await kb.tabTo('a, button, input');
			expect(await kb.isFocused('main a'), 'first stop after the skip link').toBe(true);

			await kb.tabTo('button[type=submit]');
			await kb.rememberTitle();
			await kb.enter(() => page.waitForURL(TOKEN_URL));
			await poll(() => h1(page)).toBe('Engagement professionnel');
			await kb.landedOn('h1', { what: 'starting', title: 'changed' });
			const link = page.url();

			/** Every question of every page: Space on the first choice, then `moves` arrows down. */
			const answerAll = async (moves: number) => {
				for (let step = 0; step < 8; step++) {
					if ((await page.locator('#resultats-domaines').count()) > 0) return;
					for (const block of await page.locator('[data-question]').all()) {
						const name = (await block.getAttribute('data-question'))!;
						if ((await block.locator('textarea').count()) > 0) {
							await kb.tabTo(`textarea[name="${name}"]`);
							await kb.type('Réponse tapée au clavier.');
							continue;
						}
						await kb.tabTo(`input[name="${name}"]`);
						await kb.press('Space');
						for (let i = 0; i < moves; i++) await kb.press('ArrowDown');
					}
					const title = await h1(page);
					await kb.tabTo('button[value="next"]');
					await kb.enter(() => poll(() => h1(page)).not.toBe(title));
					await kb.landedOn('h1', { what: `the step after « ${title} »`, title: 'changed' });
				}
				throw new Error('results not reached');
			};

			// First page sent empty: the summary takes focus, its first link leads to the question.
			await refusedStep(kb, 'button[value="next"]', 'a page sent empty');
			await followFirstError(kb, 'input[name="e1_communication"]');
			await kb.press('Shift+Tab'); // back before the question: answerAll Tabs into it again
			await answerAll(2);
			expect(await h1(page)).toBe('Vos résultats');
			expect(page.url()).toBe(link);

			// Retake: a new attempt, focus on its first step; answered to its results again.
			await kb.tabTo('form[action="?/retake"] button');
			await kb.enter(() => poll(() => page.url()).not.toBe(link));
			await poll(() => h1(page)).toBe('Engagement professionnel');
			await kb.landedOn('h1', { what: 'retaking', title: 'changed' });
			expect(TOKEN_URL(new URL(page.url()))).toBe(true);
			await answerAll(1);
			await poll(() => page.locator('#evolution').count()).toBe(1);

			// Download: Enter on the link saves the data as JSON.
			await kb.tabTo('a[download][href$="/donnees.json"]');
			const download = page.waitForEvent('download');
			await page.keyboard.press('Enter');
			const data = JSON.parse(await readFile((await (await download).path())!, 'utf8')) as {
				attempts: { answers: Record<string, unknown> }[];
			};
			// This attempt, then the one it retook.
			expect(data.attempts.map((a) => a.answers.e1_communication)).toEqual(['a2', 'b1']);

			// Delete: refused without the box ticked (focus on why), then done (focus on the notice).
			await kb.tabTo('a[href$="/supprimer"]');
			await kb.enter(untilH1(page, 'Supprimer mes résultats'));
			await kb.atTop('following the deletion link');
			await kb.tabTo('button[type=submit]');
			await kb.rememberTitle();
			await kb.enter(() => poll(() => page.locator('#confirm-error').count()).toBe(1));
			await kb.landedOn('#confirm-error', { what: 'deleting unconfirmed', title: 'changed' });
			await kb.tabTo('input[name=confirmer]');
			await kb.press('Space');
			await kb.tabTo('button[type=submit]');
			await kb.enter(untilH1(page, 'Faire le point sur le numérique en formation'));
			await kb.landedOn('main [role=status]', { what: 'deleting', title: 'changed' });
			expect(plain(await page.locator('main [role=status]').textContent())).toBe(
				'Vos réponses et vos résultats ont été supprimés.'
			);
			expect((await fetch(link)).status).toBe(404);

			expect(kb.problems, 'focus stops that cannot be seen').toEqual([]);
			await page.context().close();
		}
	);

	test('campaign: create, dashboard, join, answer, share, open a wave', async () => {
		const organiser = new KeyboardUser((await openPage(browser)).page);
		const page = organiser.page;
		const name = `Campagne au clavier ${javaScriptEnabled ? 'JS' : 'sans JS'}`;
		await visit(page, `${baseURL}/campagnes/nouvelle`);

		// Refused without a name and a diagnostic; the summary's link leads to the name.
		await refusedStep(organiser, 'button[type=submit]', 'creating a campaign without a name');
		await followFirstError(organiser, '#name');
		await organiser.type(name);
		await organiser.tabTo('input[name=diagnostics][value="exemple-mini"]');
		await organiser.press('Space');
		await organiser.tabTo('button[type=submit]');
		await organiser.enter(untilH1(page, name));
		await organiser.landedOn('h1', { what: 'creating a campaign', title: 'changed' });
		// Without the #name the summary's link left (see TOKEN_URL), so that visiting reloads.
		const management = page.url().split('#')[0]!;
		const code = (await page.locator('[data-code]').textContent())!;

		// A participant types the code on /rejoindre: a wrong one first.
		const participant = new KeyboardUser((await openPage(browser)).page);
		const joining = participant.page;
		await visit(joining, `${baseURL}/rejoindre`);
		await participant.tabTo('#code');
		await participant.type('ZZZZ-ZZZZ');
		await participant.rememberTitle();
		await participant.enter(() => poll(() => joining.locator('#code-error').count()).toBe(1));
		await participant.landedOn('#code-error', { what: 'an unknown code', title: 'changed' });
		await participant.tabTo('#code');
		for (let i = 0; i < 'ZZZZ-ZZZZ'.length; i++) await joining.keyboard.press('Backspace');
		await participant.type(code);
		await participant.enter(untilH1(joining, name));
		await participant.atTop('a known code');

		// Consent is required; the summary's link leads to the box.
		await refusedStep(participant, 'button[type=submit]', 'joining without consent');
		await followFirstError(participant, '#consent');
		await participant.press('Space');
		await participant.tabTo('button[type=submit]');
		await participant.enter(() => joining.waitForURL(TOKEN_URL));
		await poll(() => h1(joining)).toBe('Outils');
		await participant.landedOn('h1', { what: 'joining', title: 'changed' });
		await answerMini(participant, 'Vos résultats');

		// Share, then withdraw: focus on the sentence that says which it is now.
		const status = joining.locator('[data-shared]');
		await participant.tabTo('form[action="?/share"] button');
		await participant.rememberTitle();
		await participant.enterSaying('[data-shared]', () =>
			poll(() => status.getAttribute('data-shared')).toBe('true')
		);
		await participant.landedOn('[data-shared]', { what: 'sharing', title: 'same' });
		expect(plain(await status.textContent())).toMatch(/^Vos résultats sont partagés depuis le /);
		await participant.tabTo('form[action="?/share"] button');
		await participant.enterSaying('[data-shared]', () =>
			poll(() => status.getAttribute('data-shared')).toBe('false')
		);
		await participant.landedOn('[data-shared]', { what: 'withdrawing', title: 'same' });
		await participant.tabTo('form[action="?/share"] button');
		await participant.enterSaying('[data-shared]', () =>
			poll(() => status.getAttribute('data-shared')).toBe('true')
		);
		expect(participant.problems, 'participant: focus stops that cannot be seen').toEqual([]);
		await joining.context().close();

		// Back on the dashboard: the participation counts; open wave T1.
		await visit(page, management);
		await poll(() => page.locator('[data-count="shared"]').textContent()).toBe('1');
		await organiser.tabTo('form[action="?/openWave"] button');
		await organiser.rememberTitle();
		await organiser.enterSaying('.status-message', () => page.waitForURL(/\?vague=T1$/));
		await organiser.landedOn(javaScriptEnabled ? '.status-message' : 'h1', {
			what: 'opening a wave',
			title: 'same'
		});
		if (javaScriptEnabled) {
			expect(plain(await page.locator('.status-message').textContent())).toMatch(
				/^Vague T1 ouverte : /
			);
		}
		expect(organiser.problems, 'organiser: focus stops that cannot be seen').toEqual([]);
		await page.context().close();
	});

	test('guided session: open, answer, notes and ratings, action plan, report', async () => {
		const management = await campaignLink(`Accompagnements au clavier ${mode}`);
		const client = `Organisme clavier ${javaScriptEnabled ? 'JS' : 'sans JS'}`;
		const kb = new KeyboardUser((await openPage(browser)).page);
		const page = kb.page;
		await visit(page, management);

		await kb.tabTo('a[href$="/accompagnements"]');
		await kb.enter(untilH1(page, 'Diagnostics accompagnés'));
		await kb.atTop('following the link to the guided sessions');

		// Refused without a client; the summary's link leads to the field.
		await refusedStep(kb, 'button[type=submit]', 'opening a session without a client');
		await followFirstError(kb, '#client');
		await kb.type(client);
		await kb.tabTo('#diagnostic');
		await kb.arrowTo('exemple-mini');
		await kb.tabTo('button[type=submit]');
		await kb.enter(() => poll(() => h1(page)).toBe('Outils'));
		await kb.landedOn('h1', { what: 'opening a session', title: 'changed' });
		await answerMini(kb, client);

		// Notes and an advisor rating for « Outils ».
		await kb.tabTo('#note-A');
		await kb.type('Des outils, peu d’usage en séance.');
		await kb.tabTo('#rating-A');
		await kb.arrowTo('confirme');
		await kb.tabTo('form[action="?/assess"] button[type=submit]');
		await kb.rememberTitle();
		await kb.enterSaying('#notes .status-message', () =>
			poll(() => page.locator('tr[data-area="A"] td').nth(2).textContent()).toBe('Confirmé')
		);
		await kb.landedOn(javaScriptEnabled ? '#notes .status-message' : 'h1', {
			what: 'saving notes and ratings'
		});
		if (javaScriptEnabled) {
			expect(plain(await page.locator('#notes .status-message').textContent())).toBe(
				'Notes et niveaux du conseiller enregistrés.'
			);
		}

		// The action plan: refused without a title, then two actions, a status, a removal.
		await refusedStep(
			kb,
			'form[action="?/addAction"] button[type=submit]',
			'an action without a title'
		);
		await followFirstError(kb, '#action-title');
		const planStatus = page.locator('#plan .status-message');
		const rows = page.locator('[data-plan] tr[data-action] th');
		for (const [i, title] of ['Former l’équipe aux quiz', 'Action à retirer'].entries()) {
			if (!(await kb.isFocused('#action-title'))) await kb.tabTo('#action-title');
			await kb.type(title);
			await kb.tabTo('form[action="?/addAction"] button[type=submit]');
			await kb.enterSaying('#plan .status-message', () =>
				poll(() => rows.allTextContents()).toContain(title)
			);
			await kb.landedOn(javaScriptEnabled ? '#plan .status-message' : 'h1', {
				what: 'adding an action',
				// The first comes after a refusal, whose title said so.
				title: i === 0 ? 'changed' : 'same'
			});
			if (javaScriptEnabled) {
				expect(plain(await planStatus.textContent())).toBe(`Action « ${title} » ajoutée au plan.`);
			}
		}
		// The first action's (without JavaScript, focus starts from the fragment of the one just added).
		await kb.tabTo('[data-plan] tr[data-action]:nth-child(1) select');
		await kb.arrowTo('doing');
		await kb.tabTo('[data-plan] tr[data-action]:nth-child(1) form[action="?/setStatus"] button');
		await kb.enterSaying('#plan .status-message', () =>
			poll(() =>
				page.locator('[data-plan] tr[data-action] [data-status]').first().textContent()
			).toBe('En cours')
		);
		await kb.landedOn(javaScriptEnabled ? '#plan .status-message' : 'h1', {
			what: 'changing a status',
			title: 'same'
		});
		if (javaScriptEnabled) {
			expect(plain(await planStatus.textContent())).toBe(
				'Statut de l’action « Former l’équipe aux quiz » : En cours.'
			);
		}
		await kb.tabTo('[data-plan] tr[data-action]:nth-child(2) form[action="?/removeAction"] button');
		await kb.enterSaying('#plan .status-message', () => poll(() => rows.count()).toBe(1));
		await kb.landedOn(javaScriptEnabled ? '#plan .status-message' : 'h1', {
			what: 'removing an action',
			title: 'same'
		});
		if (javaScriptEnabled) {
			expect(plain(await planStatus.textContent())).toBe(
				'Action « Action à retirer » retirée du plan.'
			);
		}

		// The printable report.
		// With JavaScript focus is on the plan's message, below the link: back up to it.
		await kb.tabTo('a[href$="/rapport"]', javaScriptEnabled ? 'Shift+Tab' : 'Tab');
		await kb.enter(() => page.waitForURL(/\/rapport$/));
		await poll(() => h1(page)).toBe(client);
		await kb.atTop('following the link to the report');
		expect(plain(await page.locator('[data-plan]').textContent())).toContain(
			'Former l’équipe aux quiz'
		);
		expect(kb.problems, 'focus stops that cannot be seen').toEqual([]);
		await page.context().close();
	});

	test('/gestion: refused, found, then a campaign unlocked with its passphrase', async () => {
		const passphrase = 'une phrase secrète assez longue';
		const name = `Campagne protégée ${mode}`;
		const management = await campaignLink(name, passphrase);
		const kb = new KeyboardUser((await openPage(browser)).page);
		const page = kb.page;
		await visit(page, `${baseURL}/gestion`);

		await kb.tabTo('button[type=submit]');
		await kb.rememberTitle();
		await kb.enter(() => poll(() => page.locator('#links-error').count()).toBe(1));
		await kb.landedOn('#links-error', { what: 'looking up no link', title: 'changed' });
		await kb.tabTo('#links');
		await kb.type(management);
		await kb.tabTo('button[type=submit]');
		await kb.enter(() => poll(() => page.locator('#found-title').count()).toBe(1));
		await kb.landedOn('#found-title', { what: 'looking up a link', title: 'changed' });

		// Locked: the link leads to the passphrase form; a wrong one, then the right one.
		await kb.tabTo('[data-result-line="1"] a');
		await kb.enter(untilH1(page, 'Campagne protégée'));
		await kb.atTop('following the link to a locked campaign');
		await kb.tabTo('#passphrase');
		await kb.type('pas la bonne phrase');
		await kb.rememberTitle();
		await kb.enter(() => poll(() => page.locator('#passphrase-error').count()).toBe(1));
		await kb.landedOn('#passphrase-error', { what: 'a wrong passphrase', title: 'changed' });
		await kb.tabTo('#passphrase');
		// The refused phrase may still be there (kept as typed with JavaScript).
		for (let i = 0; i < 'pas la bonne phrase'.length; i++) await page.keyboard.press('Backspace');
		await kb.type(passphrase);
		await kb.enter(untilH1(page, name));
		await kb.landedOn('h1', { what: 'unlocking', title: 'changed' });
		expect(kb.problems, 'focus stops that cannot be seen').toEqual([]);
		await page.context().close();
	});
});
