/**
 * `npm run bench:scoring`: cost of scoring an answer set with the pure engine, against a baseline
 * measured in the same run: what survey-core itself costs for the same answer set on the
 * server (assigning the answers to a reused model and validating it). Prints figures, asserts
 * nothing. `--smoke` (run by `npm test`): a few runs, to show that it still runs.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Model } from 'survey-core';
import { loadPackage, formatLocatedError } from '../src/lib/server/questionnaires/load';
import { scoreAnswers } from '../src/lib/scoring/score';
import type { Answers, ScoringModel } from '../src/lib/scoring/types';

/** A deterministic answer set: each item gets a value, or N/A, or nothing, by a simple cycle. */
function answerSet(model: ScoringModel, seed: number): Answers {
	const answers: Answers = {};
	model.items.forEach((item, i) => {
		const keys = Object.keys(item.points);
		const pick = (seed * 31 + i * 7) % (keys.length + 2);
		if (pick === keys.length + 1) return;
		const key = pick === keys.length ? (item.notApplicable[0] ?? keys[0]!) : keys[pick]!;
		if (item.row !== undefined) {
			answers[item.question] = { ...((answers[item.question] as object) ?? {}), [item.row]: key };
		} else answers[item.question] = item.kind === 'multiple' ? [key] : key;
	});
	return answers;
}

const SMOKE = process.argv.includes('--smoke');
const RUNS = SMOKE ? { engine: 200, baseline: 5 } : { engine: 20_000, baseline: 2_000 };

function time(runs: number, fn: (i: number) => void): number {
	for (let i = 0; i < Math.min(200, runs); i++) fn(i); // warm-up
	const start = performance.now();
	for (let i = 0; i < runs; i++) fn(i);
	return ((performance.now() - start) * 1000) / runs; // µs per run
}

console.log(
	`Node ${process.version}, ${new Date().toISOString().slice(0, 10)}` +
		(SMOKE ? ', --smoke (a few runs)' : '')
);
console.log('package        | engine µs/set | survey-core µs/set (baseline) | engine / baseline');
for (const id of ['e-formateur', 'maturite-of']) {
	const loaded = await loadPackage(path.join('src', 'lib', 'questionnaires', id));
	if (!loaded.ok) throw new Error(loaded.errors.map(formatLocatedError).join('\n'));
	const { model, pkg } = loaded.questionnaire;
	const sets = Array.from({ length: 1000 }, (_, i) => answerSet(model, i));
	let sink = 0;
	const engine = time(RUNS.engine, (i) => {
		sink += scoreAnswers(model, sets[i % sets.length]!).overall.valued;
	});
	const survey = new Model(pkg.survey);
	const baseline = time(RUNS.baseline, (i) => {
		survey.clear(true, true);
		survey.data = sets[i % sets.length]!;
		sink += survey.validate(true, false) ? 1 : 0;
	});
	survey.dispose();
	console.log(
		`${id.padEnd(14)} | ${engine.toFixed(1).padStart(13)} | ${baseline.toFixed(1).padStart(29)} | ${(engine / baseline).toFixed(3).padStart(17)}`
	);
	if (sink < 0) console.log(sink);
}
