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

/**
 * Why `link` (an `imageLink` as written) names no image of the package whose image files are
 * `images` (paths relative to its folder, with `/`), in French; null when it names one.
 */
export function imageLinkProblem(link: string, images: ReadonlySet<string>): string | null {
	const allowed = Object.keys(IMAGE_TYPES).join(', ');
	const where = `les images sont des fichiers du paquet, dans son dossier « ${IMAGES_FOLDER}/ » (par exemple « ${IMAGES_FOLDER}/visio.png »)`;
	if (/^[a-z][a-z0-9+.-]*:/i.test(link) || link.startsWith('//')) {
		return `« ${link} » est une adresse externe : ${where}, servis par Repères (une image d’ailleurs ferait savoir à un autre site qui répond)`;
	}
	const segments = link.split('/');
	if (
		link.startsWith('/') ||
		link.includes('\\') ||
		segments.some((s) => s === '..' || s === '.')
	) {
		return `« ${link} » sort du paquet : ${where}`;
	}
	if (segments[0] !== IMAGES_FOLDER || segments.length < 2) {
		return `« ${link} » n’est pas dans le dossier « ${IMAGES_FOLDER}/ » du paquet : ${where}`;
	}
	if (segments.length > MAX_DEPTH + 2 || !segments.every((s) => SEGMENT.test(s))) {
		return `« ${link} » : les noms de dossiers et de fichiers d’image s’écrivent en lettres sans accents, chiffres, « - », « _ » et « . » (pas en premier), sans espace`;
	}
	if (imageType(link) === undefined) {
		const ext = extensionOf(link);
		return `« ${link} » : ${ext ? `type de fichier « .${ext} »` : 'fichier sans extension'} refusé (types possibles : ${allowed})`;
	}
	if (!images.has(link)) return `« ${link} » : fichier absent du paquet`;
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
