/** Durations as people read them: « 20 min », « 13 h », « 1 h 30 min ». */
export function formatMinutes(minutes: number): string {
	const h = Math.floor(minutes / 60);
	const min = Math.round(minutes % 60);
	if (h === 0) return `${min} min`;
	return min === 0 ? `${h} h` : `${h} h ${min} min`;
}
