import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, whatever the working directory. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FIXTURES = path.join(ROOT, 'tests', 'fixtures');
export const BUNDLED = path.join(ROOT, 'src', 'lib', 'questionnaires');
export const TEST_QUESTIONNAIRES = path.join(FIXTURES, 'questionnaires');
