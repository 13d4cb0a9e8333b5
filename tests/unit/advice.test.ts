/**
 * Results read as advice (issue [7], ADR 0029): scores said on the level scale, never as a mark
 * out of 100; nothing praised in an all-zero or even result; recommendations grouped by priority,
 * each resource once, with why it is there, and duration and cost only when known.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { scoreAnswers } from '$lib/scoring/score';
import { levelOf, placeOnScale } from '$lib/scoring/level-scale';
import { scoreWords } from '$lib/results/score-words';
import { extremeAreas, strengthsAndPriorities } from '$lib/results/insights';
import {
	adviceGroups,
	filterAdvice,
	NO_FILTER,
	recommend,
	type ResourceFilter
} from '$lib/results/recommend';
import { resourceView } from '$lib/results/advice-view';
import type { Locale, QuestionnairePackage } from '$lib/diagnostic/types';
import type { Answers, ScoreResult, ScoringModel } from '$lib/scoring/types';
import { buildResultsData } from '../../src/routes/p/[token]/results-data';
import { arbitraryAnswers, extremeKey } from '../helpers/answers';
import { loadById } from '../helpers/packages';

let eform: { pkg: QuestionnairePackage; model: ScoringModel };
let orga: { pkg: QuestionnairePackage; model: ScoringModel };
let mini: { pkg: QuestionnairePackage; model: ScoringModel };
beforeAll(async () => {
	eform = await loadById('e-formateur');
	orga = await loadById('maturite-of');
	mini = await loadById('exemple-mini');
});

/** Every item answered at its lowest value (highest points when reversed): zeros everywhere. */
const lowestAnswers = (model: ScoringModel): Answers => {
	const answers: Answers = {};
	for (const item of model.items) {
		const key = extremeKey(item, item.reverse === true);
		if (item.row !== undefined) {
			answers[item.question] = { ...((answers[item.question] as object) ?? {}), [item.row]: key };
		} else answers[item.question] = item.kind === 'multiple' ? [] : key;
	}
	return answers;
};

const data = (
	pkg: QuestionnairePackage,
	model: ScoringModel,
	answers: Answers,
	filter: ResourceFilter = NO_FILTER,
	locale: Locale = 'fr'
) =>
	buildResultsData({
		pkg,
		model,
		result: scoreAnswers(model, answers),
		answers,
		previous: null,
		filter,
		showAll: true,
		locale
	});

const scores = fc.integer({ min: 0, max: 1000 }).map((t) => t / 10);

describe('a score is said on the level scale, never as a mark out of 100', () => {
	test('« 36,1 » in e-formateur: B1, in the lower part of its band (30 to 50)', () => {
		const words = scoreWords(eform.pkg.levels.levels, 36.1, 'fr');
		expect(words.level).toBe('B1 – Intégrateur');
		expect(words.brief).toBe('B1 – Intégrateur, bas du niveau (36,1)');
		expect(words.sentence).toBe(
			'Dans le bas du niveau B1, qui va de 30 à 50 sur une échelle de 0 à 100 (position\u00a0: 36,1).'
		);
		expect(scoreWords(eform.pkg.levels.levels, 47.5, 'en').sentence).toBe(
			'In the upper part of level B1, which spans 30 to 50 on a 0–100 scale, close to level B2 (position: 47.5).'
		);
		// A level without a code goes by its name; the top band ends at 100.
		expect(scoreWords(orga.pkg.levels.levels, 54.2, 'fr').brief).toBe(
			'Structuré, haut du niveau (54,2)'
		);
		expect(scoreWords(orga.pkg.levels.levels, 100, 'fr').sentence).toBe(
			'Dans le haut du niveau Transformant, qui va de 80 à 100 sur une échelle de 0 à 100 (position\u00a0: 100).'
		);
	});

	test('thirds of a band: 40 in a band from 30 to 50 is its middle, 43,3 its middle, 43,4 its top', () => {
		const levels = eform.pkg.levels.levels;
		expect([30, 36.6, 36.7, 43.3, 43.4, 49.9].map((s) => placeOnScale(levels, s).position)).toEqual(
			['low', 'low', 'middle', 'middle', 'high', 'high']
		);
		// A band of 30 whose thirds fall on whole figures: 40 starts the middle third.
		const wide = [
			{ id: 'a', min: 0 },
			{ id: 'b', min: 30 },
			{ id: 'c', min: 60 }
		];
		expect([39.9, 40, 49.9, 50].map((s) => placeOnScale(wide, s).position)).toEqual([
			'low',
			'middle',
			'middle',
			'high'
		]);
	});

	test.each(['e-formateur', 'maturite-of', 'exemple-mini'])(
		'%s: any score names its own level first, within its band, and never « sur 100 »',
		(id) => {
			const { pkg } = { 'e-formateur': eform, 'maturite-of': orga, 'exemple-mini': mini }[id]!;
			const levels = pkg.levels.levels;
			fc.assert(
				fc.property(scores, fc.constantFrom<Locale>('fr', 'en'), (score, locale) => {
					const place = placeOnScale(levels, score);
					const words = scoreWords(levels, score, locale);
					expect(place.level).toBe(levelOf(levels, score));
					expect(score).toBeGreaterThanOrEqual(place.from);
					expect(score).toBeLessThanOrEqual(place.to);
					expect(words.brief.startsWith(words.level)).toBe(true);
					for (const text of [words.brief, words.sentence]) {
						expect(text).not.toMatch(/sur 100|out of 100|\/ ?100/);
					}
				}),
				{ numRuns: 300 }
			);
		}
	);

	test('the results page data says the overall score, strengths and priorities in these words', () => {
		const answers = Object.fromEntries(eform.model.items.map((i) => [i.question, 'b1']));
		const d = data(eform.pkg, eform.model, answers);
		expect(d.overallWords?.sentence).toMatch(/^Au milieu du niveau B1/);
		for (const p of d.insights.priorities) expect(p.words.brief).toMatch(/^[ABC][12] – /);
	});
});

