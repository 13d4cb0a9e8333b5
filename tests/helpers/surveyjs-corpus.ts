/**
 * The SurveyJS conformance corpus (tests/fixtures/surveyjs-corpus/, one feature per
 * questionnaire) and its oracle: what survey-core's own model says of a questionnaire for given
 * answers, to compare with what the app shows. Also wraps a questionnaire as a complete Repères
 * package and draws random answer sets from its declared values.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
	Model,
	type ItemValue,
	type PanelModelBase,
	type Question,
	type QuestionMatrixModel,
	type QuestionPanelDynamicModel,
	type QuestionRankingModel,
	type QuestionRatingModel,
	type QuestionSelectBase
} from 'survey-core';
// The oracle may run in French, as the app does (its texts are not compared, but a locale
// without its strings would still be a different model).
import 'survey-core/i18n/french';
import type {
	Manifest,
	PackageFileName,
	SurveyElementJson,
	SurveyJson
} from '$lib/diagnostic/types';
import {
	SCORABLE_TYPES,
	answerValues,
	cellElement,
	elementType,
	matrixRows
} from '$lib/question-types/registry';
import { surveyImageLinks } from '$lib/diagnostic/package-images';
import { FIXTURES, TEST_QUESTIONNAIRES } from './paths';

export const CORPUS_DIR = path.join(FIXTURES, 'surveyjs-corpus');

/**
 * The corpus's pictures (its `images/` folder), which every questionnaire with an image picker
 * names as a package does (`images/visio.svg`): copied into the packages that show them.
 */
const CORPUS_IMAGES = path.join(CORPUS_DIR, 'images');

/** The image files a wrapped package holds (paths relative to it): the corpus's, when it shows any. */
export function packageImagesOf(survey: SurveyJson): string[] {
	if (surveyImageLinks(survey).length === 0) return [];
	return readdirSync(CORPUS_IMAGES)
		.sort()
		.map((f) => `images/${f}`);
}

export interface CorpusSurvey {
	/** The file name without `.json`: lowercase letters, digits and `-`, usable as a package id. */
	id: string;
	survey: SurveyJson;
}

/** Every questionnaire of the corpus, by file name. */
export function corpusSurveys(): CorpusSurvey[] {
	return readdirSync(CORPUS_DIR)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => {
			const id = f.slice(0, -'.json'.length);
			if (!/^[a-z0-9-]+$/.test(id)) throw new Error(`nom de fichier du corpus invalide : ${f}`);
			return { id, survey: JSON.parse(readFileSync(path.join(CORPUS_DIR, f), 'utf8')) };
		});
}

/** Every element of a survey, panels' elements included (depth first, in page order). */
export function allElements(survey: SurveyJson): SurveyElementJson[] {
	const out: SurveyElementJson[] = [];
	const walk = (elements: unknown) => {
		if (!Array.isArray(elements)) return;
		for (const element of elements as SurveyElementJson[]) {
			out.push(element);
			if (element.type === 'panel') walk(element.elements);
		}
	};
	for (const page of survey.pages) walk(page.elements);
	return out;
}

const COMPETENCE = 'corpus.1';

/**
 * Whether wrapAsPackage scores a question: a scorable type with at least two values, except a
 * multiple choice with « other », which the format forbids on a scored question.
 */
export function isScored(element: SurveyElementJson): boolean {
	if (!(SCORABLE_TYPES as string[]).includes(element.type)) return false;
	if (element.type === 'matrixdropdown') return scoredColumns(element).length > 0;
	if (elementType(element).answer === 'several' && element.showOtherItem === true) return false;
	return new Set(answerValues(element).map((o) => o.key)).size >= 2;
}

/** A matrix of lists' columns as questions of their own (named as the column). */
export function matrixColumns(element: SurveyElementJson): SurveyElementJson[] {
	const columns = Array.isArray(element.columns)
		? (element.columns as unknown as { name: string }[])
		: [];
	return columns.flatMap((c) => {
		const cell = cellElement({ ...element, type: 'matrixdropdown' }, c.name);
		return cell ? [{ ...cell, name: c.name }] : [];
	});
}

/** The columns of a matrix of lists that wrapAsPackage scores: those scored as their kin would be. */
export const scoredColumns = (element: SurveyElementJson): SurveyElementJson[] =>
	matrixColumns(element).filter((cell) => isScored(cell));

/** Points 0…N-1 over a question's answer values, in their order. */
function evenPoints(element: SurveyElementJson): Record<string, number> {
	const points: Record<string, number> = {};
	for (const option of answerValues(element)) points[option.key] ??= Object.keys(points).length;
	return points;
}

