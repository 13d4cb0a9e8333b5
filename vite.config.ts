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
		// One Chromium and one server per project: its files run one after another.
		fileParallelism: false,
		testTimeout: 60_000,
		hookTimeout: 60_000,
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
					environment: 'node'
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
			e2e(false)
		]
	}
});
