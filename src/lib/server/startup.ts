/**
 * Start-up: validate every questionnaire and open the store, or refuse to start with a
 * message that names the file and the problem (exit code 1). Nothing is served half-loaded.
 */
import { configProblems, readConfig } from './config';
import { log } from './log';
import { schedulePurge } from './retention';
import { formatLocatedError, loadQuestionnaires } from './questionnaires/load';
import { setQuestionnaires } from './questionnaires/registry';
import { StoreError } from './storage/store';
import { LockedError, LockUnsupportedError } from './storage/lock';
import { useBackend } from './storage/backend';
import { openBackend, openBudgetStore } from './storage/open';
import { useBudgetStore } from './security/budget';
import { DatabaseStartError } from './storage/postgres-backend';
import { SchemaTooNewError } from './storage/postgres-migrations';
import { logEventLoopDelayAtShutdown } from './event-loop-stats';

/** How often budgets are pruned: their shortest window. */
const BUDGET_PRUNE_EVERY_MS = 10 * 60_000;

export async function startServer(
	env: Record<string, string | undefined> = process.env
): Promise<void> {
	const problems = configProblems(env);
	if (problems.length > 0) refuse('Repères ne démarre pas : configuration invalide.', problems);
	const config = readConfig(env);
	if (!config.controller.name || !config.controller.contact) {
		// The privacy notice then says that the operator has not said who they are.
		log('warn', 'config.controller_missing', {
			name: config.controller.name !== null,
			contact: config.controller.contact !== null
		});
	}
	const loaded = await loadQuestionnaires(config.questionnaireDirs);
	if (loaded.warnings.length > 0) {
		// For the person starting the server, like a refusal, but the start goes on.
		console.warn(
			[
				`Repères démarre avec ${loaded.warnings.length} remarque(s) sur les questionnaires :`,
				...loaded.warnings.map((w) => `  ${formatLocatedError(w)}`)
			].join('\n')
		);
	}
	if (!loaded.ok) {
		refuse(
			`Repères ne démarre pas : ${loaded.errors.length} problème(s) dans les questionnaires.`,
			loaded.errors.map(formatLocatedError)
		);
	}
	if (loaded.questionnaires.length === 0) {
		refuse('Repères ne démarre pas : aucun questionnaire trouvé.', config.questionnaireDirs);
	}
	setQuestionnaires(loaded.questionnaires);
	try {
		const store = await openBackend(config);
		useBackend(store);
		const budgets = await openBudgetStore(store);
		useBudgetStore(budgets);
		// Budgets whose tries have all left their window are forgotten (ADR 0023).
		const pruning = setInterval(() => {
			budgets.prune().catch((e: unknown) => {
				log('error', 'budgets.prune_failed', { code: (e as { code?: string }).code ?? null });
			});
		}, BUDGET_PRUNE_EVERY_MS);
		pruning.unref();
		// Expired participations go at start, then every hour (not awaited: serving starts now).
		const purge = schedulePurge(config.retention);
		// adapter-node emits this once the HTTP server has drained its requests: the purge and
		// pending writes finish, then the lock or the database connections are released.
		process.once('sveltekit:shutdown', () => {
			clearInterval(pruning);
			purge
				.stop()
				.then(() => store.close())
				.then(
					() => log('info', 'server.stopped', { store: store.kind }),
					(e: unknown) => {
						// Exit non-zero: the supervisor (and whoever reads the log) must know.
						log('error', 'store.close_failed', { message: (e as Error).message ?? String(e) });
						process.exitCode = 1;
					}
				);
		});
		if (config.eventLoopStats) logEventLoopDelayAtShutdown();
	} catch (e) {
		if (e instanceof StoreError)
			refuse('Repères ne démarre pas : données illisibles.', [e.message]);
		if (e instanceof LockedError)
			refuse('Repères ne démarre pas : données déjà ouvertes.', [e.message]);
		if (e instanceof LockUnsupportedError)
			refuse('Repères ne démarre pas : dossier de données impossible à verrouiller.', [e.message]);
		if (e instanceof DatabaseStartError)
			refuse('Repères ne démarre pas : base de données injoignable.', [e.message]);
		if (e instanceof SchemaTooNewError)
			refuse('Repères ne démarre pas : schéma de base de données inconnu.', [e.message]);
		throw e;
	}
}

/** Start-up refusals are for a person reading the terminal: plain text, not a log line. */
function refuse(title: string, lines: string[]): never {
	console.error([title, ...lines.map((l) => `  ${l}`)].join('\n'));
	process.exit(1);
}
