/** Answering pages and reading results in the browser tests. */
import type { Page } from 'playwright-core';
import { formatScore } from '$lib/format/number';
import type { Answers } from '$lib/scoring/types';
import type { ResultView, ScoreLine } from '../../src/routes/p/[token]/result-view';
import { submit, visit } from './browser';
import { CANARY } from './log-check';

/** A small deterministic generator, so that a failure can be replayed. */
export function random(seed: number): (n: number) => number {
	let s = seed >>> 0;
	return (n: number) => {
		s = (s * 1664525 + 1013904223) >>> 0;
		return s % n;
	};
}

/** Answers every question of the current page; returns the answers given, as form values. */
export async function answerPage(page: Page, pick: (n: number) => number): Promise<Answers> {
	const answers: Answers = {};
	for (const block of await page.locator('[data-question]').all()) {
		const name = (await block.getAttribute('data-question'))!;
		const radios = block.locator(`input[type=radio][name="${name}"]`);
		const boxes = block.locator('input[type=checkbox]');
		const matrix = block.locator(`input[type=radio][name^="${name}["]`);
		const text = block.locator('textarea, input[type=text]');
		if ((await radios.count()) > 0) {
			const choice = radios.nth(pick(await radios.count()));
			await choice.check();
			answers[name] = await choice.getAttribute('value');
		} else if ((await boxes.count()) > 0) {
			const ticked: string[] = [];
			const count = await boxes.count();
			for (let i = 0; i < count; i++) {
				// An exclusive box (« none ») is ticked alone: only when nothing else is.
				const exclusive = (await boxes.nth(i).getAttribute('data-exclusive')) !== null;
				if (
					exclusive ? ticked.length > 0 : pick(2) === 0 && !(i === count - 1 && ticked.length === 0)
				)
					continue;
				await boxes.nth(i).check();
				ticked.push((await boxes.nth(i).getAttribute('value'))!);
			}
			answers[name] = ticked;
		} else if ((await matrix.count()) > 0) {
			const rows: Record<string, string> = {};
			for (const row of await block.locator('tbody tr').all()) {
				const cells = row.locator('input[type=radio]');
				const cell = cells.nth(pick(await cells.count()));
				await cell.check();
				const rowName = (await cell.getAttribute('name'))!.slice(name.length + 1, -1);
				rows[rowName] = (await cell.getAttribute('value'))!;
			}
			answers[name] = rows;
		} else if ((await text.count()) > 0) {
			// A canary: it must reach the store, never the server log (log-check.ts).
			await text.fill(`${CANARY.text} Un commentaire de test.`);
		}
	}
	return answers;
}

const NEXT = /^(Suivant|Terminer et voir mes résultats|Next|Finish and see my results)$/;

/**
 * Answers the current page and every following one, up to the results; returns all answers.
 * `onPage` runs on each page before it is answered (checks of the page as shown).
 */
export async function answerToTheEnd(
	page: Page,
	pick: (n: number) => number,
	maxPages = 12,
	onPage?: () => Promise<void>
): Promise<Answers> {
	const answers: Answers = {};
	for (let step = 0; step < maxPages; step++) {
		if ((await page.locator('#resultats-domaines').count()) > 0) return answers;
		await onPage?.();
		Object.assign(answers, await answerPage(page, pick));
		await submit(page, page.getByRole('button', { name: NEXT }));
	}
	throw new Error('results not reached');
}

/**
 * Starts diagnostic `id` from its intro and answers it to the end with the seeded answers:
 * leaves `page` on the results.
 */
export async function answerDiagnostic(
	page: Page,
	baseURL: string,
	id: string,
	seed: number
): Promise<Answers> {
	await visit(page, `${baseURL}/diagnostics/${id}`);
	await submit(page, page.getByRole('button', { name: 'Commencer le diagnostic' }));
	const answers = await answerToTheEnd(page, random(seed));
	await page.locator('#resultats-domaines').waitFor();
	return answers;
}

/** Submits the current page as it is. */
export const next = (page: Page) => submit(page, page.getByRole('button', { name: NEXT }));

/** What a results row shows for a score line: score and level. */
export const expectedCells = (line: ScoreLine, locale = 'fr') => [
	line.score === null ? '—' : formatScore(line.score, locale),
	// The level, then where the score sits within it (« bas du niveau », ADR 0029).
	line.level
		? `${line.level.name}${line.where ?? ''}`
		: locale === 'en'
			? 'Insufficient data'
			: 'Données insuffisantes'
];

/** The score and level cells of every area, overall and competence row on the page. */
export async function tableCells(page: Page, view: ResultView) {
	const read = async (selector: string) => {
		const cells = page.locator(`${selector} td`);
		return [await cells.nth(0).textContent(), await cells.nth(1).textContent()];
	};
	const rows: Record<string, (string | null)[]> = {};
	for (const line of [...view.areas, view.overall]) {
		rows[line.id] = await read(`#resultats-domaines tr[data-area="${line.id}"]`);
	}
	for (const c of view.areas.flatMap((a) => a.competences)) {
		rows[c.id] = await read(`tr[data-competence="${c.id}"]`);
	}
	return rows;
}

/** The same, computed from the engine's view. */
export function expectedTable(view: ResultView, locale = 'fr') {
	const rows: Record<string, string[]> = {};
	for (const line of [...view.areas, view.overall, ...view.areas.flatMap((a) => a.competences)]) {
		rows[line.id] = expectedCells(line, locale);
	}
	return rows;
}

/** What a server-drawn radar shows: its axis names as drawn, its series and its shaded band. */
export interface DrawnRadar {
	axes: string[];
	series: { name: string; values: (number | null)[] }[];
	band: { name: string; low: (number | null)[]; high: (number | null)[] } | null;
}

/**
 * The radars drawn in `within` (both JavaScript modes: they are SVG from the server), read from
 * the wide drawing of each: axis names as their lines are drawn, series in the order given.
 */
export async function radarsIn(page: Page, within = 'main'): Promise<DrawnRadar[]> {
	return page.locator(`${within} [data-radar] svg[data-variant="wide"]`).evaluateAll((all) =>
		all.map((svg) => {
			const json = (el: Element, name: string) =>
				JSON.parse(el.getAttribute(name)!) as (number | null)[];
			const spread = svg.querySelector('.spread');
			return {
				axes: [...svg.querySelectorAll('.axis-label')].map((t) =>
					[...t.querySelectorAll('tspan')].map((s) => s.textContent).join(' ')
				),
				series: [...svg.querySelectorAll('g.series')]
					.sort(
						(a, b) => Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index'))
					)
					.map((g) => ({ name: g.getAttribute('data-name')!, values: json(g, 'data-values') })),
				band: spread
					? {
							name: spread.getAttribute('data-name')!,
							low: json(spread, 'data-low'),
							high: json(spread, 'data-high')
						}
					: null
			};
		})
	);
}

/** The one radar of a participant's results page. */
export async function radarData(page: Page): Promise<DrawnRadar> {
	const radars = await radarsIn(page);
	if (radars.length !== 1) throw new Error(`expected one radar, found ${radars.length}`);
	return radars[0]!;
}
