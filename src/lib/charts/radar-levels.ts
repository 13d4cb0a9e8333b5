/** The rings of a package's radar: each level's short code (« B1 ») or name, and its threshold. */
import { localize } from '../diagnostic/localized';
import type { Level, Locale } from '../diagnostic/types';
import type { RadarLevel } from './radar-geometry';

export function radarLevels(levels: readonly Level[], locale: Locale): RadarLevel[] {
	return levels.map((l) => ({ label: l.code ?? localize(l.name, locale), min: l.min }));
}
