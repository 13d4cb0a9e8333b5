/**
 * A questionnaire's images (an `imagepicker`'s pictures, ADR 0039), served from its package
 * folder. Only the files its survey.json shows are served, by exact path, as the validator
 * accepted them: a path that is not one of them (another file, `..`, an encoded `/`) is simply
 * not found, whatever it resolves to on disk.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { IMAGES_FOLDER, imageType } from '../../diagnostic/package-images';
import { findQuestionnaire } from './registry';

/**
 * What an image's response may do if opened on its own: nothing but show itself (an SVG is a
 * document that could hold scripts; sandboxed, it has no origin and runs nothing).
 */
export const IMAGE_CSP =
	"default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox";

/** Browsers keep an image this long before asking again (the ETag answers with 304 then). */
const MAX_AGE_SECONDS = 3600;

const notFound = () =>
	new Response('Image introuvable.', {
		status: 404,
		headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }
	});

/**
 * The response to a request for `file` below a questionnaire's `images/` folder (as the route
 * decoded it), given the request's `If-None-Match`.
 */
export async function packageImageResponse(
	id: string,
	file: string,
	ifNoneMatch: string | null
): Promise<Response> {
	const questionnaire = findQuestionnaire(id);
	const link = `${IMAGES_FOLDER}/${file}`;
	const type = imageType(link);
	if (!questionnaire || !type || !questionnaire.images.has(link)) return notFound();
	const full = path.join(questionnaire.dir, ...link.split('/'));
	let body: Buffer;
	let etag: string;
	let modified: Date;
	try {
		const info = await stat(full);
		if (!info.isFile()) return notFound();
		etag = `W/"${info.size.toString(36)}-${Math.floor(info.mtimeMs).toString(36)}"`;
		modified = info.mtime;
		body = await readFile(full);
	} catch (e) {
		// Removed since the start: gone, not broken.
		if ((e as NodeJS.ErrnoException).code === 'ENOENT') return notFound();
		throw e;
	}
	const headers = {
		'content-type': type,
		'cache-control': `public, max-age=${MAX_AGE_SECONDS}`,
		etag,
		'last-modified': modified.toUTCString(),
		'content-security-policy': IMAGE_CSP,
		'x-content-type-options': 'nosniff'
	};
	if (ifNoneMatch !== null && ifNoneMatch.split(',').some((t) => t.trim() === etag)) {
		return new Response(null, { status: 304, headers });
	}
	return new Response(new Uint8Array(body), { headers });
}
