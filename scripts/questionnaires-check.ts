/**
 * `npm run questionnaires:check [-- folder…]`: validates the bundled packages and those of
 * QUESTIONNAIRES_DIR (or the package folders given), with the rules the server applies at start.
 */
import path from 'node:path';
import { existsSync } from 'node:fs';
import { readConfig } from '../src/lib/server/config';
import {
	formatLocatedError,
	loadPackage,
	loadQuestionnaires,
	type LoadResult
} from '../src/lib/server/questionnaires/load';

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

const args = process.argv.slice(2);
const missing = args.filter((a) => !existsSync(a));
if (missing.length > 0) {
	console.error(`Dossier introuvable : ${missing.join(', ')}`);
	process.exit(2);
}
const result =
	args.length > 0
		? await checkFolders(args)
		: await loadQuestionnaires(readConfig().questionnaireDirs);

// Remarks first: they stop nothing, and stay above the verdict.
if (result.warnings.length > 0) {
	console.warn(
		`${result.warnings.length} remarque(s) sur les questionnaires (sans effet sur leur chargement) :`
	);
	for (const warning of result.warnings) console.warn(`  ${formatLocatedError(warning)}`);
}
if (!result.ok) {
	console.error(`${result.errors.length} problème(s) dans les questionnaires :`);
	for (const error of result.errors) console.error(`  ${formatLocatedError(error)}`);
	process.exit(1);
}
for (const q of result.questionnaires) {
	const { manifest, catalogue } = q.pkg;
	const c = q.counts;
	console.log(
		`✓ ${manifest.id} ${manifest.version} : ${c.questions} questions (${c.scoredQuestions} notées), ${c.scoredItems} items notés, ` +
			`${c.areas} domaines, ${c.competences} compétences, ${catalogue.resources.length} ressources ` +
			`(${path.relative(process.cwd(), q.dir)})`
	);
}
