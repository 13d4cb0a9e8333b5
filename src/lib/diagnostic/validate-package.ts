/**
 * Pure validation of a questionnaire package (docs/questionnaire-format.md).
 * It receives the raw text of each file and returns every problem found, each naming the
 * file and the JSON Pointer, so that an author can fix a package without reading code.
 */
import {
	OPTIONAL_PACKAGE_FILES,
	PACKAGE_FILES,
	RESOURCE_COSTS,
	RESOURCE_FORMATS,
	type PackageFileName,
	type QuestionnairePackage,
	type SurveyElementJson
} from './types';
import { choiceValue, frenchText, surveyElements, valueKey } from './survey-json';
import { placed } from './survey-place';
import { checkSurveyExpressions, type ExpressionParser } from './survey-expressions';
import { surveyWarnings } from './survey-warnings';
import {
	SUPPORTED_TYPES,
	answerValues,
	isSupportedType,
	matrixRows,
	questionType
} from '../question-types/registry';

export type PackageErrorCode =
	| 'invalid-json'
	| 'missing-file'
	| 'invalid-shape'
	| 'unsupported-type'
	| 'surveyjs-error'
	| 'duplicate-name'
	| 'duplicate-value'
	| 'unknown-question'
	| 'missing-competence'
	| 'competence-without-question'
	| 'choice-without-points'
	| 'unknown-competence'
	| 'unknown-level'
	| 'unknown-resource'
	| 'unknown-scale'
	| 'thresholds-not-increasing'
	| 'missing-french'
	| 'resource-not-https'
	| 'duplicate-id'
	| 'id-mismatch'
	| 'unknown-questionnaire'
	| 'invalid-expression'
	| 'unknown-function'
	| 'unknown-variable'
	// Warnings: the package loads all the same.
	| 'ignored-property'
	| 'personal-data';

export interface PackageError {
	code: PackageErrorCode;
	file: PackageFileName | '';
	/** JSON Pointer (RFC 6901) inside the file; empty for the whole file. */
	pointer: string;
	message: string;
}

export type PackageFiles = Partial<Record<PackageFileName, string>>;

/** Problems that stop the package (`errors`) and remarks that do not (`warnings`). */
export type ValidationResult =
	| { ok: true; pkg: QuestionnairePackage; errors: []; warnings: PackageError[] }
	| { ok: false; errors: PackageError[]; warnings: PackageError[] };

type Json = unknown;
/** Survey questions by name, with their JSON Pointer in survey.json. */
type QuestionIndex = Map<string, { element: SurveyElementJson; pointer: string }>;
type Obj = Record<string, Json>;

/** A well-formed absolute https:// URL. */
const isHttpsUrl = (v: Json): boolean =>
	typeof v === 'string' && URL.canParse(v) && new URL(v).protocol === 'https:';

const isObj = (v: Json): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Formats an error as `file#/pointer: message`. */
export function formatPackageError(error: PackageError): string {
	const where = error.file ? `${error.file}${error.pointer ? '#' + error.pointer : ''}` : '';
	return `${where ? where + ' : ' : ''}${error.message} [${error.code}]`;
}

/** Line and column (1-based) of a character offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
	const before = text.slice(0, offset);
	const line = before.split('\n').length;
	return { line, column: offset - before.lastIndexOf('\n') };
}

function parseJson(
	file: PackageFileName,
	text: string,
	errors: PackageError[]
): { ok: true; value: Json } | { ok: false } {
	try {
		return { ok: true, value: JSON.parse(text) as Json };
	} catch (e) {
		const message = e instanceof Error ? e.message : String(e);
		const position = /position (\d+)/.exec(message);
		const lineCol = /line (\d+) column (\d+)/.exec(message);
		let where = '';
		if (lineCol) where = ` (ligne ${lineCol[1]}, colonne ${lineCol[2]})`;
		else if (position) {
			const { line, column } = lineColumn(text, Number(position[1]));
			where = ` (ligne ${line}, colonne ${column})`;
		} else if (text.trim() === '') where = ' (fichier vide)';
		errors.push({
			code: 'invalid-json',
			file,
			pointer: '',
			message: `JSON invalide${where} : ${message}`
		});
		return { ok: false };
	}
}

/** Escapes a key for a JSON Pointer. */
const esc = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Checks the shape of one file. Each checker records `invalid-shape` / `missing-french`
 * errors and returns whether the value can be used further.
 */
class ShapeChecker {
	constructor(
		private readonly file: PackageFileName,
		private readonly errors: PackageError[]
	) {}

	fail(pointer: string, message: string, code: PackageErrorCode = 'invalid-shape'): false {
		this.errors.push({ code, file: this.file, pointer, message });
		return false;
	}

	object(value: Json, pointer: string, what: string): value is Obj {
		return isObj(value) || this.fail(pointer, `${what} : un objet est attendu`);
	}

	array(value: Json, pointer: string, what: string): value is Json[] {
		return Array.isArray(value) || this.fail(pointer, `${what} : une liste est attendue`);
	}

