/**
 * A server of its own on questionnaires of the SurveyJS corpus (tests/fixtures/surveyjs-corpus/),
 * each wrapped as a package, with a Chromium to drive it: what the browser tests on the corpus
 * share, so that the other tests' diagnostics are unchanged.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startServer } from '../helpers/server';
import { corpusSurveys, wrapAsPackage, type CorpusSurvey } from '../helpers/surveyjs-corpus';
import { launch } from './browser';
import { allowServer } from './same-origin';

export interface CorpusServer {
	/** The server's address, once started. */
	readonly url: string;
	readonly browser: Browser;
	/** Where the packages were written (`<dir>/packages/<id>`). */
	readonly dir: string;
}

/**
 * Starts, before the file's tests, a server on the corpus questionnaires `ids` (all of them
 * when omitted) and a browser; stops both after them.
 */
export function corpusServer(ids?: readonly string[]): CorpusServer {
	let server: { url: string; child: ChildProcess; closed: Promise<void> } | undefined;
	let browser: Browser | undefined;
	let dir = '';
	beforeAll(async () => {
		dir = mkdtempSync(path.join(tmpdir(), 'reperes-corpus-e2e-'));
		const wanted: CorpusSurvey[] = corpusSurveys().filter((c) => !ids || ids.includes(c.id));
		if (ids && wanted.length !== ids.length) throw new Error(`corpus : ${ids.join(', ')} ?`);
		for (const { id, survey } of wanted) wrapAsPackage(id, survey, path.join(dir, 'packages'));
		server = await startServer({
			DATA_DIR: path.join(dir, 'data'),
			QUESTIONNAIRES_DIR: path.join(dir, 'packages')
		});
		allowServer(server.url);
		browser = await launch();
	});
	afterAll(async () => {
		await browser?.close();
		server?.child.kill('SIGTERM');
		await server?.closed;
	});
	return {
		get url() {
			if (!server) throw new Error('serveur du corpus non démarré');
			return server.url;
		},
		get browser() {
			if (!browser) throw new Error('navigateur non démarré');
			return browser;
		},
		get dir() {
			return dir;
		}
	};
}
