import type { RequestHandler } from './$types';
import { packageImageResponse } from '$lib/server/questionnaires/images';

/** An image of a questionnaire's package (an image picker's picture, ADR 0039). */
export const GET: RequestHandler = ({ params, request }) =>
	packageImageResponse(params.id, params.path, request.headers.get('if-none-match'));
