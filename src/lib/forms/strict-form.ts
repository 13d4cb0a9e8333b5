/**
 * Strict reading of a submitted form (security notes REQ-03): every field must be one the form
 * has, sent as often as it may be, as text, within its length, without control characters, and
 * among its options when it has some. A form with one problem is refused whole, before anything
 * is written. Whether a form is complete (required answers) is the caller's business: an
 * incomplete form is well-formed. Pure: no I/O, no framework.
 */

/** What one field may carry. */
export type FieldRule =
	| {
			kind: 'text';
			maxLength: number;
			/** Line breaks are accepted (a textarea); single-line fields refuse them. */
			multiline?: boolean;
			/** A shape the whole value must have (tokens, days). */
			pattern?: RegExp;
	  }
	| {
			/** One value among `options` ('' only when it is one of them). */
			kind: 'choice';
			/** Undefined when the options depend on the answers (the caller checks them). */
			options?: ReadonlySet<string>;
	  }
	| {
			/** Zero or more distinct values among `options` (a group of checkboxes). */
			kind: 'choices';
			options?: ReadonlySet<string>;
	  };

/** The rule of a field name, or undefined when the form has no such field. */
export type FormSchema = (name: string) => FieldRule | undefined;

export type ProblemKind =
	| 'unknown'
	| 'repeated'
	| 'not-text'
	| 'too-long'
	| 'control-character'
	| 'not-offered'
	| 'malformed';

export interface FormProblem {
	field: string;
	kind: ProblemKind;
	/** For `too-long`: the limit. */
	maxLength?: number;
}

/** The values of a well-formed form, by field name. */
export interface StrictForm {
	/** The value of a single-valued field, '' when it was not sent. */
	text(name: string): string;
	/** Every value of a field, in the order sent. */
	all(name: string): string[];
	has(name: string): boolean;
	/** Every field sent, in order (names starting with a prefix, for instance). */
	names(): string[];
}

/** A schema of fixed field names (a Map: names like `__proto__` are just unknown). */
export function fields(rules: Record<string, FieldRule>): FormSchema {
	const byName = new Map(Object.entries(rules));
	return (name) => byName.get(name);
}

/** Several schemas as one: the first that knows a field gives its rule. */
export function either(...schemas: FormSchema[]): FormSchema {
	return (name) => {
		for (const schema of schemas) {
			const rule = schema(name);
			if (rule) return rule;
		}
		return undefined;
	};
}

/** Unicode control characters (Cc) except TAB, LF and CR: C0, DEL and C1. */
// eslint-disable-next-line no-control-regex -- these characters are what the rule is about
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const LINE_BREAK = /[\n\r]/;
/** A UTF-16 surrogate without its other half: not text, whatever decoded it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether a text holds a character no person types: control characters or broken UTF-16. */
export function hasControlCharacters(text: string, multiline = true): boolean {
	return CONTROL.test(text) || LONE_SURROGATE.test(text) || (!multiline && LINE_BREAK.test(text));
}

/** The text without what `hasControlCharacters` refuses, to show back what was typed. */
export function withoutControlCharacters(text: string, multiline = true): string {
	const cleaned = text
		.replace(new RegExp(CONTROL.source, 'g'), '')
		.replace(new RegExp(LONE_SURROGATE.source, 'g'), '');
	return multiline ? cleaned : cleaned.replace(/[\n\r]+/g, ' ');
}

/** The problem of one value against its rule, if any. */
function valueProblem(rule: FieldRule, value: string): Omit<FormProblem, 'field'> | null {
	if (rule.kind === 'text') {
		if (value.length > rule.maxLength) return { kind: 'too-long', maxLength: rule.maxLength };
		if (hasControlCharacters(value, rule.multiline === true)) return { kind: 'control-character' };
		if (rule.pattern && value !== '' && !rule.pattern.test(value)) return { kind: 'malformed' };
		return null;
	}
	if (hasControlCharacters(value, false)) return { kind: 'control-character' };
	if (rule.options && !rule.options.has(value)) return { kind: 'not-offered' };
	return null;
}

/**
 * Checks every entry of a form against its schema. Returns the values, or every problem (one
 * per field, in the order fields were sent).
 */
export function checkForm(
	entries: Iterable<[string, FormDataEntryValue]>,
	schema: FormSchema
): { ok: true; form: StrictForm } | { ok: false; problems: FormProblem[] } {
	const values = new Map<string, string[]>();
	const problems = new Map<string, FormProblem>();
	const order: string[] = [];
	const report = (field: string, problem: Omit<FormProblem, 'field'>) => {
		if (!problems.has(field)) problems.set(field, { field, ...problem });
	};
	for (const [name, value] of entries) {
		const rule = schema(name);
		if (!rule) {
			report(name, { kind: 'unknown' });
			continue;
		}
		if (typeof value !== 'string') {
			report(name, { kind: 'not-text' });
			continue;
		}
		let list = values.get(name);
		if (!list) {
			values.set(name, (list = []));
			order.push(name);
		}
		if (list.length > 0 && (rule.kind !== 'choices' || list.includes(value))) {
			report(name, { kind: 'repeated' });
		}
		list.push(value);
		const problem = valueProblem(rule, value);
		if (problem) report(name, problem);
	}
	if (problems.size > 0) return { ok: false, problems: [...problems.values()] };
	return {
		ok: true,
		form: {
			text: (name) => values.get(name)?.[0] ?? '',
			all: (name) => [...(values.get(name) ?? [])],
			has: (name) => values.has(name),
			names: () => [...order]
		}
	};
}
