import type { QuestionnairePackage } from '../diagnostic/types';
import { surveyElements } from '../diagnostic/survey-json';
import { answerValues, cellElement, elementType, matrixRows } from '../question-types/registry';
import type { ModelItem, ScoringModel } from './types';

/**
 * Builds the scoring model of a validated package: resolves scales, flattens matrix rows,
 * and fixes each item's point range from the choices the question really offers.
 */
export function buildScoringModel(pkg: QuestionnairePackage): ScoringModel {
	const elements = new Map(surveyElements(pkg.survey).map((e) => [e.element.name, e.element]));
	const items: ModelItem[] = [];
	for (const spec of pkg.scoring.items) {
		const question = elements.get(spec.question);
		if (!question) throw new Error(`question « ${spec.question} » absente du questionnaire`);
		// A matrix's scored column: its cells are scored as their cell type's kin (ADR 0037).
		const element = spec.column === undefined ? question : cellElement(question, spec.column);
		if (!element) throw new Error(`colonne « ${spec.column} » absente de « ${spec.question} »`);
		const scale = spec.scale ? pkg.scoring.scales?.[spec.scale] : undefined;
		const allPoints = spec.points ?? scale?.points ?? {};
		const notApplicable = [...(scale?.notApplicable ?? []), ...(spec.notApplicable ?? [])];
		const offered = answerValues(element, '')
			.map((v) => v.key)
			.filter((key) => !notApplicable.includes(key) && allPoints[key] !== undefined);
		const points = Object.fromEntries(offered.map((key) => [key, allPoints[key] as number]));
		const values = Object.values(points);
		// How an answer is scored follows from its shape (ADR 0025): several values are summed,
		// an order is compared with the stated one (ADR 0036).
		const shape = elementType(element).answer;
		if (shape === 'order') {
			items.push({
				key: spec.question,
				question: spec.question,
				competence: spec.competence ?? '',
				weight: spec.weight ?? 1,
				reverse: spec.reverse ?? false,
				kind: 'order',
				points: {},
				notApplicable: [],
				min: 0,
				max: 1,
				order: spec.order ?? []
			});
			continue;
		}
		const kind = shape === 'several' ? 'multiple' : 'single';
		const min = kind === 'multiple' ? 0 : Math.min(...values);
		const max =
			kind === 'multiple'
				? (spec.cap ?? values.filter((v) => v > 0).reduce((a, b) => a + b, 0))
				: Math.max(...values);
		const base = { question: spec.question, kind, points, notApplicable, min, max } as const;
		if ((shape === 'one-per-row' || spec.column !== undefined) && spec.rows) {
			for (const row of matrixRows(question)) {
				const rowSpec = spec.rows[row];
				if (!rowSpec) continue;
				items.push({
					...base,
					key:
						spec.column === undefined
							? `${spec.question}.${row}`
							: `${spec.question}.${row}.${spec.column}`,
					row,
					...(spec.column === undefined ? {} : { column: spec.column }),
					competence: rowSpec.competence,
					weight: rowSpec.weight ?? spec.weight ?? 1,
					reverse: rowSpec.reverse ?? spec.reverse ?? false
				});
			}
		} else {
			items.push({
				...base,
				key: spec.question,
				competence: spec.competence ?? '',
				weight: spec.weight ?? 1,
				reverse: spec.reverse ?? false
			});
		}
	}
	return {
		questionnaireId: pkg.manifest.id,
		version: pkg.manifest.version,
		minCoverage: pkg.levels.minCoverage,
		levels: pkg.levels.levels.map((l) => ({ id: l.id, min: l.min })),
		areas: pkg.framework.areas.map((a) => ({
			id: a.id,
			weight: a.weight ?? 1,
			competences: a.competences.map((c) => ({ id: c.id, weight: c.weight ?? 1 }))
		})),
		items
	};
}
