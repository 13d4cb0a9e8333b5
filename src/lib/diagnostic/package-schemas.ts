/**
 * The shapes of a package's own files, checked against the JSON Schemas of `schemas/` (the same
 * files editors read through each file's `$schema`) by ajv, and ajv's errors said in French and
 * located as the rest of the validator says them (ADR 0033). Rules across entries and files
 * (unique ids, references, thresholds) stay hand-written in validate-package.ts.
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
 * expected there in words, for patterns and alternatives that ajv can only quote.
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

const TYPES: Record<string, string> = {
	string: 'texte',
	number: 'nombre',
	integer: 'nombre entier',
	object: 'objet',
	array: 'liste',
	boolean: 'booléen (true ou false)',
	null: 'null'
};

/** What a (resolved) schema expects, in words. */
function expected(schema: unknown): string | undefined {
	if (!isObj(schema)) return undefined;
	if (typeof schema['x-expected'] === 'string') return schema['x-expected'];
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

/** The last token of a pointer, as the author wrote the key (« title »), or the whole. */
function keyName(pointer: string): string {
	const last = pointer.split('/').pop() ?? '';
	return /^\d+$/.test(last) || last === '' ? '' : unesc(last);
}

const shown = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

function translate(e: ErrorObject): { code: PackageErrorCode; pointer: string; message: string } {
	const at = e.instancePath;
	const key = keyName(at);
	const what = key ? `« ${key} » : ` : '';
	const p = e.params as Record<string, unknown>;
	// A text's language is reported on the text: « name » lacks French, not « name/fr ».
	const onText = /\/properties\/(fr|en)\/[^/]+$/.test(e.schemaPath);
	const textAt = onText ? at.replace(/\/(fr|en)$/, '') : at;
	switch (e.keyword) {
		case 'required': {
			const missing = String(p.missingProperty);
			const schema = propertySchema(e.parentSchema, missing);
			if (missing === 'fr' && codeOf(schema) === 'missing-french') {
				return { code: 'missing-french', pointer: at, message: `${what}texte français manquant` };
			}
			// A whole text missing is a shape problem; its code is for its French only.
			const code = codeOf(schema) === 'missing-french' ? 'invalid-shape' : codeOf(schema);
			const words = expected(schema);
			return {
				code,
				pointer: `${at}/${esc(missing)}`,
				message: `« ${missing} » manquant${words ? ` (${words})` : ''}`
			};
		}
		case 'additionalProperties': {
			const extra = String(p.additionalProperty);
			const known = isObj(e.parentSchema?.properties) ? Object.keys(e.parentSchema.properties) : [];
			const guess = closest(extra, known);
			return {
				code: 'invalid-shape',
				pointer: `${at}/${esc(extra)}`,
				message:
					`propriété « ${extra} » inconnue ici` +
					(guess
						? ` : vouliez-vous dire « ${guess} » ?`
						: known.length > 0
							? ` (propriétés possibles : ${known.filter((k) => k !== '$schema').join(', ')})`
							: '')
			};
		}
		case 'type': {
			const types = String(p.type)
				.split(',')
				.map((t) => TYPES[t] ?? t);
			const words = expected(e.parentSchema) ?? `${types.join(' ou ')} attendu`;
			// A text given in the wrong form is a shape problem, not a missing translation.
			const code =
				codeOf(e.parentSchema) === 'missing-french' ? 'invalid-shape' : codeOf(e.parentSchema);
			return { code, pointer: at, message: `${what}${words}` };
		}
		case 'enum':
			return {
				code: codeOf(e.parentSchema),
				pointer: at,
				message: `${what}valeur « ${shown(e.data)} » inconnue (valeurs possibles : ${(p.allowedValues as unknown[]).map(shown).join(', ')})`
			};
		case 'pattern':
		case 'minLength': {
			const code = codeOf(e.parentSchema);
			if (code === 'missing-french') {
				const text = keyName(textAt);
				return {
					code,
					pointer: textAt,
					message: `${text ? `« ${text} » : ` : ''}texte français manquant`
				};
			}
			const words =
				expected(e.parentSchema) ??
				(e.keyword === 'minLength'
					? 'texte non vide attendu'
					: `forme attendue : ${String(p.pattern)}`);
			const value = typeof e.data === 'string' && e.data.trim() !== '' ? `« ${e.data} » : ` : '';
			return { code, pointer: at, message: `${what}${value}${words}` };
		}
		case 'maxLength':
			return {
				code: 'invalid-shape',
				pointer: textAt,
				message: `${keyName(textAt) ? `« ${keyName(textAt)} » : ` : ''}texte trop long (${String(p.limit)} caractères au plus)`
			};
		case 'minimum':
		case 'maximum':
		case 'exclusiveMinimum':
		case 'exclusiveMaximum': {
			const words: Record<string, string> = {
				minimum: '≥',
				maximum: '≤',
				exclusiveMinimum: '>',
				exclusiveMaximum: '<'
			};
			return {
				code: codeOf(e.parentSchema),
				pointer: at,
				message: `${what}${shown(e.data)} : nombre ${words[e.keyword]} ${String(p.limit)} attendu`
			};
		}
		case 'minProperties':
			return {
				code: 'invalid-shape',
				pointer: at,
				message: `${what}texte vide : { "fr": … } ou { "en": … } attendu`
			};
		case 'uniqueItems':
			return {
				code: 'invalid-shape',
				pointer: `${at}/${String(p.i)}`,
				message: `${what}« ${shown((e.data as unknown[])[Number(p.i)])} » en double`
			};
		case 'minItems':
			return {
				code: 'invalid-shape',
				pointer: at,
				message: `${what}au moins ${String(p.limit)} élément(s) attendu(s)`
			};
		case 'anyOf':
			return {
				code: codeOf(e.parentSchema),
				pointer: at,
				message: `${what}${expected(e.parentSchema) ?? 'valeur non permise'}`
			};
		default:
			return { code: 'invalid-shape', pointer: at, message: `${what}${e.message ?? e.keyword}` };
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
		const line = `${code} ${pointer} ${message}`;
		if (seen.has(line)) continue;
		seen.add(line);
		errors.push({ code, file, pointer, message });
	}
	return errors;
}
