/**
 * Images of a questionnaire package (an `imagepicker`'s choices, ADR 0039): files of the package
 * in its `images/` folder, named by a relative path (`images/visio.png`), served by the app at
 * `/diagnostics/<id>/images/…`. One place for what such a path may be, so that the validator,
 * the loader, the route and the page agree. Pure.
 */
import type { SurveyJson } from './types';
import { surveyElements } from './survey-json';

/** The folder of a package that holds its images. */
export const IMAGES_FOLDER = 'images';

/** Image files a package may hold, by extension, with the type they are served as. */
export const IMAGE_TYPES: Readonly<Record<string, string>> = {
	png: 'image/png',
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	webp: 'image/webp',
	gif: 'image/gif',
	svg: 'image/svg+xml'
};

/** A folder or file name: plain letters, digits, `-`, `_` and dots, never first (no `..`, no hidden file). */
const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}$/;
/** Folders below `images/` an image may sit in. */
const MAX_DEPTH = 4;

/** The extension of a path, lowercase, or '' when it has none. */
export function extensionOf(file: string): string {
	const name = file.slice(file.lastIndexOf('/') + 1);
	const dot = name.lastIndexOf('.');
	return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** The type an image of the package is served as, or undefined for a file that is no image. */
export const imageType = (file: string): string | undefined =>
	Object.hasOwn(IMAGE_TYPES, extensionOf(file)) ? IMAGE_TYPES[extensionOf(file)] : undefined;

/** Why an `imageLink` names no image of the package (the validator says it, ADR 0038). */
export type ImageLinkReason =
	| { reason: 'external' | 'outside' | 'folder' | 'name' | 'absent' }
	| { reason: 'type'; extension: string; allowed: string };

/**
 * Why `link` (an `imageLink` as written) names no image of the package whose image files are
 * `images` (paths relative to its folder, with `/`); null when it names one.
 */
export function imageLinkProblem(
	link: string,
	images: ReadonlySet<string>
): ImageLinkReason | null {
	if (/^[a-z][a-z0-9+.-]*:/i.test(link) || link.startsWith('//')) return { reason: 'external' };
	const segments = link.split('/');
	if (
		link.startsWith('/') ||
		link.includes('\\') ||
		segments.some((s) => s === '..' || s === '.')
	) {
		return { reason: 'outside' };
	}
	if (segments[0] !== IMAGES_FOLDER || segments.length < 2) return { reason: 'folder' };
	if (segments.length > MAX_DEPTH + 2 || !segments.every((s) => SEGMENT.test(s))) {
		return { reason: 'name' };
	}
	if (imageType(link) === undefined) {
		return {
			reason: 'type',
			extension: extensionOf(link) ?? '',
			allowed: Object.keys(IMAGE_TYPES).join(', ')
		};
	}
	if (!images.has(link)) return { reason: 'absent' };
	return null;
}

/** Whether a path relative to the package (with `/`) may be one of its images. */
export const isImagePath = (file: string): boolean =>
	imageLinkProblem(file, new Set([file])) === null;

/** The address the app serves a package's image at (its path, each part encoded). */
export const imageUrl = (id: string, link: string): string =>
	`/diagnostics/${encodeURIComponent(id)}/${link.split('/').map(encodeURIComponent).join('/')}`;

/** Every `imageLink` of a survey's image pickers, in every language, as written. */
export function surveyImageLinks(survey: SurveyJson): string[] {
	const links = new Set<string>();
	for (const { element } of surveyElements(survey)) {
		if (element.type !== 'imagepicker' || !Array.isArray(element.choices)) continue;
		for (const choice of element.choices) {
			const link =
				typeof choice === 'object' && choice !== null
					? (choice as { imageLink?: unknown }).imageLink
					: undefined;
			const each = typeof link === 'object' && link !== null ? Object.values(link) : [link];
			for (const l of each) if (typeof l === 'string') links.add(l);
		}
	}
	return [...links];
}
