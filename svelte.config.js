import { copyFileSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import nodeAdapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

const OUT = 'build';

/**
 * SHA-256 of the style attribute of Kit's route announcer (`svelte-announcer` in
 * @sveltejs/kit/src/core/sync/write_root.js). The browser tests fail on any CSP violation, so
 * a Kit version that changes this attribute is caught there.
 */
export const ANNOUNCER_STYLE_HASH = 'S8qMpvofolR8Mpjy4kQvEm7m1q8clzU4dfDH0AmvZjo=';

/**
 * adapter-node, with Repères' production server (server/index.js) as `build/index.js`: it adds
 * the headers of every response, static files included, requires ORIGIN and sets the default
 * body size limit, then runs adapter-node's own server, kept as `build/adapter-node.js`, so that
 * `node build` stays the one way to start the app (ADR 0017).
 * @returns {import('@sveltejs/kit').Adapter}
 */
function adapter() {
	const node = nodeAdapter({ out: OUT });
	return {
		...node,
		name: 'reperes-node',
		async adapt(builder) {
			await node.adapt(builder);
			const entry = readFileSync(`${OUT}/index.js`, 'utf8').replace(
				'//# sourceMappingURL=index.js.map',
				'//# sourceMappingURL=adapter-node.js.map'
			);
			writeFileSync(`${OUT}/adapter-node.js`, entry);
			renameSync(`${OUT}/index.js.map`, `${OUT}/adapter-node.js.map`);
			copyFileSync('server/index.js', `${OUT}/index.js`);
			copyFileSync('server/options.js', `${OUT}/options.js`);
			copyFileSync('server/body-timeout.js', `${OUT}/body-timeout.js`);
			builder.log.minor('Repères server: build/index.js (adapter-node kept as adapter-node.js)');
		}
	};
}

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
		adapter: adapter(),
		// Cross-site form posts are refused by our own check in hooks.server.ts (ADR 0006).
		csrf: { trustedOrigins: ['*'] },
		// A nonce per response for Kit's inline start-up script; nothing else inline (ADR 0017).
		// Cached results pages get a fresh nonce on every hit.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self'],
				// The one inline style: the attribute of Kit's route announcer (a visually hidden
				// live region it adds after the first navigation), allowed by its hash alone.
				'style-src-attr': ['unsafe-hashes', `sha256-${ANNOUNCER_STYLE_HASH}`],
				// The campaign's QR code is a data: URL image.
				'img-src': ['self', 'data:'],
				'object-src': ['none'],
				'base-uri': ['none'],
				'frame-ancestors': ['none'],
				'form-action': ['self']
			}
		},
		// `npm run check` type-checks the scripts (benchmarks, data tools) and the server entry.
		typescript: {
			config: (tsconfig) => {
				tsconfig.include.push('../scripts/**/*.ts', '../server/**/*.js');
			}
		}
	}
};

export default config;
