import { describe, expect, test } from 'vitest';
import { log, pseudonym, redirectLog } from '$lib/server/log';
import { logRefusedForm } from '$lib/server/security/refusals';

/** The lines `f` logs, parsed. */
function captured(f: () => void): Record<string, unknown>[] {
	const lines: string[] = [];
	const restore = redirectLog((line) => lines.push(line));
	try {
		f();
	} finally {
		restore();
	}
	return lines.map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('server log', () => {
	test('one parseable JSON line per event, values that cannot forge a line', () => {
		const lines: string[] = [];
		const restore = redirectLog((line) => lines.push(line));
		try {
			log('warn', 'lookup.failed', { route: '/p/[token]\r\n{"event":"forged"}', count: 3 });
		} finally {
			restore();
		}
		expect(lines).toHaveLength(1);
		expect(lines[0]).not.toMatch(/[\r\n]/);
		expect(JSON.parse(lines[0]!)).toEqual({
			time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
			level: 'warn',
			event: 'lookup.failed',
			route: '/p/[token]\r\n{"event":"forged"}',
			count: 3
		});
	});
});

describe('what security lines carry', () => {
	test('a pseudonym tells one client from another without the address', () => {
		const a = pseudonym('203.0.113.7');
		expect(a).toMatch(/^[A-Za-z0-9_-]{12}$/);
		expect(pseudonym('203.0.113.7')).toBe(a);
		expect(pseudonym('203.0.113.8')).not.toBe(a);
		expect(a).not.toContain('203');
	});

	test('a refused form is logged by its field names only, never what was typed', () => {
		const lines = captured(() =>
			logRefusedForm('/campagnes/nouvelle', ['name', 'k', 'name', 'target.exemple-mini.A.1'])
		);
		expect(lines).toEqual([
			expect.objectContaining({
				level: 'info',
				event: 'form.refused',
				route: '/campagnes/nouvelle',
				fields: 'k name target.exemple-mini.A.1'
			})
		]);
		// A field name that is not one (a crafted request) is not echoed either.
		const crafted = captured(() => logRefusedForm('/x', ['Jean Dupont <jean@example.org>']));
		expect(crafted[0]!.fields).toBe('(autre)');
	});
});
