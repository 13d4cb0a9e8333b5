/**
 * The shapes of a package's own files, checked against the JSON Schemas of `schemas/` (the same
 * files editors read through each file's `$schema`) by ajv, and ajv's errors said in French and
 * English (validator-messages.ts, ADR 0038) and located as the rest of the validator says them
 * (ADR 0033). Rules across entries and files (unique ids, references, thresholds) stay
 * hand-written in validate-package.ts.
 */
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import manifestSchema from '../../../schemas/manifest.schema.json';
import frameworkSchema from '../../../schemas/framework.schema.json';
import levelsSchema from '../../../schemas/levels.schema.json';
import scoringSchema from '../../../schemas/scoring.schema.json';
import catalogueSchema from '../../../schemas/catalogue.schema.json';
import crosswalkSchema from '../../../schemas/crosswalk.schema.json';
import type { PackageError, PackageErrorCode } from './validate-package';
import type { PackageFileName } from './types';
import { closest } from './closest';
import { M, problem, type Message } from './validator-messages';

/** The files that have a schema of ours (survey.json is SurveyJS's, checked by survey-core). */
export const SCHEMAS = {
	'manifest.json': manifestSchema,
	'framework.json': frameworkSchema,
	'levels.json': levelsSchema,
	'scoring.json': scoringSchema,
	'catalogue.json': catalogueSchema,
	'crosswalk.json': crosswalkSchema
} as const;

export type SchemaFile = keyof typeof SCHEMAS;

export const hasSchema = (file: PackageFileName): file is SchemaFile =>
	Object.hasOwn(SCHEMAS, file);

/**
 * Our two annotations, ignored by editors: `x-code`, the error code of a failure at that schema
 * (`missing-french`, `resource-not-https`…, else `invalid-shape`), and `x-expected`, what is
 * expected there in words (`{ "fr": …, "en": … }`), for patterns and alternatives that ajv can
 * only quote.
 */
const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true });
ajv.addVocabulary(['x-code', 'x-expected']);

const validators = new Map<SchemaFile, ValidateFunction>();
function validator(file: SchemaFile): ValidateFunction {
	let v = validators.get(file);
	if (!v) validators.set(file, (v = ajv.compile(SCHEMAS[file])));
	return v;
}

type Schema = Record<string, unknown>;
const isObj = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);
const esc = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
const unesc = (t: string) => t.replace(/~1/g, '/').replace(/~0/g, '~');

const isMessage = (v: unknown): v is Message =>
	isObj(v) && typeof v.fr === 'string' && typeof v.en === 'string';

/** What a (resolved) schema expects, in words. */
function expected(schema: unknown): Message | undefined {
	if (!isObj(schema)) return undefined;
	if (isMessage(schema['x-expected'])) return schema['x-expected'];
	if (typeof schema.$ref === 'string') return expected(resolve(schema.$ref));
	return undefined;
}

