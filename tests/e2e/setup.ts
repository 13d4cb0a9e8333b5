/**
 * Runs around every browser test (vitest setupFiles): a test during which any page met a
 * Content-Security-Policy violation fails, with what was blocked and where (ADR 0017). A test
 * expecting one takes it with takeCspViolations() itself.
 */
import { afterAll, afterEach } from 'vitest';
import { takeCspViolations } from './browser';

async function failOnViolations(when: string): Promise<void> {
	const seen = await takeCspViolations();
	if (seen.length === 0) return;
	const lines = seen.map((v) => `  ${v.url} [${v.seenAs}] ${v.detail}`);
	throw new Error(`Content-Security-Policy violations ${when}:\n${lines.join('\n')}`);
}

// Thrown rather than asserted, so that the hook adds no assertion to the test's count.
afterEach(() => failOnViolations('during this test'));
afterAll(() => failOnViolations('after the last test of this file'));
