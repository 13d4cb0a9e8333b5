/**
 * Opens the configured store: PostgreSQL when DATABASE_URL is set, otherwise the embedded
 * store in DATA_DIR.
 */
import type { ServerConfig } from '../config';
import type { Backend } from './backend';
import { openLowdb } from './lowdb-backend';

export async function openBackend(
	config: Pick<
		ServerConfig,
		'dataDir' | 'databaseUrl' | 'databasePoolSize' | 'databasePoolTimeoutMs'
	>
): Promise<Backend> {
	if (config.databaseUrl) {
		const { openPostgres } = await import('./postgres-backend');
		return openPostgres({
			url: config.databaseUrl,
			poolSize: config.databasePoolSize,
			poolTimeoutMs: config.databasePoolTimeoutMs
		});
	}
	return openLowdb(config.dataDir);
}
