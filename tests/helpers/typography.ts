/**
 * Typography checks for the validator's messages (ADR 0038): English without French leftovers,
 * French with its own typography (ordinary or no-break spaces alike).
 */

/** What French typography leaves in a text: guillemets, no-break spaces, a space before « : ». */
export function frenchLeftovers(en: string): string[] {
	const found: string[] = [];
	if (/[«»]/.test(en)) found.push('« »');
	if (/[\u00a0\u202f]/.test(en)) found.push('no-break space');
	if (/\s[:;?!](\s|$)/.test(en)) found.push('space before « : ; ? ! »');
	// Words of the French templates (the examples' names and values are English or neutral).
	const word =
		/\b(le|la|les|des|du|une|est|dans|pas|aucun|doit|attendue?|manquante?|inconnue?|n’|l’|d’|qu’)\b/i.exec(
			en
		);
	if (word) found.push(`French word « ${word[1]} »`);
	if (/[“”]/.test(en) && (en.match(/“/g)?.length ?? 0) !== (en.match(/”/g)?.length ?? 0)) {
		found.push('unbalanced “ ”');
	}
	return found;
}

/** What breaks French typography in a text (with ordinary or no-break spaces, ADR 0038). */
export function frenchTypographyFaults(fr: string): string[] {
	const found: string[] = [];
	if (/[“”]/.test(fr)) found.push('English quotes');
	if (/\p{L}'\p{L}/u.test(fr)) found.push('straight apostrophe');
	if (/«(?![\s\u00a0\u202f])/.test(fr)) found.push('no space after «');
	if (/(?<![\s\u00a0\u202f])»/.test(fr)) found.push('no space before »');
	// A colon as punctuation (followed by a space or the end), not in `https://` nor JSON's `"fr":`.
	if (/[^\s\u00a0\u202f"]:(\s|$)/.test(fr)) found.push('no space before « : »');
	if (/[^\s\u00a0\u202f][;?!](\s|$)/.test(fr)) found.push('no space before « ; ? ! »');
	if ((fr.match(/«/g)?.length ?? 0) !== (fr.match(/»/g)?.length ?? 0)) found.push('unbalanced « »');
	return found;
}
