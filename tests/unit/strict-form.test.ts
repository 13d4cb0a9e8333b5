/** Strict form reading (REQ-03): the pure checker and the messages of a refusal, both languages. */
import { describe, expect, test } from 'vitest';
import {
	checkForm,
	either,
	fields,
	hasControlCharacters,
	withoutControlCharacters,
	type FormSchema
} from '$lib/forms/strict-form';
import {
	describeRefusal,
	problemMessage,
	refusalMessage,
	shownName
} from '$lib/forms/problem-messages';

const schema: FormSchema = either(
	fields({
		name: { kind: 'text', maxLength: 20 },
		notes: { kind: 'text', maxLength: 50, multiline: true },
		day: { kind: 'text', maxLength: 10, pattern: /^\d{4}-\d{2}-\d{2}$/ },
		level: { kind: 'choice', options: new Set(['', 'a', 'b']) },
		tools: { kind: 'choices', options: new Set(['x', 'y']) },
		free: { kind: 'choice' }
	}),
	(name) => (name.startsWith('target.') ? { kind: 'text', maxLength: 5 } : undefined)
);
const check = (entries: [string, FormDataEntryValue][]) => checkForm(entries, schema);
const problems = (entries: [string, FormDataEntryValue][]) => {
	const r = check(entries);
	return r.ok ? [] : r.problems.map((p) => [p.field, p.kind]);
};

describe('a well-formed form', () => {
	test('gives its values; absent fields are empty, not refused', () => {
		const r = check([
			['name', 'Atelier <b>'],
			['notes', 'ligne 1\r\nligne 2\tfin'],
			['tools', 'x'],
			['tools', 'y'],
			['level', ''],
			['target.A', 'b1']
		]);
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.form.text('name')).toBe('Atelier <b>');
		expect(r.form.all('tools')).toEqual(['x', 'y']);
		expect(r.form.text('day')).toBe('');
		expect(r.form.has('day')).toBe(false);
		expect(r.form.names()).toEqual(['name', 'notes', 'tools', 'level', 'target.A']);
	});

	test('an empty text does not need to match its pattern (left out)', () => {
		expect(check([['day', '']]).ok).toBe(true);
		expect(check([['day', '2027-03-31']]).ok).toBe(true);
	});

	test('options left to the caller accept any clean value', () => {
		expect(check([['free', 'whatever']]).ok).toBe(true);
		expect(problems([['free', 'a\u0000']])).toEqual([['free', 'control-character']]);
	});
});

describe('a malformed form is refused, naming each field once', () => {
	test.each([
		['an unknown field', [['q999', '3']], [['q999', 'unknown']]],
		[
			'names that are object properties',
			[
				['__proto__', 'x'],
				['constructor', 'y']
			],
			[
				['__proto__', 'unknown'],
				['constructor', 'unknown']
			]
		],
		[
			'a repeated single value (q=1&q=2)',
			[
				['level', 'a'],
				['level', 'b']
			],
			[['level', 'repeated']]
		],
		[
			'a repeated text',
			[
				['name', 'a'],
				['name', 'a']
			],
			[['name', 'repeated']]
		],
		[
			'a box sent twice',
			[
				['tools', 'x'],
				['tools', 'x']
			],
			[['tools', 'repeated']]
		],
		['a value not offered', [['level', 'c']], [['level', 'not-offered']]],
		['a box not offered', [['tools', 'z']], [['tools', 'not-offered']]],
		['a text over its limit', [['name', 'x'.repeat(21)]], [['name', 'too-long']]],
		['10 000 characters', [['notes', 'x'.repeat(10_000)]], [['notes', 'too-long']]],
		['U+0000', [['notes', 'a\u0000b']], [['notes', 'control-character']]],
		['a bell', [['name', '\u0007']], [['name', 'control-character']]],
		['an escape', [['notes', '\u001b[31m']], [['notes', 'control-character']]],
		['DEL', [['notes', '\u007f']], [['notes', 'control-character']]],
		['a C1 control', [['notes', '\u009b']], [['notes', 'control-character']]],
		['a lone high surrogate', [['notes', 'a\ud83d']], [['notes', 'control-character']]],
		['a lone low surrogate', [['notes', '\ude00b']], [['notes', 'control-character']]],
		['a line break in a one-line field', [['name', 'a\nb']], [['name', 'control-character']]],
		['a shape not matched', [['day', '31/03/2027']], [['day', 'malformed']]],
		['a file', [['name', new File(['x'], 'x.txt')]], [['name', 'not-text']]],
		['a prefixed field over its limit', [['target.A', '123456']], [['target.A', 'too-long']]]
	] as [string, [string, FormDataEntryValue][], string[][]][])('%s', (_, entries, expected) => {
		expect(problems(entries)).toEqual(expected);
	});

	test('a whole emoji is text, half of one is not', () => {
		expect(hasControlCharacters('😀')).toBe(false);
		expect(hasControlCharacters('😀'.slice(0, 1))).toBe(true);
	});

	test('problems come in the order fields were sent', () => {
		expect(
			problems([
				['zz', '1'],
				['name', 'ok'],
				['level', 'nope'],
				['zz', '2'],
				['name', 'again']
			])
		).toEqual([
			['zz', 'unknown'],
			['level', 'not-offered'],
			['name', 'repeated']
		]);
	});

	test('what was typed can be shown back without what caused the refusal', () => {
		expect(withoutControlCharacters('a\u0000b\u0007c\r\nd\ud800')).toBe('abc\r\nd');
		expect(withoutControlCharacters('a\r\nb', false)).toBe('a b');
	});
});

