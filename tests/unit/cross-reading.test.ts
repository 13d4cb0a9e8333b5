import { beforeAll, describe, expect, test } from 'vitest';
import { crossReading, divergenceSentence } from '$lib/campaigns/cross-reading';
import { compareWaves } from '$lib/campaigns/waves';
import { aggregateResults } from '$lib/campaigns/aggregate';
import { scoreAnswers } from '$lib/scoring/score';
import type { QuestionnairePackage } from '$lib/diagnostic/types';
import type { ScoreResult, ScoringModel } from '$lib/scoring/types';
import { loadById } from '../helpers/packages';

let orga: { pkg: QuestionnairePackage; model: ScoringModel };
let mini: { pkg: QuestionnairePackage; model: ScoringModel };
beforeAll(async () => {
	orga = await loadById('exemple-orga');
	mini = await loadById('exemple-mini');
});

/** A trainer of exemple-mini whose tutoring (area B) scores `b` (0, 1 or 2 on both rows). */
const trainer = (b: number): ScoreResult =>
	scoreAnswers(mini.model, {
		classe_virtuelle: 'souvent',
		aisance_quiz: 5,
		outils_quiz: ['h5p', 'moodle'],
		difficulte_quiz: false,
		suivi: { relance: b, planning: b }
	});
const direction = (tutorat: string, plateforme: string): ScoreResult =>
	scoreAnswers(orga.model, { tutorat, plateforme });

describe('organisation × trainers', () => {
	test('flags tutoring rated mature by the direction while most trainers are below', () => {
		// Direction: tutoring 100 (mature); trainers: 3 of 5 at 0 on tutoring (below « confirmé »).
		const rows = crossReading(
			orga.pkg,
			mini.pkg,
			[direction('oui', 'oui')],
			[trainer(0), trainer(0), trainer(0), trainer(2), trainer(2)],
			5
		);
		const tutoring = rows.find((r) => r.organisation === 'O1')!;
		expect(tutoring).toMatchObject({
			organisationN: 1,
			organisationScore: 100,
			organisationLevel: 'mature',
			trainersN: 5,
			suppressed: false,
			trainersMean: 40,
			belowShare: 0.6,
			divergence: 'organisation-ahead'
		});
		// Platform: the direction says mature and trainers' tools are at 100: no gap.
		expect(rows.find((r) => r.organisation === 'O2.1')).toMatchObject({
			organisationLevel: 'mature',
			trainersMean: 100,
			belowShare: 0,
			divergence: null
		});
	});

	test('flags the reverse: most trainers ready while the organisation is not mature', () => {
		const rows = crossReading(
			orga.pkg,
			mini.pkg,
			[direction('non', 'oui'), direction('en_partie', 'oui')],
			[trainer(2), trainer(2), trainer(2), trainer(1), trainer(0)],
			5
		);
		// Organisation: mean of 0 and 50 = 25, « initial »; trainers: 4 of 5 at or above 50.
		expect(rows.find((r) => r.organisation === 'O1')).toMatchObject({
			organisationN: 2,
			organisationScore: 25,
			organisationLevel: 'initial',
			belowShare: 0.2,
			divergence: 'trainers-ahead'
		});
	});

	test('exactly half below is not « most »: no flag', () => {
		const rows = crossReading(
			orga.pkg,
			mini.pkg,
			[direction('oui', 'oui')],
			[trainer(0), trainer(0), trainer(2), trainer(2)],
			4
		);
		expect(rows.find((r) => r.organisation === 'O1')).toMatchObject({
			belowShare: 0.5,
			divergence: null
		});
	});

	test('fewer than k trainers: no trainer figure and no flag', () => {
		const rows = crossReading(orga.pkg, mini.pkg, [direction('oui', 'oui')], [trainer(0)], 5);
		for (const row of rows) {
			expect(row).toMatchObject({
				trainersN: 1,
				suppressed: true,
				trainersMean: null,
				belowShare: null,
				divergence: null
			});
		}
	});

	test('no organisation result: no level and no flag', () => {
		const rows = crossReading(orga.pkg, mini.pkg, [], Array(5).fill(trainer(0)), 5);
		expect(rows.every((r) => r.organisationLevel === null && r.divergence === null)).toBe(true);
	});
});

