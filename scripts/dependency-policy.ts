/**
 * DEP-01 (security notes §E): the lowest versions of kit, svelte and devalue that carry the
 * fixes of known advisories, how an installed version compares with them, and what an
 * `npm audit --json` run says. Pure: the scripts check-floors.ts and audit-production.ts do the
 * reading and the printing.
 */

/** A package's floor and the advisories it is there for. */
export interface Floor {
	name: string;
	min: string;
	why: string;
}

export const FLOORS: Floor[] = [
	{
		name: '@sveltejs/kit',
		min: '2.49.5',
		why: 'CVE-2025-67647, CVE-2026-22803 (and the older 2.20.6, 2.8.3, 2.4.3 fixes)'
	},
	{
		name: 'svelte',
		min: '5.53.5',
		why: 'CVE-2026-27901/27902, GHSA-f7gr-6p89-r883, CVE-2025-15265'
	},
	{
		name: 'devalue',
		min: '5.9.3',
		why: 'GHSA-4q55-j62x-fr9h, CVE-2026-42570, CVE-2026-30226, CVE-2026-22774, CVE-2025-57820'
	}
];

const SEMVER = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

/** Compares two semantic versions: negative if a < b, 0 if equal, positive if a > b. */
export function compareVersions(a: string, b: string): number {
	const pa = SEMVER.exec(a);
	const pb = SEMVER.exec(b);
	if (!pa || !pb) throw new Error(`not a semantic version: ${JSON.stringify(pa ? b : a)}`);
	for (let i = 1; i <= 3; i++) {
		const d = Number(pa[i]) - Number(pb[i]);
		if (d !== 0) return d;
	}
	// A pre-release comes before its release (2.49.5-next.1 < 2.49.5).
	const [ra, rb] = [pa[4], pb[4]];
	if (ra === undefined || rb === undefined)
		return (ra === undefined ? 1 : 0) - (rb === undefined ? 1 : 0);
	const ia = ra.split('.');
	const ib = rb.split('.');
	for (let i = 0; i < Math.max(ia.length, ib.length); i++) {
		const [x, y] = [ia[i], ib[i]];
		if (x === undefined) return -1;
		if (y === undefined) return 1;
		const [nx, ny] = [/^\d+$/.test(x), /^\d+$/.test(y)];
		if (nx && ny && Number(x) !== Number(y)) return Number(x) - Number(y);
		if (nx !== ny) return nx ? -1 : 1;
		if (!nx && x !== y) return x < y ? -1 : 1;
	}
	return 0;
}

/** One installed copy of a package (node_modules/…/name/package.json). */
export interface Installed {
	name: string;
	version: string;
	/** Where it is installed, for the message. */
	path: string;
}

/**
 * Problems of the installed copies against the floors: each copy below its floor, each floor
 * with no copy installed at all (nothing was checked), each version that cannot be read.
 */
export function floorProblems(installed: Installed[], floors: Floor[] = FLOORS): string[] {
	const problems: string[] = [];
	for (const floor of floors) {
		const copies = installed.filter((i) => i.name === floor.name);
		if (copies.length === 0) problems.push(`${floor.name}: not installed (run npm install)`);
		for (const copy of copies) {
			let below: boolean;
			try {
				below = compareVersions(copy.version, floor.min) < 0;
			} catch (e) {
				problems.push(`${floor.name} ${copy.path}: ${(e as Error).message}`);
				continue;
			}
			if (below) {
				problems.push(
					`${floor.name} ${copy.version} (${copy.path}) is below ${floor.min}: ${floor.why}`
				);
			}
		}
	}
	return problems;
}

/** What an `npm audit --json` run says about the production dependencies. */
export type AuditVerdict =
	| { kind: 'clean'; below: string[] }
	| { kind: 'findings'; findings: string[] }
	| { kind: 'unavailable'; reason: string }
	| { kind: 'error'; reason: string };

const FAILING = new Set(['high', 'critical']);

/**
 * Reads npm audit's JSON output. Advisories rated high or critical are findings; lower ones are
 * listed but pass. A registry that has no audit endpoint (404, 405 or 501 on
 * /-/npm/v1/security/…) makes the audit unavailable: not a pass, reported as not run.
 */
export function auditVerdict(output: string): AuditVerdict {
	let report: {
		auditReportVersion?: number;
		vulnerabilities?: Record<string, { severity: string; via: unknown[]; range?: string }>;
		statusCode?: number;
		uri?: string;
		message?: string;
	};
	try {
		report = JSON.parse(output) as typeof report;
	} catch {
		return { kind: 'error', reason: `npm audit printed no JSON: ${output.slice(0, 200)}` };
	}
	if (report.auditReportVersion !== undefined) {
		const all = Object.entries(report.vulnerabilities ?? {});
		const line = ([name, v]: (typeof all)[number]) =>
			`${name} (${v.severity}${v.range ? `, ${v.range}` : ''})`;
		const findings = all.filter(([, v]) => FAILING.has(v.severity)).map(line);
		if (findings.length > 0) return { kind: 'findings', findings };
		return { kind: 'clean', below: all.map(line) };
	}
	if (
		[404, 405, 501].includes(report.statusCode ?? 0) &&
		(report.uri ?? '').includes('/-/npm/v1/security/')
	) {
		return { kind: 'unavailable', reason: report.message ?? `HTTP ${report.statusCode}` };
	}
	return { kind: 'error', reason: report.message ?? output.slice(0, 200) };
}
