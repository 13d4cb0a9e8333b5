import { describe, expect, test } from 'vitest';
import {
	auditVerdict,
	compareVersions,
	FLOORS,
	floorProblems
} from '../../scripts/dependency-policy';

const at = (name: string, version: string, path = `node_modules/${name}`) => ({
	name,
	version,
	path
});
const allAt = (version: (min: string) => string) => FLOORS.map((f) => at(f.name, version(f.min)));

/** The version just below a floor: its patch minus one (floors here all have a patch ≥ 1). */
const justBelow = (min: string) => {
	const [major, minor, patch] = min.split('.').map(Number);
	return `${major}.${minor}.${patch! - 1}`;
};

describe('version floors (DEP-01)', () => {
	test('the floors of the security notes', () => {
		expect(Object.fromEntries(FLOORS.map((f) => [f.name, f.min]))).toEqual({
			'@sveltejs/kit': '2.49.5',
			svelte: '5.53.5',
			devalue: '5.9.3'
		});
	});

	test('semantic versions compare by number, pre-releases before their release', () => {
		expect(compareVersions('2.49.5', '2.49.5')).toBe(0);
		expect(compareVersions('2.49.4', '2.49.5')).toBeLessThan(0);
		expect(compareVersions('2.100.0', '2.49.5')).toBeGreaterThan(0);
		expect(compareVersions('10.0.0', '9.99.99')).toBeGreaterThan(0);
		expect(compareVersions('2.49.5-next.1', '2.49.5')).toBeLessThan(0);
		expect(compareVersions('2.49.6-next.1', '2.49.5')).toBeGreaterThan(0);
		expect(compareVersions('1.0.0-alpha', '1.0.0-alpha.1')).toBeLessThan(0);
		expect(compareVersions('1.0.0-alpha.2', '1.0.0-alpha.10')).toBeLessThan(0);
		expect(compareVersions('1.0.0-alpha.beta', '1.0.0-beta')).toBeLessThan(0);
		expect(compareVersions('1.0.0-1', '1.0.0-alpha')).toBeLessThan(0);
		expect(compareVersions('5.9.3+build.7', '5.9.3')).toBe(0);
		expect(() => compareVersions('5.9', '5.9.3')).toThrow('not a semantic version: "5.9"');
	});

	test('each package at its floor passes; just below, or a pre-release of it, fails', () => {
		expect(floorProblems(allAt((min) => min))).toEqual([]);
		for (const floor of FLOORS) {
			for (const version of [justBelow(floor.min), `${floor.min}-rc.1`]) {
				const installed = allAt((min) => min).map((i) =>
					i.name === floor.name ? { ...i, version } : i
				);
				expect(floorProblems(installed)).toEqual([
					`${floor.name} ${version} (node_modules/${floor.name}) is below ${floor.min}: ${floor.why}`
				]);
			}
		}
	});

	test('a nested copy below the floor fails even when the top one passes', () => {
		const installed = [
			...allAt((min) => min),
			at('devalue', '5.9.2', 'node_modules/@sveltejs/kit/node_modules/devalue')
		];
		expect(floorProblems(installed)).toEqual([
			expect.stringContaining('devalue 5.9.2 (node_modules/@sveltejs/kit/node_modules/devalue)')
		]);
	});

	test('a package not installed, or without a readable version, is a problem', () => {
		const installed = allAt((min) => min).filter((i) => i.name !== 'svelte');
		installed.push(at('devalue', '(no version)', 'node_modules/x/node_modules/devalue'));
		expect(floorProblems(installed)).toEqual([
			'svelte: not installed (run npm install)',
			'devalue node_modules/x/node_modules/devalue: not a semantic version: "(no version)"'
		]);
	});
});

describe('npm audit verdict', () => {
	const report = (vulnerabilities: Record<string, { severity: string; range?: string }>) =>
		JSON.stringify({
			auditReportVersion: 2,
			vulnerabilities: Object.fromEntries(
				Object.entries(vulnerabilities).map(([k, v]) => [k, { name: k, via: [], ...v }])
			),
			metadata: { vulnerabilities: {} }
		});

	test('high or critical advisories are findings; lower ones pass, listed', () => {
		expect(auditVerdict(report({}))).toEqual({ kind: 'clean', below: [] });
		expect(auditVerdict(report({ qrcode: { severity: 'moderate', range: '<1.5.1' } }))).toEqual({
			kind: 'clean',
			below: ['qrcode (moderate, <1.5.1)']
		});
		expect(
			auditVerdict(
				report({ pg: { severity: 'high', range: '<8.0.0' }, exceljs: { severity: 'critical' } })
			)
		).toEqual({ kind: 'findings', findings: ['pg (high, <8.0.0)', 'exceljs (critical)'] });
	});

	test('a registry without the audit endpoint is "unavailable", any other failure an error', () => {
		const refused = JSON.stringify({
			message:
				'405 Method Not Allowed - POST https://registry.example/-/npm/v1/security/advisories/bulk',
			statusCode: 405,
			uri: 'https://registry.example/-/npm/v1/security/advisories/bulk'
		});
		expect(auditVerdict(refused)).toEqual({
			kind: 'unavailable',
			reason: expect.stringContaining('405 Method Not Allowed')
		});
		const down = JSON.stringify({ message: 'getaddrinfo ENOTFOUND registry.example' });
		expect(auditVerdict(down)).toEqual({
			kind: 'error',
			reason: 'getaddrinfo ENOTFOUND registry.example'
		});
		expect(auditVerdict('npm ERR! oops')).toMatchObject({ kind: 'error' });
	});
});
