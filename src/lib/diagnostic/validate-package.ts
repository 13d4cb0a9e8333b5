/**
 * Pure validation of a questionnaire package (docs/questionnaire-format.md).
 * It receives the raw text of each file and returns every problem found, each naming the
 * file and the JSON Pointer, so that an author can fix a package without reading code.
 * Our files' shapes are their JSON Schemas' (package-schemas.ts, ADR 0033); survey.json and
 * the rules across entries and files are checked here.
 */
import {
	OPTIONAL_PACKAGE_FILES,
	PACKAGE_FILES,
	type Catalogue,
	type Crosswalk,
	type Framework,
	type LevelScale,
	type Manifest,
	type PackageFileName,
	type PointsTable,
	type QuestionnairePackage,
	type ScoringSpec,
	type SurveyElementJson,
	type SurveyText
} from './types';
import { hasSchema, schemaErrors } from './package-schemas';
import { choiceValue, defaultText, surveyElements, valueKey } from './survey-json';
import { placed } from './survey-place';
import { asLocale, languageNames, packageLanguages, surveyLocale } from './languages';
import { M, problem, rephrase, same, type Message } from './validator-messages';
import type { Locale } from './types';
import { imageLinkProblem } from './package-images';
import { checkSurveyExpressions, type ExpressionParser } from './survey-expressions';
import { surveyWarnings } from './survey-warnings';
import {
	SUPPORTED_TYPES,
	answerValues,
	cellElement,
	elementType,
	isSupportedType,
	matrixRows,
	questionType
} from '../question-types/registry';
import { PANEL_TEMPLATE_TYPES } from '../question-types/paneldynamic';
import { MATRIX_CELL_TYPES, cellTypeOf } from '../question-types/matrix-cells';

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
	| 'missing-text'
	| 'language-mismatch'
	| 'resource-not-https'
	| 'duplicate-id'
	| 'id-mismatch'
	| 'unknown-questionnaire'
	| 'invalid-expression'
	| 'unknown-function'
	| 'unknown-variable'
	| 'invalid-image'
	| 'missing-alt-text'
	// Warnings: the package loads all the same.
	| 'ignored-property'
	| 'personal-data'
	| 'missing-translation'
	| 'undeclared-language';

export interface PackageError {
	code: PackageErrorCode;
	file: PackageFileName | '';
	/** JSON Pointer (RFC 6901) inside the file; empty for the whole file. */
	pointer: string;
	/** The message in French, the validator's default language: `messages.fr`. */
	message: string;
	/** The message in each language (validator-messages.ts); `formatPackageError` picks one. */
	messages: Message;
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

/** Formats an error as `file#/pointer : message [code]` in one of the validator's languages. */
export function formatPackageErrorIn(locale: Locale, error: PackageError): string {
	const where = error.file ? `${error.file}${error.pointer ? '#' + error.pointer : ''}` : '';
	return M.formatted({ where, message: error.messages, code: error.code })[locale];
}

/** Formats an error in French, the default (one argument, for `errors.map`). */
export const formatPackageError = (error: PackageError): string =>
	formatPackageErrorIn('fr', error);

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
		const where = lineCol
			? { line: Number(lineCol[1]), column: Number(lineCol[2]) }
			: position
				? lineColumn(text, Number(position[1]))
				: { empty: text.trim() === '' };
		errors.push(problem('invalid-json', file, '', M.invalidJson({ ...where, detail: message })));
		return { ok: false };
	}
}

/** Escapes a key for a JSON Pointer. */
const esc = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** Records survey.json's shape problems (`invalid-shape` unless told). */
class ShapeChecker {
	constructor(
		private readonly file: PackageFileName,
		private readonly errors: PackageError[]
	) {}

	fail(pointer: string, message: Message, code: PackageErrorCode = 'invalid-shape'): false {
		this.errors.push(problem(code, this.file, pointer, message));
		return false;
	}

	object(value: Json, pointer: string, what: Message): value is Obj {
		return isObj(value) || this.fail(pointer, M.objectExpected({ what }));
	}

	/** `property`: the list's property name (« pages », « choices »…). */
	array(value: Json, pointer: string, property: string): value is Json[] {
		return Array.isArray(value) || this.fail(pointer, M.listExpected({ property }));
	}

	string(obj: Obj, key: string, pointer: string): boolean {
		const v = obj[key];
		if (typeof v === 'string' && v.trim() !== '') return true;
		return this.fail(`${pointer}/${esc(key)}`, M.nonEmptyTextExpected({ key }));
	}
}

/** Records a duplicate id error when `id` was seen before in `seen`. */
function checkUnique(
	seen: Map<string, string>,
	id: string,
	file: PackageFileName,
	pointer: string,
	what: Message,
	errors: PackageError[],
	code: PackageErrorCode = 'duplicate-id'
) {
	const first = seen.get(id);
	if (first !== undefined) {
		errors.push(problem(code, file, pointer, M.duplicate({ what, id, first })));
	} else seen.set(id, pointer);
}

