/**
 * What an `html` question may show, cleaned by a maintained sanitiser (sanitize-html, ADR 0032):
 * paragraphs, emphasis, lists, links and entities; nothing that runs, loads or styles. Headings
 * become level 3, under the page's own; links keep only http(s) and mailto addresses.
 */
import sanitizeHtml from 'sanitize-html';

const OPTIONS: sanitizeHtml.IOptions = {
	allowedTags: [
		'p',
		'br',
		'strong',
		'b',
		'em',
		'i',
		'u',
		'small',
		'sup',
		'sub',
		'a',
		'ul',
		'ol',
		'li',
		'h3',
		'h4',
		'blockquote',
		'q',
		'abbr',
		'code',
		'span'
	],
	allowedAttributes: { a: ['href', 'title', 'hreflang'], abbr: ['title'], '*': ['lang'] },
	allowedSchemes: ['https', 'http', 'mailto'],
	allowProtocolRelative: false,
	transformTags: { h1: 'h3', h2: 'h3', h5: 'h4', h6: 'h4', div: 'p' },
	// Dropped with their content: what they hold is not text for the reader.
	nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'template', 'iframe']
};

export function safeHtml(html: string): string {
	return sanitizeHtml(html, OPTIONS).trim();
}