	string(obj: Obj, key: string, pointer: string): boolean {
		const v = obj[key];
		if (typeof v === 'string' && v.trim() !== '') return true;
		return this.fail(`${pointer}/${esc(key)}`, `« ${key} » : texte non vide attendu`);
	}

	number(obj: Obj, key: string, pointer: string, optional = false): boolean {
		const v = obj[key];
		if (v === undefined && optional) return true;
		if (typeof v === 'number' && Number.isFinite(v)) return true;
		return this.fail(`${pointer}/${esc(key)}`, `« ${key} » : nombre attendu`);
	}

	/** A `{ fr, en? }` text of our own files. */
	localized(obj: Obj, key: string, pointer: string): boolean {
		const v = obj[key];
		const at = `${pointer}/${esc(key)}`;
		if (!isObj(v)) return this.fail(at, `« ${key} » : texte traduit { "fr": …, "en": … } attendu`);
		if (typeof v.fr !== 'string' || v.fr.trim() === '') {
			return this.fail(at, `« ${key} » : texte français manquant`, 'missing-french');
		}
		if (v.en !== undefined && typeof v.en !== 'string') {
			return this.fail(`${at}/en`, `« ${key}.en » : texte attendu`);
		}
		return true;
	}

	/**
	 * A name that may be one plain string (the same in every language) or a `{ fr, en? }` text
	 * (ADR 0029): a provider, a publisher, a licence line.
	 */
	nameText(obj: Obj, key: string, pointer: string): boolean {
		const v = obj[key];
		if (typeof v === 'string') return this.string(obj, key, pointer);
		if (isObj(v)) return this.localized(obj, key, pointer);
		return this.fail(
			`${pointer}/${esc(key)}`,
			`« ${key} » : texte, ou texte traduit { "fr": …, "en": … }, attendu`
		);
	}

	/** An id: letters, digits, dot, dash, underscore. */
	id(obj: Obj, key: string, pointer: string): boolean {
		if (!this.string(obj, key, pointer)) return false;
		if (/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(obj[key] as string)) return true;
		return this.fail(
			`${pointer}/${esc(key)}`,
			`identifiant « ${String(obj[key])} » : lettres, chiffres, « . », « - » ou « _ » seulement`
		);
	}
}

/** Records a duplicate id error when `id` was seen before in `seen`. */
function checkUnique(
	seen: Map<string, string>,
	id: string,
	file: PackageFileName,
	pointer: string,
	what: string,
	errors: PackageError[],
	code: PackageErrorCode = 'duplicate-id'
) {
	const first = seen.get(id);
	if (first !== undefined) {
		errors.push({
			code,
			file,
			pointer,
			message: `${what} « ${id} » en double (déjà défini en ${first})`
		});
	} else seen.set(id, pointer);
}

export interface ValidationOptions {
	/** Checks survey.json's expressions with this parser (survey-core's, on the server). */
	expressions?: ExpressionParser;
}

/**
 * Validates a package given the raw text of its files.
 * @param id the package folder name
 * @example validatePackage('e-formateur', { 'manifest.json': '{…}', … }, { expressions })
 */
export function validatePackage(
	id: string,
	files: PackageFiles,
	options: ValidationOptions = {}
): ValidationResult {
	const errors: PackageError[] = [];
	const parsed: Partial<Record<PackageFileName, Json>> = {};
	for (const file of PACKAGE_FILES) {
		const text = files[file];
		if (text === undefined) {
			errors.push({
				code: 'missing-file',
				file,
				pointer: '',
				message: `fichier manquant dans le paquet « ${id} »`
			});
			continue;
		}
		const result = parseJson(file, text, errors);
		if (result.ok) parsed[file] = result.value;
	}
	for (const file of OPTIONAL_PACKAGE_FILES) {
		const text = files[file];
		if (text === undefined) continue;
		const result = parseJson(file, text, errors);
		if (result.ok) parsed[file] = result.value;
	}

	const competenceIds = new Map<string, string>();
	const levelIds = new Map<string, string>();
	const resourceIds = new Map<string, string>();
	const questionTypes: QuestionIndex = new Map();

	checkManifest(id, parsed['manifest.json'], errors);
	checkFramework(parsed['framework.json'], competenceIds, errors);
	checkLevels(parsed['levels.json'], levelIds, errors);
	checkSurvey(parsed['survey.json'], questionTypes, errors);
	if (options.expressions && isObj(parsed['survey.json'])) {
		errors.push(...checkSurveyExpressions(parsed['survey.json'], options.expressions));
	}
	const measured = checkScoring(parsed['scoring.json'], questionTypes, competenceIds, errors);
	checkCatalogue(parsed['catalogue.json'], competenceIds, levelIds, resourceIds, errors);
	checkCrosswalk(parsed['crosswalk.json'], parsed, levelIds, errors);

	// A competence nobody measures would always read "insufficient data".
	if (parsed['framework.json'] !== undefined && parsed['scoring.json'] !== undefined) {
		for (const [competence, pointer] of competenceIds) {
			if (!measured.has(competence)) {
				errors.push({
					code: 'competence-without-question',
					file: 'framework.json',
					pointer,
					message: `la compétence « ${competence} » n’est mesurée par aucune question notée`
				});
			}
		}
	}

	const warnings = surveyWarnings(parsed['survey.json']);
	// An author finds a question by its page and title, not by an index: say both.
	for (const problem of [...errors, ...warnings]) {
		if (problem.file === 'survey.json' && problem.pointer) {
			problem.message = placed(parsed['survey.json'], problem.pointer, problem.message);
		}
	}

	if (errors.length > 0) return { ok: false, errors, warnings };
	return {
		ok: true,
		errors: [],
		warnings,
		pkg: {
			manifest: parsed['manifest.json'],
			survey: parsed['survey.json'],
			framework: parsed['framework.json'],
			levels: parsed['levels.json'],
			scoring: parsed['scoring.json'],
			catalogue: parsed['catalogue.json'],
			...(parsed['crosswalk.json'] !== undefined ? { crosswalk: parsed['crosswalk.json'] } : {})
		} as QuestionnairePackage
	};
}

