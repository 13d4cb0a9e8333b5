/** Guided diagnostics, pure parts: level gap, reading the advisor's input, report and CSV rows. */
import { describe, expect, test } from 'vitest';
import { scoreAnswers } from '$lib/scoring/score';
import { toCsv } from '$lib/campaigns/export';
import { isDay, readAction, readAssessment } from '$lib/guided/plan';
import {
	actionTargets,
	buildReport,
	recommendedResources,
	reportTable,
	type ReportLabels
} from '$lib/guided/report';
import type { GuidedSession } from '$lib/guided/types';
import { gapLabel } from '$lib/guided/labels';
import { levelGap } from '$lib/scoring/level-scale';
import { parseCsv } from '../helpers/csv';
import { loadById } from '../helpers/packages';

const { pkg, model } = await loadById('exemple-mini');
const LEVELS = ['debutant', 'confirme', 'expert'].map((id) => ({ id }));
// Lowest answer everywhere: every competence « Débutant », so every rule recommends.
const lowest = scoreAnswers(model, {
	classe_virtuelle: 'jamais',
	aisance_quiz: 1,
	outils_quiz: ['papier'],
	difficulte_quiz: true,
	suivi: { relance: 0, planning: 0 }
});

describe('level gap', () => {
	test('counts levels from the self-assessment to the advisor, either way', () => {
		expect(levelGap(LEVELS, 'debutant', 'confirme')).toBe(1);
		expect(levelGap(LEVELS, 'debutant', 'expert')).toBe(2);
		expect(levelGap(LEVELS, 'expert', 'debutant')).toBe(-2);
		expect(levelGap(LEVELS, 'confirme', 'confirme')).toBe(0);
	});
	test('is said in words, with its sign', () => {
		expect([2, 1, 0, -1, -3, null].map(gapLabel)).toEqual([
			'+2 niveaux',
			'+1 niveau',
			'même niveau',
			'−1 niveau',
			'−3 niveaux',
			'—'
		]);
	});
	test('is null without both levels or with an unknown one', () => {
		expect(levelGap(LEVELS, null, 'expert')).toBeNull();
		expect(levelGap(LEVELS, 'expert', null)).toBeNull();
		expect(levelGap(LEVELS, 'expert', 'inconnu')).toBeNull();
	});
});

describe('reading the advisor input', () => {
	const known = {
		targets: new Set(['A', 'A.1', 'A.2', 'B', 'B.1']),
		resources: new Set(['h5p', 'digcompedu'])
	};
	const good = {
		title: '  Former aux quiz ',
		target: 'A.2',
		owner: ' Marie ',
		dueOn: '2027-02-28',
		status: 'doing',
		resourceIds: ['h5p', 'h5p']
	};

	test('a valid action is trimmed, deduplicated and kept', () => {
		expect(readAction(good, known)).toEqual({
			ok: true,
			action: {
				title: 'Former aux quiz',
				target: 'A.2',
				owner: 'Marie',
				dueOn: '2027-02-28',
				status: 'doing',
				resourceIds: ['h5p']
			}
		});
		expect(readAction({ ...good, dueOn: '' }, known)).toMatchObject({
			ok: true,
			action: { dueOn: null }
		});
	});

	test('every wrong field is reported, nothing is kept', () => {
		expect(
			readAction(
				{
					title: '   ',
					target: 'Z.9',
					owner: 'x'.repeat(121),
					dueOn: '2027-02-30',
					status: 'finished',
					resourceIds: ['h5p', 'not-recommended']
				},
				known
			)
		).toEqual({
			ok: false,
			errors: {
				title: 'required',
				target: 'unknown',
				owner: 'too-long',
				dueOn: 'invalid',
				status: 'unknown',
				resourceIds: 'unknown'
			}
		});
		expect(readAction({ ...good, title: 'x'.repeat(201) }, known)).toMatchObject({
			errors: { title: 'too-long' }
		});
		expect(readAction({ ...good, target: '' }, known)).toMatchObject({
			errors: { target: 'required' }
		});
	});

	test('days are real calendar days', () => {
		expect(isDay('2028-02-29')).toBe(true);
		expect(isDay('2027-02-29')).toBe(false);
		expect(isDay('2027-13-01')).toBe(false);
		expect(isDay('27-01-01')).toBe(false);
		expect(isDay('2027-1-1')).toBe(false);
	});

	test('notes and ratings: known areas and levels only, empty means none', () => {
		const areas = { areas: new Set(['A', 'B']), levels: new Set(LEVELS.map((l) => l.id)) };
		expect(
			readAssessment(
				[
					['note.A', ' Bonne base '],
					['rating.A', 'confirme'],
					['note.B', ''],
					['rating.B', ''],
					['other', 'ignored']
				],
				areas
			)
		).toEqual({ ok: true, notes: { A: 'Bonne base' }, ratings: { A: 'confirme' } });
		expect(
			readAssessment(
				[
					['note.Z', 'x'],
					['rating.A', 'maitre'],
					['note.B', 'x'.repeat(2001)]
				],
				areas
			)
		).toEqual({
			ok: false,
			errors: { 'note.Z': 'unknown', 'rating.A': 'unknown', 'note.B': 'too-long' }
		});
	});
});