export interface ValidationOptions {
	/** Checks survey.json's expressions with this parser (survey-core's, on the server). */
	expressions?: ExpressionParser;
	/**
	 * The package's image files, as paths relative to its folder with `/` (`images/visio.png`):
	 * an `imagepicker`'s `imageLink` must name one of them (ADR 0039). None when not given.
	 */
	images?: readonly string[];
}

/** The files of a package whose shape is right, typed: the rules across files read these. */
interface Shaped {
	manifest?: Manifest;
	framework?: Framework;
	levels?: LevelScale;
	scoring?: ScoringSpec;
	catalogue?: Catalogue;
	crosswalk?: Crosswalk;
}

/**
 * Validates a package given the raw text of its files: each of our files against its JSON
 * Schema (package-schemas.ts), survey.json by hand, then the rules across entries and files.
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
			errors.push(problem('missing-file', file, '', M.missingFile({ id })));
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

	// A file of the wrong shape is reported by its schema and left out of the rules across
	// files, which would only repeat its problems as unknown references.
	const shaped = (file: PackageFileName) => {
		if (parsed[file] === undefined || !hasSchema(file)) return undefined;
		const found = schemaErrors(file, parsed[file]);
		errors.push(...found);
		return found.length === 0 ? parsed[file] : undefined;
	};
	const own: Shaped = {
		manifest: shaped('manifest.json') as Manifest | undefined,
		framework: shaped('framework.json') as Framework | undefined,
		levels: shaped('levels.json') as LevelScale | undefined,
		scoring: shaped('scoring.json') as ScoringSpec | undefined,
		catalogue: shaped('catalogue.json') as Catalogue | undefined,
		crosswalk: shaped('crosswalk.json') as Crosswalk | undefined
	};

	const manifest = parsed['manifest.json'];
	if (isObj(manifest) && typeof manifest.id === 'string' && manifest.id !== id) {
		errors.push(
			problem('id-mismatch', 'manifest.json', '/id', M.idMismatch({ id: manifest.id, folder: id }))
		);
	}
	const survey = parsed['survey.json'];
	const languages = packageLanguages({
		manifest: own.manifest ?? {},
		survey: (isObj(survey) ? survey : {}) as never
	});
	const warnings: PackageError[] = [];
	checkSurveyLocale(own.manifest, survey, errors);
	for (const file of [...PACKAGE_FILES, ...OPTIONAL_PACKAGE_FILES]) {
		if (file !== 'survey.json' && parsed[file] !== undefined) {
			checkOwnTexts(file, parsed[file], languages, errors, warnings);
		}
	}
	const competenceIds = own.framework ? frameworkIds(own.framework, errors) : undefined;
	const levelIds = own.levels ? checkLevels(own.levels, errors) : undefined;
	const questions: QuestionIndex = new Map();
	checkSurvey(survey, questions, languages, errors, warnings, new Set(options.images ?? []));
	if (options.expressions && isObj(parsed['survey.json'])) {
		errors.push(...checkSurveyExpressions(parsed['survey.json'], options.expressions));
	}
	checkSteps(parsed['scoring.json'], errors);
	const measured = own.scoring
		? checkScoring(own.scoring, questions, competenceIds, errors)
		: undefined;
	if (own.catalogue) checkCatalogue(own.catalogue, competenceIds, levelIds, errors);
	if (own.crosswalk) checkCrosswalk(own.crosswalk, parsed, levelIds, errors);

	// A competence nobody measures would always read "insufficient data".
	if (competenceIds && measured) {
		for (const [competence, pointer] of competenceIds) {
			if (!measured.has(competence)) {
				errors.push(
					problem(
						'competence-without-question',
						'framework.json',
						pointer,
						M.competenceUnmeasured({ competence })
					)
				);
			}
		}
	}

	warnings.push(...surveyWarnings(survey));
	// An author finds a question by its page and title, not by an index: say both, the titles
	// in the package's own language.
	for (const p of [...errors, ...warnings]) {
		if (p.file === 'survey.json' && p.pointer) {
			rephrase(p, placed(parsed['survey.json'], p.pointer, p.messages, languages[0]));
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

/** Competence ids with their pointers; areas and competences share one namespace of ids. */
function frameworkIds(framework: Framework, errors: PackageError[]): Map<string, string> {
	const ids = new Map<string, string>();
	const competences = new Map<string, string>();
	framework.areas.forEach((area, i) => {
		checkUnique(ids, area.id, 'framework.json', `/areas/${i}/id`, M.idWord, errors);
		area.competences.forEach((competence, j) => {
			const at = `/areas/${i}/competences/${j}/id`;
			checkUnique(ids, competence.id, 'framework.json', at, M.idWord, errors);
			if (!competences.has(competence.id)) competences.set(competence.id, at);
		});
	});
	return competences;
}

/** Level ids; the first level starts at 0 and thresholds strictly increase. */
function checkLevels(levels: LevelScale, errors: PackageError[]): Map<string, string> {
	const ids = new Map<string, string>();
	const fail = (pointer: string, message: Message) =>
		errors.push(problem('thresholds-not-increasing', 'levels.json', pointer, message));
	levels.levels.forEach((level, i) => {
		checkUnique(ids, level.id, 'levels.json', `/levels/${i}/id`, M.levelWord, errors);
		const previous = levels.levels[i - 1]?.min;
		if (i === 0 && level.min !== 0) {
			fail(`/levels/0/min`, M.firstLevelNotZero({ min: level.min }));
		} else if (previous !== undefined && level.min <= previous) {
			fail(`/levels/${i}/min`, M.thresholdNotIncreasing({ min: level.min, previous }));
		}
	});
	return ids;
}

