/**
 * Server configuration: the only module that reads the environment.
 * PORT, HOST, ORIGIN and BODY_SIZE_LIMIT are read by adapter-node itself.
 */
import path from 'node:path';

export interface ServerConfig {
	/** Folder of the embedded store (lowdb files). */
	dataDir: string;
	/** Folders holding questionnaire packages, bundled ones first. */
	questionnaireDirs: string[];
	/** PostgreSQL connection string; when set, the store is PostgreSQL instead of DATA_DIR. */
	databaseUrl: string | null;
	/** Connections each app instance opens at most (PostgreSQL only). */
	databasePoolSize: number;
	/** How long a request waits for a free connection before answering 503 (ms). */
	databasePoolTimeoutMs: number;
	/** Failed lookups of links and codes allowed per client address and 10 minutes. */
	lookupFailuresPer10Min: number;
	/** Who runs this instance (CONTROLLER_NAME), named in the accessibility statement. */
	controllerName: string | null;
	/** Where to report an accessibility problem: ACCESSIBILITY_CONTACT, else CONTROLLER_CONTACT. */
	accessibilityContact: string | null;
}

/** The folder of the bundled packages, relative to the project root (where `npm start` runs). */
export const BUNDLED_QUESTIONNAIRES_DIR = path.join('src', 'lib', 'questionnaires');

/** Reads the configuration from an environment (process.env by default). */
export function readConfig(env: Record<string, string | undefined> = process.env): ServerConfig {
	const extra = env.QUESTIONNAIRES_DIR?.trim();
	const limit = Number(env.LOOKUP_FAILURES_PER_10_MIN);
	const pool = Number(env.DATABASE_POOL_SIZE);
	const wait = Number(env.DATABASE_POOL_TIMEOUT_MS);
	return {
		dataDir: path.resolve(env.DATA_DIR?.trim() || 'data'),
		questionnaireDirs: [
			path.resolve(BUNDLED_QUESTIONNAIRES_DIR),
			...(extra
				? extra
						.split(path.delimiter)
						.filter(Boolean)
						.map((d) => path.resolve(d))
				: [])
		],
		databaseUrl: env.DATABASE_URL?.trim() || null,
		databasePoolSize: Number.isInteger(pool) && pool > 0 ? pool : 10,
		databasePoolTimeoutMs: Number.isInteger(wait) && wait > 0 ? wait : 5000,
		lookupFailuresPer10Min: Number.isInteger(limit) && limit > 0 ? limit : 60,
		controllerName: env.CONTROLLER_NAME?.trim() || null,
		accessibilityContact:
			env.ACCESSIBILITY_CONTACT?.trim() || env.CONTROLLER_CONTACT?.trim() || null
	};
}
