/**
 * A keyboard-only user for the browser tests (A11Y-04, A11Y-05): keys only (Tab, Shift+Tab,
 * arrows, Space, Enter, and typing into the field that has focus), a record of every focus stop
 * that cannot be seen, and where focus lands after a submission or a navigation.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { javaScriptEnabled } from './browser';

/** The focused element, and whether a sighted keyboard user can see it and its ring. */
export interface FocusStop {
	/** `tag[name=…]`, or `body`. */
	tag: string;
	text: string;
	visible: boolean;
}

const SKIP_LINK = /^(Aller au contenu|Skip to content)$/;

export class KeyboardUser {
	/** Focus stops that could not be seen: off screen, hidden, or a control without a ring. */
	readonly problems: string[] = [];
	private title = '';

	constructor(readonly page: Page) {}

	/** Where focus is now, and whether it matches `selector` (one round trip for both). */
	focused(selector = ''): Promise<FocusStop & { matches: boolean }> {
		return this.page.evaluate((selector) => {
			const el = document.activeElement as HTMLElement | null;
			const matches = !!selector && !!el?.matches(selector);
			if (!el || el === document.body) return { tag: 'body', text: '', visible: true, matches };
			const box = el.getBoundingClientRect();
			const style = getComputedStyle(el);
			const onScreen =
				box.width > 0 &&
				box.height > 0 &&
				box.bottom > 0 &&
				box.right > 0 &&
				box.top < innerHeight &&
				box.left < innerWidth &&
				el.checkVisibility({ visibilityProperty: true, opacityProperty: true });
			const control = el.matches(
				'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])'
			);
			// The app's focus style (app.css :focus-visible: an outline and a shadow) is drawn.
			const ring =
				(style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) ||
				style.boxShadow !== 'none';
			const name = (el as HTMLInputElement).name;
			return {
				tag: `${el.tagName.toLowerCase()}${name ? `[name=${name}]` : ''}`,
				text: (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 60),
				visible: onScreen && (!control || ring),
				matches
			};
		}, selector);
	}

	/** Whether the focused element matches a CSS selector. */
	isFocused(selector: string): Promise<boolean> {
		return this.page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector);
	}

	/**
	 * Presses a key and records a focus stop that cannot be seen; returns whether focus is then
	 * on `selector`.
	 */
	async press(key: string, selector = ''): Promise<boolean> {
		await this.page.keyboard.press(key);
		const now = await this.focused(selector);
		if (!now.visible) this.problems.push(`${key} → ${now.tag} "${now.text}" (${this.page.url()})`);
		return now.matches;
	}

	/** Presses Tab (or Shift+Tab) until the focused element matches the selector. */
	async tabTo(selector: string, key = 'Tab', max = 80): Promise<void> {
		for (let i = 0; i < max; i++) if (await this.press(key, selector)) return;
		throw new Error(`${key} never reached ${selector} on ${this.page.url()}`);
	}

	/** Types into the field that has focus. */
	async type(text: string): Promise<void> {
		await this.page.keyboard.type(text);
	}

	/** Presses an arrow key on a select (or radio group) until its value is `value`. */
	async arrowTo(value: string, key = 'ArrowDown', max = 12): Promise<void> {
		for (let i = 0; i < max; i++) {
			const current = await this.page.evaluate(
				() => (document.activeElement as HTMLSelectElement | HTMLInputElement | null)?.value
			);
			if (current === value) return;
			await this.press(key);
		}
		throw new Error(`${key} never selected ${value} on ${this.page.url()}`);
	}

	/**
	 * Presses Enter on the focused link or button and waits for the answer: a new page without
	 * JavaScript, `ready` in both modes.
	 */
	async enter(ready: () => Promise<unknown>): Promise<void> {
		const loaded = javaScriptEnabled ? null : this.page.waitForEvent('load');
		await this.page.keyboard.press('Enter');
		await loaded;
		await ready();
	}

	/**
	 * `enter`, for a form whose outcome is said in the live region `region`: with JavaScript, the
	 * region is in the page before the update and is the same element after it, so that screen
	 * readers announce its new text (a region inserted with its text may not be).
	 */
	async enterSaying(region: string, ready: () => Promise<unknown>): Promise<void> {
		type Marked = HTMLElement & { beforeUpdate?: boolean };
		const live = this.page.locator(region);
		if (javaScriptEnabled) {
			expect(await live.getAttribute('role'), `${region} is a live region`).toBe('status');
			await live.evaluate((el) => ((el as Marked).beforeUpdate = true));
		}
		await this.enter(ready);
		if (javaScriptEnabled) {
			const kept = await live.evaluate((el) => (el as Marked).beforeUpdate === true);
			expect(kept, `${region}: the same live region before and after the update`).toBe(true);
		}
	}

	/** The page's title now; the next `landedOn` compares with it. */
	async rememberTitle(): Promise<void> {
		this.title = await this.page.title();
	}

	/**
	 * Where focus landed after a submission. With JavaScript, on `target` (the new step's
	 * heading, the error summary, a status message). Without, the answer is a new page: focus
	 * starts at its top (the next Tab reaches the skip link), `target` can take focus when it is
	 * a message, and the title says what happened when `title` is 'changed'.
	 */
	async landedOn(
		target: string,
		{ what, title }: { what: string; title?: 'changed' | 'same' }
	): Promise<void> {
		const before = this.title;
		if (javaScriptEnabled) {
			await expect
				.poll(() => this.isFocused(target), { message: `focus after: ${what}`, timeout: 10_000 })
				.toBe(true);
		} else {
			await this.atStart(what);
			const focusable = await this.page
				.locator(target)
				.first()
				.evaluate((el) => el.matches('h1, h2') || el.getAttribute('tabindex') === '-1');
			expect(focusable, `${what}: ${target} can take focus`).toBe(true);
		}
		const now = await this.page.title();
		if (title === 'changed') expect(now, `${what}: the title changes`).not.toBe(before);
		if (title === 'same') expect(now, `${what}: the title stays`).toBe(before);
		this.title = now;
	}

	/**
	 * A new page without JavaScript: focus starts at its top, or at the section its URL's
	 * #fragment names (a form of the guided workspace answers with "#plan" to come back to its
	 * section).
	 */
	private async atStart(what: string): Promise<void> {
		const section = new URL(this.page.url()).hash.slice(1);
		// A fragment carried over from the page before (a summary's link) may name nothing here.
		const named = await this.page.evaluate((id) => !!id && !!document.getElementById(id), section);
		if (!named) return this.atTop(what);
		expect((await this.focused()).tag, `focus after: ${what}`).toBe('body');
		await this.press('Tab');
		const inside = await this.page.evaluate(
			(id) => document.getElementById(id)?.contains(document.activeElement) ?? false,
			section
		);
		expect(inside, `${what}: the first Tab goes into #${section}`).toBe(true);
		this.title = await this.page.title();
	}

	/**
	 * After following a link (or any new page): focus is at the top of the page, so that the
	 * first Tab reaches the skip link (SvelteKit puts focus on <body> after a navigation, as a
	 * browser does on a new page).
	 */
	async atTop(what: string): Promise<void> {
		await expect
			.poll(() => this.focused().then((f) => f.tag), {
				message: `focus after: ${what}`,
				timeout: 10_000
			})
			.toBe('body');
		await this.press('Tab');
		expect((await this.focused()).text, `${what}: first Tab`).toMatch(SKIP_LINK);
		this.title = await this.page.title();
	}
}
