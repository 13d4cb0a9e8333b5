import { beforeAll, describe, expect, test } from 'vitest';
import {
	neutralize,
	participantTable,
	summaryTable,
	toCsv,
	type ExportLabels
} from '$lib/campaigns/export';
import { aggregateResults } from '$lib/campaigns/aggregate';
import { scoreAnswers } from '$lib/scoring/score';
import type { QuestionnairePackage } from '$lib/diagnostic/types';
import type { ScoringModel } from '$lib/scoring/types';
import { loadById } from '../helpers/packages';

const labels: ExportLabels = {
	campaign: 'Campagne',
	diagnostic: 'Diagnostic',
	wave: 'Vague',
	group: 'Groupe',
	identifier: 'Identifiant',
	completedOn: 'Terminé le',
	sharedOn: 'Partagé le',
	overall: 'Ensemble',
	score: 'score',
	level: 'niveau',
	participants: 'Participants',
	mean: 'Moyenne',
	min: 'Min',
	median: 'Médiane',
	max: 'Max',
	suppressed: 'moins de 5'
};

describe('CSV for French Excel', () => {
	test('BOM, semicolons, CRLF, decimal commas, empty cells', () => {
		expect(toCsv({ header: ['a', 'b', 'c'], rows: [['x', 62.5, null]] })).toBe(
			'\uFEFFa;b;c\r\nx;62,5;\r\n'
		);
	});

	test('RFC 4180 quoting of separators, quotes and line breaks', () => {
		expect(toCsv({ header: ['t'], rows: [['a;b'], ['il a dit "oui"'], ['deux\nlignes']] })).toBe(
			'\uFEFFt\r\n"a;b"\r\n"il a dit ""oui"""\r\n"deux\nlignes"\r\n'
		);
	});

	test('formula-like text is neutralised, numbers are not touched', () => {
		for (const canary of ['=1+1', '+33', '-2', '@SUM(A1)', '\tx', '\rx']) {
			expect(neutralize(canary)).toBe(`'${canary}`);
		}
		expect(neutralize('Site A')).toBe('Site A');
		expect(toCsv({ header: ['x'], rows: [['=HYPERLINK("http://evil")']] })).toBe(
			'\uFEFFx\r\n"\'=HYPERLINK(""http://evil"")"\r\n'
		);
	});
});

describe('export tables', () => {
	let pkg: QuestionnairePackage;
	let model: ScoringModel;
	beforeAll(async () => {
		({ pkg, model } = await loadById('exemple-mini'));
	});

	test('one row per shared participation, with days only and the level codes', () => {
		const result = scoreAnswers(model, {
			classe_virtuelle: 'souvent',
			suivi: { relance: 2, planning: 1 }
		});
		const table = participantTable({
			campaignName: 'C',
			pkg,
			rows: [
				{
					wave: 'T1',
					group: 'Site A',
					identifier: null,
					completedOn: '2026-11-23',
					sharedOn: '2026-11-23',
					result
				}
			],
			groupLabel: 'Site',
			identifierLabel: null,
			labels,
			locale: 'fr'
		});
		expect(table.header.slice(0, 8)).toEqual([
			'Campagne',
			'Diagnostic',
			'Vague',
			'Site',
			'Terminé le',
			'Partagé le',
			'Ensemble – score',
			'Ensemble – niveau'
		]);
		// Overall: A = 100 (A.1 alone meets minCoverage), B = (1 + 0.5 × 2) / 3 → 66.7; mean 83.3.
		expect(table.rows[0]!.slice(0, 8)).toEqual([
			'C',
			'Exemple minimal (test)',
			'T1',
			'Site A',
			'2026-11-23',
			'2026-11-23',
			83.3,
			'Expert'
		]);
		const a1 = table.header.indexOf('Classe virtuelle – score');
		expect(table.rows[0]![a1]).toBe(100);
		expect(table.rows[0]![a1 + 1]).toBe('Expert');
	});

	test('the summary shows no figure for units below k', () => {
		const results = [scoreAnswers(model, { classe_virtuelle: 'souvent' })];
		const summary = summaryTable(pkg, aggregateResults(model, results, 5), labels, 'fr');
		expect(
			summary.rows.every((r) => r[1] === 'moins de 5' && r.slice(2).every((c) => c === null))
		).toBe(true);
	});
});
