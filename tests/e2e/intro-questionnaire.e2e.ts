/**
 * The intro and questionnaire pages as people saw them (issue [7]), in Chromium with JavaScript
 * on and off, at the two sizes seen (a 1280×800 desktop, a 375×740 phone):
 * - the start button lies within the first screen, the sources and method in a closed disclosure
 *   below it (screenshot 02: the button sat below the fold);
 * - each scored statement shows its step on the scale, in order, with the step's name, and each
 *   page the time left;
 * - a matrix on a phone answers row by row: no sideways scrolling, no clipped header, every
 *   choice whole within the screen at 375 and 320 px (screenshot 07: columns cut off).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { answerForm, readSaveForm } from '../helpers/page-form';
import { post } from '../helpers/participant';
import { checkState, clippedTableCells, overflowAt } from './a11y-checks';
import { javaScriptEnabled, launch, openPage, visit } from './browser';

const baseURL = inject('baseURL');
let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
});

const SIZES = [
	{ width: 1280, height: 800 },
	{ width: 375, height: 740 }
] as const;
const plain = (text: string | null) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ').trim();

let attempts = 0;
/** Starts a diagnostic with a plain form post; returns its private link's token. */
async function start(id: string): Promise<string> {
	const attempt = `introquest${String(++attempts).padStart(3, '0')}`.padEnd(22, 'A');
	const started = await post(baseURL, `/diagnostics/${id}?/start`, [['attempt', attempt]]);
	expect(started.status, `start ${id}`).toBe(303);
	return started.headers.get('location')!.split('/').at(-1)!;
}

/** Saves pages (answering every choice) until the page shown satisfies `stop`. */
async function advanceUntil(token: string, stop: (html: string) => boolean): Promise<void> {
	for (let i = 0; i < 20; i++) {
		const html = await (await fetch(`${baseURL}/p/${token}`)).text();
		if (stop(html)) return;
		const form = readSaveForm(html);
		if (!form) throw new Error('reached the results without meeting the page sought');
		const saved = await post(baseURL, `/p/${token}?/save`, [
			...answerForm(form, (n) => Math.min(1, n - 1)),
			['nav', 'next']
		]);
		expect(saved.status, `saving ${form.page}`).toBe(303);
	}
	throw new Error('page not found within 20 pages');
}

async function sized(width: number, height: number): Promise<Page> {
	const { page } = await openPage(browser);
	await page.setViewportSize({ width, height });
	return page;
}

describe(`intro (${javaScriptEnabled ? 'JavaScript on' : 'JavaScript off'})`, () => {
	for (const id of ['e-formateur', 'maturite-of']) {
		test(`${id}: the start button within the first screen, at 1280×800 and 375×740`, async () => {
			for (const { width, height } of SIZES) {
				const page = await sized(width, height);
				await visit(page, `${baseURL}/diagnostics/${id}`);
				const box = await page
					.getByRole('button', { name: 'Commencer le diagnostic' })
					.boundingBox();
				expect(box, `${width}×${height}: start button shown`).not.toBeNull();
				const where = `${width}×${height}: start button at ${JSON.stringify(box)}`;
				expect(box!.y, where).toBeGreaterThanOrEqual(0);
				expect(box!.y + box!.height, where).toBeLessThanOrEqual(height);
				expect(box!.x, where).toBeGreaterThanOrEqual(0);
				expect(box!.x + box!.width, where).toBeLessThanOrEqual(width);
				await page.context().close();
			}
		});
	}

	test('sources, licences and method: a closed disclosure below the button, every source in it', async () => {
		const page = await sized(1280, 800);
		await visit(page, `${baseURL}/diagnostics/e-formateur`);
		const method = page.locator('details#methode');
		expect(await method.count()).toBe(1);
		expect(plain(await method.locator('summary').textContent())).toBe(
			'Sources, licences et méthode'
		);
		expect(await method.getAttribute('open')).toBeNull();
		const below = await page.evaluate(() => {
			const button = document.querySelector('form.start button')!.getBoundingClientRect();
			return document.querySelector('details#methode')!.getBoundingClientRect().top > button.bottom;
		});
		expect(below, 'the disclosure comes after the start button').toBe(true);
		// Inside it: every source with its licence, the level-scale note and the text's licence.
		const body = plain(await method.textContent());
		for (const source of ['DigCompEdu', 'SELFIEforTEACHERS', 'D. 6313-3-1', 'RGAA', 'CRCN']) {
			expect(body).toContain(source);
		}
		expect(body).toContain('Licence :');
		expect(body).toContain('Texte du diagnostic sous licence CC BY 4.0');
		await method.locator('summary').press('Enter');
		expect(await method.getAttribute('open')).not.toBeNull();
		await checkState(page, 'intro, method open');
		await page.context().close();
	});
});

