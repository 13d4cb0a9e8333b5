/**
 * `npm run questionnaires:check [-- [--lang en] folder…]`: validates the bundled packages and
 * those of QUESTIONNAIRES_DIR (or the package folders given), with the rules the server applies
 * at start. Problems are said in French, or in English with `--lang en` or an English LANG
 * (ADR 0038).
 */
import path from 'node:path';
import { existsSync } from 'node:fs';
import { readConfig } from '../src/lib/server/config';
import {
	formatLocatedErrorIn,
	loadPackage,
	loadQuestionnaires,
	type LoadResult
} from '../src/lib/server/questionnaires/load';
import { M, cliLocale } from '../src/lib/diagnostic/validator-messages';

async function checkFolders(folders: string[]): Promise<LoadResult> {
	const results = await Promise.all(folders.map((f) => loadPackage(path.resolve(f))));
	const errors = results.flatMap((r) => (r.ok ? [] : r.errors));
	const warnings = results.flatMap((r) => r.warnings);
	return errors.length > 0
		? { ok: false, errors, warnings }
		: {
				ok: true,
				questionnaires: results.flatMap((r) => (r.ok ? [r.questionnaire] : [])),
				warnings
			};
}

const asked = cliLocale(process.argv.slice(2), process.env);
if ('error' in asked) {
	// The reader's language is the unknown: say it in both.
	console.error(`${asked.error.fr}\n${asked.error.en}`);
	process.exit(2);
}
const { locale, rest: args } = asked;
const missing = args.filter((a) => !existsSync(a));
if (missing.length > 0) {
	console.error(M.cliFolderNotFound({ folders: missing })[locale]);
	process.exit(2);
}
const result =
	args.length > 0
		? await checkFolders(args)
		: await loadQuestionnaires(readConfig().questionnaireDirs);

// Remarks first: they stop nothing, and stay above the verdict.
if (result.warnings.length > 0) {
	console.warn(M.cliWarnings({ n: result.warnings.length })[locale]);
	for (const warning of result.warnings) console.warn(`  ${formatLocatedErrorIn(locale, warning)}`);
}
if (!result.ok) {
	console.error(M.cliErrors({ n: result.errors.length })[locale]);
	for (const error of result.errors) console.error(`  ${formatLocatedErrorIn(locale, error)}`);
	process.exit(1);
}
for (const q of result.questionnaires) {
	const { manifest, catalogue } = q.pkg;
	const c = q.counts;
	console.log(
		M.cliLoaded({
			id: manifest.id,
			version: manifest.version,
			questions: c.questions,
			scoredQuestions: c.scoredQuestions,
			scoredItems: c.scoredItems,
			areas: c.areas,
			competences: c.competences,
			resources: catalogue.resources.length,
			dir: path.relative(process.cwd(), q.dir)
		})[locale]
	);
}
