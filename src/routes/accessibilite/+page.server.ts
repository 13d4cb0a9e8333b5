import type { PageServerLoad } from './$types';
import { readConfig } from '$lib/server/config';
import { contactLink } from '$lib/format/contact';

export const load = (({ url }) => {
	const { controller, accessibilityContact } = readConfig();
	return {
		site: url.origin,
		operator: controller.name,
		contact: accessibilityContact ? contactLink(accessibilityContact) : null
	};
}) satisfies PageServerLoad;