describe('nothing praised when nothing stands out', () => {
	test.each(['e-formateur', 'maturite-of', 'exemple-mini'])(
		'%s: an all-zero result names no strongest area and no strength',
		(id) => {
			const { pkg, model } = { 'e-formateur': eform, 'maturite-of': orga, 'exemple-mini': mini }[
				id
			]!;
			const answers = lowestAnswers(model);
			const result = scoreAnswers(model, answers);
			expect(result.competences.every((c) => c.score === 0)).toBe(true);
			const d = data(pkg, model, answers);
			expect(d.insights.strengths).toEqual([]);
			expect(d.summary?.strongest).toBeNull();
			expect(d.summary?.weakest).toBeNull();
			expect(d.summary?.even).toBe(
				pkg.levels.levels[0]!.code
					? `${pkg.levels.levels[0]!.code} – ${pkg.levels.levels[0]!.name.fr}`
					: pkg.levels.levels[0]!.name.fr
			);
		}
	);

	/** A result of e-formateur with every area at `area` and competences at random scores. */
	const arbitraryResult = (model: ScoringModel, even: boolean) =>
		fc
			.record({
				competences: fc.array(scores, {
					minLength: model.areas.flatMap((a) => a.competences).length,
					maxLength: model.areas.flatMap((a) => a.competences).length
				}),
				areas: fc.array(scores, { minLength: model.areas.length, maxLength: model.areas.length }),
				area: scores
			})
			.map(({ competences, areas, area }): ScoreResult => {
				const base = scoreAnswers(model, {});
				const levels = model.levels;
				const unit = (score: number) => ({ score, level: levelOf(levels, score) });
				return {
					...base,
					competences: base.competences.map((c, i) => ({ ...c, ...unit(competences[i]!) })),
					areas: base.areas.map((a, i) => ({ ...a, ...unit(even ? area : areas[i]!) })),
					overall: { ...base.overall, ...unit(area) }
				};
			});

	test('when every area scores the same, neither a strongest nor a weakest area is named', () => {
		fc.assert(
			fc.property(arbitraryResult(eform.model, true), (result) => {
				expect(extremeAreas(result, eform.pkg.levels.levels)).toEqual({
					strongest: null,
					weakest: null,
					even: true
				});
			}),
			{ numRuns: 200 }
		);
	});

	test('a named strongest area is above the weakest and above the first level; strengths stand out', () => {
		const levels = eform.pkg.levels.levels;
		fc.assert(
			fc.property(arbitraryResult(eform.model, false), (result) => {
				const ends = extremeAreas(result, levels)!;
				const scoresOf = result.areas.map((a) => a.score!);
				if (ends.strongest) {
					expect(ends.strongest.score).toBe(Math.max(...scoresOf));
					expect(ends.strongest.score).toBeGreaterThan(ends.weakest!.score);
					expect(levelOf(levels, ends.strongest.score)).not.toBe(levels[0]!.id);
				}
				if (ends.weakest) expect(ends.weakest.score).toBe(Math.min(...scoresOf));
				const { strengths, priorities } = strengthsAndPriorities(
					eform.pkg,
					eform.model,
					result,
					{},
					'fr'
				);
				const lowest = Math.min(...result.competences.map((c) => c.score!));
				for (const s of strengths) {
					expect(s.score).toBeGreaterThan(lowest);
					expect(s.level).not.toBe(levels[0]!.id);
					expect(priorities.map((p) => p.id)).not.toContain(s.id);
				}
			}),
			{ numRuns: 200 }
		);
	});
});

