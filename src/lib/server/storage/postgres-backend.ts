/** PostgreSQL implementation of the storage verbs (in progress). */
import type { Backend } from './backend';

export async function openPostgres(options: {
	url: string;
	poolSize: number;
	poolTimeoutMs: number;
}): Promise<Backend> {
	throw new Error(`PostgreSQL store not available yet (${options.poolSize})`);
}
