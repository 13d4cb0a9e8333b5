/**
 * The export format (`npm run data:export`, `data:import`, `data:backup`; ADR 0016): JSON lines,
 * a header first, then one record per line in dump order. The same file moves data between the
 * embedded store and PostgreSQL and serves as a backup. An import is checked whole before
 * anything is written; each problem names the file and the line.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { DataRecord } from './backend';
import { checkParticipation, isSafeId, StoreError } from './store';

export const EXPORT_FORMAT = 'reperes-export';
export const EXPORT_VERSION = 1;

/** The first line of an export. */
export interface ExportHeader {
	format: typeof EXPORT_FORMAT;
	version: typeof EXPORT_VERSION;
	exportedAt: string;
	source: 'lowdb' | 'postgres';
}

/** The lines of an export (each ends with a newline). */
export async function* exportLines(
	records: AsyncIterable<DataRecord> | Iterable<DataRecord>,
	header: Omit<ExportHeader, 'format' | 'version'>
): AsyncGenerator<string> {
	yield `${JSON.stringify({ format: EXPORT_FORMAT, version: EXPORT_VERSION, ...header })}\n`;
	for await (const r of records) yield `${JSON.stringify(r)}\n`;
}

/** A file that cannot be imported; `problems` name each line. */
export class ImportError extends Error {
	constructor(
		readonly file: string,
		readonly problems: string[]
	) {
		super(
			`${file} : ${problems.length} problème(s), rien n’a été importé\n  ${problems.join('\n  ')}`
		);
		this.name = 'ImportError';
	}
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
const TYPES: DataRecord['type'][] = ['campaign', 'guidedSession', 'participation', 'deleted'];

function isRecord(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** What is wrong with a record's fields, or null. */
function problemOf(
	type: DataRecord['type'],
	d: Record<string, unknown>,
	file: string,
	where: string
) {
	const strings = (...keys: string[]) => keys.filter((k) => typeof d[k] !== 'string');
	const dates = (...keys: string[]) =>
		keys.filter((k) => !(typeof d[k] === 'string' && ISO.test(d[k] as string)));
	const missing: string[] = [];
	// Ids name documents in the embedded store: the characters of the ids Repères makes only.
	if (type !== 'participation' && typeof d.id === 'string' && !isSafeId(d.id)) {
		return `${type} : identifiant ${JSON.stringify(d.id)} invalide (lettres, chiffres, - et _, 64 au plus)`;
	}
	if (type === 'campaign') {
		missing.push(...strings('id', 'name', 'code', 'managementHash'), ...dates('createdAt'));
		if (!Array.isArray(d.diagnosticIds)) missing.push('diagnosticIds');
		if (typeof d.k !== 'number') missing.push('k');
	} else if (type === 'guidedSession') {
		missing.push(...strings('id', 'campaignId', 'participationId', 'client'));
		missing.push(...dates('createdAt', 'updatedAt'));
		if (!isRecord(d.notes)) missing.push('notes');
		if (!isRecord(d.ratings)) missing.push('ratings');
		if (!Array.isArray(d.actions)) missing.push('actions');
	} else if (type === 'deleted') {
		missing.push(...strings('id'), ...dates('deletedAt'));
	} else {
		try {
			checkParticipation(file, d, where);
		} catch (e) {
			if (e instanceof StoreError) return e.problem;
			throw e;
		}
		missing.push(...strings('questionnaireId', 'questionnaireVersion', 'pageName'));
		missing.push(...dates('createdAt', 'updatedAt'));
		if (d.completedAt !== null && dates('completedAt').length > 0) missing.push('completedAt');
		if ((d.status === 'completed') !== (d.completedAt !== null)) {
			return 'participation : « completedAt » doit être renseigné si et seulement si elle est terminée';
		}
	}
	return missing.length > 0
		? `${type} : champ(s) absent(s) ou invalide(s) : ${missing.join(', ')}`
		: null;
}

/** Checks one line; returns its record, or the problem. */
export function parseLine(
	text: string,
	line: number,
	file: string
): { record: DataRecord } | { header: ExportHeader } | { problem: string } {
	const at = `ligne ${line}`;
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (e) {
		return { problem: `${at} : JSON invalide (${(e as Error).message})` };
	}
	if (!isRecord(value)) return { problem: `${at} : un objet JSON est attendu` };
	if (line === 1) {
		if (value.format !== EXPORT_FORMAT) {
			return { problem: `${at} : ce n’est pas un export Repères (en-tête « format » absent)` };
		}
		if (value.version !== EXPORT_VERSION) {
			return { problem: `${at} : version d’export ${JSON.stringify(value.version)} inconnue` };
		}
		return { header: value as unknown as ExportHeader };
	}
	if (!TYPES.includes(value.type as DataRecord['type'])) {
		return { problem: `${at} : type ${JSON.stringify(value.type)} inconnu (${TYPES.join(', ')})` };
	}
	if (!isRecord(value.data)) return { problem: `${at} : « data » doit être un objet` };
	if (JSON.stringify(value.data).includes('\\u0000')) {
		return { problem: `${at} : caractère nul (U+0000) refusé` };
	}
	const problem = problemOf(value.type as DataRecord['type'], value.data, file, '');
	return problem ? { problem: `${at} : ${problem}` } : { record: value as unknown as DataRecord };
}

/** The non-empty lines of a file with their numbers, streamed. */
async function* linesOf(file: string): AsyncGenerator<[string, number]> {
	const input = createInterface({
		input: createReadStream(file, { encoding: 'utf8' }),
		crlfDelay: Infinity
	});
	let n = 0;
	for await (const text of input) {
		n++;
		if (text.trim() !== '') yield [text, n];
	}
}

/**
 * Checks a whole export file (every line, duplicates included); throws ImportError listing up
 * to 20 problems. Returns the header and how many records of each type it holds.
 */
export async function checkExport(
	file: string
): Promise<{ header: ExportHeader; counts: Record<DataRecord['type'], number> }> {
	const problems: string[] = [];
	const counts = { campaign: 0, guidedSession: 0, participation: 0, deleted: 0 };
	const seen = new Set<string>();
	let header: ExportHeader | undefined;
	let extra = 0;
	const problem = (p: string) => (problems.length < 20 ? problems.push(p) : extra++);
	for await (const [text, line] of linesOf(file)) {
		const parsed = parseLine(text, header ? Math.max(line, 2) : 1, file);
		if ('problem' in parsed) problem(parsed.problem.replace(/^ligne \d+/, `ligne ${line}`));
		else if ('header' in parsed) header = parsed.header;
		else {
			const key = `${parsed.record.type}:${parsed.record.data.id}`;
			if (seen.has(key)) problem(`ligne ${line} : ${key} figure deux fois`);
			seen.add(key);
			counts[parsed.record.type]++;
		}
		if (!header) break;
	}
	if (!header && problems.length === 0) problem('fichier vide : aucun en-tête');
	if (extra > 0) problems.push(`… et ${extra} autre(s)`);
	if (problems.length > 0) throw new ImportError(file, problems);
	return { header: header!, counts };
}

/** The records of an export already checked by `checkExport`, streamed. */
export async function* readExport(file: string): AsyncGenerator<DataRecord> {
	let first = true;
	for await (const [text] of linesOf(file)) {
		if (first) {
			first = false;
			continue;
		}
		yield JSON.parse(text) as DataRecord;
	}
}
