/**
 * The production server's pages show the counts derived from each package and say what they
 * count (issue [6] point 17): the home page and the intro (questions asked, of which scored;
 * scored items), the progress line and the results' coverage (scored items), in French and
 * English.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { packageCounts } from '$lib/diagnostic/counts';
import { startServer } from '../e2e/global-setup';
import { extremeKey, pagesAnswered } from '../helpers/answers';
import { stopServer } from '../helpers/http';
import { loadById } from '../helpers/packages';
import { post } from '../helpers/participant';
import { start } from '../helpers/seed';

let url: string;
let child: ChildProcess;
let root: string;
beforeAll(async () => {
	root = await mkdtemp(path.join(tmpdir(), 'reperes-counts-'));
	({ url, child } = await startServer({ DATA_DIR: path.join(root, 'data') }));
}, 60_000);
afterAll(async () => {
	if (child) await stopServer(child);
	await rm(root, { recursive: true, force: true });
});

/** The page's text, tags dropped and spaces (narrow or not) made plain. */
const text = async (pathname: string) =>
	(await (await fetch(`${url}${pathname}`)).text())
		.replace(/<[^>]*>/g, ' ')
		.replace(/[\s\u00a0\u202f]+/g, ' ');

describe.each(['e-formateur', 'maturite-of'])('counts of %s', async (id) => {
	const { pkg, model } = await loadById(id);
	const c = packageCounts(pkg, model);

	test('home and intro: questions asked, of which scored; scored items', async () => {
		expect(await text('/')).toContain(`Questions ${c.questions}, dont ${c.scoredQuestions} notées`);
		expect(await text('/en')).toContain(
			`Questions ${c.questions}, ${c.scoredQuestions} of them scored`
		);
		const intro = await text(`/diagnostics/${id}`);
		expect(intro).toContain(
			`Questions ${c.questions}, dont ${c.scoredQuestions} notées, en ${c.pages} parties`
		);
		expect(intro).toContain(`Items notés ${c.scoredItems} : un item est une question notée`);
		expect(await text(`/en/diagnostics/${id}`)).toContain(
			`Scored items ${c.scoredItems}: an item is a scored question`
		);
	});

	test('progress and results count scored items', async () => {
		const token = await start(url, id);
		expect(await text(`/p/${token}`)).toContain('0 % des items notés ont une réponse');
		for (const { page, fields } of pagesAnswered(pkg, model, (i) => extremeKey(i, true))) {
			const saved = await post(url, `/p/${token}?/save`, [
				['page', page],
				['nav', 'next'],
				...fields
			]);
			expect(saved.status, `page ${page}`).toBe(303);
		}
		const results = await text(`/p/${token}`);
		expect(results).toContain(
			`${c.scoredItems} des ${c.scoredItems} items notés (100 %) ont reçu une réponse applicable`
		);
		// The overall row of the areas table: scored items counted / scored items.
		expect(results).toMatch(
			new RegExp(`Items pris en compte / notés.*${c.scoredItems} / ${c.scoredItems}`)
		);
		expect(await text(`/en/p/${token}`)).toContain(
			`${c.scoredItems} of the ${c.scoredItems} scored items (100%) received an applicable answer`
		);
	});
});
