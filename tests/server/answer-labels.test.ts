/**
 * The results page of the production server shows a scored yes/no question's answers as the
 * form did (« Oui » / « Yes »), never the stored value « true » (ADR 0025): maturite-of answered
 * at its best but for the competence of its boolean question, whose next step is then « Oui ».
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer } from '../e2e/global-setup';
import { extremeKey, pagesAnswered } from '../helpers/answers';
import { stopServer } from '../helpers/http';
import { loadById } from '../helpers/packages';
import { answerPages } from '../helpers/participant';
import { start } from '../helpers/seed';

let url: string;
let child: ChildProcess;
let root: string;
beforeAll(async () => {
	root = await mkdtemp(path.join(tmpdir(), 'reperes-labels-'));
	({ url, child } = await startServer({ DATA_DIR: path.join(root, 'data') }));
}, 60_000);
afterAll(async () => {
	if (child) await stopServer(child);
	await rm(root, { recursive: true, force: true });
});

/** The next step the results page gives for a practice: the text after « — ». */
const nextStepOf = (html: string, practice: string) =>
	new RegExp(`>${practice.replace(/[.()]/g, '\\$&')}</span> — ([^<]*)</li>`).exec(html)?.[1];

describe('a scored boolean question on the results page', () => {
	test('its next step reads « Oui » in French and « Yes » in English', async () => {
		const { pkg, model } = await loadById('maturite-of');
		const token = await start(url, 'maturite-of');
		const pages = pagesAnswered(pkg, model, (item) =>
			item.question === 'a11y_referent'
				? 'false'
				: extremeKey(item, item.competence !== 'accessibilite.adaptation')
		);
		await answerPages(url, token, pages);
		const fr = await (await fetch(`${url}/p/${token}`)).text();
		expect(nextStepOf(fr, 'Un référent handicap est désigné et connu des équipes.')).toBe('Oui');
		const en = await (await fetch(`${url}/en/p/${token}`)).text();
		expect(
			nextStepOf(
				en,
				'A disability officer (référent handicap) has been appointed and is known to staff.'
			)
		).toBe('Yes');
		expect(fr).not.toMatch(/<\/span> — (true|false)</);
	});
});
