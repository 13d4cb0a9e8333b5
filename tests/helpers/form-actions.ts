/**
 * The form actions of the app, read from the routes' source (`export const actions = { … }` in
 * each +page.server.ts), so that a test covering every action fails when one is added.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import ts from 'typescript';
import { ROOT } from './paths';

export interface FormAction {
	/** Route id, as SvelteKit writes it: `/p/[token]`. */
	route: string;
	/** Action name (`default` for a form without `?/name`). */
	name: string;
}

async function serverFiles(dir: string): Promise<string[]> {
	const entries = await readdir(dir, { withFileTypes: true });
	const nested = await Promise.all(
		entries.map((e) => {
			const full = path.join(dir, e.name);
			if (e.isDirectory()) return serverFiles(full);
			return Promise.resolve(e.name === '+page.server.ts' ? [full] : []);
		})
	);
	return nested.flat();
}

/** The property names of the object literal exported as `actions` in a module's source. */
export function actionNames(source: string): string[] {
	const file = ts.createSourceFile('x.ts', source, ts.ScriptTarget.Latest, true);
	const names: string[] = [];
	const visit = (node: ts.Node) => {
		if (ts.isVariableDeclaration(node) && node.name.getText(file) === 'actions') {
			let init = node.initializer;
			while (init && (ts.isSatisfiesExpression(init) || ts.isAsExpression(init))) {
				init = init.expression;
			}
			if (init && ts.isObjectLiteralExpression(init)) {
				for (const p of init.properties) if (p.name) names.push(p.name.getText(file));
			}
		}
		ts.forEachChild(node, visit);
	};
	visit(file);
	return names;
}

/** Every form action of the app. */
export async function formActions(): Promise<FormAction[]> {
	const routes = path.join(ROOT, 'src', 'routes');
	const out: FormAction[] = [];
	for (const file of (await serverFiles(routes)).sort()) {
		const route = `/${path.relative(routes, path.dirname(file)).split(path.sep).join('/')}`;
		for (const name of actionNames(await readFile(file, 'utf8'))) {
			out.push({ route: route === '/' ? '/' : route.replace(/\/$/, ''), name });
		}
	}
	return out;
}