describe('each flag says which way the gap goes, with both figures (ADR 0029)', () => {
	const names = {
		organisationLevel: 'Intégré',
		organisationScore: '62,5',
		mature: 'Intégré',
		ready: 'B1 Intégrateur',
		share: '60 %'
	};

	test('organisation ahead: its level against how many trainers are below', () => {
		const rows = crossReading(
			orga.pkg,
			mini.pkg,
			[direction('oui', 'oui')],
			[trainer(0), trainer(0), trainer(0), trainer(2), trainer(2)],
			5
		);
		const tutoring = rows.find((r) => r.organisation === 'O1')!;
		expect(tutoring.belowCount).toBe(3);
		expect(divergenceSentence(tutoring, names, 'fr')).toBe(
			'L’organisme se dit plus avancé que ses formateurs\u00a0: il se situe au niveau Intégré (62,5), alors que 3 formateurs sur 5 (60 %) sont sous B1 Intégrateur.'
		);
		expect(divergenceSentence(tutoring, names, 'en')).toBe(
			'The organisation rates itself ahead of its trainers: it stands at level Intégré (62,5), while 3 of its 5 trainers (60 %) are below B1 Intégrateur.'
		);
		// A link that is not flagged has no sentence.
		const platform = rows.find((r) => r.organisation === 'O2.1')!;
		expect(divergenceSentence(platform, names, 'fr')).toBeNull();
	});

	test('trainers ahead: how few are below, then the organisation’s level', () => {
		const rows = crossReading(
			orga.pkg,
			mini.pkg,
			[direction('non', 'oui'), direction('en_partie', 'oui')],
			[trainer(2), trainer(2), trainer(2), trainer(1), trainer(0)],
			5
		);
		const tutoring = rows.find((r) => r.organisation === 'O1')!;
		const words = {
			...names,
			organisationLevel: 'Initial',
			organisationScore: '25',
			share: '20 %'
		};
		expect(divergenceSentence(tutoring, words, 'fr')).toBe(
			'Les formateurs sont plus avancés que l’organisme ne le dit\u00a0: 1 formateur sur 5 seulement (20 %) est sous B1 Intégrateur, alors que l’organisme se situe au niveau Initial (25), sous Intégré.'
		);
		const none = crossReading(
			orga.pkg,
			mini.pkg,
			[direction('non', 'oui')],
			Array(5).fill(trainer(2)),
			5
		).find((r) => r.organisation === 'O1')!;
		expect(none).toMatchObject({ belowCount: 0, divergence: 'trainers-ahead' });
		expect(divergenceSentence(none, { ...words, share: '0 %' }, 'fr')).toBe(
			'Les formateurs sont plus avancés que l’organisme ne le dit\u00a0: aucun des 5 formateurs n’est sous B1 Intégrateur, alors que l’organisme se situe au niveau Initial (25), sous Intégré.'
		);
	});
});

describe('waves', () => {
	test('per-area change between two waves, suppressed units give no change', () => {
		const t0 = aggregateResults(mini.model, Array(5).fill(trainer(0)), 5);
		const t1 = aggregateResults(mini.model, Array(5).fill(trainer(2)), 5);
		const { areas, overall } = compareWaves(t0, t1);
		expect(areas.find((a) => a.id === 'B')).toEqual({
			id: 'B',
			before: 0,
			after: 100,
			change: 100
		});
		expect(areas.find((a) => a.id === 'A')).toEqual({
			id: 'A',
			before: 100,
			after: 100,
			change: 0
		});
		expect(overall.change).toBe(50);
		const small = aggregateResults(mini.model, [trainer(2)], 5);
		expect(compareWaves(t0, small).areas.every((a) => a.after === null && a.change === null)).toBe(
			true
		);
	});
});
