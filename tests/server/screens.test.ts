/**
 * `npm run screens` cannot rot unseen (issue [7]): its smoke mode runs against the production
 * build here, creates its data with form posts, captures a handful of states at both widths,
 * JavaScript on and off, and writes an index whose every picture exists.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ROOT } from '../helpers/paths';

const TIMEOUT_MS = 240_000;
let out: string;
beforeAll(async () => {
	out = await mkdtemp(path.join(tmpdir(), 'reperes-screens-test-'));
});
afterAll(async () => {
	await rm(out, { recursive: true, force: true });
});

/** Runs `npm run screens -- --smoke --out <out>`; its whole process group is stopped past the timeout. */
function screens(): Promise<{ code: number | null; output: string }> {
	const npm = process.env.npm_execpath;
	const args = ['run', 'screens', '--', '--smoke', '--out', out];
	const child = npm
		? spawn(process.execPath, [npm, ...args], { cwd: ROOT, detached: true })
		: spawn('npm', args, { cwd: ROOT, detached: true });
	let output = '';
	child.stdout.on('data', (d: Buffer) => (output += d));
	child.stderr.on('data', (d: Buffer) => (output += d));
	const timer = setTimeout(() => {
		try {
			process.kill(-child.pid!, 'SIGKILL');
		} catch {
			// already gone
		}
	}, TIMEOUT_MS);
	return new Promise((resolve, reject) => {
		child.once('error', reject);
		child.once('close', (code) => {
			clearTimeout(timer);
			resolve({ code, output });
		});
	});
}

test(
	'npm run screens -- --smoke captures its states and indexes every picture',
	async () => {
		const { code, output } = await screens();
		expect(code, output.slice(-4000)).toBe(0);
		const index = readFileSync(path.join(out, 'index.html'), 'utf8');
		const pictures = [...index.matchAll(/(?:src|href)="([^"#]+\.png)"/g)].map((m) => m[1]!);
		// Five states, two widths, JavaScript on and off, first screen and whole page.
		expect(new Set(pictures).size).toBe(5 * 2 * 2 * 2);
		for (const picture of pictures) expect(existsSync(path.join(out, picture)), picture).toBe(true);
		for (const state of ['home', 'questionnaire-page-1', 'results-mini', 'not-found']) {
			for (const suffix of ['1280--js', '1280--nojs', '375--js', '375--nojs']) {
				expect(pictures, `${state} ${suffix}`).toContain(`${state}--${suffix}.png`);
			}
		}
	},
	TIMEOUT_MS + 30_000
);
