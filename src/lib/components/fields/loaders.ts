/** The lazy widgets' components, one chunk each (lazy-widgets.ts, ADR 0034). */
import type { Component } from 'svelte';
import type { Widget } from '$lib/question-types/definition';
import type { WidgetProps } from '../lazy-widgets';

type Loader = () => Promise<{ default: Component<WidgetProps> }>;

export const LOADERS: Partial<Record<Widget, Loader>> = {
	matrix: () => import('./MatrixField.svelte'),
	paragraph: () => import('./HtmlField.svelte'),
	computed: () => import('./ComputedField.svelte'),
	'text-items': () => import('./TextItemsField.svelte'),
	'rating-icons': () => import('./RatingIconsField.svelte'),
	panels: () => import('./PanelsField.svelte'),
	// A matrix's rows are entries too (ADR 0037).
	cells: () => import('./PanelsField.svelte'),
	ranking: () => import('./RankingField.svelte'),
	images: () => import('./ImagesField.svelte')
};
