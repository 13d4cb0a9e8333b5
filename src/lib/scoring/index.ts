export { buildScoringModel } from './build-model';
export { scoreAnswers, scoreItem, levelOf, roundScore } from './score';
export type * from './types';