/** The schema being reported on, whose `#/$defs/…` references `resolve` follows. */
let resolving: Schema | undefined;
function resolve(ref: string): unknown {
	let node: unknown = resolving;
	for (const token of ref.replace(/^#\//, '').split('/'))
		node = isObj(node) ? node[unesc(token)] : undefined;
	return node;
}

/** The schema of a property of an object schema, references followed. */
function propertySchema(parent: unknown, key: string): Schema | undefined {
	if (!isObj(parent) || !isObj(parent.properties)) return undefined;
	let s: unknown = parent.properties[key];
	while (isObj(s) && typeof s.$ref === 'string' && s['x-code'] === undefined) {
		s = resolve(s.$ref);
	}
	return isObj(s) ? s : undefined;
}

const codeOf = (schema: unknown): PackageErrorCode =>
	isObj(schema) && typeof schema['x-code'] === 'string'
		? (schema['x-code'] as PackageErrorCode)
		: 'invalid-shape';

/** The last token of a pointer, as the author wrote the key (« title »); none for an index. */
function keyName(pointer: string): string | undefined {
	const last = pointer.split('/').pop() ?? '';
	return /^\d+$/.test(last) || last === '' ? undefined : unesc(last);
}

function translate(e: ErrorObject): { code: PackageErrorCode; pointer: string; message: Message } {
	const at = e.instancePath;
	const key = keyName(at);
	const p = e.params as Record<string, unknown>;
	// A text's language is reported on the text: « name » lacks French, not « name/fr ».
	const onText = /\/properties\/(fr|en)\/[^/]+$/.test(e.schemaPath);
	const textAt = onText ? at.replace(/\/(fr|en)$/, '') : at;
	switch (e.keyword) {
		case 'required': {
			const missing = String(p.missingProperty);
			const schema = propertySchema(e.parentSchema, missing);
			if (missing === 'fr' && codeOf(schema) === 'missing-french') {
				return { code: 'missing-french', pointer: at, message: M.schemaFrenchMissing({ key }) };
			}
			// A whole text missing is a shape problem; its code is for its French only.
			const code = codeOf(schema) === 'missing-french' ? 'invalid-shape' : codeOf(schema);
			return {
				code,
				pointer: `${at}/${esc(missing)}`,
				message: M.schemaRequired({ property: missing, expected: expected(schema) })
			};
		}
		case 'additionalProperties': {
			const extra = String(p.additionalProperty);
			const known = isObj(e.parentSchema?.properties) ? Object.keys(e.parentSchema.properties) : [];
			return {
				code: 'invalid-shape',
				pointer: `${at}/${esc(extra)}`,
				message: M.schemaUnknownProperty({
					property: extra,
					guess: closest(extra, known),
					known: known.filter((k) => k !== '$schema')
				})
			};
		}
		case 'type': {
			const words = expected(e.parentSchema);
			// A text given in the wrong form is a shape problem, not a missing translation.
			const code =
				codeOf(e.parentSchema) === 'missing-french' ? 'invalid-shape' : codeOf(e.parentSchema);
			return {
				code,
				pointer: at,
				message: words
					? M.schemaExpected({ key, expected: words })
					: M.schemaType({ key, types: String(p.type).split(',') })
			};
		}
		case 'enum':
			return {
				code: codeOf(e.parentSchema),
				pointer: at,
				message: M.schemaEnum({ key, value: e.data, allowed: p.allowedValues as unknown[] })
			};
		case 'pattern':
		case 'minLength': {
			const code = codeOf(e.parentSchema);
			if (code === 'missing-french') {
				return { code, pointer: textAt, message: M.schemaFrenchMissing({ key: keyName(textAt) }) };
			}
			const words = expected(e.parentSchema);
			const value = typeof e.data === 'string' && e.data.trim() !== '' ? e.data : undefined;
			return {
				code,
				pointer: at,
				message: words
					? M.schemaExpected({ key, value, expected: words })
					: e.keyword === 'minLength'
						? M.schemaNonEmpty({ key, value })
						: M.schemaPattern({ key, value, pattern: String(p.pattern) })
			};
		}
		case 'maxLength':
			return {
				code: 'invalid-shape',
				pointer: textAt,
				message: M.schemaTooLong({ key: keyName(textAt), limit: Number(p.limit) })
			};
		case 'minimum':
		case 'maximum':
		case 'exclusiveMinimum':
		case 'exclusiveMaximum':
			return {
				code: codeOf(e.parentSchema),
				pointer: at,
				message: M.schemaBound({ key, value: e.data, bound: e.keyword, limit: Number(p.limit) })
			};
		case 'minProperties':
			return { code: 'invalid-shape', pointer: at, message: M.schemaEmptyText({ key }) };
		case 'uniqueItems':
			return {
				code: 'invalid-shape',
				pointer: `${at}/${String(p.i)}`,
				message: M.schemaDuplicateItem({ key, value: (e.data as unknown[])[Number(p.i)] })
			};
		case 'minItems':
			return {
				code: 'invalid-shape',
				pointer: at,
				message: M.schemaTooFewItems({ key, limit: Number(p.limit) })
			};
		case 'anyOf': {
			const words = expected(e.parentSchema);
			return {
				code: codeOf(e.parentSchema),
				pointer: at,
				message: words ? M.schemaExpected({ key, expected: words }) : M.schemaNotAllowed({ key })
			};
		}
		default:
			// A keyword our schemas do not use yet: ajv's own (English) words, named.
			return {
				code: 'invalid-shape',
				pointer: at,
				message: M.schemaOther({ key, keyword: e.keyword, detail: e.message ?? e.keyword })
			};
	}
}

/**
 * Of the errors of an `anyOf` (a name or a translated text), keeps those of the alternative the
 * value's type picks (an object is read as a translated text), else the `anyOf` alone: the
 * author meant one of them, and the other's complaints would only confuse. ajv reports the
 * alternatives' errors at their `$defs`, so they are told apart by place and type.
 */
function pruneAlternatives(errors: ErrorObject[]): ErrorObject[] {
	let out = errors;
	for (const e of errors.filter((x) => x.keyword === 'anyOf')) {
		const types = (e.schema as Schema[]).map((b) => {
			let s: unknown = b;
			while (isObj(s) && typeof s.$ref === 'string') s = resolve(s.$ref);
			return isObj(s) ? s.type : undefined;
		});
		const dataType = Array.isArray(e.data) ? 'array' : e.data === null ? 'null' : typeof e.data;
		const chosen = types.find((t) => t === dataType);
		const at = e.instancePath;
		out = out.filter((x) => {
			if (x === e) return chosen === undefined;
			if (x.instancePath === at) return chosen !== undefined && x.parentSchema?.type === chosen;
			if (x.instancePath.startsWith(`${at}/`)) return chosen === 'object';
			return true;
		});
	}
	return out;
}

/** Checks one of our files against its schema; [] when its shape is right. */
export function schemaErrors(file: SchemaFile, value: unknown): PackageError[] {
	const validate = validator(file);
	if (validate(value)) return [];
	resolving = SCHEMAS[file] as Schema;
	const seen = new Set<string>();
	const errors: PackageError[] = [];
	for (const e of pruneAlternatives(validate.errors ?? [])) {
		const { code, pointer, message } = translate(e);
		// ajv may say the same twice (a `$ref` and its target): one line is enough.
		const line = `${code} ${pointer} ${message.fr}`;
		if (seen.has(line)) continue;
		seen.add(line);
		errors.push(problem(code, file, pointer, message));
	}
	return errors;
}
