export { buildScoringModel } from './build-model';
export { scoreAnswers, scoreItem, itemAnswer, levelOf, roundScore } from './score';
export type * from './types';
