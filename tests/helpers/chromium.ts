/**
 * Debian's Chromium through playwright-core (CHROMIUM_PATH overrides the path), bare: the
 * browser tests add their checks on top (tests/e2e/browser.ts); the benchmarks use it as is,
 * since nothing here loads vitest.
 */
import { chromium, type Browser } from 'playwright-core';

export function launchChromium(): Promise<Browser> {
	return chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run'
		]
	});
}