describe('messages of a refusal', () => {
	const NBSP = '\u00a0';

	test('each problem names its field, in French with French typography', () => {
		expect(problemMessage({ field: 'q999', kind: 'unknown' }, undefined, 'fr')).toBe(
			`Champ inconnu${NBSP}: «${NBSP}q999${NBSP}».`
		);
		expect(
			problemMessage(
				{ field: 'remarque', kind: 'too-long', maxLength: 2000 },
				'Une remarque ?',
				'fr'
			)
		).toBe(`«${NBSP}Une remarque ?${NBSP}» dépasse 2000 caractères.`);
		expect(problemMessage({ field: 'name', kind: 'control-character' }, 'Nom', 'fr')).toBe(
			`«${NBSP}Nom${NBSP}» contient des caractères invisibles non acceptés (caractères de contrôle)${NBSP}: retirez-les.`
		);
		expect(problemMessage({ field: 'level', kind: 'repeated' }, 'Niveau', 'fr')).toContain(
			'une seule valeur'
		);
		expect(problemMessage({ field: 'level', kind: 'not-offered' }, 'Niveau', 'fr')).toBe(
			`La valeur de «${NBSP}Niveau${NBSP}» ne fait pas partie des choix proposés.`
		);
	});

	test('and in English', () => {
		expect(problemMessage({ field: 'q999', kind: 'unknown' }, undefined, 'en')).toBe(
			'Unknown field: “q999”.'
		);
		expect(problemMessage({ field: 'day', kind: 'malformed' }, 'Due date', 'en')).toBe(
			'“Due date” does not have the expected form.'
		);
		expect(problemMessage({ field: 'f', kind: 'not-text' }, 'Notes', 'en')).toBe(
			'“Notes” must be text, not a file.'
		);
	});

	test('a refusal says nothing was saved, lists five problems and counts the rest', () => {
		const many = Array.from({ length: 8 }, (_, i) => ({
			field: `q${i}`,
			kind: 'unknown' as const
		}));
		const text = refusalMessage(many, () => undefined, 'fr');
		expect(text.startsWith('Envoi refusé, rien n’a été enregistré.')).toBe(true);
		expect(text).toContain('q4');
		expect(text).not.toContain('q5');
		expect(text.endsWith('Et 3 autres problèmes.')).toBe(true);
		expect(refusalMessage(many.slice(0, 1), () => undefined, 'en')).toBe(
			'Not accepted: nothing was saved. Unknown field: “q0”.'
		);
	});

	test('fields the form has get a message beside them, the others one text', () => {
		const labels: Record<string, string> = { name: 'Nom de la campagne' };
		const { errors, refused } = describeRefusal(
			[
				{ field: 'name', kind: 'control-character' },
				{ field: 'x', kind: 'unknown' }
			],
			(f) => labels[f],
			'fr'
		);
		expect(Object.keys(errors)).toEqual(['name']);
		expect(errors.name).toContain('Nom de la campagne');
		expect(refused).toContain('x');
		expect(
			describeRefusal([{ field: 'name', kind: 'too-long', maxLength: 1 }], (f) => labels[f], 'fr')
				.refused
		).toBeNull();
	});

	test('names sent by a client are shown readable and short', () => {
		expect(shownName('a\u0000b')).toBe('a\\u0000b');
		expect(shownName('x'.repeat(100))).toBe(`${'x'.repeat(40)}…`);
	});
});
