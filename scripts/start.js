#!/usr/bin/env node
/**
 * `npm start`: builds the app when the build is missing or older than the sources, then
 * serves it with adapter-node on http://localhost:3000 (PORT, HOST, ORIGIN, DATA_DIR apply).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

// Questionnaire packages are read at run time, not built in: editing them needs no rebuild.
const dataOnly = path.join('src', 'lib', 'questionnaires');

/** Newest modification time under the given paths (files or folders). */
function newest(paths) {
	let latest = 0;
	const visit = (p) => {
		if (!existsSync(p) || p === dataOnly) return;
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
	'static',
	'svelte.config.js',
	'vite.config.ts',
	'package.json',
	'package-lock.json'
];
const stale = !existsSync(entry) || newest(sources) > statSync(entry).mtimeMs;

if (stale) {
	console.log('Repères : construction de l’application (première fois ou sources modifiées)…');
	const vite = path.join('node_modules', 'vite', 'bin', 'vite.js');
	const build = spawnSync(process.execPath, [vite, 'build'], { stdio: 'inherit' });
	if (build.status !== 0) process.exit(build.status ?? 1);
}

const env = { ...process.env };
env.PORT ??= '3000';
// Without ORIGIN, adapter-node assumes https and refuses form posts made over plain http.
env.ORIGIN ??= `http://localhost:${env.PORT}`;
console.log(`Repères : ${env.ORIGIN} (données : ${path.resolve(env.DATA_DIR ?? 'data')})`);
const server = spawn(process.execPath, [entry], { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) {
	process.on(signal, () => server.kill(signal));
}
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