function checkManifest(id: string, manifest: Json, errors: PackageError[]) {
	if (manifest === undefined) return;
	const c = new ShapeChecker('manifest.json', errors);
	if (!c.object(manifest, '', 'manifest')) return;
	if (c.string(manifest, 'id', '') && manifest.id !== id) {
		c.fail(
			'/id',
			`l’identifiant « ${String(manifest.id)} » doit être le nom du dossier « ${id} »`,
			'id-mismatch'
		);
	}
	c.string(manifest, 'version', '');
	if (manifest.subject !== 'individual' && manifest.subject !== 'organisation') {
		c.fail('/subject', '« subject » : « individual » ou « organisation » attendu');
	}
	for (const key of ['title', 'summary', 'audience', 'measures', 'about']) {
		c.localized(manifest, key, '');
	}
	if (c.number(manifest, 'durationMinutes', '') && (manifest.durationMinutes as number) <= 0) {
		c.fail('/durationMinutes', '« durationMinutes » : durée positive attendue');
	}
	c.string(manifest, 'licence', '');
	if (c.array(manifest.sources, '/sources', 'sources')) {
		manifest.sources.forEach((source, i) => {
			const at = `/sources/${i}`;
			if (!c.object(source, at, 'source')) return;
			c.string(source, 'title', at);
			c.nameText(source, 'publisher', at);
			c.nameText(source, 'licence', at);
			c.localized(source, 'use', at);
			c.number(source, 'year', at, true);
			if (c.string(source, 'url', at) && !isHttpsUrl(source.url)) {
				c.fail(
					`${at}/url`,
					`adresse « ${String(source.url)} » : https:// attendu`,
					'resource-not-https'
				);
			}
		});
	}
}

function checkFramework(
	framework: Json,
	competenceIds: Map<string, string>,
	errors: PackageError[]
) {
	if (framework === undefined) return;
	const c = new ShapeChecker('framework.json', errors);
	if (!c.object(framework, '', 'framework')) return;
	c.localized(framework, 'description', '');
	if (!c.array(framework.areas, '/areas', 'areas')) return;
	if (framework.areas.length === 0) c.fail('/areas', 'au moins un domaine est attendu');
	// Areas and competences share one namespace of ids, so that no id is ambiguous.
	const ids = new Map<string, string>();
	framework.areas.forEach((area, i) => {
		const at = `/areas/${i}`;
		if (!c.object(area, at, 'domaine')) return;
		if (c.id(area, 'id', at)) {
			checkUnique(ids, String(area.id), 'framework.json', `${at}/id`, 'identifiant', errors);
		}
		c.localized(area, 'name', at);
		c.localized(area, 'description', at);
		c.number(area, 'weight', at, true);
		if (!c.array(area.competences, `${at}/competences`, 'competences')) return;
		if (area.competences.length === 0)
			c.fail(`${at}/competences`, 'au moins une compétence est attendue');
		area.competences.forEach((competence, j) => {
			const cat = `${at}/competences/${j}`;
			if (!c.object(competence, cat, 'compétence')) return;
			if (c.id(competence, 'id', cat)) {
				const id = String(competence.id);
				checkUnique(ids, id, 'framework.json', `${cat}/id`, 'identifiant', errors);
				if (!competenceIds.has(id)) competenceIds.set(id, `${cat}/id`);
			}
			c.localized(competence, 'name', cat);
			c.localized(competence, 'description', cat);
			c.number(competence, 'weight', cat, true);
		});
	});
}

