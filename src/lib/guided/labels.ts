/** Interface labels of guided-session values, in the current locale. */
import { m } from '../paraglide/messages';
import type { ActionStatus } from './types';

const STATUSES: Record<ActionStatus, () => string> = {
	todo: m.g_status_todo,
	doing: m.g_status_doing,
	done: m.g_status_done
};

/** « À faire », « En cours », « Fait ». */
export const statusLabel = (status: ActionStatus): string => STATUSES[status]();

/** A gap in words, never by colour alone: « +1 niveau », « −2 niveaux », « même niveau », « — ». */
export function gapLabel(gap: number | null): string {
	if (gap === null) return '—';
	if (gap === 0) return m.g_gap_same();
	const count = Math.abs(gap);
	if (gap > 0) return count === 1 ? m.g_gap_up_one() : m.g_gap_up({ count });
	return count === 1 ? m.g_gap_down_one() : m.g_gap_down({ count });
}
