/** Reading what a test server logged (tests/e2e/global-setup.ts `startServer` writes it to a file). */
import { readFile } from 'node:fs/promises';

/** The JSON events of a server log file so far (other lines left out). */
export async function logEvents(file: string): Promise<Record<string, unknown>[]> {
	const text = await readFile(file, 'utf8').catch(() => '');
	return text
		.split('\n')
		.filter((l) => l.startsWith('{'))
		.map((l) => JSON.parse(l) as Record<string, unknown>);
}