function checkLevels(levels: Json, levelIds: Map<string, string>, errors: PackageError[]) {
	if (levels === undefined) return;
	const c = new ShapeChecker('levels.json', errors);
	if (!c.object(levels, '', 'levels')) return;
	c.localized(levels, 'name', '');
	c.localized(levels, 'note', '');
	if (c.number(levels, 'minCoverage', '')) {
		const v = levels.minCoverage as number;
		if (v < 0 || v > 1) c.fail('/minCoverage', '« minCoverage » : valeur entre 0 et 1 attendue');
	}
	if (!c.array(levels.levels, '/levels', 'levels')) return;
	if (levels.levels.length < 2) c.fail('/levels', 'au moins deux niveaux sont attendus');
	let previous: number | undefined;
	levels.levels.forEach((level, i) => {
		const at = `/levels/${i}`;
		if (!c.object(level, at, 'niveau')) return;
		if (c.id(level, 'id', at)) {
			checkUnique(levelIds, String(level.id), 'levels.json', `${at}/id`, 'niveau', errors);
		}
		c.localized(level, 'name', at);
		c.localized(level, 'narrative', at);
		if (level.code !== undefined) c.string(level, 'code', at);
		if (!c.number(level, 'min', at)) return;
		const min = level.min as number;
		if (i === 0 && min !== 0) {
			c.fail(
				`${at}/min`,
				`le premier niveau doit commencer à 0 (et non ${min})`,
				'thresholds-not-increasing'
			);
		} else if (previous !== undefined && min <= previous) {
			c.fail(
				`${at}/min`,
				`seuil ${min} non croissant : il doit dépasser le seuil précédent (${previous})`,
				'thresholds-not-increasing'
			);
		} else if (min > 100) {
			c.fail(`${at}/min`, `seuil ${min} au-delà de 100`, 'thresholds-not-increasing');
		}
		previous = min;
	});
}

/** Checks a SurveyJS localizable string has French text. */
function checkSurveyText(
	c: ShapeChecker,
	text: Json,
	pointer: string,
	what: string,
	required: boolean
) {
	if (text === undefined) {
		if (required) c.fail(pointer, `${what} : texte français manquant`, 'missing-french');
		return;
	}
	if (typeof text !== 'string' && !isObj(text)) {
		c.fail(pointer, `${what} : texte attendu`);
		return;
	}
	const fr = frenchText(text as string | Record<string, string>);
	if (typeof fr !== 'string' || fr.trim() === '') {
		c.fail(
			pointer,
			`${what} : texte français manquant (clé « default » ou « fr »)`,
			'missing-french'
		);
	}
}

function checkSurvey(survey: Json, questions: QuestionIndex, errors: PackageError[]) {
	if (survey === undefined) return;
	const c = new ShapeChecker('survey.json', errors);
	if (!c.object(survey, '', 'survey')) return;
	checkSurveyText(c, survey.title, '/title', 'titre du questionnaire', true);
	if (!c.array(survey.pages, '/pages', 'pages')) return;
	if (survey.pages.length === 0) c.fail('/pages', 'au moins une page est attendue');
	const pageNames = new Map<string, string>();
	const names = new Map<string, string>();
	survey.pages.forEach((page, i) => {
		const at = `/pages/${i}`;
		if (!c.object(page, at, 'page')) return;
		if (c.string(page, 'name', at)) {
			checkUnique(
				pageNames,
				String(page.name),
				'survey.json',
				`${at}/name`,
				'nom de page',
				errors,
				'duplicate-name'
			);
		}
		checkSurveyText(c, page.title, `${at}/title`, 'titre de page', true);
		checkSurveyText(c, page.description, `${at}/description`, 'description de page', false);
		if (!c.array(page.elements, `${at}/elements`, 'elements')) return;
	});
	for (const { element, pointer } of surveyElements(survey as never)) {
		if (!c.object(element, pointer, 'question')) continue;
		const type = element.type;
		if (!isSupportedType(type)) {
			c.fail(
				`${pointer}/type`,
				`type de question « ${String(type)} » non pris en charge (types possibles : ${SUPPORTED_TYPES.join(', ')})`,
				'unsupported-type'
			);
			continue;
		}
		if (!c.string(element, 'name', pointer)) continue;
		checkUnique(
			names,
			element.name,
			'survey.json',
			`${pointer}/name`,
			'nom de question',
			errors,
			'duplicate-name'
		);
		questions.set(element.name, { element, pointer });
		if (questionType(type).answer === 'none') {
			checkSurveyText(c, element.html, `${pointer}/html`, 'texte html', true);
			continue;
		}
		checkSurveyText(c, element.title, `${pointer}/title`, `titre de « ${element.name} »`, true);
		checkSurveyText(
			c,
			element.description,
			`${pointer}/description`,
			`description de « ${element.name} »`,
			false
		);
		for (const prop of ['choices', 'rows', 'columns', 'rateValues'] as const) {
			const list = element[prop];
			if (list === undefined) continue;
			if (!c.array(list, `${pointer}/${prop}`, prop)) continue;
			list.forEach((choice, k) => {
				if (isObj(choice) && choice.text !== undefined) {
					checkSurveyText(
						c,
						choice.text,
						`${pointer}/${prop}/${k}/text`,
						`texte du choix « ${valueKey(choiceValue(choice as never))} »`,
						true
					);
				}
			});
		}
		checkDistinctValues(element, pointer, errors);
	}
}