describe(`questionnaire (${javaScriptEnabled ? 'JavaScript on' : 'JavaScript off'})`, () => {
	test('long statements: each with its step in order and the step’s name; the time left shown', async () => {
		const token = await start('e-formateur');
		await advanceUntil(token, (html) => html.includes('name="e3_classe_virtuelle"'));
		const page = await sized(1280, 800);
		await visit(page, `${baseURL}/p/${token}`);
		const group = page.locator('fieldset#q-e3_classe_virtuelle');
		const radios = group.getByRole('radio');
		expect(await radios.count()).toBe(7);
		const names: string[] = [];
		for (let i = 0; i < (await radios.count()); i++) {
			const label = radios.nth(i).locator('xpath=ancestor::label');
			names.push(plain(await label.textContent()));
		}
		const steps = ['Je connais', 'J’ai essayé', 'J’utilise', 'J’analyse et je choisis'];
		steps.forEach((lead, i) => {
			expect(names[i]).toMatch(new RegExp(`^${lead} : .*\\(palier ${i + 1} sur 6\\)$`));
		});
		expect(names[5]).toMatch(/^J’initie : Je forme ou j’accompagne .*\(palier 6 sur 6\)$/);
		// « Does not apply » is no step.
		expect(names[6]).toBe('Ne s’applique pas à ma pratique');
		// The step's name is shown, in bold, before the statement; the bars follow the steps.
		const lead = group.locator('.choice-lead').first();
		expect(await lead.isVisible()).toBe(true);
		expect(plain(await lead.textContent())).toBe('Je connais');
		const filled = await group
			.locator('.step-mark')
			.evaluateAll((marks) => marks.map((m) => m.querySelectorAll('.on').length));
		expect(filled).toEqual([1, 2, 3, 4, 5, 6]);

		const time = plain(await page.locator('[data-time-left]').textContent());
		expect(time).toMatch(/^Environ \d+ min pour cette partie, \d+ min jusqu’aux résultats$/);
		const [part, rest] = time.match(/\d+/g)!.map(Number);
		expect(part).toBeGreaterThanOrEqual(1);
		expect(rest).toBeGreaterThan(part!);
		// Inside the progress line, read with « Partie 3 sur 6 ».
		expect(await page.locator('#progress-label [data-time-left]').count()).toBe(1);
		await page.context().close();
	});

	test('the last page says the time of that last part', async () => {
		const token = await start('exemple-mini');
		await advanceUntil(token, (html) => html.includes('name="suivi[relance]"'));
		const page = await sized(375, 740);
		await visit(page, `${baseURL}/p/${token}`);
		expect(plain(await page.locator('[data-time-left]').textContent())).toMatch(
			/^Environ \d+ min pour cette dernière partie$/
		);
		await page.context().close();
	});

	test('a matrix on a phone: row by row, nothing wider than 375 or 320 px, no clipped header', async () => {
		const token = await start('maturite-of');
		await advanceUntil(token, (html) => /<table[^>]*class="[^"]*matrix/.test(html));
		for (const width of [375, 320]) {
			const page = await sized(width, 740);
			await visit(page, `${baseURL}/p/${token}`);
			const at = `${width} px`;
			expect(await overflowAt(page, { width }), `${at}: page overflow`).toEqual([]);
			expect(await clippedTableCells(page, width), `${at}: clipped cells`).toEqual([]);
			const seen = await page.evaluate((limit) => {
				const table = document.querySelector<HTMLElement>('table.matrix')!;
				const out: string[] = [];
				// No scrolling region around the table.
				for (let a = table.parentElement; a && a !== document.body; a = a.parentElement) {
					if (a.scrollWidth > a.clientWidth + 1) out.push(`${a.className} scrolls sideways`);
				}
				// Column headers: shown whole, or taken out of the layout once rows are stacked.
				for (const th of table.querySelectorAll<HTMLElement>('thead th')) {
					const r = th.getBoundingClientRect();
					const hidden = r.width <= 1 || r.height <= 1;
					if (!hidden && (th.scrollWidth > th.clientWidth + 1 || r.right > limit))
						out.push(`header « ${th.textContent} » clipped`);
				}
				// Every choice whole within the screen, with its column's words beside it.
				for (const input of table.querySelectorAll<HTMLInputElement>('input[type=radio]')) {
					const label = input.closest('label')!;
					const r = label.getBoundingClientRect();
					if (r.left < 0 || r.right > limit)
						out.push(`choice ${input.name}=${input.value} at ${r.left}–${r.right}`);
					const words = label.querySelector('.matrix-choice-text');
					if (!words || !words.checkVisibility())
						out.push(`choice ${input.name}=${input.value} without its words`);
				}
				// Rows one after another: each row's header above its own choices.
				const rows = [...table.querySelectorAll<HTMLElement>('tbody tr')];
				for (const row of rows) {
					const head = row.querySelector('th')!.getBoundingClientRect();
					const first = row.querySelector('td')!.getBoundingClientRect();
					if (first.top < head.bottom - 1)
						out.push(`row « ${row.querySelector('th')!.textContent} » not stacked`);
				}
				return { problems: out, rows: rows.length };
			}, width);
			expect(seen.problems, at).toEqual([]);
			expect(seen.rows).toBeGreaterThanOrEqual(2);
			if (width === 375) await checkState(page, 'matrix page at 375 px');
			await page.context().close();
		}
	});
});
