/**
 * How a score is said, everywhere it is shown (results, printed report, dashboard, guided report,
 * organisation × trainers reading; ADR 0029): the level first, then where the score sits within
 * that level's band, the figure last, as a position on the 0–100 scale. Never « 36,1 sur 100 »,
 * which reads as a failing grade beside « B1 – Intégrateur ». Pure.
 */
import type { Level, Locale } from '../diagnostic/types';
import { levelLabel, localize } from '../diagnostic/localized';
import { formatScore } from '../format/number';
import { placeOnScale, type BandPosition } from '../scoring/level-scale';
import { m } from '../paraglide/messages';

export interface ScoreWords {
	/** The level as shown in full: « B1 – Intégrateur ». */
	level: string;
	/** The score as a figure of the locale: « 36,1 ». */
	figure: string;
	position: BandPosition;
	from: number;
	to: number;
	/** Where the score sits: « dans le bas du niveau B1 ». */
	place: string;
	/** One sentence for a headline's second line: « Dans le bas du niveau B1, qui va de 30 à 50… ». */
	sentence: string;
	/** The position alone, beside the level's name (a table cell): « bas du niveau ». */
	where: string;
	/** For lists and table cells: « B1 – Intégrateur, bas du niveau (36,1) ». */
	brief: string;
}

const PLACE: Record<BandPosition, typeof m.score_place_low> = {
	low: m.score_place_low,
	middle: m.score_place_middle,
	high: m.score_place_high
};

const WHERE: Record<BandPosition, typeof m.score_where_low> = {
	low: m.score_where_low,
	middle: m.score_where_middle,
	high: m.score_where_high
};

const capitalised = (text: string) => text.charAt(0).toLocaleUpperCase() + text.slice(1);

/** The words of a 0–100 score on a package's level scale, in one locale. */
export function scoreWords(levels: Level[], score: number, locale: Locale): ScoreWords {
	const place = placeOnScale(levels, score);
	const level = levels.find((l) => l.id === place.level)!;
	const next = place.next ? levels.find((l) => l.id === place.next)! : null;
	// In running text a level goes by its code when it has one (« niveau B1 »), else its name.
	const short = (l: Level) => l.code ?? localize(l.name, locale);
	const figure = formatScore(score, locale);
	const where = PLACE[place.position]({ level: short(level) }, { locale });
	const range = {
		place: where,
		from: formatScore(place.from, locale),
		to: formatScore(place.to, locale),
		score: figure
	};
	const sentence =
		place.position === 'high' && next
			? m.score_sentence_next({ ...range, next: short(next) }, { locale })
			: m.score_sentence(range, { locale });
	const full = levelLabel(level, locale, ' – ');
	const inBand = WHERE[place.position]({}, { locale });
	return {
		level: full,
		figure,
		position: place.position,
		from: place.from,
		to: place.to,
		place: where,
		sentence: capitalised(sentence),
		where: inBand,
		brief: m.score_brief({ level: full, where: inBand, score: figure }, { locale })
	};
}