const LIST_NAMES: Record<string, string> = {
	choices: 'ses choix',
	rateValues: 'les valeurs de son échelle',
	columns: 'ses colonnes',
	rows: 'ses lignes'
};

/**
 * Items survey-core adds to a choice list, with the value it gives them (its settings' defaults).
 * « none » and « other » are among the question's answer values already (question-types); the
 * others are not shown by Repères but survey-core still adds them, so a choice may not reuse
 * their value either.
 */
const IMPLIED_ITEMS: Record<string, string> = {
	showNoneItem: 'none',
	showOtherItem: 'other',
	showRefuseItem: 'refused',
	showDontKnowItem: 'dontknow'
};

/**
 * Each value of a question's options (and of a matrix's rows) must be unique: it is the form's
 * value and the scoring key, and the page cannot render two options with one value. The place
 * in front of the message names the question by its page, name and title.
 */
function checkDistinctValues(element: SurveyElementJson, pointer: string, errors: PackageError[]) {
	const rows = Array.isArray(element.rows)
		? matrixRows(element).map((key, i) => ({ key, pointer: `${pointer}/rows/${i}` }))
		: [];
	const options = answerValues(element, pointer).map((o) => ({ key: o.key, pointer: o.pointer }));
	for (const [prop, value] of Object.entries(IMPLIED_ITEMS)) {
		if (element[prop] !== true) continue;
		const known = options.find((o) => o.key === value && o.pointer === pointer);
		// The implied item's pointer is its switch, which is what the author wrote.
		if (known) known.pointer = `${pointer}/${prop}`;
		else if (Array.isArray(element.choices))
			options.push({ key: value, pointer: `${pointer}/${prop}` });
	}
	for (const list of [options, rows]) {
		const seen = new Map<string, string>();
		for (const option of list) {
			const first = seen.get(option.key);
			if (first === undefined) {
				seen.set(option.key, option.pointer);
				continue;
			}
			const prop = option.pointer.slice(pointer.length).split('/')[1] ?? 'choices';
			const implied = [first, option.pointer]
				.map((p) => p.slice(pointer.length + 1))
				.find((p) => p in IMPLIED_ITEMS);
			errors.push({
				code: 'duplicate-value',
				file: 'survey.json',
				pointer: option.pointer,
				message:
					`deux fois la valeur « ${option.key} » dans ${LIST_NAMES[prop] ?? (implied ? LIST_NAMES.choices : 'ses valeurs')}` +
					(implied ? ` (« ${implied} » ajoute la valeur « ${option.key} »)` : '') +
					' : chaque valeur doit être unique (1 et "1" sont la même valeur)'
			});
		}
	}
}

