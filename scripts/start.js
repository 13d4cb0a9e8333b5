#!/usr/bin/env node
/**
 * `npm start`: builds the app when the build is missing or older than the sources, then runs
 * the production server (`node build`, ADR 0017) on http://localhost:3000 (PORT, HOST, ORIGIN,
 * DATA_DIR apply).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

// Questionnaire packages are read at run time, not built in: editing them needs no rebuild.
// Generated messages follow messages/*.json, which is watched instead.
const skipped = [path.join('src', 'lib', 'questionnaires'), path.join('src', 'lib', 'paraglide')];

/** Newest modification time under the given paths (files or folders). */
function newest(paths) {
	let latest = 0;
	const visit = (p) => {
		if (!existsSync(p) || skipped.includes(p)) return;
		const stat = statSync(p);
		if (stat.isDirectory()) {
			for (const entry of readdirSync(p)) visit(path.join(p, entry));
		} else latest = Math.max(latest, stat.mtimeMs);
	};
	paths.forEach(visit);
	return latest;
}

const entry = path.join('build', 'index.js');
const sources = [
	'src',
	// The package schemas are compiled into the server (ADR 0033).
	'schemas',
	'static',
	'server',
	'svelte.config.js',
	'vite.config.ts',
	'package.json',
	'package-lock.json'
];
const stale = !existsSync(entry) || newest(sources) > statSync(entry).mtimeMs;

if (stale) {
	console.log('Repères : construction de l’application (première fois ou sources modifiées)…');
	// `npm run build` also compiles the interface messages first (prebuild).
	const npm = process.env.npm_execpath;
	const build = npm
		? spawnSync(process.execPath, [npm, 'run', 'build'], { stdio: 'inherit' })
		: spawnSync('npm', ['run', 'build'], { stdio: 'inherit', shell: process.platform === 'win32' });
	if (build.status !== 0) process.exit(build.status ?? 1);
}

const env = { ...process.env };
env.PORT ??= '3000';
// The server refuses to start without ORIGIN; on one's own machine, this address is the one.
env.ORIGIN ||= `http://localhost:${env.PORT}`;
console.log(`Repères : ${env.ORIGIN} (données : ${path.resolve(env.DATA_DIR ?? 'data')})`);
const server = spawn(process.execPath, [entry], { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) {
	process.on(signal, () => server.kill(signal));
}
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
