import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/** The pure domain may not reach I/O, survey-core or the framework (ADR 0004). */
const PURE_DOMAIN = {
	patterns: [
		{
			group: ['$lib/server/*', '**/server/**'],
			message: 'Pure domain code: no server imports (ADR 0004).'
		},
		{ group: ['$app/*'], message: 'Pure domain code: no framework imports (ADR 0004).' }
	],
	paths: [
		{ name: 'survey-core', message: 'Pure domain code: no survey-core (ADR 0004).' },
		{ name: 'pg', message: 'Pure domain code: no storage (ADR 0004).' },
		{ name: 'node:fs', message: 'Pure domain code: no I/O (ADR 0004).' },
		{ name: 'node:fs/promises', message: 'Pure domain code: no I/O (ADR 0004).' }
	]
};

export default ts.config(
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'node_modules/',
			'data/',
			'test-results/',
			'screens/',
			'src/lib/paraglide/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			// TypeScript checks undefined names better than this rule (typescript-eslint FAQ).
			'no-undef': 'off',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
			],
			'svelte/no-at-html-tags': 'error',
			// Plain links are fine: the app has no base path.
			'svelte/no-navigation-without-resolve': 'off'
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		files: [
			'src/lib/scoring/**',
			'src/lib/diagnostic/**',
			'src/lib/question-types/**',
			'src/lib/format/**',
			'src/lib/results/**',
			'src/lib/campaigns/**',
			'src/lib/guided/**',
			'src/lib/forms/strict-form.ts',
			'src/lib/forms/problem-messages.ts',
			'src/lib/charts/**'
		],
		rules: { 'no-restricted-imports': ['error', PURE_DOMAIN] }
	},
	{
		files: ['src/routes/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					paths: [
						{
							name: 'pg',
							message: 'Routes use the repositories of $lib/server/storage (ADR 0016).'
						},
						{
							name: 'lowdb',
							message: 'Routes use the repositories of $lib/server/storage (ADR 0016).'
						}
					],
					patterns: [
						{
							group: [
								'$lib/server/storage/store',
								'$lib/server/storage/lowdb-backend',
								'$lib/server/storage/postgres-backend'
							],
							message: 'Routes use the repositories of $lib/server/storage (ADR 0016, 0024).'
						}
					]
				}
			]
		}
	},
	{
		files: ['tests/**'],
		rules: {
			'no-restricted-syntax': [
				'error',
				{
					selector: 'CallExpression[callee.property.name=/^(only|skip|todo)$/]',
					message: 'Committed .only/.skip/.todo make the suite run less than it seems.'
				}
			]
		}
	}
);
