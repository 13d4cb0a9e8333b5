/**
 * Answers a question of a questionnaire page as a person would, from a SurveyJS value: a
 * choice is ticked (by its label when it is drawn as a picture), a list option selected, a text
 * typed and left, a matrix row's column or a multiple text's item given. Only what can be chosen
 * now is used. Shared by the conformance test and the every-type journey.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { javaScriptEnabled } from './browser';

/** Answers a shown, editable question from the set, as a person would (what can be chosen now). */
export async function answerQuestion(
	page: Page,
	shown: { name: string; enabled: boolean; choices: string[] },
	value: unknown
): Promise<void> {
	const block = page.locator(`[data-question="${shown.name}"]`);
	if (!shown.enabled || value === undefined) return;
	if (Array.isArray(value) && (await block.locator('[data-ranking]').count()) > 0) {
		return rank(page, shown, value);
	}
	const usable = async (locator: ReturnType<Page['locator']>) =>
		(await locator.count()) === 1 && (await locator.evaluate((e) => !e.matches(':disabled')));
	if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
		for (const [row, v] of Object.entries(value)) {
			// A multiple text's item is typed; a matrix row's column is chosen.
			const line = block.locator(`input[type=text][name="${shown.name}[${row}]"]`);
			if (await usable(line)) {
				await line.fill(String(v));
				await line.blur();
				continue;
			}
			const cell = block.locator(`input[name="${shown.name}[${row}]"][value="${String(v)}"]`);
			if (await usable(cell)) await cell.check();
		}
		return;
	}
	const select = block.locator('select');
	if ((await select.count()) > 0) {
		if (await usable(select.locator(`option[value="${String(value)}"]`))) {
			await select.selectOption(String(value));
		}
		return;
	}
	const text = block.locator('textarea, input[type=text], input[type=number]').first();
	if (shown.choices.length === 0 && (await text.count()) > 0) {
		await text.fill(String(value));
		await text.blur();
		return;
	}
	for (const v of Array.isArray(value) ? value : [value]) {
		const input = block.locator(`input[name="${shown.name}"][value="${String(v)}"]`);
		if (!(await usable(input))) continue;
		// A control drawn as a picture (a star, a face) is chosen by its label, as a person does.
		const drawn = await input.evaluate((e) => {
			e.scrollIntoView({ block: 'center' });
			const box = e.getBoundingClientRect();
			return document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2) !== e;
		});
		const label = `label:has(input[name="${shown.name}"][value="${String(v)}"])`;
		// A picture to choose (an image picker) is clicked, as a person does; once (a second
		// click would untick a box).
		const picture = block.locator(`${label} img`);
		if (drawn) await block.locator(label).click();
		else if ((await picture.count()) === 1) {
			if (!(await input.isChecked())) await picture.click();
		} else await input.check();
		// With JavaScript each tick is saved and the page redrawn: the next tick once it is, as
		// for a ranking (a tick during the redraw was once seen not to take, under CI's load).
		if (javaScriptEnabled && Array.isArray(value)) {
			await page.locator('form[data-live="idle"]').waitFor();
		}
	}
}

/**
 * Puts a ranking's options in the order of `value` (those it shows): with JavaScript by the
 * keyboard, each option raised to its place with its « Monter » button (focus stays on it);
 * without, by choosing each option's position.
 */
async function rank(page: Page, shown: { name: string }, value: unknown[]): Promise<void> {
	const block = page.locator(`[data-question="${shown.name}"]`);
	// The options shown now (an answer given just before may have shown or hidden one).
	const offered = await block
		.locator('[data-ranking] [name]')
		.evaluateAll((fields) =>
			fields.map((f) => (f as HTMLInputElement).name.replace(/^[^[]*\[|\]$/g, ''))
		);
	const target = value.map(String).filter((k) => offered.includes(k));
	if (!javaScriptEnabled) {
		for (const [i, key] of target.entries()) {
			await block.locator(`select[name="${shown.name}[${key}]"]`).selectOption(String(i + 1));
		}
		return;
	}
	const order = () =>
		block.locator('li[data-key]').evaluateAll((items) => items.map((li) => li.dataset.key!));
	let moved = false;
	for (const [i, key] of target.entries()) {
		const from = (await order()).indexOf(key);
		if (from <= i) continue;
		for (let step = from; step > i; step--) {
			// Each press once the list is redrawn with the option one place up (focus kept).
			await block.locator(`li[data-key="${key}"] [data-move="up"]`).focus();
			await page.keyboard.press('Enter');
			await expect.poll(async () => (await order()).indexOf(key)).toBe(step - 1);
		}
		moved = true;
	}
	expect(await order()).toEqual(target);
	// Already in that order and not ranked yet: said to be the answer as it stands.
	const keep = block.getByRole('button', { name: 'Garder cet ordre' });
	if (!moved && (await keep.count()) > 0) await keep.press('Enter');
}
