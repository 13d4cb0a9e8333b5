import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import {
	OPTIONAL_PACKAGE_FILES,
	PACKAGE_FILES,
	type QuestionnairePackage
} from '$lib/diagnostic/types';
import {
	formatPackageError,
	validatePackage,
	type PackageFiles
} from '$lib/diagnostic/validate-package';
import { buildScoringModel } from '$lib/scoring/build-model';
import type { ScoringModel } from '$lib/scoring/types';
import { BUNDLED, TEST_QUESTIONNAIRES } from './paths';

/** Ids of the packages the engine tests run on. */
export const SCORED_PACKAGES = ['e-formateur', 'maturite-of', 'exemple-mini'] as const;

/** Folder of a bundled or test-only package. */
export const packageDir = (id: string) =>
	existsSync(path.join(TEST_QUESTIONNAIRES, id))
		? path.join(TEST_QUESTIONNAIRES, id)
		: path.join(BUNDLED, id);

/** Reads and validates a package with the pure validator (no survey-core, no server code). */
export async function loadById(
	id: string
): Promise<{ pkg: QuestionnairePackage; model: ScoringModel }> {
	const files: PackageFiles = {};
	for (const name of PACKAGE_FILES)
		files[name] = await readFile(path.join(packageDir(id), name), 'utf8');
	for (const name of OPTIONAL_PACKAGE_FILES) {
		files[name] = await readFile(path.join(packageDir(id), name), 'utf8').catch(() => undefined);
	}
	const result = validatePackage(id, files);
	if (!result.ok) throw new Error(result.errors.map(formatPackageError).join('\n'));
	return { pkg: result.pkg, model: buildScoringModel(result.pkg) };
}
