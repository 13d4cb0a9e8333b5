/**
 * `npm run check:deps` (first half; DEP-01): `npm audit --omit=dev --audit-level=high` on what
 * production installs. Exit 1 on an advisory rated high or critical, or when the audit fails.
 * A registry without the audit endpoint (some mirrors answer 405) cannot audit: that is printed
 * as NOT RUN, and the version floors (check-floors.ts) still apply. Note that --omit=dev leaves
 * out kit, svelte and devalue (devDependencies compiled into build/): the floors cover them.
 */
import { spawnSync } from 'node:child_process';
import { auditVerdict } from './dependency-policy';

/** Runs npm (the one running this script under `npm run`, else the one on PATH). */
function npm(args: string[]) {
	const cli = process.env.npm_execpath;
	return cli
		? spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' })
		: spawnSync('npm', args, { encoding: 'utf8' });
}

const verdict = auditVerdict(
	npm(['audit', '--omit=dev', '--audit-level=high', '--json']).stdout ?? ''
);
const registry = npm(['config', 'get', 'registry']).stdout.trim();

switch (verdict.kind) {
	case 'clean':
		console.log(
			`npm audit (${registry}): no high or critical advisory in production dependencies` +
				(verdict.below.length ? `; lower: ${verdict.below.join(', ')}` : '.')
		);
		break;
	case 'findings':
		console.error(
			`npm audit (${registry}): high or critical advisories:\n  ${verdict.findings.join('\n  ')}`
		);
		process.exit(1);
		break;
	case 'unavailable':
		console.log(`npm audit NOT RUN: ${registry} has no audit endpoint (${verdict.reason}).`);
		break;
	case 'error':
		console.error(`npm audit failed: ${verdict.reason}`);
		process.exit(1);
}
