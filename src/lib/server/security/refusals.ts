/**
 * Refusals worth a line in the security log (LOG-02): forms refused by validation, by the names
 * of their fields only, and data refused to a browser that has not given the passphrase. What
 * was typed is never logged.
 */
import { log } from '../log';

/** Field names as forms send them (question names, `note.A`, `target.x.y`…); others are not echoed. */
const FIELD_NAME = /^[A-Za-z0-9_.[\]-]{1,80}$/;

/** Logs a form refused for these fields. */
export function logRefusedForm(route: string, fields: Iterable<string>): void {
	const names = [...new Set([...fields].map((f) => (FIELD_NAME.test(f) ? f : '(autre)')))].sort();
	log('info', 'form.refused', { route, fields: names.join(' ') });
}

/** Logs campaign data refused because the browser has not given the passphrase. */
export function logLockedCampaign(): void {
	log('warn', 'campaign.locked_refused');
}
