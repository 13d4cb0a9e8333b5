import { describe, expect, test } from 'vitest';
import { formatMinutes, formatWait } from '../../src/lib/format/duration';

describe('durations as people read them', () => {
	test.each([
		[20, '20 min'],
		[60, '1 h'],
		[90, '1 h 30 min']
	])('%i minutes: « %s »', (minutes, text) => {
		expect(formatMinutes(minutes)).toBe(text);
	});

	test.each([
		[0, '1 s'],
		[1, '1 s'],
		[45, '45 s'],
		[59.2, '1 min'],
		[60, '1 min'],
		[61, '2 min'],
		[585, '10 min'],
		[3599, '1 h'],
		[5400, '1 h 30 min']
	])('a wait of %f s: « %s », never more seconds than a minute', (seconds, text) => {
		expect(formatWait(seconds)).toBe(text);
	});
});
