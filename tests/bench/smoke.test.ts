/**
 * Benchmarks cannot rot unseen (issue [6]): every script of package.json whose name starts with
 * `bench` is run here with `--smoke` (few iterations, small sizes, figures printed, no target
 * judged), and fails if it exits non-zero or prints no figure. The list is read from
 * package.json, so a benchmark added there is covered without anyone remembering to add it.
 * A script that only chains other bench scripts (`npm run bench`) is not run a second time:
 * each of its parts must be a bench script of its own, and is run as such.
 *
 * The smoke contract of a bench script: `--smoke` makes it short (seconds, not minutes), it
 * still prints its figures on standard output, judges no target, and exits 0 unless it could
 * not measure (a server that did not start, a page that moved, PostgreSQL missing in CI).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { ROOT } from '../helpers/paths';

/** A smoke run taking longer than this is stopped and fails: smoke runs take seconds. */
const SMOKE_TIMEOUT_MS = 240_000;

const scripts = (
	JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
		scripts: Record<string, string>;
	}
).scripts;

/**
 * The bench scripts to run, and the aggregates (scripts that only chain other bench scripts,
 * by their command or by `npm run <name>`), each with the parts that are no bench script of
 * their own.
 */
export function planBenchmarks(all: Record<string, string>): {
	run: string[];
	aggregates: { name: string; strays: string[] }[];
} {
	const names = Object.keys(all).filter((name) => name.startsWith('bench'));
	const run: string[] = [];
	const aggregates: { name: string; strays: string[] }[] = [];
	for (const name of names) {
		const parts = all[name]!.split('&&').map((p) => p.trim());
		if (parts.length === 1) {
			run.push(name);
			continue;
		}
		const others = names.filter((n) => n !== name);
		const isBench = (part: string) =>
			others.some((n) => part === all[n]!.trim() || part === `npm run ${n}`);
		aggregates.push({ name, strays: parts.filter((p) => !isBench(p)) });
	}
	return { run, aggregates };
}

/** Standard output holds a figure: a number beyond the `Node vX.Y.Z, <date>` header line. */
export function hasFigure(stdout: string): boolean {
	return stdout
		.split('\n')
		.filter((line) => !/^Node v\d/.test(line))
		.some((line) => /\d/.test(line));
}

/** Runs `npm run <name> -- --smoke`; the whole process group is stopped past the timeout. */
function smoke(name: string): Promise<{ code: number | null; stdout: string; output: string }> {
	const npm = process.env.npm_execpath;
	const args = ['run', name, '--', '--smoke'];
	const child = npm
		? spawn(process.execPath, [npm, ...args], { cwd: ROOT, detached: true })
		: spawn('npm', args, { cwd: ROOT, detached: true });
	let stdout = '';
	let output = '';
	child.stdout.on('data', (d: Buffer) => {
		stdout += d;
		output += d;
	});
	child.stderr.on('data', (d: Buffer) => (output += d));
	const stop = (signal: NodeJS.Signals) => {
		try {
			process.kill(-child.pid!, signal);
		} catch {
			// already gone
		}
	};
	const timer = setTimeout(() => {
		output += `\n[smoke test] still running after ${SMOKE_TIMEOUT_MS / 1000} s: stopped`;
		stop('SIGTERM');
		setTimeout(() => stop('SIGKILL'), 10_000).unref();
	}, SMOKE_TIMEOUT_MS);
	return new Promise((resolve, reject) => {
		child.once('error', reject);
		child.once('close', (code) => {
			clearTimeout(timer);
			resolve({ code, stdout, output });
		});
	});
}

const plan = planBenchmarks(scripts);

describe('package.json’s bench scripts', () => {
	test('there are some, and an aggregate only chains bench scripts of their own', () => {
		expect(plan.run.length).toBeGreaterThan(0);
		for (const { name, strays } of plan.aggregates) {
			expect(strays, `"${name}" runs what no bench script runs on its own`).toEqual([]);
		}
	});

	test.each(plan.run)(
		'npm run %s -- --smoke runs and prints figures',
		async (name) => {
			const { code, stdout, output } = await smoke(name);
			const tail = output.slice(-4000);
			expect(code, `npm run ${name} -- --smoke exited ${code}:\n${tail}`).toBe(0);
			expect(hasFigure(stdout), `npm run ${name} -- --smoke printed no figure:\n${tail}`).toBe(
				true
			);
		},
		SMOKE_TIMEOUT_MS + 30_000
	);
});

describe('the plan itself', () => {
	test('aggregates are recognised by command or npm run, and strays are named', () => {
		const plan = planBenchmarks({
			build: 'vite build',
			bench: 'tsx scripts/bench-a.ts && npm run bench:b',
			'bench:a': 'tsx scripts/bench-a.ts',
			'bench:b': 'tsx scripts/bench-b.ts',
			'bench:all': 'npm run bench:a && tsx scripts/bench-c.ts'
		});
		expect(plan.run).toEqual(['bench:a', 'bench:b']);
		expect(plan.aggregates).toEqual([
			{ name: 'bench', strays: [] },
			{ name: 'bench:all', strays: ['tsx scripts/bench-c.ts'] }
		]);
	});

	test('a figure is a number beyond the header line', () => {
		expect(hasFigure('Node v20.19.0, 2026-12-07\nPostgreSQL NOT RUN\n')).toBe(false);
		expect(hasFigure('Node v20.19.0, 2026-12-07\nengine | 12.5 µs\n')).toBe(true);
	});
});