/**
 * survey.json's own `locale` says what language SurveyJS shows its `default` texts as: it must be
 * the package's first language when manifest.json declares languages.
 */
function checkSurveyLocale(manifest: Manifest | undefined, survey: Json, errors: PackageError[]) {
	const locale = surveyLocale(survey);
	const first = manifest?.languages?.[0];
	if (locale === undefined || first === undefined || locale === first) return;
	errors.push(
		problem(
			'language-mismatch',
			'survey.json',
			'/locale',
			M.languageMismatch({
				locale: String((survey as Obj).locale),
				language: languageNames(locale),
				first: languageNames(first)
			})
		)
	);
}

/** The key of the text at this pointer, for « « name » : … » as the schemas' messages say it. */
function textKey(pointer: string): string | undefined {
	const last = pointer.split('/').pop() ?? '';
	return /^\d+$/.test(last) || last === ''
		? undefined
		: last.replace(/~1/g, '/').replace(/~0/g, '~');
}

const nonBlank = (v: unknown): boolean => typeof v === 'string' && v.trim() !== '';

/**
 * Our own files' translated texts (`{ fr, en }`, the interface's languages): the package's first
 * language is required when the interface has it (French unless the manifest says otherwise), a
 * text missing in another declared language is a warning. A package in a language the interface
 * does not have (German) gives them in French or English (the schemas ask for one).
 */
function checkOwnTexts(
	file: PackageFileName,
	value: Json,
	languages: readonly string[],
	errors: PackageError[],
	warnings: PackageError[]
) {
	const first = asLocale(languages[0]!);
	const others = languages.slice(1).filter((l) => asLocale(l) !== undefined);
	const visit = (node: Json, at: string) => {
		if (Array.isArray(node)) {
			node.forEach((v, i) => visit(v, `${at}/${i}`));
			return;
		}
		if (!isObj(node)) return;
		const keys = Object.keys(node);
		const isText =
			keys.length > 0 &&
			keys.every((k) => (k === 'fr' || k === 'en') && typeof node[k] === 'string');
		if (!isText) {
			for (const [k, v] of Object.entries(node)) visit(v, `${at}/${esc(k)}`);
			return;
		}
		if (first && !nonBlank(node[first])) {
			errors.push(
				problem(
					first === 'fr' ? 'missing-french' : 'missing-text',
					file,
					at,
					M.ownTextMissing({ key: textKey(at), language: languageNames(first) })
				)
			);
		}
		for (const other of others) {
			if (nonBlank(node[other])) continue;
			warnings.push(
				problem(
					'missing-translation',
					file,
					at,
					M.ownTranslationMissing({ key: textKey(at), language: languageNames(other) })
				)
			);
		}
	};
	visit(value, '');
}

/** Checks a SurveyJS localizable string: text in the package's first language, else an error; in its other languages, else a warning. */
class SurveyTexts {
	/** The first place each undeclared language appears, for one warning per language. */
	readonly undeclared = new Map<string, string>();

	constructor(
		private readonly c: ShapeChecker,
		private readonly languages: readonly string[],
		private readonly warnings: PackageError[]
	) {}

	check(text: Json, pointer: string, what: Message, required: boolean) {
		const first = this.languages[0]!;
		const language = languageNames(first);
		const code = first === 'fr' ? 'missing-french' : 'missing-text';
		if (text === undefined) {
			if (required) this.c.fail(pointer, M.surveyTextMissing({ what, language }), code);
			return;
		}
		if (typeof text !== 'string' && !isObj(text)) {
			this.c.fail(pointer, M.textExpected({ what }));
			return;
		}
		const byLanguage = isObj(text) ? text : {};
		const own = typeof text === 'string' ? text : (byLanguage.default ?? byLanguage[first]);
		if (!nonBlank(own)) {
			this.c.fail(pointer, M.surveyTextBlank({ what, language, tag: first }), code);
		}
		for (const other of this.languages.slice(1)) {
			if (nonBlank(byLanguage[other])) continue;
			this.warnings.push(
				problem(
					'missing-translation',
					'survey.json',
					pointer,
					M.surveyTranslationMissing({ what, language: languageNames(other), tag: other })
				)
			);
		}
		for (const key of Object.keys(byLanguage)) {
			if (key !== 'default' && !this.languages.includes(key) && !this.undeclared.has(key)) {
				this.undeclared.set(key, pointer);
			}
		}
	}

	/** One warning per language survey.json has texts in that the package does not declare. */
	reportUndeclared() {
		for (const [language, pointer] of this.undeclared) {
			this.warnings.push(
				problem(
					'undeclared-language',
					'survey.json',
					pointer,
					M.undeclaredLanguage({ language: languageNames(language), tag: language })
				)
			);
		}
	}
}

