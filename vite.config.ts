import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

/** Browser tests run twice, JavaScript on and off, as SvelteKit tests itself. */
const e2e = (javaScript: boolean) => ({
	extends: true as const,
	test: {
		name: javaScript ? 'e2e-js' : 'e2e-nojs',
		include: ['tests/e2e/**/*.e2e.ts'],
		environment: 'node',
		globalSetup: ['tests/e2e/global-setup.ts'],
		// Every test: no request to another origin, the footer link to the accessibility statement
		// on every page, no CSP violation (tests/e2e/setup.ts).
		setupFiles: ['tests/e2e/setup.ts'],
		// One Chromium and one server per project: its files run one after another.
		fileParallelism: false,
		// The longest journeys (a campaign of six participants, axe on each state) take over a
		// minute on a loaded 2-core machine.
		testTimeout: 120_000,
		hookTimeout: 60_000,
		// A live update (a save, then the page the server answers with) can take over the default
		// poll's second on a loaded 2-core machine (CI runs both projects at once).
		expect: { requireAssertions: true, poll: { timeout: 10_000 } },
		env: { E2E_JAVASCRIPT: javaScript ? '1' : '0' }
	}
});

// Kit is configured in svelte.config.js only (ADR 0002).
export default defineConfig({
	plugins: [sveltekit()],
	test: {
		expect: { requireAssertions: true },
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
					environment: 'node',
					// Pure, but they run beside Chromium and the servers on CI's two cores: the default
					// 5 s and 10 s were missed under that load by tests that take 0.5 s alone.
					testTimeout: 30_000,
					hookTimeout: 60_000
				}
			},
			{
				// Starts the production build as a child process: needs `npm run build` first.
				extends: true,
				test: {
					name: 'server',
					include: ['tests/server/**/*.test.ts'],
					environment: 'node',
					testTimeout: 30_000
				}
			},
			e2e(true),
			e2e(false),
			{
				// Server tests as well, run once every other project is done: their 10 000 requests
				// load the machine enough to slow the browser tests past their timeouts.
				extends: true,
				test: {
					name: 'fuzz',
					include: ['tests/fuzz/**/*.test.ts'],
					environment: 'node',
					testTimeout: 600_000,
					sequence: { groupOrder: 1 }
				}
			},
			{
				// Every `bench*` script of package.json in its short smoke mode, so that a broken
				// benchmark fails the tests (tests/bench/smoke.test.ts). Last and alone: the
				// benchmarks start servers and Chromium of their own.
				extends: true,
				test: {
					name: 'bench',
					include: ['tests/bench/**/*.test.ts'],
					environment: 'node',
					testTimeout: 300_000,
					sequence: { groupOrder: 2 }
				}
			}
		]
	}
});
