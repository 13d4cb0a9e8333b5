/**
 * The questionnaires the server serves, loaded and validated once at start (hooks `init`).
 * Module state is safe here: it is the same read-only data for every request.
 */
import type { LoadedQuestionnaire } from './load';

let loaded: LoadedQuestionnaire[] | undefined;

/** Installs the validated questionnaires; called once at start. */
export function setQuestionnaires(questionnaires: LoadedQuestionnaire[]): void {
	loaded = questionnaires;
}

/** Every questionnaire, in a stable order. */
export function listQuestionnaires(): LoadedQuestionnaire[] {
	if (!loaded) throw new Error('questionnaires not loaded: the init hook has not run');
	return loaded;
}

/** One questionnaire by id, or undefined. */
export function findQuestionnaire(id: string): LoadedQuestionnaire | undefined {
	return listQuestionnaires().find((q) => q.pkg.manifest.id === id);
}
