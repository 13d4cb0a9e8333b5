/**
 * Types of a questionnaire package: the files of `src/lib/questionnaires/<id>/`.
 * The format is documented in docs/questionnaire-format.md (ADR 0003).
 */

/** Locale codes the app's interface knows. */
export type Locale = 'fr' | 'en';

/**
 * Text in our own package files, in the interface's languages: the package's first language
 * (French unless it says otherwise) is required, the other is optional (ADR 0035).
 */
export type LocalizedText = { fr: string; en?: string } | { fr?: string; en: string };

/**
 * A name or short note that may be one plain string, the same in every language (a provider's
 * name as it calls itself), or a text per language when part of it is Repères' own words
 * (« ANLCI (incubée à beta.gouv.fr) »), ADR 0029.
 */
export type NameText = string | LocalizedText;

/** A public source a package is built on. */
export interface SourceRef {
	title: string;
	/** Authors or publisher, as published (per language where the publisher has official names). */
	publisher: NameText;
	year?: number;
	url: string;
	/** The source's licence or reuse terms, in the reader's language. */
	licence: NameText;
	/** What the package takes from this source. */
	use: LocalizedText;
}

/** manifest.json */
export interface Manifest {
	id: string;
	/** Semantic version of the package; stored with every participation. */
	version: string;
	/**
	 * Languages of the questionnaire (BCP 47 primary tags), first the one of its SurveyJS
	 * `default` texts and plain strings; absent: survey.json's `locale`, else French (ADR 0035).
	 */
	languages?: string[];
	/** `individual` (a person about their practice) or `organisation` (about a structure). */
	subject: 'individual' | 'organisation';
	title: LocalizedText;
	summary: LocalizedText;
	audience: LocalizedText;
	/** What the diagnostic measures, in one or two sentences. */
	measures: LocalizedText;
	durationMinutes: number;
	/** Licence of the package's own text (questions, narratives). */
	licence: string;
	sources: SourceRef[];
	/** Longer "about" text: how the package was built, what is Repères' own choice. */
	about: LocalizedText;
}

/** framework.json */
export interface Framework {
	/** Short description of the framework and how it was adapted. */
	description: LocalizedText;
	areas: Area[];
}

export interface Area {
	id: string;
	name: LocalizedText;
	description: LocalizedText;
	/** Weight of the area in the overall score (default 1). */
	weight?: number;
	competences: Competence[];
}

export interface Competence {
	id: string;
	name: LocalizedText;
	description: LocalizedText;
	/** Weight of the competence in its area's score (default 1). */
	weight?: number;
}

/** levels.json */
export interface LevelScale {
	name: LocalizedText;
	/** Where the thresholds come from; say so when they are Repères' own choice. */
	note: LocalizedText;
	/**
	 * Share (0–1) of items (for a competence) or of sub-units (for an area, the whole)
	 * that must be scored before a level is given; below it the result is "insufficient data".
	 */
	minCoverage: number;
	levels: Level[];
}

export interface Level {
	id: string;
	/** Short code shown before the name, e.g. "B1" (optional). */
	code?: string;
	name: LocalizedText;
	narrative: LocalizedText;
	/** Lowest score (0–100) of the level; the first level starts at 0, then strictly increasing. */
	min: number;
}

/** Points per answer value; keys are the SurveyJS values as strings. */
export type PointsTable = Record<string, number>;

/** A reusable answer scale of scoring.json. */
export interface ScoringScale {
	points: PointsTable;
	/** Values meaning "not applicable": excluded from the denominators. */
	notApplicable?: string[];
	/**
	 * Optional short name of each scored value's step (« J’utilise »), shown before the option's
	 * own text as its lead words; all the scored values or none.
	 */
	steps?: Record<string, LocalizedText>;
}

/** One scored question of scoring.json. */
export interface ScoringItem {
	/** SurveyJS question name. */
	question: string;
	/** Competence measured (not used for matrix questions, whose rows carry it). */
	competence?: string;
	/** Named scale from `scales`, or an inline `points` table (one of them). */
	scale?: string;
	points?: PointsTable;
	notApplicable?: string[];
	/** Weight of the item in its competence (default 1). */
	weight?: number;
	/** Reverse-scored: the highest points become the lowest contribution. */
	reverse?: boolean;
	/** Multiple choice only: the sum of points is capped at this value (default: sum of positive points). */
	cap?: number;
	/** Matrix only: each row is scored on its own. */
	rows?: Record<string, { competence: string; weight?: number; reverse?: boolean }>;
	/**
	 * `matrixdropdown` only: the column scored, its cells scored as their cell type's kin, each
	 * row an item (`rows`); a matrix may have an entry per scored column (ADR 0037).
	 */
	column?: string;
	/**
	 * Ranking only (instead of points): the stated order, every choice's value as text; the
	 * person's order is valued by its distance to it (ADR 0036).
	 */
	order?: string[];
}

