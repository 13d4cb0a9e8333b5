/** Durations as people read them: « 20 min », « 13 h », « 1 h 30 min ». */
export function formatMinutes(minutes: number): string {
	const h = Math.floor(minutes / 60);
	const min = Math.round(minutes % 60);
	if (h === 0) return `${min} min`;
	return min === 0 ? `${h} h` : `${h} h ${min} min`;
}

/**
 * A wait announced to a person (Retry-After): seconds under a minute, else whole minutes rounded
 * up (« 45 s », « 10 min », « 1 h »), never « 3599 s ».
 */
export function formatWait(seconds: number): string {
	const s = Math.max(1, Math.ceil(seconds));
	return s < 60 ? `${s} s` : formatMinutes(Math.ceil(s / 60));
}
