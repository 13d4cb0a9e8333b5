/**
 * Where focus goes once an enhanced form submission has been applied (A11Y-04, RGAA 7.3 and
 * 12.8, ADR 0022). Left alone, SvelteKit moves focus to <body> after a redirect or a success,
 * and leaves it on the button after a refusal: keyboard and screen-reader users are not told
 * what happened. So:
 *
 * - refused (`failure`): the page's error summary or error message, i.e. the first
 *   `[role="alert"][tabindex="-1"]` in <main>;
 * - accepted (`success`, `redirect`): the element the form names, a status message saying what
 *   changed, else the <h1> of the page now shown (the new step, the new page).
 *
 * Without JavaScript the browser loads the answer as a new page and focus starts at its top,
 * where the skip link is.
 */
import type { ActionResult, SubmitFunction } from '@sveltejs/kit';
import { tick } from 'svelte';

/** Something focus can be moved to: an element, or a component exporting `focus()`. */
export type FocusTarget = { focus(options?: FocusOptions): void };

/** Moves focus where a keyboard or screen-reader user needs it, once `result` is applied. */
export async function focusAfterSubmit(
	result: ActionResult,
	accepted?: () => FocusTarget | null | undefined
): Promise<void> {
	await tick();
	// After a redirect to a #fragment (the section a form belongs to), SvelteKit moves the
	// sequential focus starting point there in a timeout of its own, which takes focus away:
	// move focus after it.
	await new Promise((resolve) => setTimeout(resolve, 0));
	let target: FocusTarget | null | undefined = null;
	if (result.type === 'failure') {
		target = document.querySelector<HTMLElement>('main [role="alert"][tabindex="-1"]');
	} else if (result.type === 'success' || result.type === 'redirect') {
		target = accepted?.() ?? document.querySelector<HTMLElement>('main h1');
	}
	// A heading is not focusable by itself; -1 keeps it out of the Tab order.
	if (target instanceof HTMLElement && !target.hasAttribute('tabindex')) target.tabIndex = -1;
	target?.focus();
}

export interface SubmitFocusOptions {
	/** Runs when the form is sent (e.g. to disable its button). */
	started?: () => void;
	/** Where focus goes when the submission is accepted (default: the page's <h1>). */
	accepted?: () => FocusTarget | null | undefined;
	/** Runs once the result is applied, before focus moves (e.g. to write a status message). */
	applied?: (result: ActionResult, data: FormData) => void;
	/** Empties the form when the submission is accepted (it is kept as typed otherwise). */
	clear?: boolean;
}

/**
 * A `use:enhance` handler: applies the result, keeping what was typed, then moves focus as
 * `focusAfterSubmit` does.
 */
export function submitWithFocus(options: SubmitFocusOptions = {}): SubmitFunction {
	return ({ formData, formElement }) => {
		options.started?.();
		return async ({ result, update }) => {
			if (options.clear && (result.type === 'redirect' || result.type === 'success')) {
				formElement.reset();
			}
			await update({ reset: false });
			options.applied?.(result, formData);
			await focusAfterSubmit(result, options.accepted);
		};
	};
}
