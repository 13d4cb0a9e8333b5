import fc from 'fast-check';
import type { QuestionnairePackage } from '$lib/diagnostic/types';
import type { Answers, ModelItem, ScoringModel } from '$lib/scoring/types';

/** Items grouped by question (a matrix has one item per row). */
export function questionsOf(model: ScoringModel): Map<string, ModelItem[]> {
	const map = new Map<string, ModelItem[]>();
	for (const item of model.items) map.set(item.question, [...(map.get(item.question) ?? []), item]);
	return map;
}

/** Arbitrary answer sets for a model: any mix of unanswered, "not applicable" and scored values. */
export function arbitraryAnswers(model: ScoringModel): fc.Arbitrary<Answers> {
	const entries = [...questionsOf(model)].map(([question, items]) => {
		const first = items[0]!;
		const keys = Object.keys(first.points);
		const single = fc.constantFrom(...keys, ...first.notApplicable);
		const one = (item: ModelItem): fc.Arbitrary<unknown> =>
			item.kind === 'multiple'
				? fc.subarray([...Object.keys(item.points), ...item.notApplicable])
				: fc.constantFrom(...Object.keys(item.points), ...item.notApplicable);
		let arb: fc.Arbitrary<unknown>;
		if (first.column !== undefined) {
			// A matrix's cells: per row, its scored columns (ADR 0037).
			const rows = [...new Set(items.map((i) => i.row!))];
			arb = fc.record(
				Object.fromEntries(
					rows.map((row) => [
						row,
						fc.record(
							Object.fromEntries(
								items.filter((i) => i.row === row).map((i) => [i.column!, one(i)])
							),
							{ requiredKeys: [] }
						)
					])
				),
				{ requiredKeys: [] }
			);
		} else if (first.row !== undefined) {
			arb = fc.record(Object.fromEntries(items.map((i) => [i.row!, single])), { requiredKeys: [] });
		} else if (first.kind === 'multiple') {
			arb = fc.subarray([...keys, ...first.notApplicable]);
		} else arb = single;
		return [question, fc.option(arb, { nil: undefined })] as const;
	});
	return fc.record(Object.fromEntries(entries)).map((a) => {
		const answers: Answers = {};
		for (const [k, v] of Object.entries(a)) if (v !== undefined) answers[k] = v;
		return answers;
	});
}

/** The key of an item's highest (or lowest) points. */
export function extremeKey(item: ModelItem, highest: boolean): string {
	const entries = Object.entries(item.points).sort((a, b) => a[1] - b[1]);
	return (highest ? entries.at(-1) : entries[0])![0];
}

/**
 * Every page of a package as its save form carries it (no JavaScript), each scored item answered
 * with `key(item)`: for a checkbox, every choice with positive points instead. Unscored
 * questions are left empty.
 */
export function pagesAnswered(
	pkg: QuestionnairePackage,
	model: ScoringModel,
	key: (item: ModelItem) => string
): { page: string; fields: [string, string][] }[] {
	const items = questionsOf(model);
	return pkg.survey.pages.map((page) => ({
		page: page.name,
		fields: (page.elements ?? []).flatMap((element): [string, string][] =>
			(items.get(element.name) ?? []).flatMap((item): [string, string][] => {
				if (item.row !== undefined) return [[`${item.question}[${item.row}]`, key(item)]];
				if (item.kind === 'multiple') {
					return Object.entries(item.points)
						.filter(([, p]) => p > 0)
						.map(([k]) => [item.question, k]);
				}
				return [[item.question, key(item)]];
			})
		)
	}));
}