/** exemple-mini's files, whose sources and resource the wrapped packages reuse. */
const exempleMini = (file: string) =>
	JSON.parse(readFileSync(path.join(TEST_QUESTIONNAIRES, 'exemple-mini', file), 'utf8'));

/** The six files of a Repères package around one corpus questionnaire, as JSON values. */
export function packageJson(
	id: string,
	survey: SurveyJson
): Record<Exclude<PackageFileName, 'crosswalk.json'>, unknown> {
	const miniManifest = exempleMini('manifest.json') as Manifest;
	const resource = (
		exempleMini('catalogue.json') as { resources: { id: string }[] }
	).resources.find((r) => r.id === 'digcompedu');
	const items = allElements(survey)
		.filter(isScored)
		.flatMap((element): object[] | object =>
			element.type === 'matrixdropdown'
				? // Column by column, each row an item (ADR 0037).
					scoredColumns(element).map((cell) => ({
						question: element.name,
						column: cell.name,
						points: evenPoints(cell),
						rows: Object.fromEntries(
							matrixRows(element).map((r) => [r, { competence: COMPETENCE }])
						)
					}))
				: elementType(element).answer === 'order'
					? {
							// A ranking is scored against its choices' own order (ADR 0036).
							question: element.name,
							competence: COMPETENCE,
							order: answerValues(element).map((o) => o.key)
						}
					: element.type === 'matrix'
						? {
								question: element.name,
								points: evenPoints(element),
								rows: Object.fromEntries(
									matrixRows(element).map((r) => [r, { competence: COMPETENCE }])
								)
							}
						: { question: element.name, competence: COMPETENCE, points: evenPoints(element) }
		);
	return {
		'manifest.json': {
			id,
			version: '1.0.0',
			subject: 'individual',
			title: { fr: `Corpus SurveyJS : ${id}` },
			summary: { fr: 'Questionnaire du corpus de conformité SurveyJS.' },
			audience: { fr: 'Tests' },
			measures: { fr: 'Une compétence fictive.' },
			durationMinutes: 5,
			licence: 'CC BY 4.0',
			sources: miniManifest.sources,
			about: { fr: 'Paquet de test : il n’évalue rien de réel.' }
		},
		'survey.json': survey,
		'framework.json': {
			description: { fr: 'Cadre fictif du corpus.' },
			areas: [
				{
					id: 'corpus',
					name: { fr: 'Corpus' },
					description: { fr: 'Domaine unique du corpus.' },
					competences: [
						{
							id: COMPETENCE,
							name: { fr: 'Conformité' },
							description: { fr: 'Toutes les questions notées du questionnaire.' }
						}
					]
				}
			]
		},
		'levels.json': {
			name: { fr: 'Niveaux du corpus' },
			note: { fr: 'Seuils choisis pour le test.' },
			minCoverage: 0.5,
			levels: [
				{ id: 'debutant', name: { fr: 'Débutant' }, narrative: { fr: 'Premiers pas.' }, min: 0 },
				{
					id: 'confirme',
					name: { fr: 'Confirmé' },
					narrative: { fr: 'Pratique régulière.' },
					min: 50
				}
			]
		},
		'scoring.json': { items },
		'catalogue.json': {
			resources: [resource],
			rules: [
				{
					id: 'corpus-debutant',
					competences: [COMPETENCE],
					levels: ['debutant'],
					resources: ['digcompedu'],
					priority: 1
				}
			]
		}
	};
}

/** The package's files as text, as the validator and the loader read them. */
export function packageFiles(id: string, survey: SurveyJson): Record<string, string> {
	return Object.fromEntries(
		Object.entries(packageJson(id, survey)).map(([file, value]) => [
			file,
			JSON.stringify(value, null, '\t') + '\n'
		])
	);
}

/** Writes the package folder `dir/<id>/` and returns its path. */
export function wrapAsPackage(id: string, survey: SurveyJson, dir: string): string {
	const folder = path.join(dir, id);
	mkdirSync(folder, { recursive: true });
	for (const [file, text] of Object.entries(packageFiles(id, survey))) {
		writeFileSync(path.join(folder, file), text);
	}
	if (packageImagesOf(survey).length > 0) {
		cpSync(CORPUS_IMAGES, path.join(folder, 'images'), { recursive: true });
	}
	return folder;
}

export interface OracleChoices {
	/** Values survey-core offers now, as text, in its order (implied items included). */
	visible: string[];
	/** Those of them that are enabled (`item.isEnabled`). */
	enabled: string[];
}

