/**
 * How a page's form carries a dynamic panel (question-types/form.ts, shape `panels`): a field
 * `name[index][question]` per panel and template question, with that question's own rule, and
 * reading panel by panel what each panel shows.
 */
import { describe, expect, test } from 'vitest';
import { checkForm, type StrictForm } from '$lib/forms/strict-form';
import { fieldRules, readPanels, type FormQuestion } from '$lib/question-types/form';

const inner = (name: string, answer: FormQuestion['answer'], keys: string[] = []) => ({
	question: {
		name,
		answer,
		multiline: false,
		values: new Map(keys.map((k) => [k, k])),
		rows: []
	} satisfies FormQuestion,
	keys: keys.length > 0 ? new Set(keys) : undefined
});

const formations: FormQuestion = {
	name: 'formations',
	answer: 'panels',
	multiline: false,
	values: new Map(),
	rows: [],
	panels: {
		keys: ['0', '1'],
		keyed: false,
		template: [
			inner('intitule', 'text'),
			inner('distance', 'one', ['oui', 'non']),
			inner('outils', 'several', ['moodle', 'teams'])
		]
	}
};

const rules = new Map(fieldRules(formations, undefined, 100));
const read = (entries: [string, string][]): StrictForm => {
	const checked = checkForm(entries, (name) => rules.get(name));
	if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
	return checked.form;
};

describe('the fields of a dynamic panel', () => {
	test('one per panel it may hold and template question, with that question’s rule', () => {
		expect([...rules.keys()]).toEqual([
			'formations[0][intitule]',
			'formations[0][distance]',
			'formations[0][outils]',
			'formations[1][intitule]',
			'formations[1][distance]',
			'formations[1][outils]'
		]);
		expect(rules.get('formations[1][intitule]')).toEqual({
			kind: 'text',
			maxLength: 100,
			multiline: false
		});
		expect(rules.get('formations[0][outils]')).toEqual({
			kind: 'choices',
			options: new Set(['moodle', 'teams'])
		});
	});

	test('a value a template question does not offer is refused by the form itself', () => {
		const checked = checkForm([['formations[0][distance]', 'peut-être']], (n) => rules.get(n));
		expect(checked.ok ? [] : checked.problems).toEqual([
			{ field: 'formations[0][distance]', kind: 'not-offered' }
		]);
	});
});

describe('reading a dynamic panel', () => {
	const shown = [
		{ key: '0', editable: ['intitule', 'distance', 'outils'] },
		{ key: '1', editable: ['intitule', 'distance'] }
	];

	test('each panel shown takes its fields; a question it does not show keeps its value', () => {
		const form = read([
			['formations[0][intitule]', ' Tableur '],
			['formations[0][outils]', 'moodle'],
			['formations[0][outils]', 'teams'],
			['formations[1][distance]', 'non']
		]);
		expect(
			readPanels(formations, form, shown, 2, [{ distance: 'oui' }, { outils: ['teams'] }])
		).toEqual({
			value: [
				{ intitule: 'Tableur', outils: ['moodle', 'teams'] },
				{ distance: 'non', outils: ['teams'] }
			],
			problems: []
		});
	});

	test('as many panels as the question holds, an empty one for each missing value', () => {
		expect(readPanels(formations, read([]), [], 2, undefined).value).toEqual([{}, {}]);
	});

	test('a field of a panel the page does not show is refused', () => {
		const form = read([
			['formations[1][intitule]', 'x'],
			['formations[0][intitule]', 'y']
		]);
		expect(readPanels(formations, form, [shown[0]!], 1, []).problems).toEqual([
			{ field: 'formations[1][intitule]', kind: 'not-offered' }
		]);
	});
});

describe('a matrix of cells kept by row (matrixdropdown)', () => {
	const outils: FormQuestion = {
		name: 'outils',
		answer: 'panels',
		multiline: false,
		values: new Map(),
		rows: [],
		panels: {
			keys: ['visio', 'lms'],
			keyed: true,
			template: [inner('usage', 'one', ['1', '2']), inner('note', 'text')]
		}
	};
	const cellRules = new Map(fieldRules(outils, undefined, 100));
	const readCells = (entries: [string, string][]): StrictForm => {
		const checked = checkForm(entries, (name) => cellRules.get(name));
		if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
		return checked.form;
	};
	const both = [
		{ key: 'visio', editable: ['usage', 'note'] },
		{ key: 'lms', editable: ['usage', 'note'] }
	];

	test('a field per row and column, of the column’s own shape', () => {
		expect([...cellRules.keys()]).toEqual([
			'outils[visio][usage]',
			'outils[visio][note]',
			'outils[lms][usage]',
			'outils[lms][note]'
		]);
	});

	test('each row shown takes its cells; an empty row is dropped, a row not shown is kept', () => {
		const form = readCells([
			['outils[visio][usage]', '2'],
			['outils[visio][note]', ' Teams ']
		]);
		expect(readPanels(outils, form, both, 0, { lms: { usage: '1' } }).value).toEqual({
			visio: { usage: '2', note: 'Teams' }
		});
		expect(readPanels(outils, form, [both[0]!], 0, { lms: { usage: '1' } }).value).toEqual({
			visio: { usage: '2', note: 'Teams' },
			lms: { usage: '1' }
		});
	});

	test('a cell of a row the page does not show is refused', () => {
		const form = readCells([['outils[lms][usage]', '1']]);
		expect(readPanels(outils, form, [both[0]!], 0, undefined).problems).toEqual([
			{ field: 'outils[lms][usage]', kind: 'not-offered' }
		]);
	});
});
