/**
 * A SurveyJS `ranking` through the server (ADR 0036), on the corpus questionnaire rank-tagbox:
 * a position per option (`name[value]`) is read as the order SurveyJS keeps; positions with ties
 * or gaps are held, to be said back, while the rest of the page is read; a stored order comes
 * back as given, a choice shown by another answer included; a scored ranking is valued by its
 * distance to the stated order; the validator says what a ranking needs.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { loadPackage } from '$lib/server/questionnaires/load';
import { buildPageView, readPageForm } from '$lib/server/survey/runtime';
import { formValueOf, type QuestionView } from '$lib/diagnostic/page-view';
import { PACKAGE_FILES, type QuestionnairePackage } from '$lib/diagnostic/types';
import { validatePackage } from '$lib/diagnostic/validate-package';
import { buildScoringModel } from '$lib/scoring/build-model';
import { scoreAnswers, scoreItem } from '$lib/scoring/score';
import { strengthsAndPriorities } from '$lib/results/insights';
import type { Answers } from '$lib/scoring/types';
import { corpusSurveys, packageFiles, wrapAsPackage } from '../helpers/surveyjs-corpus';

const ID = 'rank-tagbox';
const { survey } = corpusSurveys().find((c) => c.id === ID)!;
let pkg: QuestionnairePackage;
beforeAll(async () => {
	const loaded = await loadPackage(
		wrapAsPackage(ID, survey, mkdtempSync(path.join(tmpdir(), 'reperes-ranking-')))
	);
	if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
	pkg = loaded.questionnaire.pkg;
});

const form = (entries: [string, string][]) => {
	const data = new FormData();
	data.set('page', 'priorites');
	for (const [k, v] of entries) data.append(k, v);
	return data;
};
const read = (answers: Answers, entries: [string, string][]) =>
	readPageForm(pkg, answers, form(entries));
const positions = (given: Record<string, string>): [string, string][] =>
	Object.entries(given).map(([k, p]) => [`priorites[${k}]`, p]);

describe('a ranking read from its form', () => {
	test('positions are read as the order SurveyJS keeps', () => {
		const r = read({}, positions({ outils: '3', pedagogie: '1', evaluation: '2' }));
		expect(r.ok && r.answers.priorites).toEqual(['pedagogie', 'evaluation', 'outils']);
		expect(r.ok && r.held).toEqual([]);
	});

	test('gaps in the numbering do not matter; no position at all is no answer', () => {
		const r = read({}, positions({ outils: '4', pedagogie: '1', evaluation: '2' }));
		expect(r.ok && r.answers.priorites).toEqual(['pedagogie', 'evaluation', 'outils']);
		const none = read({}, positions({ outils: '', pedagogie: '', evaluation: '' }));
		expect(none.ok && none.answers.priorites).toBeUndefined();
	});

	test('ties and options left without a position are held, the rest of the page read', () => {
		const before = { priorites: ['evaluation', 'outils', 'pedagogie'] };
		const r = read(before, [
			...positions({ outils: '1', pedagogie: '1', evaluation: '' }),
			['outils', 'teams']
		]);
		if (!r.ok) throw new Error(JSON.stringify(r.problems));
		expect(r.held).toEqual([
			{
				question: 'priorites',
				positions: { outils: '1', pedagogie: '1' },
				gap: { tied: [{ position: 1, keys: ['outils', 'pedagogie'] }], missing: ['evaluation'] }
			}
		]);
		// The ranking keeps its answer; the other answers of the page are read.
		expect(r.answers.priorites).toEqual(before.priorites);
		expect(r.answers.outils).toEqual(['teams']);
	});

	test('a position for a choice the page does not offer is refused, as any such value', () => {
		const r = read(
			{},
			positions({ outils: '1', pedagogie: '2', evaluation: '3', accessibilite: '4' })
		);
		expect(r.ok ? [] : r.problems).toEqual([{ field: 'priorites', kind: 'not-offered' }]);
		// A position beyond the options is malformed.
		const far = read({}, positions({ outils: '9' }));
		expect(far.ok ? [] : far.problems.map((p) => p.kind)).toEqual(['not-offered']);
	});

	test('a choice shown by an answer of the same page joins a ranked order at its end', () => {
		const r = read({ priorites: ['evaluation', 'pedagogie', 'outils'] }, [
			['format', 'distanciel'],
			...positions({ outils: '3', pedagogie: '2', evaluation: '1' })
		]);
		expect(r.ok && r.answers.priorites).toEqual([
			'evaluation',
			'pedagogie',
			'outils',
			'accessibilite'
		]);
	});
});

describe('a stored order', () => {
	test('comes back as given, a choice shown by another answer included', () => {
		// survey-core given these answers wholesale would move « accessibilite » to the end.
		const answers = {
			format: 'distanciel',
			priorites: ['pedagogie', 'accessibilite', 'outils', 'evaluation']
		};
		const view = buildPageView(pkg, answers, 'priorites', 'fr');
		const q = view.questions.find((x) => x.name === 'priorites')!;
		expect(q.value).toEqual(answers.priorites);
		expect(q.widget).toBe('ranking');
		expect(q.choices.map((c) => c.key)).toEqual([
			'outils',
			'pedagogie',
			'accessibilite',
			'evaluation'
		]);
		// And a page read without a change keeps it.
		const r = read(answers, [
			['format', 'distanciel'],
			...positions({ pedagogie: '1', accessibilite: '2', outils: '3', evaluation: '4' })
		]);
		expect(r.ok && r.answers.priorites).toEqual(answers.priorites);
	});

	test('the page form holds it as the server reads it (live updates compare the two)', () => {
		const q = { name: 'priorites', widget: 'ranking', choices: [{ key: 'a' }, { key: 'b' }] };
		const data = (entries: [string, string][]) => {
			const f = new FormData();
			for (const [k, v] of entries) f.append(k, v);
			return f;
		};
		const of = (entries: [string, string][]) =>
			formValueOf(q as unknown as QuestionView, data(entries));
		expect(
			of([
				['priorites[a]', '2'],
				['priorites[b]', '1']
			])
		).toEqual(['b', 'a']);
		expect(
			of([
				['priorites[a]', ''],
				['priorites[b]', '']
			])
		).toBeNull();
		expect(
			of([
				['priorites[a]', '1'],
				['priorites[b]', '1']
			])
		).toEqual({ a: '1', b: '1' });
	});
});

describe('a scored ranking', () => {
	test('is valued by its distance to the stated order (1 − footrule / its maximum)', () => {
		const model = buildScoringModel(pkg);
		const item = model.items.find((i) => i.question === 'priorites')!;
		expect(item).toMatchObject({
			kind: 'order',
			order: ['outils', 'pedagogie', 'accessibilite', 'evaluation'],
			min: 0,
			max: 1
		});
		const value = (priorites: string[]) => scoreItem(item, { priorites });
		// Three options shown: the stated order restricted to them is outils, pedagogie, evaluation.
		expect(value(['outils', 'pedagogie', 'evaluation'])).toEqual({ status: 'valued', value: 1 });
		expect(value(['evaluation', 'pedagogie', 'outils'])).toEqual({ status: 'valued', value: 0 });
		// One swap of neighbours: footrule 2 of at most ⌊3²/2⌋ = 4.
		expect(value(['pedagogie', 'outils', 'evaluation'])).toEqual({ status: 'valued', value: 0.5 });
		// Four options: a rotation by one (footrule 6 of 8).
		expect(value(['evaluation', 'outils', 'pedagogie', 'accessibilite'])).toEqual({
			status: 'valued',
			value: 0.25
		});
		// One option ranked measures nothing; none is no answer.
		expect(value(['outils'])).toEqual({ status: 'not-applicable' });
		expect(value([])).toEqual({ status: 'unanswered' });
	});
});

describe('in the results', () => {
	test('a ranking away from the stated order shows that order, in its options’ words', () => {
		const model = buildScoringModel(pkg);
		const answers = {
			aisance: 1,
			format: 'presentiel',
			priorites: ['evaluation', 'pedagogie', 'outils']
		};
		const result = scoreAnswers(model, answers);
		for (const [locale, separator] of [
			['fr', '\u202f; '],
			['en', '; ']
		] as const) {
			const { priorities } = strengthsAndPriorities(pkg, model, result, answers, locale, 100);
			expect(priorities.flatMap((p) => p.steps)).toContainEqual({
				practice: 'Classez ce qui compte le plus pour vous, du plus important au moins important',
				next: ['1. Maîtriser les outils', '2. Repenser la pédagogie', '3. Évaluer autrement'].join(
					separator
				)
			});
		}
		// In the stated order, nothing to reach.
		const best = { ...answers, priorites: ['outils', 'pedagogie', 'evaluation'] };
		const again = strengthsAndPriorities(pkg, model, scoreAnswers(model, best), best, 'fr', 100);
		expect(again.priorities.flatMap((p) => p.steps).map((s) => s.practice)).not.toContain(
			'Classez ce qui compte le plus pour vous, du plus important au moins important'
		);
	});
});

describe('the validator', () => {
	const files = () => packageFiles(ID, survey);
	const errors = (edit: (f: Record<string, unknown>) => void) => {
		const text = files();
		const parsed = Object.fromEntries(
			Object.entries(text).map(([f, t]) => [f, JSON.parse(t) as unknown])
		) as Record<string, unknown>;
		edit(parsed);
		const result = validatePackage(
			ID,
			Object.fromEntries(PACKAGE_FILES.map((f) => [f, JSON.stringify(parsed[f])]))
		);
		return result.ok ? [] : result.errors.map((e) => `${e.file}#${e.pointer} ${e.message}`);
	};
	type Item = { question: string; order?: string[]; points?: unknown };
	const item = (f: Record<string, unknown>) =>
		(f['scoring.json'] as { items: Item[] }).items.find((i) => i.question === 'priorites')!;
	const ranking = (f: Record<string, unknown>) =>
		(f['survey.json'] as { pages: { elements: Record<string, unknown>[] }[] }).pages[0]!
			.elements[1]!;

	test('accepts the corpus package', () => {
		expect(errors(() => {})).toEqual([]);
	});

	test('a scored ranking states an order that places every choice once, and no points', () => {
		expect(
			errors((f) => {
				item(f).order = ['outils', 'outils', 'inconnu', 'evaluation'];
				item(f).points = { outils: 1 };
			})
		).toEqual([
			expect.stringContaining(
				'« points » ne s’applique pas au classement « priorites », noté sur l’ordre attendu'
			),
			expect.stringContaining('« outils » est deux fois dans l’ordre attendu de « priorites »'),
			expect.stringContaining('« inconnu » n’est pas un choix du classement « priorites »'),
			expect.stringContaining(
				'l’ordre attendu de « priorites » doit placer tous ses choix : il manque « pedagogie », « accessibilite »'
			)
		]);
		expect(
			errors((f) => {
				delete item(f).order;
			})
		).toEqual([expect.stringContaining('classement « priorites » sans ordre attendu')]);
	});

	test('« order » belongs to rankings only', () => {
		expect(
			errors((f) => {
				const rating = (f['scoring.json'] as { items: Item[] }).items.find(
					(i) => i.question === 'aisance'
				)!;
				rating.order = ['1', '2'];
			})
		).toEqual([expect.stringContaining('« order » ne s’applique qu’aux classements (ranking)')]);
	});

	test('refuses what Repères does not rank: select-to-rank, choices from elsewhere, fixed choices', () => {
		const found = errors((f) => {
			Object.assign(ranking(f), {
				selectToRankEnabled: true,
				choicesFromQuestion: 'outils',
				choicesEnableIf: "{format} = 'hybride'"
			});
		});
		expect(found).toEqual([
			expect.stringMatching(/selectToRankEnabled.*Classez ce qui compte.*n’est pas pris en charge/),
			expect.stringContaining(
				'« choicesFromQuestion » n’est pas pris en charge dans un classement'
			),
			expect.stringContaining('un choix qu’on ne peut pas déplacer n’est pas pris en charge')
		]);
	});
});