function checkScoring(
	scoring: Json,
	questions: QuestionIndex,
	competenceIds: Map<string, string>,
	errors: PackageError[]
): Set<string> {
	const measured = new Set<string>();
	if (scoring === undefined) return measured;
	const c = new ShapeChecker('scoring.json', errors);
	if (!c.object(scoring, '', 'scoring')) return measured;

	const scales = new Map<string, Obj>();
	if (scoring.scales !== undefined && c.object(scoring.scales, '/scales', 'scales')) {
		for (const [name, scale] of Object.entries(scoring.scales)) {
			const at = `/scales/${esc(name)}`;
			if (!c.object(scale, at, `échelle « ${name} »`)) continue;
			if (
				checkPoints(c, scale.points, `${at}/points`) &&
				checkNa(c, scale.notApplicable, `${at}/notApplicable`) &&
				checkSteps(c, scale, at)
			) {
				scales.set(name, scale);
			}
		}
	}

	const competence = (value: Json, at: string) => {
		if (value === undefined) {
			c.fail(
				at.replace(/\/competence$/, ''),
				'question notée sans compétence (« competence » manquant)',
				'missing-competence'
			);
			return;
		}
		if (typeof value !== 'string' || !competenceIds.has(value)) {
			c.fail(
				at,
				`compétence « ${String(value)} » inconnue du référentiel (framework.json)`,
				'unknown-competence'
			);
			return;
		}
		measured.add(value);
	};

	if (!c.array(scoring.items, '/items', 'items')) return measured;
	const scored = new Map<string, string>();
	scoring.items.forEach((item, i) => {
		const at = `/items/${i}`;
		if (!c.object(item, at, 'item')) return;
		if (!c.string(item, 'question', at)) return;
		const name = item.question as string;
		checkUnique(
			scored,
			name,
			'scoring.json',
			`${at}/question`,
			'question notée',
			errors,
			'duplicate-name'
		);
		const located = questions.get(name);
		if (!located) {
			c.fail(`${at}/question`, `question « ${name} » absente de survey.json`, 'unknown-question');
			return;
		}
		const element = located.element;
		const shape = questionType(element.type).answer;
		if (!questionType(element.type).scorable) {
			c.fail(
				`${at}/question`,
				`la question « ${name} » (type ${element.type}) ne peut pas être notée`
			);
			return;
		}
		c.number(item, 'weight', at, true);
		if (typeof item.weight === 'number' && item.weight <= 0)
			c.fail(`${at}/weight`, 'poids positif attendu');
		if (item.reverse !== undefined && typeof item.reverse !== 'boolean')
			c.fail(`${at}/reverse`, 'booléen attendu');

		// Points: a named scale or an inline table.
		let points: Obj | undefined;
		let na: string[] = [];
		if (item.scale !== undefined) {
			const scale = typeof item.scale === 'string' ? scales.get(item.scale) : undefined;
			if (!scale) {
				c.fail(
					`${at}/scale`,
					`échelle « ${String(item.scale)} » inconnue (voir « scales »)`,
					'unknown-scale'
				);
				return;
			}
			points = scale.points as Obj;
			na = (scale.notApplicable as string[] | undefined) ?? [];
		} else if (item.points !== undefined) {
			if (!checkPoints(c, item.points, `${at}/points`)) return;
			points = item.points as Obj;
		} else {
			c.fail(
				at,
				`question « ${name} » sans points (« scale » ou « points » attendu)`,
				'choice-without-points'
			);
			return;
		}
		if (item.notApplicable !== undefined) {
			if (!checkNa(c, item.notApplicable, `${at}/notApplicable`)) return;
			na = [...na, ...(item.notApplicable as string[])];
		}

		for (const choice of answerValues(element, located.pointer)) {
			if (points[choice.key] === undefined && !na.includes(choice.key)) {
				c.fail(
					at,
					`le choix « ${choice.key} » de la question « ${name} » (survey.json#${choice.pointer}) n’a pas de points`,
					'choice-without-points'
				);
			}
		}
		const offered = answerValues(element, located.pointer)
			.map((v) => points[v.key])
			.filter((v): v is number => typeof v === 'number');
		if (shape === 'several') {
			if (item.cap === undefined && !offered.some((v) => v > 0)) {
				c.fail(at, `aucun choix de « ${name} » ne rapporte de points`);
			}
		} else if (offered.length > 0 && Math.min(...offered) === Math.max(...offered)) {
			c.fail(at, `tous les choix de « ${name} » ont les mêmes points : la question ne mesure rien`);
		}
		if (shape === 'several' && element.showOtherItem === true) {
			c.fail(at, `« showOtherItem » n’est pas permis sur la question notée « ${name} »`);
		}
		if (item.cap !== undefined) {
			if (shape !== 'several')
				c.fail(`${at}/cap`, '« cap » ne s’applique qu’aux questions à choix multiples (checkbox)');
			else if (c.number(item, 'cap', at) && (item.cap as number) <= 0)
				c.fail(`${at}/cap`, 'plafond positif attendu');
		}

		if (shape === 'one-per-row') {
			if (item.competence !== undefined) {
				c.fail(`${at}/competence`, 'pour une matrice, la compétence se donne par ligne (« rows »)');
			}
			if (!isObj(item.rows)) {
				c.fail(
					at,
					`matrice « ${name} » : chaque ligne doit avoir sa compétence (« rows »)`,
					'missing-competence'
				);
				return;
			}
			const rows = matrixRows(element);
			for (const row of rows) {
				const spec = item.rows[row];
				const rat = `${at}/rows/${esc(row)}`;
				if (!isObj(spec)) {
					c.fail(
						`${at}/rows`,
						`ligne « ${row} » de la matrice « ${name} » sans compétence`,
						'missing-competence'
					);
					continue;
				}
				competence(spec.competence, `${rat}/competence`);
				c.number(spec, 'weight', rat, true);
			}
			for (const row of Object.keys(item.rows)) {
				if (!rows.includes(row)) {
					c.fail(
						`${at}/rows/${esc(row)}`,
						`ligne « ${row} » absente de la matrice « ${name} »`,
						'unknown-question'
					);
				}
			}
		} else {
			if (item.rows !== undefined) c.fail(`${at}/rows`, '« rows » ne s’applique qu’aux matrices');
			competence(item.competence, `${at}/competence`);
		}
	});
	return measured;
}

function checkPoints(c: ShapeChecker, points: Json, at: string): boolean {
	if (!c.object(points, at, 'points')) return false;
	let ok = true;
	for (const [key, value] of Object.entries(points)) {
		if (typeof value !== 'number' || !Number.isFinite(value)) {
			ok = c.fail(
				`${at}/${esc(key)}`,
				`points du choix « ${key} » : nombre attendu`,
				'choice-without-points'
			);
		}
	}
	return ok;
}

/** Longest step name: a lead of a few words, not a sentence. */
const MAX_STEP_NAME = 40;

