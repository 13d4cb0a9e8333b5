import fc from 'fast-check';
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
		let arb: fc.Arbitrary<unknown>;
		if (first.row !== undefined) {
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