describe('report', () => {
	const session: Pick<GuidedSession, 'client' | 'notes' | 'ratings' | 'actions'> = {
		client: 'Centre =Formation',
		notes: { A: 'Outils peu utilisés ; à relancer' },
		ratings: { A: 'confirme', B: 'debutant' },
		actions: [
			{
				id: 'a1',
				title: 'Former aux quiz',
				target: 'A.2',
				owner: 'Marie',
				dueOn: '2027-03-31',
				status: 'doing',
				resourceIds: ['h5p', 'digcompedu']
			},
			{
				id: 'a2',
				title: '@Tutorat',
				target: 'B',
				owner: '',
				dueOn: null,
				status: 'todo',
				resourceIds: []
			}
		]
	};
	const report = buildReport({
		pkg,
		result: lowest,
		session,
		completedAt: '2026-11-23T10:41:07.123Z',
		locale: 'fr'
	});

	test('areas carry self level, advisor level, gap and note; dates are days', () => {
		expect(report.completedOn).toBe('2026-11-23');
		expect(report.areas).toEqual([
			{
				id: 'A',
				name: 'Outils',
				score: 0,
				where: 'bas du niveau',
				selfLevel: { id: 'debutant', name: 'Débutant' },
				advisorLevel: { id: 'confirme', name: 'Confirmé' },
				gap: 1,
				note: 'Outils peu utilisés ; à relancer'
			},
			{
				id: 'B',
				name: 'Accompagnement',
				score: 0,
				where: 'bas du niveau',
				selfLevel: { id: 'debutant', name: 'Débutant' },
				advisorLevel: { id: 'debutant', name: 'Débutant' },
				gap: 0,
				note: ''
			}
		]);
		expect(JSON.stringify(report)).not.toContain('a1');
		expect(JSON.stringify(report)).not.toMatch(/T\d{2}:\d{2}/);
	});

	test('actions name their target and resources; recommendations are the most urgent', () => {
		expect(report.actions[0]).toMatchObject({
			title: 'Former aux quiz',
			target: { id: 'A.2', kind: 'competence', name: 'Quiz en ligne' },
			resources: [{ id: 'h5p' }, { id: 'digcompedu' }]
		});
		expect(report.actions[1]!.target).toEqual({ id: 'B', kind: 'area', name: 'Accompagnement' });
		expect(report.recommendations.map((r) => r.competenceId).sort()).toEqual(['A.1', 'A.2', 'B.1']);
		expect(
			recommendedResources(pkg, lowest, 'fr')
				.map((r) => r.id)
				.sort()
		).toEqual(['digcompedu', 'h5p']);
		expect(actionTargets(pkg, 'en').map((t) => `${t.kind}:${t.name}`)).toEqual([
			'area:Tools',
			'competence:Virtual classroom',
			'competence:Online quizzes',
			'area:Support',
			'competence:Tutoring'
		]);
	});

	test('CSV: one row per area then per action, typed, formulas neutralised', () => {
		const labels: ReportLabels = {
			client: 'Client',
			diagnostic: 'Diagnostic',
			type: 'Type',
			area: 'domaine',
			action: 'action',
			subject: 'Sujet',
			score: 'Score',
			selfLevel: 'Auto',
			advisorLevel: 'Conseiller',
			gap: 'Écart',
			note: 'Note',
			title: 'Action',
			owner: 'Responsable',
			dueOn: 'Échéance',
			status: 'Statut',
			statuses: { todo: 'À faire', doing: 'En cours', done: 'Fait' },
			resources: 'Ressources'
		};
		const [header, ...rows] = parseCsv(toCsv(reportTable(report, labels)).slice(1));
		expect(header).toHaveLength(14);
		expect(rows.map((r) => r[2])).toEqual(['domaine', 'domaine', 'action', 'action']);
		expect(rows[0]).toEqual([
			'Centre =Formation',
			'Exemple minimal (test)',
			'domaine',
			'Outils',
			'0',
			'Débutant',
			'Confirmé',
			'1',
			'Outils peu utilisés ; à relancer',
			'',
			'',
			'',
			'',
			''
		]);
		expect(rows[2]!.slice(9)).toEqual([
			'Former aux quiz',
			'Marie',
			'2027-03-31',
			'En cours',
			'H5P – Content types and applications | Digital Competence Framework for Educators (DigCompEdu)'
		]);
		// A title starting like a formula never runs in a spreadsheet.
		expect(rows[3]![9]).toBe("'@Tutorat");
	});
});