/** A scale's optional step names: one short text for each scored value, none for others. */
function checkSteps(c: ShapeChecker, scale: Obj, at: string): boolean {
	if (scale.steps === undefined) return true;
	if (!c.object(scale.steps, `${at}/steps`, '« steps »')) return false;
	const points = scale.points as Obj;
	const na = new Set((scale.notApplicable as string[] | undefined) ?? []);
	const scored = Object.keys(points).filter((key) => !na.has(key));
	let ok = true;
	for (const [key, name] of Object.entries(scale.steps)) {
		const where = `${at}/steps/${esc(key)}`;
		if (!scored.includes(key)) {
			ok = c.fail(
				where,
				`nom d’étape pour « ${key} », qui n’est pas une valeur notée de l’échelle`
			);
			continue;
		}
		if (!c.localized(scale.steps, key, `${at}/steps`)) {
			ok = false;
			continue;
		}
		const texts = Object.values(name as Obj) as string[];
		if (texts.some((text) => text.length > MAX_STEP_NAME)) {
			ok = c.fail(
				where,
				`nom d’étape « ${key} » trop long (${MAX_STEP_NAME} caractères au plus : quelques mots)`
			);
		}
	}
	for (const key of scored) {
		if (!(key in scale.steps)) {
			ok = c.fail(
				`${at}/steps`,
				`« steps » : nom d’étape manquant pour « ${key} » (toutes les valeurs notées ou aucune)`
			);
		}
	}
	return ok;
}

function checkNa(c: ShapeChecker, na: Json, at: string): boolean {
	if (na === undefined) return true;
	if (Array.isArray(na) && na.every((v) => typeof v === 'string')) return true;
	return c.fail(at, '« notApplicable » : liste de valeurs (texte) attendue');
}

function checkCatalogue(
	catalogue: Json,
	competenceIds: Map<string, string>,
	levelIds: Map<string, string>,
	resourceIds: Map<string, string>,
	errors: PackageError[]
) {
	if (catalogue === undefined) return;
	const c = new ShapeChecker('catalogue.json', errors);
	if (!c.object(catalogue, '', 'catalogue')) return;
	if (c.array(catalogue.resources, '/resources', 'resources')) {
		catalogue.resources.forEach((resource, i) => {
			const at = `/resources/${i}`;
			if (!c.object(resource, at, 'ressource')) return;
			if (c.id(resource, 'id', at)) {
				checkUnique(
					resourceIds,
					String(resource.id),
					'catalogue.json',
					`${at}/id`,
					'ressource',
					errors
				);
			}
			c.string(resource, 'title', at);
			c.nameText(resource, 'provider', at);
			if (!isHttpsUrl(resource.url)) {
				c.fail(
					`${at}/url`,
					`adresse « ${String(resource.url ?? '')} » : une URL https:// est attendue`,
					'resource-not-https'
				);
			}
			if (!(RESOURCE_FORMATS as readonly Json[]).includes(resource.format)) {
				c.fail(
					`${at}/format`,
					`format « ${String(resource.format)} » inconnu (${RESOURCE_FORMATS.join(', ')})`
				);
			}
			if (!(RESOURCE_COSTS as readonly Json[]).includes(resource.cost)) {
				c.fail(
					`${at}/cost`,
					`coût « ${String(resource.cost)} » inconnu (${RESOURCE_COSTS.join(', ')})`
				);
			}
			if (resource.durationMinutes !== null) c.number(resource, 'durationMinutes', at);
			if (resource.durationText !== undefined) c.localized(resource, 'durationText', at);
			if (
				!Array.isArray(resource.languages) ||
				resource.languages.length === 0 ||
				!resource.languages.every((l) => typeof l === 'string' && /^[a-z]{2}$/.test(l))
			) {
				c.fail(
					`${at}/languages`,
					'« languages » : liste de codes ISO 639-1 (« fr », « en »…) attendue'
				);
			}
			c.localized(resource, 'description', at);
			if (
				resource.checkedOn !== null &&
				!(typeof resource.checkedOn === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(resource.checkedOn))
			) {
				c.fail(`${at}/checkedOn`, '« checkedOn » : date AAAA-MM-JJ ou null attendue');
			}
		});
	}
	if (!c.array(catalogue.rules, '/rules', 'rules')) return;
	const ruleIds = new Map<string, string>();
	catalogue.rules.forEach((rule, i) => {
		const at = `/rules/${i}`;
		if (!c.object(rule, at, 'règle')) return;
		if (c.id(rule, 'id', at))
			checkUnique(ruleIds, String(rule.id), 'catalogue.json', `${at}/id`, 'règle', errors);
		c.number(rule, 'priority', at);
		const refs = (
			key: string,
			known: Map<string, string>,
			code: PackageErrorCode,
			what: string
		) => {
			const list = rule[key];
			if (!Array.isArray(list) || list.length === 0) {
				c.fail(`${at}/${key}`, `« ${key} » : liste non vide attendue`);
				return;
			}
			list.forEach((ref, k) => {
				if (typeof ref !== 'string' || !known.has(ref))
					c.fail(`${at}/${key}/${k}`, `${what} « ${String(ref)} » inconnu(e)`, code);
			});
		};
		refs('competences', competenceIds, 'unknown-competence', 'compétence');
		refs('levels', levelIds, 'unknown-level', 'niveau');
		refs('resources', resourceIds, 'unknown-resource', 'ressource');
	});
}

