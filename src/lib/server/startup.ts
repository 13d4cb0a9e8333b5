/**
 * Start-up: validate every questionnaire and open the store, or refuse to start with a
 * message that names the file and the problem (exit code 1). Nothing is served half-loaded.
 */
import { readConfig } from './config';
import { formatLocatedError, loadQuestionnaires } from './questionnaires/load';
import { setQuestionnaires } from './questionnaires/registry';
import { StoreError } from './storage/store';
import { LockedError } from './storage/lock';
import { useBackend } from './storage/backend';
import { openBackend } from './storage/open';

export async function startServer(
	env: Record<string, string | undefined> = process.env
): Promise<void> {
	const config = readConfig(env);
	const loaded = await loadQuestionnaires(config.questionnaireDirs);
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
		useBackend(await openBackend(config));
	} catch (e) {
		if (e instanceof StoreError)
			refuse('Repères ne démarre pas : données illisibles.', [e.message]);
		if (e instanceof LockedError)
			refuse('Repères ne démarre pas : données déjà ouvertes.', [e.message]);
		throw e;
	}
}

function refuse(title: string, lines: string[]): never {
	console.error([title, ...lines.map((l) => `  ${l}`)].join('\n'));
	process.exit(1);
}
