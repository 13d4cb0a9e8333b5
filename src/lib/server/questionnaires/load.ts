/**
 * Loads questionnaire packages from folders, validates each one fully (our rules, then
 * survey-core's own parser) and returns either every package or every problem.
 */
import { readdir, readFile } from 'node:fs/promises';
import { IMAGES_FOLDER, imageType, surveyImageLinks } from '../../diagnostic/package-images';
import path from 'node:path';
import {
	checkCrosswalkCounterpart,
	validatePackage,
	type PackageError,
	type PackageFiles
} from '../../diagnostic/validate-package';
import {
	OPTIONAL_PACKAGE_FILES,
	PACKAGE_FILES,
	type QuestionnairePackage
} from '../../diagnostic/types';
import { packageCounts, type PackageCounts } from '../../diagnostic/counts';
import { packageLanguages } from '../../diagnostic/languages';
import { buildScoringModel } from '../../scoring/build-model';
import { surveyCoreErrors } from './survey-core-checks';
import { surveyCoreExpressions } from './expressions';
import { M, problem } from '../../diagnostic/validator-messages';
import type { Locale } from '../../diagnostic/types';
import type { ScoringModel } from '../../scoring/types';

export interface LoadedQuestionnaire {
	pkg: QuestionnairePackage;
	model: ScoringModel;
	/** Folder of the package. */
	dir: string;
	/**
	 * Its images an `imagepicker` shows (paths relative to the folder, `images/visio.png`): the
	 * only files of the package the app serves (ADR 0039).
	 */
	images: ReadonlySet<string>;
	/** What the pages show as counts (questions, scored items…), derived once. */
	counts: PackageCounts;
}

export interface LocatedPackageError extends PackageError {
	/** Folder of the package. */
	dir: string;
}

/** Every package, or every problem; `warnings` (remarks that stop nothing) in both cases. */
export type LoadResult =
	| { ok: true; questionnaires: LoadedQuestionnaire[]; warnings: LocatedPackageError[] }
	| { ok: false; errors: LocatedPackageError[]; warnings: LocatedPackageError[] };

/**
 * `dir/file#pointer : message [code]` in one of the validator's languages, with the folder
 * relative to the working directory.
 */
export function formatLocatedErrorIn(locale: Locale, error: LocatedPackageError): string {
	const relative = path.relative(process.cwd(), error.dir);
	const rel = relative === '' ? '.' : relative.startsWith('..') ? error.dir : relative;
	const file = error.file ? path.join(rel, error.file) : rel;
	const where = `${file}${error.pointer ? '#' + error.pointer : ''}`;
	return M.formatted({ where, message: error.messages, code: error.code })[locale];
}

/** `dir/file#pointer : message [code]` in French, the default (one argument, for `errors.map`). */
export const formatLocatedError = (error: LocatedPackageError): string =>
	formatLocatedErrorIn('fr', error);

async function readPackageFiles(dir: string): Promise<PackageFiles> {
	const files: PackageFiles = {};
	for (const name of [...PACKAGE_FILES, ...OPTIONAL_PACKAGE_FILES]) {
		try {
			files[name] = await readFile(path.join(dir, name), 'utf8');
		} catch (e) {
			if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
		}
	}
	return files;
}

/**
 * The image files of a package's `images/` folder (ADR 0039), as paths relative to the package
 * with `/`. Links and other non-regular files are left out: nothing outside the folder is reached.
 */
export async function packageImages(dir: string): Promise<string[]> {
	const found: string[] = [];
	const visit = async (relative: string, depth: number) => {
		let entries;
		try {
			entries = await readdir(path.join(dir, relative), { withFileTypes: true });
		} catch (e) {
			if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
			throw e;
		}
		for (const entry of entries) {
			const rel = `${relative}/${entry.name}`;
			if (entry.isDirectory() && depth < 4) await visit(rel, depth + 1);
			else if (entry.isFile() && imageType(entry.name)) found.push(rel);
		}
	};
	await visit(IMAGES_FOLDER, 0);
	return found.sort();
}

/** Validates one package folder. */
export async function loadPackage(
	dir: string
): Promise<
	| { ok: true; questionnaire: LoadedQuestionnaire; warnings: LocatedPackageError[] }
	| { ok: false; errors: LocatedPackageError[]; warnings: LocatedPackageError[] }
> {
	const id = path.basename(dir);
	const result = validatePackage(id, await readPackageFiles(dir), {
		expressions: surveyCoreExpressions,
		images: await packageImages(dir)
	});
	const warnings = result.warnings.map((e) => ({ ...e, dir }));
	const errors = result.ok
		? surveyCoreErrors(result.pkg.survey, packageLanguages(result.pkg)[0])
		: result.errors;
	if (!result.ok || errors.length > 0) {
		return { ok: false, errors: errors.map((e) => ({ ...e, dir })), warnings };
	}
	const pkg = result.pkg;
	const model = buildScoringModel(pkg);
	return {
		ok: true,
		questionnaire: {
			pkg,
			model,
			dir,
			images: new Set(surveyImageLinks(pkg.survey)),
			counts: packageCounts(pkg, model)
		},
		warnings
	};
}

/** Package folders of a directory (each sub-folder not starting with a dot). */
export async function packageDirs(root: string): Promise<string[]> {
	const entries = await readdir(root, { withFileTypes: true });
	return entries
		.filter((e) => e.isDirectory() && !e.name.startsWith('.'))
		.map((e) => path.join(root, e.name))
		.sort();
}

/** Loads every package of every root folder; any invalid package makes the whole load fail. */
export async function loadQuestionnaires(roots: string[]): Promise<LoadResult> {
	const questionnaires: LoadedQuestionnaire[] = [];
	const errors: LocatedPackageError[] = [];
	const warnings: LocatedPackageError[] = [];
	for (const root of roots) {
		let dirs: string[];
		try {
			dirs = await packageDirs(root);
		} catch (e) {
			errors.push({
				...problem('missing-file', '', '', M.unreadableFolder({ detail: (e as Error).message })),
				dir: root
			});
			continue;
		}
		for (const dir of dirs) {
			const loaded = await loadPackage(dir);
			warnings.push(...loaded.warnings);
			if (!loaded.ok) {
				errors.push(...loaded.errors);
				continue;
			}
			const twin = questionnaires.find(
				(q) => q.pkg.manifest.id === loaded.questionnaire.pkg.manifest.id
			);
			if (twin) {
				const message = M.idAlreadyUsed({
					id: twin.pkg.manifest.id,
					dir: path.relative(process.cwd(), twin.dir)
				});
				errors.push({ ...problem('id-mismatch', 'manifest.json', '/id', message), dir });

				continue;
			}
			questionnaires.push(loaded.questionnaire);
		}
	}
	// Crosswalks name another package: checked once every package is known.
	for (const q of questionnaires) {
		const counterpart = q.pkg.crosswalk
			? questionnaires.find((c) => c.pkg.manifest.id === q.pkg.crosswalk!.counterpart)
			: undefined;
		errors.push(
			...checkCrosswalkCounterpart(q.pkg, counterpart?.pkg).map((e) => ({ ...e, dir: q.dir }))
		);
	}
	return errors.length > 0
		? { ok: false, errors, warnings }
		: { ok: true, questionnaires, warnings };
}
