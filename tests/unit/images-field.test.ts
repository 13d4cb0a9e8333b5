/**
 * An image picker's page markup (ADR 0039), rendered on the server as SvelteKit renders it: a
 * real radio (a checkbox with `multiSelect`) per picture inside its label, the picture named by
 * its text, the text written under it only with `showLabel` (and then not read twice).
 */
import { render } from 'svelte/server';
import { beforeAll, describe, expect, test } from 'vitest';
import QuestionField from '$lib/components/QuestionField.svelte';
import { loadWidgets } from '$lib/components/lazy-widgets';
import type { QuestionView } from '$lib/diagnostic/page-view';

beforeAll(() => loadWidgets(['images']));

const question = (images: QuestionView['images'], value: QuestionView['value']): QuestionView => ({
	name: 'support',
	type: 'imagepicker',
	widget: 'images',
	title: 'Votre outil',
	description: '',
	required: true,
	enabled: true,
	choices: [
		{ key: 'visio', text: 'Une visioconférence', image: '/diagnostics/p/images/visio.svg' },
		{ key: 'quiz', text: 'Un quiz', image: '/diagnostics/p/images/quiz.png', disabled: true }
	],
	rows: [],
	value,
	errors: [],
	images
});

const labels = (html: string) =>
	html.match(/<label class="image-choice[^"]*">[\s\S]*?<\/label>/g) ?? [];

describe('an image picker in the page', () => {
	test('one picture: radios in labels, each picture named by its text', () => {
		const { body } = render(QuestionField, {
			props: { question: question({ multiple: false, fit: 'contain', showLabel: false }, 'visio') }
		});
		const [first, second] = labels(body);
		expect(first).toMatch(/<img[^>]*src="\/diagnostics\/p\/images\/visio.svg"/);
		expect(first).toMatch(/<img[^>]*alt="Une visioconférence"/);
		expect(first).toMatch(/<img[^>]*width="200"[^>]*height="150"/);
		expect(first).toMatch(
			/<input[^>]*type="radio"[^>]*name="support"[^>]*value="visio"[^>]*checked/
		);
		expect(first).toMatch(/<input[^>]*required/);
		expect(second).toMatch(/<input[^>]*value="quiz"[^>]*disabled/);
		// Without showLabel, the text is the picture's name only.
		expect(body).not.toContain('image-choice-text');
		expect(body).toMatch(/<fieldset[^>]*id="q-support"/);
		expect(body).toContain('<legend>');
	});

	test('several pictures: checkboxes, the size and fit asked, the text shown once for the eye', () => {
		const { body } = render(QuestionField, {
			props: {
				question: question(
					{ multiple: true, width: 120, height: 90, fit: 'cover', showLabel: true },
					['quiz']
				)
			}
		});
		const [first, second] = labels(body);
		expect(first).toMatch(/<input[^>]*type="checkbox"[^>]*value="visio"/);
		expect(first).not.toMatch(/<input[^>]*checked/);
		expect(second).toMatch(/<input[^>]*type="checkbox"[^>]*value="quiz"[^>]*checked/);
		expect(first).toMatch(/<img[^>]*class="image-choice-picture fit-cover"/);
		expect(first).toMatch(/<img[^>]*width="120"[^>]*height="90"/);
		expect(first).toMatch(
			/<span class="image-choice-text" aria-hidden="true">Une visioconférence<\/span>/
		);
		// A group of boxes is not `required` (one box would then be).
		expect(body).not.toMatch(/<input[^>]*required/);
	});
});