/** Area and competence ids of a parsed framework (whatever its shape problems). */
function unitIds(framework: Json): Set<string> {
	const ids = new Set<string>();
	if (!isObj(framework) || !Array.isArray(framework.areas)) return ids;
	for (const area of framework.areas) {
		if (!isObj(area)) continue;
		if (typeof area.id === 'string') ids.add(area.id);
		if (!Array.isArray(area.competences)) continue;
		for (const c of area.competences) if (isObj(c) && typeof c.id === 'string') ids.add(c.id);
	}
	return ids;
}

/** crosswalk.json on its own: shape, own units and levels (the counterpart is checked at load). */
function checkCrosswalk(
	crosswalk: Json,
	parsed: Partial<Record<PackageFileName, Json>>,
	levelIds: Map<string, string>,
	errors: PackageError[]
) {
	if (crosswalk === undefined) return;
	const c = new ShapeChecker('crosswalk.json', errors);
	if (!c.object(crosswalk, '', 'crosswalk')) return;
	const manifest = parsed['manifest.json'];
	if (isObj(manifest) && manifest.subject !== 'organisation') {
		c.fail('', 'une table de correspondance ne se met que dans un diagnostic d’organisation');
	}
	c.id(crosswalk, 'counterpart', '');
	if (
		c.string(crosswalk, 'organisationMature', '') &&
		!levelIds.has(crosswalk.organisationMature as string)
	) {
		c.fail(
			'/organisationMature',
			`niveau « ${String(crosswalk.organisationMature)} » inconnu de levels.json`,
			'unknown-level'
		);
	}
	c.string(crosswalk, 'trainersReady', '');
	if (crosswalk.majority !== undefined) {
		const v = crosswalk.majority;
		if (typeof v !== 'number' || !(v > 0 && v < 1)) {
			c.fail('/majority', '« majority » : nombre strictement entre 0 et 1 attendu');
		}
	}
	if (!c.array(crosswalk.links, '/links', 'links')) return;
	if (crosswalk.links.length === 0) c.fail('/links', 'au moins une correspondance est attendue');
	const own = unitIds(parsed['framework.json']);
	crosswalk.links.forEach((link, i) => {
		const at = `/links/${i}`;
		if (!c.object(link, at, 'correspondance')) return;
		if (c.string(link, 'organisation', at) && !own.has(link.organisation as string)) {
			c.fail(
				`${at}/organisation`,
				`domaine ou compétence « ${String(link.organisation)} » inconnu de framework.json`,
				'unknown-competence'
			);
		}
		if (c.array(link.trainers, `${at}/trainers`, 'trainers')) {
			if (link.trainers.length === 0)
				c.fail(`${at}/trainers`, 'au moins un identifiant est attendu');
			link.trainers.forEach((t, j) => {
				if (typeof t !== 'string' || t.trim() === '')
					c.fail(`${at}/trainers/${j}`, 'identifiant de domaine ou de compétence attendu');
			});
		}
		c.localized(link, 'rationale', at);
	});
}

/**
 * Checks a crosswalk against the packages loaded beside it: its counterpart must exist, be an
 * individual diagnostic, and know every unit and the level it names.
 */
export function checkCrosswalkCounterpart(
	pkg: QuestionnairePackage,
	counterpart: QuestionnairePackage | undefined
): PackageError[] {
	const crosswalk = pkg.crosswalk;
	if (!crosswalk) return [];
	const fail = (pointer: string, message: string, code: PackageErrorCode): PackageError => ({
		code,
		file: 'crosswalk.json',
		pointer,
		message
	});
	if (!counterpart) {
		return [
			fail(
				'/counterpart',
				`diagnostic « ${crosswalk.counterpart} » introuvable parmi les questionnaires chargés`,
				'unknown-questionnaire'
			)
		];
	}
	const errors: PackageError[] = [];
	if (counterpart.manifest.subject !== 'individual') {
		errors.push(
			fail(
				'/counterpart',
				`« ${crosswalk.counterpart} » n’est pas un diagnostic individuel`,
				'unknown-questionnaire'
			)
		);
	}
	if (!counterpart.levels.levels.some((l) => l.id === crosswalk.trainersReady)) {
		errors.push(
			fail(
				'/trainersReady',
				`niveau « ${crosswalk.trainersReady} » inconnu de ${crosswalk.counterpart}/levels.json`,
				'unknown-level'
			)
		);
	}
	const units = unitIds(counterpart.framework);
	crosswalk.links.forEach((link, i) =>
		link.trainers.forEach((t, j) => {
			if (!units.has(t)) {
				errors.push(
					fail(
						`/links/${i}/trainers/${j}`,
						`domaine ou compétence « ${t} » inconnu de ${crosswalk.counterpart}/framework.json`,
						'unknown-competence'
					)
				);
			}
		})
	);
	return errors;
}
