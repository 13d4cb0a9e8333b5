/**
 * Every count of a package that the app or its README shows, derived from the package in one
 * place, each saying what it counts (issue [6] point 17). Pure.
 */
import type { QuestionnairePackage } from './types';
import { surveyElements } from './survey-json';
import { elementType } from '../question-types/registry';
import { buildScoringModel } from '../scoring/build-model';
import type { ScoringModel } from '../scoring/types';

export interface PackageCounts {
	/** Pages (steps) of the questionnaire. */
	pages: number;
	/** Questions a person is asked: every element but the texts shown between them (html). */
	questions: number;
	/** Questions that count in the score (listed in scoring.json). */
	scoredQuestions: number;
	/**
	 * Scored items: one per scored question, one per scored row of a matrix. Progress and the
	 * results' coverage (« 26 / 28 ») count these.
	 */
	scoredItems: number;
	areas: number;
	competences: number;
}

export function packageCounts(
	pkg: QuestionnairePackage,
	model: ScoringModel = buildScoringModel(pkg)
): PackageCounts {
	return {
		pages: pkg.survey.pages.length,
		questions: surveyElements(pkg.survey).filter((e) => elementType(e.element).answer !== 'none')
			.length,
		scoredQuestions: new Set(model.items.map((i) => i.question)).size,
		scoredItems: model.items.length,
		areas: pkg.framework.areas.length,
		competences: pkg.framework.areas.reduce((n, a) => n + a.competences.length, 0)
	};
}
