/**
 * A ranking scored by position (ADR 0036): 1 − its Spearman footrule distance to the stated order
 * over its largest value ⌊k²/2⌋, computed exactly. Golden values, and properties over random
 * orders: the same order is worth 1, the reversed one 0, every value lies in [0, 1] and is a
 * multiple of 1/⌊k²/2⌋, and an order is worth what its reverse is not on the reversed statement.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { orderCloseness, scoreItem } from '$lib/scoring/score';
import type { ModelItem } from '$lib/scoring/types';

const value = (stated: string[], given: string[]) => orderCloseness(stated, given).toFraction();

describe('orderCloseness', () => {
	test.each([
		[['a', 'b'], ['a', 'b'], '1'],
		[['a', 'b'], ['b', 'a'], '0'],
		[['a', 'b', 'c'], ['b', 'a', 'c'], '1/2'],
		[['a', 'b', 'c'], ['a', 'c', 'b'], '1/2'],
		[['a', 'b', 'c'], ['b', 'c', 'a'], '0'],
		[['a', 'b', 'c', 'd'], ['b', 'a', 'c', 'd'], '3/4'],
		[['a', 'b', 'c', 'd'], ['d', 'a', 'b', 'c'], '1/4'],
		[['a', 'b', 'c', 'd', 'e'], ['a', 'b', 'c', 'e', 'd'], '5/6'],
		// Options a condition hid are left out of both orders: b, c, d against b, d, c.
		[['a', 'b', 'c', 'd'], ['b', 'd', 'c'], '1/2']
	])('%j ranked %j is worth %s', (stated, given, expected) => {
		expect(value(stated, given)).toBe(expected);
	});

	const orders = fc.integer({ min: 2, max: 9 }).chain((k) =>
		fc.tuple(
			fc.shuffledSubarray(
				Array.from({ length: k }, (_, i) => `o${i}`),
				{ minLength: k, maxLength: k }
			),
			fc.shuffledSubarray(
				Array.from({ length: k }, (_, i) => `o${i}`),
				{ minLength: k, maxLength: k }
			)
		)
	);

	test('the stated order is worth 1, its reverse 0, anything else between', () => {
		fc.assert(
			fc.property(orders, ([stated, given]) => {
				expect(orderCloseness(stated, stated).valueOf()).toBe(1);
				expect(orderCloseness(stated, [...stated].reverse()).valueOf()).toBe(0);
				const v = orderCloseness(stated, given);
				expect(v.gte(0) && v.lte(1)).toBe(true);
				// Exact: a whole number of steps of 1/⌊k²/2⌋.
				const max = Math.floor((stated.length * stated.length) / 2);
				expect(v.mul(max).d).toBe(1n);
				// The distance is symmetric: reversing both orders keeps it.
				expect(orderCloseness([...stated].reverse(), [...given].reverse()).equals(v)).toBe(true);
			}),
			{ numRuns: 300 }
		);
	});
});

describe('an order item', () => {
	const item: ModelItem = {
		key: 'q',
		question: 'q',
		competence: 'c',
		weight: 1,
		reverse: false,
		kind: 'order',
		points: {},
		notApplicable: [],
		min: 0,
		max: 1,
		order: ['a', 'b', 'c']
	};

	test('reads the stored order; reverse scores the other way round', () => {
		expect(scoreItem(item, { q: ['a', 'c', 'b'] })).toEqual({ status: 'valued', value: 0.5 });
		expect(scoreItem({ ...item, reverse: true }, { q: ['a', 'b', 'c'] })).toEqual({
			status: 'valued',
			value: 0
		});
	});

	test('an answer of another shape is no answer, never a crash', () => {
		for (const q of [undefined, null, '', 'a', 3, { a: 1 }, []]) {
			expect(scoreItem(item, { q }).status).toBe('unanswered');
		}
		// Unknown values are left out; one option left measures nothing.
		expect(scoreItem(item, { q: ['x', 'a'] })).toEqual({ status: 'not-applicable' });
	});
});