export interface OracleQuestion {
	/** Visible itself and inside visible panels on a visible page. */
	visible: boolean;
	enabled: boolean;
	/** `isRequired` as survey-core reports it, whether the question is visible or not. */
	required: boolean;
	/** Choice lists, rating values and matrix columns. */
	choices?: OracleChoices;
	/** Matrix rows shown now. */
	rows?: string[];
	/**
	 * A dynamic panel's panels shown now (their index in its value), a matrix's rows of cells
	 * (their position), with their questions shown.
	 */
	panels?: { index: number; key: string; questions: Record<string, OracleQuestion> }[];
	/** A ranking's options in the order SurveyJS shows them (its answer's, else its own). */
	ranked?: string[];
}

export interface OracleState {
	questions: Record<string, OracleQuestion>;
	/** Visible pages, by name, in order. */
	pages: string[];
	panels: Record<string, { visible: boolean; enabled: boolean }>;
}

const choiceState = (items: ItemValue[]): OracleChoices => ({
	visible: items.map((i) => String(i.value)),
	enabled: items.filter((i) => i.isEnabled).map((i) => String(i.value))
});

function questionChoices(q: Question): OracleChoices | undefined {
	switch (q.getType()) {
		case 'radiogroup':
		case 'dropdown':
		case 'checkbox':
		case 'tagbox':
		case 'imagepicker':
		case 'ranking':
			return choiceState((q as QuestionSelectBase).visibleChoices);
		case 'rating':
			return choiceState((q as QuestionRatingModel).visibleRateValues);
		case 'matrix':
			return choiceState((q as QuestionMatrixModel).visibleColumns);
		default:
			return undefined;
	}
}

/** A panel shows when it and every panel or page around it does. */
function panelShown(panel: PanelModelBase): boolean {
	for (let p: PanelModelBase | null = panel; p; p = p.parent) if (!p.isVisible) return false;
	return true;
}

type CellRow = { rowName: unknown; cells: { question: Question }[] };

function oracleQuestion(q: Question): OracleQuestion {
	const choices = questionChoices(q);
	const dynamic = q.getType() === 'paneldynamic' ? (q as QuestionPanelDynamicModel) : null;
	const cells =
		q.getType() === 'matrixdropdown' || q.getType() === 'matrixdynamic'
			? ((q as unknown as { visibleRows: CellRow[] }).visibleRows ?? [])
			: null;
	return {
		visible: q.isVisible && q.isParentVisible,
		enabled: !q.isReadOnly,
		required: q.isRequired,
		...(choices ? { choices } : {}),
		...(q.getType() === 'matrix'
			? { rows: (q as QuestionMatrixModel).visibleRows.map((r) => String(r.name)) }
			: {}),
		...(q.getType() === 'ranking'
			? { ranked: (q as QuestionRankingModel).rankingChoices.map((c) => String(c.value)) }
			: {}),
		...(dynamic
			? {
					panels: dynamic.visiblePanels.map((panel) => ({
						index: dynamic.panels.indexOf(panel),
						key: String(dynamic.panels.indexOf(panel)),
						questions: Object.fromEntries(
							panel.questions.filter((i) => i.isVisible).map((i) => [i.name, oracleQuestion(i)])
						)
					}))
				}
			: {}),
		...(cells
			? {
					panels: cells.map((row, index) => ({
						index,
						// A matrix of lists keeps its rows by value, a dynamic one by position.
						key: q.getType() === 'matrixdropdown' ? String(row.rowName) : String(index),
						questions: Object.fromEntries(
							row.cells
								.map((c) => c.question)
								.filter((i) => i.isVisible)
								.map((i) => [i.name, oracleQuestion(i)])
						)
					}))
				}
			: {})
	};
}

/**
 * What survey-core's own model says for these answers: a fresh model given them wholesale
 * (`model.data`, as the app's server does), so no default value, trigger or setValueIf runs;
 * rankings' values set again once the conditions ran, as a live session keeps their order.
 */
export function oracleState(
	survey: SurveyJson,
	answers: Record<string, unknown>,
	locale = 'fr'
): OracleState {
	const model = new Model(survey);
	try {
		model.locale = locale;
		model.data = structuredClone(answers);
		// Wholesale data loses a ranking's order when a condition in the same data shows one of
		// its choices: set again, as a live session keeps it (and the app's server does).
		for (const q of model.getAllQuestions()) {
			const value = answers[q.name];
			if (q.getType() === 'ranking' && Array.isArray(value)) q.value = value;
		}
		const questions: Record<string, OracleQuestion> = {};
		for (const q of model.getAllQuestions()) questions[q.name] = oracleQuestion(q);
		const panels: OracleState['panels'] = {};
		for (const p of model.getAllPanels() as PanelModelBase[]) {
			panels[p.name] = { visible: panelShown(p), enabled: !p.isReadOnly };
		}
		return { questions, pages: model.visiblePages.map((p) => p.name), panels };
	} finally {
		model.dispose();
	}
}

