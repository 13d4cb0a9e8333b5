/**
 * Free-text questions carry the personal-data warning, tied with aria-describedby (PRIV-03),
 * for both kinds the renderer supports: the bundled diagnostics only have comments, so the
 * one-line text question is rendered here on the server, as SvelteKit renders it.
 */
import { render } from 'svelte/server';
import { describe, expect, test } from 'vitest';
import QuestionField from '$lib/components/QuestionField.svelte';
import type { QuestionView } from '$lib/diagnostic/page-view';
import { questionType } from '$lib/question-types/registry';

const question = (type: QuestionView['type'], extra: Partial<QuestionView> = {}): QuestionView => ({
	name: 'remarque',
	type,
	widget: questionType(type).widget,
	title: 'Une remarque ?',
	description: '',
	required: false,
	enabled: true,
	choices: type === 'radiogroup' ? [{ key: 'oui', text: 'Oui' }] : [],
	rows: [],
	value: null,
	errors: [],
	...extra
});

/** The ids a field's aria-describedby names, and the text of the hint it points at. */
function described(html: string, tag: 'textarea' | 'input') {
	const field = new RegExp(`<${tag}[^>]*id="q-remarque"[^>]*>`).exec(html)?.[0] ?? '';
	const ids = /aria-describedby="([^"]*)"/.exec(field)?.[1]?.split(' ') ?? [];
	const hint = /<p[^>]*id="q-remarque-privacy"[^>]*data-personal-data-hint[^>]*>([^<]*)<\/p>/.exec(
		html
	)?.[1];
	return { ids, hint };
}

describe('free-text questions', () => {
	test.each([
		['comment', 'textarea'],
		['text', 'input']
	] as const)('a %s field is described by the personal-data warning', (type, tag) => {
		const { body } = render(QuestionField, { props: { question: question(type) } });
		const { ids, hint } = described(body, tag);
		expect(ids).toContain('q-remarque-privacy');
		expect(hint).toContain('donnée personnelle');
	});

	test('with a description and an error, all three describe the field, warning included', () => {
		const { body } = render(QuestionField, {
			props: {
				question: question('comment', { description: 'Facultatif.', errors: ['Trop long.'] })
			}
		});
		expect(described(body, 'textarea').ids).toEqual([
			'q-remarque-desc',
			'q-remarque-privacy',
			'q-remarque-err'
		]);
	});

	test('a number or a date is no free text: no such warning, the browser’s own control', () => {
		for (const type of ['number', 'date'] as const) {
			const { body } = render(QuestionField, {
				props: { question: question('text', { input: { type, min: '0' } }) }
			});
			expect(body).not.toContain('data-personal-data-hint');
			expect(body).toMatch(new RegExp(`<input[^>]*type="${type}"[^>]*min="0"`));
		}
		const email = render(QuestionField, {
			props: { question: question('text', { input: { type: 'email' } }) }
		}).body;
		expect(email).toContain('data-personal-data-hint');
	});

	test('choice questions carry no such warning', () => {
		const { body } = render(QuestionField, { props: { question: question('radiogroup') } });
		expect(body).not.toContain('data-personal-data-hint');
	});
});
