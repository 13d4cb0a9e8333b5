/**
 * After every browser test: no request went to another origin (PRIV-02, CAP-03), whatever the
 * test did; the requests are recorded by same-origin.ts for every context of every browser.
 */
import { afterEach, expect } from 'vitest';
import { takeExternalRequests } from './same-origin';

afterEach(() => {
	expect(takeExternalRequests(), 'requests to another origin than the server').toEqual([]);
});
