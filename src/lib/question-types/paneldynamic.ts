/**
 * `paneldynamic`: a panel of questions (`templateElements`) the person repeats, adding and
 * removing entries (« Ajouter une formation »), kept as `[{ question: value }]`. Each panel's
 * questions are answered as they would be on their own (fields `name[index][question]`, the
 * same rules) and their conditions may read the panel (`{panel.x}`); never scored.
 */
import { entryErrors, type Entries, type LiveQuestion, type QuestionType } from './definition';

/** Types a dynamic panel's template may hold: simple questions, no panels within panels. */
export const PANEL_TEMPLATE_TYPES: readonly string[] = [
	'radiogroup',
	'checkbox',
	'dropdown',
	'boolean',
	'text',
	'comment',
	'rating'
];

/** One panel as survey-core shows it now. */
export interface LivePanel {
	/** Its place in the question's value (hidden panels, `templateVisibleIf`, count too). */
	index: number;
	/** Its `templateTitle` with its values, or the question's title and the panel's number. */
	title: string;
	/** Its questions shown now (visible, in order). */
	questions: LiveQuestion[];
}

type Panel = {
	isVisible: boolean;
	processedTitle?: string;
	questions: LiveQuestion[];
};

/** The panels a dynamic panel question shows now, with their questions shown. */
export function livePanels(q: LiveQuestion): LivePanel[] {
	const panels = Array.isArray(q.panels) ? (q.panels as Panel[]) : [];
	const own = String(q.processedTitle || q.name);
	return panels.flatMap((panel, index) =>
		panel.isVisible
			? [
					{
						index,
						title: panel.processedTitle || `${own} ${index + 1}`,
						questions: panel.questions.filter((inner) => inner.isVisible === true)
					}
				]
			: []
	);
}

/** Whether the person may add a panel now (as SurveyJS's « add » button shows). */
export const canAddPanel = (q: LiveQuestion): boolean =>
	q.allowAddPanel === true &&
	q.isReadOnly !== true &&
	q.hasPanelCountExpression !== true &&
	Number(q.panelCount) < Number(q.maxPanelCount);

/** Whether the person may remove a panel now. */
export const canRemovePanel = (q: LiveQuestion): boolean =>
	q.allowRemovePanel === true &&
	q.isReadOnly !== true &&
	q.hasPanelCountExpression !== true &&
	Number(q.panelCount) > Number(q.minPanelCount);

/** A dynamic panel's template questions (survey-core's template panel). */
const template = (q: LiveQuestion): LiveQuestion[] =>
	(q.template as { questions?: LiveQuestion[] } | undefined)?.questions ?? [];

const entries: Entries = {
	keyed: false,
	table: false,
	live: (q) => livePanels(q).map((p) => ({ ...p, key: String(p.index) })),
	template,
	keys: (q) => Array.from({ length: Number(q.maxPanelCount) }, (_, i) => String(i)),
	count: (q) => Number(q.panelCount),
	addText: (q) => (canAddPanel(q) ? String(q.panelAddText ?? '') : null),
	removeText: (q) => (canRemovePanel(q) ? String(q.panelRemoveText ?? '') : null),
	emptyText: (q) => String(q.noEntriesText ?? '')
};

export const paneldynamic: QuestionType = {
	name: 'paneldynamic',
	answer: 'panels',
	scorable: false,
	widget: 'panels',
	options: () => [],
	liveOptions: () => [],
	declaredOptions: () => [],
	innerErrors: entryErrors(entries),
	entries,
	grow: {
		add(q) {
			// At the end, whatever the display mode: the page lists every panel.
			if (canAddPanel(q)) (q as unknown as { addPanel(index: number): unknown }).addPanel(-1);
		},
		remove(q, index) {
			const panel = Array.isArray(q.panels) ? (q.panels as unknown[])[index] : undefined;
			if (panel && canRemovePanel(q))
				(q as unknown as { removePanel(panel: unknown): void }).removePanel(panel);
		}
	}
};
