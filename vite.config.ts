import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

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
			...[true, false].map((javaScript) => ({
				extends: true,
				test: {
					name: javaScript ? 'e2e-js' : 'e2e-nojs',
					include: ['tests/e2e/**/*.e2e.ts'],
					environment: 'node',
					globalSetup: ['tests/e2e/global-setup.ts'],
					// One Chromium and one server per project: files run one after another.
					fileParallelism: false,
					testTimeout: 60_000,
					hookTimeout: 60_000,
					env: { E2E_JAVASCRIPT: javaScript ? '1' : '0' }
				}
			}))
		]
	}
});
