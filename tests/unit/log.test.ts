import { describe, expect, test } from 'vitest';
import { log, redirectLog } from '$lib/server/log';

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
