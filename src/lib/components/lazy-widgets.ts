/**
 * Widgets few questionnaires use (matrices, multiple texts, images, ranking, matrices of cells,
 * dynamic panels) are loaded only by the questionnaires that use them, so that the others' pages stay
 * within their JavaScript budget (ADR 0034). A route's universal load awaits `loadWidgets` with
 * the questionnaire's widgets before rendering, on the server as in the browser; the question's
 * renderer then finds them here. The components are the same for everyone, so keeping them in
 * module state shares nothing between requests but code.
 */
import type { Component, Snippet } from 'svelte';
import type { QuestionView } from '$lib/diagnostic/page-view';
import type { Widget } from '$lib/question-types/definition';
import './fields/fields.css';

/** What QuestionField.svelte gives a lazy widget: the question and its shared parts. */
export interface WidgetProps {
	question: QuestionView;
	/** The question's element id (`q-<name>`), for labels and descriptions. */
	id: string;
	describedBy: string | undefined;
	/** Read-only: shown, not editable, not sent. */
	disabled: true | undefined;
	invalid: 'true' | undefined;
	/** True once JavaScript runs (what needs it is offered only then). */
	hydrated: boolean;
	/** The question's title, with its required mark. */
	title: Snippet;
	/** Its description, personal-data hint and errors. */
	help: Snippet;
}

/**
 * The lazy widgets. Their loaders are a chunk of their own (fields/loaders.ts), so that the
 * page of a questionnaire using none of them pays for this list only, however many there are.
 */
const LAZY: ReadonlySet<Widget> = new Set<Widget>([
	'matrix',
	'paragraph',
	'computed',
	'text-items',
	'rating-icons',
	'images',
	'ranking',
	'cells',
	'panels'
]);

const loaded = new Map<Widget, Component<WidgetProps>>();

/** Loads the lazy widgets among these (the others are part of the questionnaire's page). */
export async function loadWidgets(widgets: readonly Widget[]): Promise<void> {
	const wanted = widgets.filter((widget) => LAZY.has(widget) && !loaded.has(widget));
	if (wanted.length === 0) return;
	const { LOADERS } = await import('./fields/loaders');
	await Promise.all(
		wanted.map(async (widget) => {
			const load = LOADERS[widget];
			if (load) loaded.set(widget, (await load()).default);
		})
	);
}

/** A lazy widget's component, once loaded; undefined for the page's own widgets. */
export const lazyWidget = (widget: Widget): Component<WidgetProps> | undefined =>
	loaded.get(widget);
