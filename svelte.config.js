import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/**
 * The one place for Kit configuration (ADR 0002): vite.config.ts calls `sveltekit()`
 * without options so that Kit 2 reads this file.
 * @type {import('@sveltejs/kit').Config}
 */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: {
		// Force runes mode for the project, not for libraries in node_modules.
		runes: ({ filename }) => (filename.split(/[/\\]/).includes('node_modules') ? undefined : true)
	},
	kit: {
		adapter: adapter({ out: 'build' }),
		// Cross-site form posts are refused by our own check in hooks.server.ts (ADR 0006).
		csrf: { trustedOrigins: ['*'] },
		// `npm run check` type-checks the scripts (benchmarks, data tools) with the app.
		typescript: {
			config: (tsconfig) => {
				tsconfig.include.push('../scripts/**/*.ts');
			}
		}
	}
};

export default config;
