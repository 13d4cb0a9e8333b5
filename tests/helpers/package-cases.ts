/**
 * Invalid-package fixtures: each case of tests/fixtures/invalid-packages/ is the valid
 * `exemple-mini` package with JSON-Pointer patches, removed files or raw replacement files.
 */
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FIXTURES, TEST_QUESTIONNAIRES } from './paths';

export interface PackageCase {
	name: string;
	/** The error expected; `message`: texts its message must contain (e.g. the question's title). */
	expected: { code: string; file: string; pointer: string; message?: string[] };
	/** The expected problem is a warning: the package still loads. */
	warning?: boolean;
	patch?: { file: string; op: 'add' | 'replace' | 'remove'; path: string; value?: unknown }[];
	removeFiles?: string[];
	files?: string[];
}

export const CASES_DIR = path.join(FIXTURES, 'invalid-packages');

export async function listCases(): Promise<PackageCase[]> {
	const names = (await readdir(CASES_DIR)).sort();
	return Promise.all(
		names.map(async (name) => ({
			name,
			...(JSON.parse(await readFile(path.join(CASES_DIR, name, 'case.json'), 'utf8')) as Omit<
				PackageCase,
				'name'
			>)
		}))
	);
}

const unescape = (token: string) => token.replace(/~1/g, '/').replace(/~0/g, '~');

/** Applies one RFC 6902-style operation in place. */
function applyOp(doc: unknown, op: NonNullable<PackageCase['patch']>[number]): void {
	const tokens = op.path.split('/').slice(1).map(unescape);
	const last = tokens.pop()!;
	let parent = doc as Record<string, unknown>;
	for (const t of tokens) parent = parent[t] as Record<string, unknown>;
	if (Array.isArray(parent)) {
		const index = last === '-' ? parent.length : Number(last);
		if (op.op === 'add') parent.splice(index, 0, op.value);
		else if (op.op === 'replace') parent[index] = op.value;
		else parent.splice(index, 1);
	} else if (op.op === 'remove') delete parent[last];
	else parent[last] = op.value;
}

/** Writes the case's package into a new temporary folder; returns the package folder. */
export async function materialiseCase(c: PackageCase, id = 'exemple-mini'): Promise<string> {
	const root = await mkdtemp(path.join(tmpdir(), `reperes-case-${c.name}-`));
	const dir = path.join(root, id);
	await cp(path.join(TEST_QUESTIONNAIRES, 'exemple-mini'), dir, { recursive: true });
	for (const op of c.patch ?? []) {
		const file = path.join(dir, op.file);
		const doc = JSON.parse(await readFile(file, 'utf8')) as unknown;
		applyOp(doc, op);
		await writeFile(file, JSON.stringify(doc, null, '\t'));
	}
	for (const name of c.removeFiles ?? []) await rm(path.join(dir, name));
	for (const name of c.files ?? []) {
		await cp(path.join(CASES_DIR, c.name, 'files', name), path.join(dir, name));
	}
	return dir;
}
