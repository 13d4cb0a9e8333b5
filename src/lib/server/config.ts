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
	/** Wrong management passphrases allowed per client address and 15 minutes. */
	passphraseFailuresPer15Min: number;
	/** Participations started (diagnostic starts, campaign joins) per client address and hour. */
	startsPerHour: number;
	/** Campaigns created per client address and hour. */
	campaignsPerHour: number;
	/** Guided sessions opened per client address and hour. */
	guidedSessionsPerHour: number;
	/** ADDRESS_HEADER (read by adapter-node): the proxy header giving the client's address. */
	addressHeader: string | null;
	/** REPERES_TEST_FAULTS=1: the fault-injection routes under /test-faults exist (tests only). */
	testFaults: boolean;
	/** REPERES_EVENT_LOOP_STATS=1: event-loop delay measured, logged at shutdown (bench:load). */
	eventLoopStats: boolean;
	/** How long participations are kept (days), applied by the hourly purge (ADR 0019). */
	retention: {
		/** In progress: days after the last answer saved. */
		unfinishedDays: number;
		/** Completed: days after completion. */
		completedDays: number;
		/**
		 * Tombstones of deleted participations: days after the deletion, as long as a backup that
		 * still holds them may be restored (ADR 0024).
		 */
		tombstoneDays: number;
	};
	/** Who is responsible for the data, shown by the privacy notice; null when not given. */
	controller: {
		name: string | null;
		contact: string | null;
		/** Data protection officer's contact, if the controller has one. */
		dpoContact: string | null;
	};
	/** Where to report an accessibility problem: ACCESSIBILITY_CONTACT, else the controller's. */
	accessibilityContact: string | null;
}

/** Defaults of the retention limits: about 6 months unfinished, 2 years completed. */
export const DEFAULT_RETENTION = { unfinishedDays: 180, completedDays: 730 };

/** A whole number, at least 1; undefined when absent, null when malformed. */
function count(value: string | undefined): number | null | undefined {
	const text = value?.trim();
	if (!text) return undefined;
	return /^[0-9]{1,6}$/.test(text) && Number(text) >= 1 ? Number(text) : null;
}

/** Retention limits are whole numbers of days. */
const days = count;

/** Budgets per client address (ADR 0018, 0023): variable and default. */
export const BUDGET_DEFAULTS = {
	LOOKUP_FAILURES_PER_10_MIN: 60,
	PASSPHRASE_FAILURES_PER_15_MIN: 5,
	STARTS_PER_HOUR: 600,
	CAMPAIGNS_PER_HOUR: 60,
	GUIDED_SESSIONS_PER_HOUR: 60
};

/**
 * Problems of the environment that must stop the start (each names its variable), rather than
 * let a typo silently apply another retention limit than the one the notice is meant to give.
 */
export function configProblems(env: Record<string, string | undefined> = process.env): string[] {
	return [
		...['RETENTION_UNFINISHED_DAYS', 'RETENTION_COMPLETED_DAYS', 'TOMBSTONE_DAYS']
			.filter((name) => days(env[name]) === null)
			.map(
				(name) =>
					`${name} = ${JSON.stringify(env[name])} : un nombre entier de jours, 1 au moins, est attendu`
			),
		// A budget mistyped as 0 or « 60/h » would otherwise apply another limit than intended.
		...Object.keys(BUDGET_DEFAULTS)
			.filter((name) => count(env[name]) === null)
			.map(
				(name) =>
					`${name} = ${JSON.stringify(env[name])} : un nombre entier, 1 au moins, est attendu`
			)
	];
}

/**
 * The retention limits. Tombstones are kept, by default, as long as the longer of the two limits:
 * backups must be kept no longer than that (README, « Privacy »), so no backup restored later
 * can still hold a participation whose tombstone is gone.
 */
function retentionLimits(env: Record<string, string | undefined>): ServerConfig['retention'] {
	const unfinishedDays = days(env.RETENTION_UNFINISHED_DAYS) ?? DEFAULT_RETENTION.unfinishedDays;
	const completedDays = days(env.RETENTION_COMPLETED_DAYS) ?? DEFAULT_RETENTION.completedDays;
	return {
		unfinishedDays,
		completedDays,
		tombstoneDays: days(env.TOMBSTONE_DAYS) ?? Math.max(unfinishedDays, completedDays)
	};
}

/** The folder of the bundled packages, relative to the project root (where `npm start` runs). */
export const BUNDLED_QUESTIONNAIRES_DIR = path.join('src', 'lib', 'questionnaires');

/** Reads the configuration from an environment (process.env by default). */
export function readConfig(env: Record<string, string | undefined> = process.env): ServerConfig {
	const extra = env.QUESTIONNAIRES_DIR?.trim();
	const budget = (name: keyof typeof BUDGET_DEFAULTS) => count(env[name]) ?? BUDGET_DEFAULTS[name];
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
		lookupFailuresPer10Min: budget('LOOKUP_FAILURES_PER_10_MIN'),
		passphraseFailuresPer15Min: budget('PASSPHRASE_FAILURES_PER_15_MIN'),
		startsPerHour: budget('STARTS_PER_HOUR'),
		campaignsPerHour: budget('CAMPAIGNS_PER_HOUR'),
		guidedSessionsPerHour: budget('GUIDED_SESSIONS_PER_HOUR'),
		addressHeader: env.ADDRESS_HEADER?.trim() || null,
		testFaults: env.REPERES_TEST_FAULTS === '1',
		eventLoopStats: env.REPERES_EVENT_LOOP_STATS === '1',
		retention: retentionLimits(env),
		controller: {
			name: env.CONTROLLER_NAME?.trim() || null,
			contact: env.CONTROLLER_CONTACT?.trim() || null,
			dpoContact: env.DPO_CONTACT?.trim() || null
		},
		accessibilityContact:
			env.ACCESSIBILITY_CONTACT?.trim() || env.CONTROLLER_CONTACT?.trim() || null
	};
}
