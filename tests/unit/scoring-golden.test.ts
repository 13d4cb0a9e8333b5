/**
 * Golden fixtures: tests/fixtures/scoring/<package>/<case>/answers.json → expected.json.
 * When a change to a package or to the engine is intended, re-record with
 * `UPDATE_GOLDEN=1 npx vitest run tests/unit/scoring-golden.test.ts`, review the diff, and say
 * why in the commit.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { scoreAnswers } from '$lib/scoring/score';
import { loadById } from '../helpers/packages';
import { FIXTURES } from '../helpers/paths';

const GOLDEN = path.join(FIXTURES, 'scoring');
const record = process.env.UPDATE_GOLDEN === '1';

describe.each(readdirSync(GOLDEN).sort())('golden results of %s', async (id) => {
	const { model } = await loadById(id);
	const cases = readdirSync(path.join(GOLDEN, id)).sort();

	test.each(cases)('%s', (name) => {
		const dir = path.join(GOLDEN, id, name);
		const answers = JSON.parse(readFileSync(path.join(dir, 'answers.json'), 'utf8'));
		const result = scoreAnswers(model, answers);
		const file = path.join(dir, 'expected.json');
		if (record) writeFileSync(file, JSON.stringify(result, null, '\t') + '\n');
		expect(existsSync(file), `${file} is missing: record it with UPDATE_GOLDEN=1`).toBe(true);
		expect(result).toEqual(JSON.parse(readFileSync(file, 'utf8')));
	});
});
