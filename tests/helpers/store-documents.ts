/**
 * The embedded store's documents of one kind, read from its folder as the server wrote them
 * (`<folder>/<2 first characters of the id>/<id>.json`, ADR 0024).
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

export type DocumentFolder = 'participations' | 'campaigns' | 'guided-sessions' | 'deleted';

export async function readDocuments<T = unknown>(
	dataDir: string,
	folder: DocumentFolder
): Promise<T[]> {
	const root = path.join(dataDir, folder);
	const shards = await readdir(root).catch(() => [] as string[]);
	const documents: T[] = [];
	for (const shard of shards.sort()) {
		for (const file of (await readdir(path.join(root, shard))).sort()) {
			documents.push(JSON.parse(await readFile(path.join(root, shard, file), 'utf8')) as T);
		}
	}
	return documents;
}
