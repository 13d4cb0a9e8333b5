/**
 * The production server (`node build`) refuses to start on an invalid questionnaire package or
 * an unreadable data file: exit code 1, a message naming the file, and the file left untouched.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { listCases, materialiseCase } from '../helpers/package-cases';
import { ROOT, TEST_QUESTIONNAIRES } from '../helpers/paths';
import { freePort } from '../e2e/global-setup';

/** Starts `node build` and waits for it to exit (or kills it after `ms`). */
async function runServer(env: Record<string, string>, ms = 15_000) {
	if (!existsSync(path.join(ROOT, 'build', 'index.js')))
		throw new Error('run `npm run build` first');
	const port = await freePort();
	const child = spawn(process.execPath, ['build'], {
		cwd: ROOT,
		env: {
			...process.env,
			HOST: '127.0.0.1',
			PORT: String(port),
			ORIGIN: `http://127.0.0.1:${port}`,
			...env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout.on('data', (d) => (output += d));
	child.stderr.on('data', (d) => (output += d));
	const timer = setTimeout(() => child.kill('SIGKILL'), ms);
	const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
	clearTimeout(timer);
	return { code, output };
}

const sha256 = async (file: string) =>
	createHash('sha256')
		.update(await readFile(file))
		.digest('hex');

describe('an invalid questionnaire package stops the start-up', () => {
	test('exit code 1 and every problem with its file and JSON path', async () => {
		const cases = await listCases();
		const dir = await materialiseCase(cases.find((c) => c.name === 'unsupported-type')!);
		const dataDir = await mkdtemp(path.join(tmpdir(), 'reperes-data-'));
		const { code, output } = await runServer({
			QUESTIONNAIRES_DIR: path.dirname(dir),
			DATA_DIR: dataDir
		});
		expect(code).toBe(1);
		expect(output).toContain('Repères ne démarre pas');
		expect(output).toContain(
			`${path.join('exemple-mini', 'survey.json')}#/pages/1/elements/1/type`
		);
		expect(output).toContain('[unsupported-type]');
		expect(output).not.toContain('Listening');
	});
});

describe('a warning about a questionnaire package does not stop the start-up', () => {
	test('the remark is printed with its place, and the server listens', async () => {
		const cases = await listCases();
		const dir = await materialiseCase(cases.find((c) => c.name === 'warning-personal-email')!);
		const dataDir = await mkdtemp(path.join(tmpdir(), 'reperes-data-'));
		// The server keeps running: it is stopped once it has had the time to start.
		const { output } = await runServer(
			{ QUESTIONNAIRES_DIR: path.dirname(dir), DATA_DIR: dataDir },
			8_000
		);
		expect(output).toContain('Repères démarre avec 1 remarque(s) sur les questionnaires');
		expect(output).toContain(
			`${path.join('exemple-mini', 'survey.json')}#/pages/1/elements/2/inputType`
		);
		expect(output).toContain('[personal-data]');
		expect(output).toContain('Listening');
	});
});

describe('an unreadable data file stops the start-up and is left untouched', () => {
	const corrupt: Record<string, Buffer> = {
		empty: Buffer.alloc(0),
		truncated: Buffer.from('{"schemaVersion":1,"participations":[{"id":"a'),
		'NUL bytes': Buffer.alloc(4096),
		'invalid UTF-8': Buffer.concat([
			Buffer.from('{"schemaVersion":1,"participations":[{"id":"'),
			Buffer.from([0xff, 0xfe]),
			Buffer.from('","tokenHash":"x"}]}')
		]),
		'wrong shape': Buffer.from('{"schemaVersion":1,"participations":{}}'),
		'unknown schema version': Buffer.from('{"schemaVersion":9,"participations":[]}')
	};

	test.each(Object.keys(corrupt))('%s', async (name) => {
		const dataDir = await mkdtemp(path.join(tmpdir(), 'reperes-data-'));
		const file = path.join(dataDir, 'reperes.json');
		await writeFile(file, corrupt[name]!);
		const before = await sha256(file);
		const { code, output } = await runServer({ DATA_DIR: dataDir });
		expect(code).toBe(1);
		expect(output).toContain('données illisibles');
		expect(output).toContain(file);
		expect(await sha256(file)).toBe(before);
	});
});

describe('QUESTIONNAIRES_DIR', () => {
	test('a valid extra folder starts and serves its questionnaire', async () => {
		const root = await mkdtemp(path.join(tmpdir(), 'reperes-q-'));
		await cp(path.join(TEST_QUESTIONNAIRES, 'exemple-mini'), path.join(root, 'exemple-mini'), {
			recursive: true
		});
		const dataDir = await mkdtemp(path.join(tmpdir(), 'reperes-data-'));
		const port = await freePort();
		const child = spawn(process.execPath, ['build'], {
			cwd: ROOT,
			env: {
				...process.env,
				HOST: '127.0.0.1',
				PORT: String(port),
				ORIGIN: `http://127.0.0.1:${port}`,
				DATA_DIR: dataDir,
				QUESTIONNAIRES_DIR: root
			},
			stdio: 'ignore'
		});
		try {
			let status = 0;
			for (let i = 0; i < 100 && status !== 200; i++) {
				await new Promise((r) => setTimeout(r, 100));
				status = await fetch(`http://127.0.0.1:${port}/diagnostics/exemple-mini`).then(
					(r) => r.status,
					() => 0
				);
			}
			expect(status).toBe(200);
		} finally {
			child.kill('SIGTERM');
		}
	});
});
