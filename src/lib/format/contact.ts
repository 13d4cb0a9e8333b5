/** How a contact set in the configuration is shown: a link when it is an address or a URL. */

export interface ContactLink {
	text: string;
	/** mailto: for an e-mail address, the URL itself for an http(s) one, else null (plain text). */
	href: string | null;
}

const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;

/** The link a configured contact (e-mail, web address, or any text) is shown as. */
export function contactLink(contact: string): ContactLink {
	const text = contact.trim();
	if (EMAIL.test(text)) return { text, href: `mailto:${text}` };
	if (/^https?:\/\/\S+$/i.test(text) && URL.canParse(text)) return { text, href: text };
	return { text, href: null };
}