/** The benchmarks' seeded generator (mulberry32): the same seed draws the same numbers. */
export { seededRandom as mulberry32 } from '../../scripts/bench-stats';

const TEXTS = ['Oui', 'Rien à signaler.', 'Moodle et Teams', 'À voir avec l’équipe', '12'];

const pick = <T>(rng: () => number, list: readonly T[]): T =>
	list[Math.floor(rng() * list.length)]!;

/**
 * A random answer set drawn from each question's declared values, whatever the conditions (so a
 * value or a question a condition hides is sometimes answered): about one question in four left
 * unanswered, checkbox, tagbox and multiple image picker subsets, rankings in a random order, some matrix rows, texts
 * for text and comment. Expression and html questions are never answered. The same rng state
 * draws the same set.
 */
export function randomAnswers(survey: SurveyJson, rng: () => number): Record<string, unknown> {
	return answersOf(allElements(survey), rng);
}

function answersOf(elements: SurveyElementJson[], rng: () => number): Record<string, unknown> {
	const answers: Record<string, unknown> = {};
	for (const element of elements) {
		if (rng() < 0.25) continue;
		const values = answerValues(element).map((o) => o.value);
		switch (element.type) {
			case 'radiogroup':
			case 'dropdown':
			case 'rating':
			case 'boolean':
				if (values.length > 0) answers[element.name] = pick(rng, values);
				break;
			case 'imagepicker':
				// One picture, or a subset of them with `multiSelect` (as a checkbox).
				if (element.multiSelect === true) {
					const subset = values.filter(() => rng() < 0.4);
					if (subset.length > 0) answers[element.name] = subset;
				} else if (values.length > 0) answers[element.name] = pick(rng, values);
				break;
			case 'checkbox':
			case 'tagbox': {
				const subset = values.filter(() => rng() < 0.4);
				if (subset.length > 0) answers[element.name] = subset;
				break;
			}
			case 'ranking': {
				// Every declared option in a random order (Fisher–Yates); survey-core drops those
				// hidden, as it does from a person's answer.
				const order = [...values];
				for (let i = order.length - 1; i > 0; i--) {
					const j = Math.floor(rng() * (i + 1));
					[order[i], order[j]] = [order[j], order[i]];
				}
				answers[element.name] = order;
				break;
			}
			case 'matrix': {
				const rows = matrixRows(element).filter(() => rng() < 0.7);
				if (rows.length > 0 && values.length > 0) {
					answers[element.name] = Object.fromEntries(rows.map((r) => [r, pick(rng, values)]));
				}
				break;
			}
			case 'text':
			case 'comment':
				answers[element.name] =
					element.inputType === 'number' ? Math.floor(rng() * 40) : pick(rng, TEXTS);
				break;
			case 'multipletext': {
				// The items given (SurveyJS keeps no key for an empty one).
				const items = matrixRows(element).filter(() => rng() < 0.6);
				if (items.length > 0) {
					answers[element.name] = Object.fromEntries(items.map((i) => [i, pick(rng, TEXTS)]));
				}
				break;
			}
			case 'paneldynamic': {
				// Between the least and the most panels the question allows (at most 3), each
				// answered like a page of its template's questions.
				const least = Math.max(1, Number(element.minPanelCount ?? 0));
				const most = Math.max(least, Math.min(3, Number(element.maxPanelCount ?? 3)));
				const count = least + Math.floor(rng() * (most - least + 1));
				const template = (element.templateElements ?? []) as SurveyElementJson[];
				answers[element.name] = Array.from({ length: count }, () => answersOf(template, rng));
				break;
			}
			case 'matrixdropdown': {
				// Some rows, each answered like a page of its columns' cells.
				const rows = matrixRows(element).filter(() => rng() < 0.7);
				const value = Object.fromEntries(
					rows.map((r) => [r, answersOf(matrixColumns(element), rng)])
				);
				const kept = Object.entries(value).filter(([, row]) => Object.keys(row).length > 0);
				if (kept.length > 0) answers[element.name] = Object.fromEntries(kept);
				break;
			}
			case 'matrixdynamic': {
				const least = Math.max(1, Number(element.minRowCount ?? 0));
				const most = Math.max(least, Math.min(3, Number(element.maxRowCount ?? 3)));
				const count = least + Math.floor(rng() * (most - least + 1));
				answers[element.name] = Array.from({ length: count }, () =>
					answersOf(matrixColumns(element), rng)
				);
				break;
			}
		}
	}
	return answers;
}