/** scoring.json */
export interface ScoringSpec {
	scales?: Record<string, ScoringScale>;
	items: ScoringItem[];
}

export const RESOURCE_FORMATS = [
	'mooc',
	'course',
	'guide',
	'tool',
	'framework',
	'article',
	'certification',
	'toolkit',
	'platform',
	'workshop',
	'catalogue',
	'community'
] as const;
export type ResourceFormat = (typeof RESOURCE_FORMATS)[number];

export const RESOURCE_COSTS = ['free', 'free-unconfirmed', 'paid', 'mixed', 'unknown'] as const;
export type ResourceCost = (typeof RESOURCE_COSTS)[number];

/** A training resource of catalogue.json. */
export interface Resource {
	id: string;
	/** Title as published by the provider. */
	title: string;
	/** Who offers it, with any note on the page linked (« article about … »), per language. */
	provider: NameText;
	url: string;
	format: ResourceFormat;
	/** Duration in minutes when the provider states one. */
	durationMinutes: number | null;
	/** Duration as stated, when it is not a single figure ("4 modules, ≈1 h 20 chacun"). */
	durationText?: LocalizedText;
	cost: ResourceCost;
	/** ISO 639-1 codes of the languages the resource is available in. */
	languages: string[];
	description: LocalizedText;
	/** ISO date the link was last checked by a person or a script; null when never checked. */
	checkedOn: string | null;
	/** True when the page is about the resource (an article) rather than the resource itself. */
	aboutPage?: boolean;
}

/** A rule of catalogue.json: recommend resources when a competence is at one of the levels. */
export interface RecommendationRule {
	id: string;
	competences: string[];
	levels: string[];
	resources: string[];
	/** Higher comes first among rules that fire for the same competence. */
	priority: number;
}

/** catalogue.json */
export interface Catalogue {
	resources: Resource[];
	rules: RecommendationRule[];
}

/** A loaded, validated package. `survey` is the SurveyJS JSON as written. */
export interface QuestionnairePackage {
	manifest: Manifest;
	survey: SurveyJson;
	framework: Framework;
	levels: LevelScale;
	scoring: ScoringSpec;
	catalogue: Catalogue;
	/** Optional: how an organisation diagnostic reads against its trainers' one. */
	crosswalk?: Crosswalk;
}

/**
 * crosswalk.json (optional, organisation packages only): which units of this package
 * correspond to which units of the diagnostic the organisation's trainers answer, and when the
 * two readings are said to diverge.
 */
export interface Crosswalk {
	/** Id of the individual diagnostic the trainers answer (e.g. "e-formateur"). */
	counterpart: string;
	/** Level of this package from which the organisation counts as mature on a unit. */
	organisationMature: string;
	/** Level of the counterpart from which a trainer counts as ready on a unit. */
	trainersReady: string;
	/** Share of trainers (0 < x < 1) above which "most trainers" is said (default 0.5). */
	majority?: number;
	links: CrosswalkLink[];
}

export interface CrosswalkLink {
	/** Area or competence id of this package. */
	organisation: string;
	/** Area or competence ids of the counterpart (their mean score is read). */
	trainers: string[];
	/** Why these units correspond, shown on the dashboard. */
	rationale: LocalizedText;
}

/** The subset of SurveyJS JSON the app reads directly (survey-core reads the rest). */
export interface SurveyJson {
	title?: SurveyText;
	description?: SurveyText;
	pages: SurveyPageJson[];
	[key: string]: unknown;
}

export interface SurveyPageJson {
	name: string;
	title?: SurveyText;
	description?: SurveyText;
	elements?: SurveyElementJson[];
	[key: string]: unknown;
}

export interface SurveyElementJson {
	type: string;
	name: string;
	title?: SurveyText;
	description?: SurveyText;
	choices?: SurveyChoice[];
	rows?: SurveyChoice[];
	columns?: SurveyChoice[];
	rateValues?: SurveyChoice[];
	rateMin?: number;
	rateMax?: number;
	rateStep?: number;
	valueTrue?: unknown;
	valueFalse?: unknown;
	showNoneItem?: boolean;
	showOtherItem?: boolean;
	[key: string]: unknown;
}

/**
 * SurveyJS localizable string: plain text, or per language where `default` is the package's
 * first language (ADR 0035).
 */
export type SurveyText = string | Record<string, string>;

/** SurveyJS item value: a bare value or `{ value, text }`. */
export type SurveyChoice = string | number | boolean | { value: unknown; text?: SurveyText };

/** The two SurveyJS files' names and our own, in a fixed order. */
export const PACKAGE_FILES = [
	'manifest.json',
	'survey.json',
	'framework.json',
	'levels.json',
	'scoring.json',
	'catalogue.json'
] as const;
/** Files a package may have; read and validated when present. */
export const OPTIONAL_PACKAGE_FILES = ['crosswalk.json'] as const;
export type PackageFileName =
	(typeof PACKAGE_FILES)[number] | (typeof OPTIONAL_PACKAGE_FILES)[number];
