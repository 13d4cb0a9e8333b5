import type { PageServerLoad } from './$types';
import { readConfig } from '$lib/server/config';
import { contactLink } from '$lib/format/contact';

export const load = (({ url }) => {
	const { controllerName, accessibilityContact } = readConfig();
	return {
		site: url.origin,
		operator: controllerName,
		contact: accessibilityContact ? contactLink(accessibilityContact) : null
	};
}) satisfies PageServerLoad;