describe('recommendations read as advice', () => {
	test.each(['e-formateur', 'maturite-of'])(
		'%s: grouped by priority, each resource once, saying why and what else it serves',
		(id) => {
			const { pkg, model } = id === 'e-formateur' ? eform : orga;
			fc.assert(
				fc.property(arbitraryAnswers(model), (answers) => {
					const result = scoreAnswers(model, answers);
					const groups = adviceGroups(recommend(pkg, result));
					const shown = groups.flatMap((g) => g.items.map((i) => i.resource.id));
					// No duplicate across groups, and nothing the rules give is lost.
					expect(new Set(shown).size).toBe(shown.length);
					expect(new Set(shown)).toEqual(
						new Set(recommend(pkg, result).flatMap((r) => r.resources.map((x) => x.id)))
					);
					// In priority order: the same order as « Vos priorités ».
					expect(groups.map((g) => g.rank)).toEqual(groups.map((_, i) => i + 1));
					const { priorities } = strengthsAndPriorities(pkg, model, result, answers, 'fr');
					expect(groups.slice(0, priorities.length).map((g) => g.competenceId)).toEqual(
						priorities.map((p) => p.id)
					);
					// A resource shown once says which later groups it also serves, and they point back.
					for (const [i, g] of groups.entries()) {
						for (const item of g.items) {
							for (const other of item.alsoServes) {
								const later = groups.findIndex((x) => x.competenceId === other.competenceId);
								expect(later).toBeGreaterThan(i);
								expect(groups[later]!.shownAbove).toContainEqual({
									resourceId: item.resource.id,
									competenceId: g.competenceId
								});
							}
						}
					}
				}),
				{ numRuns: 60 }
			);
		}
	);

	test('the why line names the competence and the level the catalogue gives the resource for', () => {
		const answers = lowestAnswers(eform.model);
		const d = data(eform.pkg, eform.model, answers);
		const first = d.recommendations[0]!;
		expect(first.rank).toBe(1);
		for (const r of first.resources) {
			expect(r.why).toBe(
				`Pourquoi celle-ci\u00a0: le catalogue la recommande pour «\u00a0${first.competence}\u00a0» au niveau ${first.level}, le vôtre.`
			);
		}
		// At the lowest level everywhere, some resources serve several competences: shown once,
		// with « Elle vaut aussi pour … ».
		const also = d.recommendations.flatMap((g) => g.resources).filter((r) => r.also !== null);
		expect(also.length).toBeGreaterThan(0);
		expect(also[0]!.also).toMatch(/^Elle vaut aussi pour «\u00a0/);
		const ids = d.recommendations.flatMap((g) => g.resources.map((r) => r.id));
		expect(new Set(ids).size).toBe(ids.length);
	});

	test('filters still work, and keep each resource once with the ranks of the priorities', () => {
		const answers = lowestAnswers(eform.model);
		const all = adviceGroups(recommend(eform.pkg, scoreAnswers(eform.model, answers)));
		for (const filter of [
			{ ...NO_FILTER, freeOnly: true },
			{ ...NO_FILTER, format: 'mooc' as const },
			{ ...NO_FILTER, maxMinutes: 60 }
		]) {
			const groups = filterAdvice(all, filter);
			expect(groups.length).toBeGreaterThan(0);
			for (const g of groups) {
				expect(g.items.length + g.shownAbove.length).toBeGreaterThan(0);
				for (const i of g.items) {
					if (filter.freeOnly) expect(['free', 'free-unconfirmed']).toContain(i.resource.cost);
					if (filter.format) expect(i.resource.format).toBe(filter.format);
					if (filter.maxMinutes) expect(i.resource.durationMinutes).toBeLessThanOrEqual(60);
				}
				expect(all.find((x) => x.competenceId === g.competenceId)!.rank).toBe(g.rank);
			}
		}
	});

	test('duration and cost only when the catalogue knows them', () => {
		const byId = new Map(eform.pkg.catalogue.resources.map((r) => [r.id, r]));
		// No duration, cost unknown: neither is said.
		expect(resourceView(byId.get('moodle-academy-quickstart')!, 'fr')).toMatchObject({
			duration: null,
			cost: null
		});
		expect(resourceView(byId.get('opquast-certification')!, 'fr')).toMatchObject({
			duration: { minutes: 840, text: null },
			cost: 'paid'
		});
		expect(resourceView(byId.get('selfie-for-teachers')!, 'en').duration).toEqual({
			minutes: null,
			text: '20 to 25 min (32 questions)'
		});
	});
});
