/**
 * `npm run check:deps` (second half; DEP-01): every installed copy of @sveltejs/kit, svelte and
 * devalue — nested copies included — is at or above its floor (scripts/dependency-policy.ts).
 * Reads node_modules/…/package.json as installed, not package.json's ranges. Exit 1 otherwise.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FLOORS, floorProblems, type Installed } from './dependency-policy';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const wanted = new Set(FLOORS.map((f) => f.name));

/** Every copy of the wanted packages under a node_modules folder, at any depth. */
async function installedCopies(modules: string): Promise<Installed[]> {
	const found: Installed[] = [];
	let entries: string[];
	try {
		entries = await readdir(modules);
	} catch {
		return found;
	}
	const packages = (
		await Promise.all(
			entries.map(async (e) =>
				e.startsWith('@')
					? (await readdir(path.join(modules, e)).catch(() => [])).map((s) => `${e}/${s}`)
					: e.startsWith('.')
						? []
						: [e]
			)
		)
	).flat();
	for (const name of packages) {
		const dir = path.join(modules, name);
		if (wanted.has(name)) {
			const manifest = await readFile(path.join(dir, 'package.json'), 'utf8').catch(() => null);
			const version = manifest ? (JSON.parse(manifest) as { version?: string }).version : undefined;
			found.push({ name, version: version ?? '(no version)', path: path.relative(root, dir) });
		}
		found.push(...(await installedCopies(path.join(dir, 'node_modules'))));
	}
	return found;
}

const copies = await installedCopies(path.join(root, 'node_modules'));
for (const c of copies) console.log(`${c.name} ${c.version}  ${c.path}`);
const problems = floorProblems(copies);
if (problems.length > 0) {
	console.error(
		`Versions below their security floor (DEP-01):\n${problems.map((p) => `  ${p}`).join('\n')}`
	);
	process.exit(1);
}
console.log(`Security floors met: ${FLOORS.map((f) => `${f.name} ≥ ${f.min}`).join(', ')}.`);