/** Types Repères will not support, and why (a person answers without an account, anonymously). */
const NEVER_COLLECTED: Record<string, Message> = {
	file: M.noFiles,
	signaturepad: M.noSignatures
};

function checkSurvey(
	survey: Json,
	questions: QuestionIndex,
	languages: readonly string[],
	errors: PackageError[],
	warnings: PackageError[],
	images: ReadonlySet<string>
) {
	if (survey === undefined) return;
	const c = new ShapeChecker('survey.json', errors);
	if (!c.object(survey, '', M.surveyWord)) return;
	const texts = new SurveyTexts(c, languages, warnings);
	texts.check(survey.title, '/title', M.surveyTitle, true);
	texts.check(survey.description, '/description', M.surveyDescription, false);
	if (!c.array(survey.pages, '/pages', 'pages')) return;
	if (survey.pages.length === 0) c.fail('/pages', M.atLeastOnePage);
	const pageNames = new Map<string, string>();
	const names = new Map<string, string>();
	survey.pages.forEach((page, i) => {
		const at = `/pages/${i}`;
		if (!c.object(page, at, M.pageWord)) return;
		if (c.string(page, 'name', at)) {
			checkUnique(
				pageNames,
				String(page.name),
				'survey.json',
				`${at}/name`,
				M.pageNameWord,
				errors,
				'duplicate-name'
			);
		}
		texts.check(page.title, `${at}/title`, M.pageTitle, true);
		texts.check(page.description, `${at}/description`, M.pageDescription, false);
		if (!c.array(page.elements, `${at}/elements`, 'elements')) return;
	});
	for (const { element, pointer } of surveyElements(survey as never)) {
		if (!c.object(element, pointer, M.questionWord)) continue;
		const type = element.type;
		if (!isSupportedType(type)) {
			const why = NEVER_COLLECTED[String(type)];
			c.fail(
				`${pointer}/type`,
				why
					? M.typeRefused({ type: String(type), why })
					: M.typeUnsupported({ type: String(type), supported: SUPPORTED_TYPES }),
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
			M.questionNameWord,
			errors,
			'duplicate-name'
		);
		questions.set(element.name, { element, pointer });
		// A text between questions is all its `html`; other types have a title.
		if (questionType(type).widget === 'paragraph') {
			texts.check(element.html, `${pointer}/html`, M.htmlText, true);
			continue;
		}
		checkQuestion(c, texts, element, pointer, errors);
		if (type === 'paneldynamic') checkPanelTemplate(c, texts, element, pointer, errors);
		if (type === 'matrixdropdown' || type === 'matrixdynamic')
			checkMatrixColumns(c, texts, element, pointer, errors);
		if (elementType(element).answer === 'order') checkRanking(c, element, pointer);
		if (type === 'imagepicker') checkImagePicker(c, element, pointer, languages, images);
	}
	texts.reportUndeclared();
}

/**
 * A ranking orders every choice it shows, each moved by the person: its choices are its own
 * (a form field each), at least two, none that cannot be moved, and all of them ranked.
 */
function checkRanking(c: ShapeChecker, element: SurveyElementJson, pointer: string) {
	if (element.selectToRankEnabled === true) {
		c.fail(`${pointer}/selectToRankEnabled`, M.rankingSelectToRank);
	}
	for (const property of ['choicesFromQuestion', 'choicesByUrl']) {
		if (element[property] !== undefined) {
			c.fail(`${pointer}/${property}`, M.rankingChoicesElsewhere({ property }));
		}
	}
	const fixed =
		element.choicesEnableIf !== undefined
			? `${pointer}/choicesEnableIf`
			: Array.isArray(element.choices)
				? element.choices
						.map((choice, k) => (isObj(choice) && (choice as Obj).enableIf !== undefined ? k : -1))
						.filter((k) => k >= 0)
						.map((k) => `${pointer}/choices/${k}/enableIf`)[0]
				: undefined;
	if (fixed !== undefined) c.fail(fixed, M.rankingFixedChoice);
	if (!Array.isArray(element.choices) || element.choices.length < 2) {
		c.fail(pointer, M.rankingTwoChoices);
	}
}

/**
 * An image picker's pictures are files of the package (ADR 0039), each with its alternative
 * text (the choice's `text`) in every language of the package: a picture without one says
 * nothing to a person who does not see it.
 */
function checkImagePicker(
	c: ShapeChecker,
	element: SurveyElementJson,
	pointer: string,
	languages: readonly string[],
	images: ReadonlySet<string>
) {
	if (element.contentMode !== undefined && element.contentMode !== 'image') {
		c.fail(
			`${pointer}/contentMode`,
			M.imageContentMode({ mode: String(element.contentMode) }),
			'invalid-image'
		);
	}
	if (!Array.isArray(element.choices) || element.choices.length === 0) {
		c.fail(pointer, M.imagePickerNoChoices);
		return;
	}
	element.choices.forEach((choice, k) => {
		const at = `${pointer}/choices/${k}`;
		const value = valueKey(choiceValue(choice));
		const own: Obj = isObj(choice) ? choice : {};
		const link = own.imageLink;
		// A link per language is allowed (`{ "default": …, "en": … }`), each a file of the package.
		const links: [string, Json][] =
			link === undefined ? [] : isObj(link) ? Object.entries(link) : [['', link]];
		if (links.length === 0) c.fail(at, M.imageMissing({ value }), 'invalid-image');
		for (const [language, given] of links) {
			const where = language ? `${at}/imageLink/${esc(language)}` : `${at}/imageLink`;
			if (typeof given !== 'string') {
				c.fail(where, M.imageLinkNotText({ value }), 'invalid-image');
				continue;
			}
			const reason = imageLinkProblem(given, images);
			if (reason) c.fail(where, M.imageLink({ value, link: given, ...reason }), 'invalid-image');
		}
		const text = own.text as Json;
		const byLanguage = isObj(text) ? text : {};
		const missing = languages.filter((language, i) => {
			// A plain text is in the package's one language; `default` is its first language's.
			if (typeof text === 'string') return languages.length > 1 ? i > 0 : !nonBlank(text);
			return !nonBlank(byLanguage[language] ?? (i === 0 ? byLanguage.default : undefined));
		});
		if (missing.length > 0) {
			c.fail(
				isObj(text) || typeof text === 'string' ? `${at}/text` : at,
				M.imageAltMissing({ value, languages: missing.map(languageNames), keys: missing }),
				'missing-alt-text'
			);
		}
	});
}

/** A question's texts (title, description, choices) and its distinct values. */
function checkQuestion(
	c: ShapeChecker,
	texts: SurveyTexts,
	element: SurveyElementJson,
	pointer: string,
	errors: PackageError[]
) {
	texts.check(element.title, `${pointer}/title`, M.questionTitle({ name: element.name }), true);
	texts.check(
		element.description,
		`${pointer}/description`,
		M.questionDescription({ name: element.name }),
		false
	);
	for (const prop of ['choices', 'rows', 'columns', 'rateValues'] as const) {
		const list = element[prop];
		if (list === undefined) continue;
		if (!c.array(list, `${pointer}/${prop}`, prop)) continue;
		list.forEach((choice, k) => {
			if (isObj(choice) && choice.text !== undefined) {
				texts.check(
					choice.text,
					`${pointer}/${prop}/${k}/text`,
					M.choiceText({ value: valueKey(choiceValue(choice as never)) }),
					true
				);
			}
		});
	}
	checkDistinctValues(element, pointer, errors);
}

/**
 * A dynamic panel's template: simple questions only (no panel within it), each named once, with
 * what a question on its own needs; an « other » item is not offered there.
 */
function checkPanelTemplate(
	c: ShapeChecker,
	texts: SurveyTexts,
	element: SurveyElementJson,
	pointer: string,
	errors: PackageError[]
) {
	const panel = defaultText(element.title as SurveyText | undefined) ?? element.name;
	const at = `${pointer}/templateElements`;
	if (!Array.isArray(element.templateElements) || element.templateElements.length === 0) {
		c.fail(at, M.panelTemplateEmpty({ panel }));
		return;
	}
	const names = new Map<string, string>();
	(element.templateElements as unknown[]).forEach((inner, i) => {
		const where = `${at}/${i}`;
		if (!c.object(inner, where, M.questionWord)) return;
		// The question by its title, else its name, else its rank.
		const title =
			defaultText(inner.title as SurveyText | undefined) ??
			(typeof inner.name === 'string' ? inner.name : undefined);
		const label = title !== undefined ? same(title) : M.nth({ n: i + 1 });
		const type = String(inner.type);
		if (type === 'panel' || type === 'paneldynamic') {
			c.fail(`${where}/type`, M.panelInTemplate({ question: label, panel }), 'unsupported-type');
			return;
		}
		if (!PANEL_TEMPLATE_TYPES.includes(type)) {
			c.fail(
				`${where}/type`,
				M.templateTypeUnsupported({
					question: label,
					panel,
					type,
					supported: PANEL_TEMPLATE_TYPES
				}),
				'unsupported-type'
			);
			return;
		}
		if (!c.string(inner, 'name', where)) return;
		checkUnique(
			names,
			String(inner.name),
			'survey.json',
			`${where}/name`,
			M.templateQuestionName({ panel }),
			errors,
			'duplicate-name'
		);
		if (inner.showOtherItem === true) {
			c.fail(`${where}/showOtherItem`, M.templateOtherItem({ question: label, panel }));
		}
		checkQuestion(c, texts, inner as SurveyElementJson, where, errors);
	});
}

/** Cell types that offer choices (from the column or the matrix). */
const CHOICE_CELLS = new Set(['dropdown', 'radiogroup', 'checkbox']);

/**
 * A matrix of cells' columns (ADR 0037): each named once, of a cell type Repères renders in a
 * row, with choices when its type needs them, and what a question on its own needs; an « other »
 * item is not offered in a cell.
 */
function checkMatrixColumns(
	c: ShapeChecker,
	texts: SurveyTexts,
	element: SurveyElementJson,
	pointer: string,
	errors: PackageError[]
) {
	const matrix = defaultText(element.title as SurveyText | undefined) ?? element.name;
	const at = `${pointer}/columns`;
	if (!Array.isArray(element.columns) || element.columns.length === 0) {
		c.fail(at, M.matrixColumnsEmpty({ matrix }));
		return;
	}
	const names = new Map<string, string>();
	(element.columns as unknown[]).forEach((column, i) => {
		const where = `${at}/${i}`;
		if (!c.object(column, where, M.columnWord)) return;
		if (!c.string(column, 'name', where)) return;
		const name = String(column.name);
		const label = same(defaultText(column.title as SurveyText | undefined) ?? name);
		checkUnique(
			names,
			name,
			'survey.json',
			`${where}/name`,
			M.matrixColumnName({ matrix }),
			errors,
			'duplicate-name'
		);
		const type = cellTypeOf(element, column);
		if (!MATRIX_CELL_TYPES.includes(type)) {
			c.fail(
				column.cellType !== undefined ? `${where}/cellType` : `${pointer}/cellType`,
				M.matrixCellTypeUnsupported({
					column: label,
					matrix,
					type,
					supported: MATRIX_CELL_TYPES
				}),
				'unsupported-type'
			);
			return;
		}
		const cell = cellElement(element, name)!;
		if (CHOICE_CELLS.has(type) && (!Array.isArray(cell.choices) || cell.choices.length === 0)) {
			c.fail(`${where}/choices`, M.matrixColumnWithoutChoices({ column: label, matrix }));
		}
		if (column.showOtherItem === true) {
			c.fail(`${where}/showOtherItem`, M.matrixColumnOtherItem({ column: label, matrix }));
		}
		texts.check(column.title, `${where}/title`, M.columnTitle({ name }), false);
		if (Array.isArray(column.choices)) {
			(column.choices as unknown[]).forEach((choice, k) => {
				if (isObj(choice) && choice.text !== undefined) {
					texts.check(
						choice.text,
						`${where}/choices/${k}/text`,
						M.choiceText({ value: valueKey(choiceValue(choice as never)) }),
						true
					);
				}
			});
			checkDistinctValues({ ...cell, name: `${element.name}.${name}` }, where, errors);
		}
	});
}

/** The lists whose values must be unique, as the duplicate-value message names them. */
const VALUE_LISTS = ['choices', 'rateValues', 'columns', 'rows'] as const;

/**
 * Items survey-core adds to a choice list,
 with the value it gives them (its settings' defaults).
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
			const list = VALUE_LISTS.find((l) => l === prop) ?? (implied ? 'choices' : 'values');
			errors.push(
				problem(
					'duplicate-value',
					'survey.json',
					option.pointer,
					M.duplicateValue({ value: option.key, list, implied })
				)
			);
		}
	}
}

function checkScoring(
	scoring: ScoringSpec,
	questions: QuestionIndex,
	competenceIds: Map<string, string> | undefined,
	errors: PackageError[]
): Set<string> {
	const measured = new Set<string>();
	const fail = (pointer: string, message: Message, code: PackageErrorCode = 'invalid-shape') =>
		errors.push(problem(code, 'scoring.json', pointer, message));
	const competence = (value: string | undefined, at: string) => {
		if (value === undefined) {
			fail(at.replace(/\/competence$/, ''), M.scoredWithoutCompetence, 'missing-competence');
			return;
		}
		// Without a framework of the right shape, its ids are unknown: its own errors say why.
		if (!competenceIds) return;
		if (!competenceIds.has(value)) {
			fail(at, M.competenceUnknown({ competence: value }), 'unknown-competence');
			return;
		}
		measured.add(value);
	};

	const scored = new Map<string, string>();
	scoring.items.forEach((item, i) => {
		const at = `/items/${i}`;
		const name = item.question;
		checkUnique(
			scored,
			item.column === undefined ? name : `${name}[${item.column}]`,
			'scoring.json',
			`${at}/question`,
			M.scoredQuestionWord,
			errors,
			'duplicate-name'
		);
		const located = questions.get(name);
		if (!located) {
			fail(`${at}/question`, M.questionNotInSurvey({ name }), 'unknown-question');
			return;
		}
		const cells = scoredCells(item, at, located, fail);
		if (cells === null) return;
		const element = cells?.element ?? located.element;
		const kind = elementType(element);
		if (!kind.scorable) {
			fail(`${at}/question`, M.questionNotScorable({ name, type: String(element.type) }));
			return;
		}
		if (kind.answer === 'order') {
			checkOrder(item, at, name, answerValues(element, located.pointer), fail);
			competence(item.competence, `${at}/competence`);
			return;
		}
		if (item.order !== undefined) fail(`${at}/order`, M.orderOnlyForRanking);

		// Points: a named scale or an inline table.
		let points: PointsTable;
		let na: string[] = [];
		if (item.scale !== undefined) {
			const scale = scoring.scales?.[item.scale];
			if (!scale || !Object.hasOwn(scoring.scales ?? {}, item.scale)) {
				fail(`${at}/scale`, M.scaleUnknown({ scale: item.scale }), 'unknown-scale');
				return;
			}
			points = scale.points;
			na = scale.notApplicable ?? [];
		} else if (item.points !== undefined) {
			points = item.points;
		} else {
			fail(at, M.questionWithoutPoints({ name }), 'choice-without-points');
			return;
		}
		na = [...na, ...(item.notApplicable ?? [])];

		const options = answerValues(element, cells?.pointer ?? located.pointer);
		for (const choice of options) {
			if (points[choice.key] === undefined && !na.includes(choice.key)) {
				fail(
					at,
					M.choiceWithoutPoints({ choice: choice.key, name, pointer: choice.pointer }),
					'choice-without-points'
				);
			}
		}
		const offered = options
			.map((v) => points[v.key])
			.filter((v): v is number => typeof v === 'number');
		if (kind.answer === 'several') {
			if (item.cap === undefined && !offered.some((v) => v > 0)) {
				fail(at, M.noChoiceScores({ name }));
			}
			if (element.showOtherItem === true) fail(at, M.otherItemOnScored({ name }));
		} else {
			if (offered.length > 0 && Math.min(...offered) === Math.max(...offered)) {
				fail(at, M.samePointsEverywhere({ name }));
			}
			if (item.cap !== undefined) fail(`${at}/cap`, M.capOnlyForCheckbox);
		}

		if (kind.answer !== 'one-per-row' && cells === undefined) {
			if (item.rows !== undefined) fail(`${at}/rows`, M.rowsOnlyForMatrix);
			competence(item.competence, `${at}/competence`);
			return;
		}
		if (item.competence !== undefined) fail(`${at}/competence`, M.matrixCompetencePerRow);
		if (item.rows === undefined) {
			fail(at, M.matrixWithoutRows({ name }), 'missing-competence');
			return;
		}
		const rows = matrixRows(located.element);
		for (const row of rows) {
			const spec = Object.hasOwn(item.rows, row) ? item.rows[row] : undefined;
			if (!spec) {
				fail(`${at}/rows`, M.rowWithoutCompetence({ row, name }), 'missing-competence');
				continue;
			}
			competence(spec.competence, `${at}/rows/${esc(row)}/competence`);
		}
		for (const row of Object.keys(item.rows)) {
			if (!rows.includes(row)) {
				fail(`${at}/rows/${esc(row)}`, M.rowNotInMatrix({ row, name }), 'unknown-question');
			}
		}
	});
	return measured;
}

/**
 * A `matrixdropdown` is scored column by column (ADR 0037): an item names the column (`column`),
 * whose cells are then checked as their cell type's kin, each row an item. Returns the column's
 * cells as a question and where its choices are, undefined for an item of another type, or null
 * when the item cannot be checked further.
 */
function scoredCells(
	item: ScoringSpec['items'][number],
	at: string,
	located: { element: SurveyElementJson; pointer: string },
	fail: (pointer: string, message: Message, code?: PackageErrorCode) => void
): { element: SurveyElementJson; pointer: string } | undefined | null {
	const { element, pointer } = located;
	const byColumn = elementType(element).cell !== undefined && elementType(element).scorable;
	if (!byColumn) {
		if (item.column !== undefined) fail(`${at}/column`, M.columnOnlyForMatrixdropdown);
		return undefined;
	}
	if (item.column === undefined) {
		fail(at, M.matrixScoredByColumn({ matrix: element.name }));
		return null;
	}
	const cell = cellElement(element, item.column);
	if (!cell) {
		fail(
			`${at}/column`,
			M.unknownColumn({ column: item.column, matrix: element.name }),
			'unknown-question'
		);
		return null;
	}
	if (!isSupportedType(cell.type)) return null;
	const columns = element.columns as { name?: unknown; choices?: unknown }[];
	const index = columns.findIndex((c) => c.name === item.column);
	const own = columns[index]?.choices !== undefined;
	return { element: cell, pointer: own ? `${pointer}/columns/${index}` : pointer };
}

/**
 * A scored ranking states the order it is compared with (ADR 0036): every choice's value once,
 * and no points, which an order does not use.
 */
function checkOrder(
	item: ScoringSpec['items'][number],
	at: string,
	name: string,
	options: { key: string }[],
	fail: (pointer: string, message: Message, code?: PackageErrorCode) => void
) {
	for (const property of ['scale', 'points', 'notApplicable', 'cap', 'rows'] as const) {
		if (item[property] !== undefined) {
			fail(`${at}/${property}`, M.notForRanking({ property, name }));
		}
	}
	if (item.order === undefined) {
		fail(at, M.rankingWithoutOrder({ name }), 'choice-without-points');
		return;
	}
	const keys = options.map((o) => o.key);
	const seen = new Set<string>();
	item.order.forEach((value, k) => {
		if (seen.has(value)) fail(`${at}/order/${k}`, M.orderTwice({ value, name }));
		else if (!keys.includes(value)) fail(`${at}/order/${k}`, M.orderNotAChoice({ value, name }));
		seen.add(value);
	});
	const absent = keys.filter((key) => !seen.has(key));
	if (absent.length > 0) {
		fail(`${at}/order`, M.orderIncomplete({ name, absent }), 'choice-without-points');
	}
}

/**
 * Each scale's optional step names: one for each scored value, none for others (their length
 * and French text are the schema's). Read from the raw file, so that these come with the
 * schema's complaints about the same steps rather than after they are fixed.
 */
function checkSteps(scoring: Json, errors: PackageError[]) {
	if (!isObj(scoring) || !isObj(scoring.scales)) return;
	const fail = (pointer: string, message: Message) =>
		errors.push(problem('invalid-shape', 'scoring.json', pointer, message));
	for (const [name, scale] of Object.entries(scoring.scales)) {
		if (!isObj(scale) || !isObj(scale.points) || !isObj(scale.steps)) continue;
		const at = `/scales/${esc(name)}/steps`;
		const na = new Set(Array.isArray(scale.notApplicable) ? scale.notApplicable : []);
		const scored = Object.keys(scale.points).filter((key) => !na.has(key));
		for (const key of Object.keys(scale.steps)) {
			if (!scored.includes(key)) fail(`${at}/${esc(key)}`, M.stepNotScored({ value: key }));
		}
		for (const key of scored) {
			if (!Object.hasOwn(scale.steps, key)) fail(at, M.stepMissing({ value: key }));
		}
	}
}

/** Unique resource and rule ids; each rule names known competences, levels and resources. */
function checkCatalogue(
	catalogue: Catalogue,
	competenceIds: Map<string, string> | undefined,
	levelIds: Map<string, string> | undefined,
	errors: PackageError[]
) {
	const resourceIds = new Map<string, string>();
	catalogue.resources.forEach((resource, i) => {
		const at = `/resources/${i}`;
		checkUnique(resourceIds, resource.id, 'catalogue.json', `${at}/id`, M.resourceWord, errors);
		// The schema checks the scheme; the address must also be one a browser can open.
		if (!isHttpsUrl(resource.url)) {
			errors.push(
				problem(
					'resource-not-https',
					'catalogue.json',
					`${at}/url`,
					M.resourceNotHttps({ url: resource.url })
				)
			);
		}
	});
	const ruleIds = new Map<string, string>();
	catalogue.rules.forEach((rule, i) => {
		const at = `/rules/${i}`;
		checkUnique(ruleIds, rule.id, 'catalogue.json', `${at}/id`, M.ruleWord, errors);
		const refs = (
			list: string[],
			key: string,
			known: Map<string, string> | undefined,
			code: PackageErrorCode,
			kind: 'competence' | 'level' | 'resource'
		) =>
			list.forEach((id, k) => {
				if (known && !known.has(id)) {
					errors.push(
						problem(code, 'catalogue.json', `${at}/${key}/${k}`, M.referenceUnknown({ kind, id }))
					);
				}
			});
		refs(rule.competences, 'competences', competenceIds, 'unknown-competence', 'competence');
		refs(rule.levels, 'levels', levelIds, 'unknown-level', 'level');
		refs(rule.resources, 'resources', resourceIds, 'unknown-resource', 'resource');
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

/** crosswalk.json on its own: own units and levels (the counterpart is checked at load). */
function checkCrosswalk(
	crosswalk: Crosswalk,
	parsed: Partial<Record<PackageFileName, Json>>,
	levelIds: Map<string, string> | undefined,
	errors: PackageError[]
) {
	const fail = (pointer: string, message: Message, code: PackageErrorCode = 'invalid-shape') =>
		errors.push(problem(code, 'crosswalk.json', pointer, message));
	const manifest = parsed['manifest.json'];
	if (isObj(manifest) && manifest.subject !== 'organisation') {
		fail('', M.crosswalkNotOrganisation);
	}
	if (levelIds && !levelIds.has(crosswalk.organisationMature)) {
		fail(
			'/organisationMature',
			M.levelUnknownIn({ level: crosswalk.organisationMature, file: 'levels.json' }),
			'unknown-level'
		);
	}
	const own = unitIds(parsed['framework.json']);
	crosswalk.links.forEach((link, i) => {
		if (!own.has(link.organisation)) {
			fail(
				`/links/${i}/organisation`,
				M.unitUnknownIn({ unit: link.organisation, file: 'framework.json' }),
				'unknown-competence'
			);
		}
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
	const fail = (pointer: string, message: Message, code: PackageErrorCode): PackageError =>
		problem(code, 'crosswalk.json', pointer, message);
	const other = crosswalk.counterpart;
	if (!counterpart) {
		return [fail('/counterpart', M.counterpartNotFound({ id: other }), 'unknown-questionnaire')];
	}
	const errors: PackageError[] = [];
	if (counterpart.manifest.subject !== 'individual') {
		errors.push(
			fail('/counterpart', M.counterpartNotIndividual({ id: other }), 'unknown-questionnaire')
		);
	}
	if (!counterpart.levels.levels.some((l) => l.id === crosswalk.trainersReady)) {
		errors.push(
			fail(
				'/trainersReady',
				M.levelUnknownIn({ level: crosswalk.trainersReady, file: `${other}/levels.json` }),
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
						M.unitUnknownIn({ unit: t, file: `${other}/framework.json` }),
						'unknown-competence'
					)
				);
			}
		})
	);

	return errors;
}
