/**
 * static/plain-page.css styles the pages the server writes without the app's layout (a refused
 * post, ADR 0026). It cannot import the tokens of src/app.css, which Vite bundles under a hashed
 * name, so it repeats the ones it uses (ADR 0027): they must stay the same values, and it must
 * write no colour outside them.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { rootProperties } from '../helpers/contrast';
import { ROOT } from '../helpers/paths';

const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const app = rootProperties(read('src/app.css'));
const plainCss = read('static/plain-page.css');
const plain = rootProperties(plainCss);

test('each token plain-page.css repeats has the value of src/app.css', () => {
	const names = Object.keys(plain);
	expect(names.length).toBeGreaterThan(0);
	for (const name of names) {
		expect(app[name], `${name} in src/app.css`).toBeDefined();
		expect(plain[name]!.toLowerCase(), name).toBe(app[name]!.toLowerCase());
	}
});

test('plain-page.css writes its colours through those tokens only', () => {
	const root = /:root\s*\{[^}]*\}/.exec(plainCss)![0];
	expect(plainCss.replace(root, '')).not.toMatch(/#[0-9a-f]{3,8}\b|rgba?\(|hsla?\(/i);
});
