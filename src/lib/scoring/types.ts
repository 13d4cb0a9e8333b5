/**
 * The scoring model: what the engine needs from a package, as plain data.
 * Built once per package by `buildScoringModel`, then reused for every answer set.
 */
export interface ScoringModel {
	questionnaireId: string;
	version: string;
	/** Share of items / sub-units that must be scored before a level is given (0–1). */
	minCoverage: number;
	/** Ordered from lowest to highest; `min` strictly increasing from 0. */
	levels: { id: string; min: number }[];
	areas: { id: string; weight: number; competences: { id: string; weight: number }[] }[];
	/** One entry per scored question, or per row of a scored matrix. */
	items: ModelItem[];
}

export interface ModelItem {
	/** `question`, `question.row` for a matrix row, `question.row.column` for a matrix's cell. */
	key: string;
	question: string;
	row?: string;
	/** A `matrixdropdown`'s column: the item is the cell of `row` in it. */
	column?: string;
	competence: string;
	weight: number;
	reverse: boolean;
	/**
	 * `single`: one value (choice, rating, boolean, matrix row); `multiple`: checkbox; `order`: a
	 * ranking, valued by how close its order is to `order` (ADR 0036).
	 */
	kind: 'single' | 'multiple' | 'order';
	/** Points of each scored answer value (values as text); none for an `order` item. */
	points: Record<string, number>;
	notApplicable: string[];
	/** single: lowest and highest points; multiple: 0 and the cap; order: 0 and 1. */
	min: number;
	max: number;
	/** `order` only: the stated order, every option's value as text. */
	order?: string[];
}

/** Answers as SurveyJS stores them: `{ [questionName]: value }`. */
export type Answers = Record<string, unknown>;

export type ItemOutcome =
	{ status: 'valued'; value: number } | { status: 'not-applicable' } | { status: 'unanswered' };

export interface Counts {
	/** Scored items (matrix rows count one each). */
	items: number;
	/** Items with an answer, "not applicable" included. */
	answered: number;
	notApplicable: number;
	/** Items that count in the score: answered and applicable. */
	valued: number;
}

export interface CompetenceScore extends Counts {
	id: string;
	areaId: string;
	/** 0–100, one decimal; null when coverage is insufficient. */
	score: number | null;
	level: string | null;
	/** valued / items, 0–1. */
	coverage: number;
}

export interface AreaScore extends Counts {
	id: string;
	score: number | null;
	level: string | null;
	competences: number;
	scoredCompetences: number;
	/** scoredCompetences / competences, 0–1. */
	coverage: number;
}

export interface OverallScore extends Counts {
	score: number | null;
	level: string | null;
	areas: number;
	scoredAreas: number;
	/** scoredAreas / areas, 0–1. */
	coverage: number;
}

export interface ScoreResult {
	questionnaireId: string;
	version: string;
	overall: OverallScore;
	areas: AreaScore[];
	competences: CompetenceScore[];
}
