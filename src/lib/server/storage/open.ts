/**
 * Opens the configured store: PostgreSQL when DATABASE_URL is set, otherwise the embedded
 * store in DATA_DIR.
 */
import type pg from 'pg';
import type { ServerConfig } from '../config';
import { memoryBudgetStore, type BudgetStore } from '../security/budget';
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

/**
 * Where the budgets of tries are counted (ADR 0023): in PostgreSQL when the store is there, so
 * that every instance on the database spends the same budget; else in this process's memory
 * (the embedded store has one process).
 */
export async function openBudgetStore(store: Backend): Promise<BudgetStore> {
	if (store.kind === 'postgres' && 'pool' in store) {
		const { postgresBudgetStore } = await import('./postgres-budgets');
		return postgresBudgetStore((store as Backend & { pool: pg.Pool }).pool);
	}
	return memoryBudgetStore();
}
