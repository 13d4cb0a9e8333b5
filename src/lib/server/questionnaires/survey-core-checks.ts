/**
 * survey-core's own complaints about a survey.json (`jsonErrors`), said in French and English
 * (validator-messages.ts) and located:
 * the JSON Pointer of the property, with the page and the question in front (survey-place.ts).
 * survey-core only says « Unknown property in class 'radiogroup': 'isRequried' », which leaves an
 * author searching a file of a thousand lines.
 */
import { Model, Serializer, type JsonError } from 'survey-core';
// survey.json's `locale` may be any language survey-core ships texts for (ADR 0035), as the
// runtime loads them: without them, survey-core would refuse every `locale` but English.
import 'survey-core/i18n';
import type { PackageError } from '../../diagnostic/validate-package';
import { placed } from '../../diagnostic/survey-place';
import { closest } from '../../diagnostic/closest';
import { M, problem, type Message } from '../../diagnostic/validator-messages';

const isObj = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

/** Escapes a key for a JSON Pointer. */
const esc = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** Every object of a JSON document with its JSON Pointer. */
export function objectPointers(json: unknown): Map<object, string> {
	const out = new Map<object, string>();
	const walk = (node: unknown, pointer: string) => {
		if (Array.isArray(node)) node.forEach((v, i) => walk(v, `${pointer}/${i}`));
		else if (isObj(node)) {
			out.set(node, pointer);
			for (const [k, v] of Object.entries(node)) walk(v, `${pointer}/${esc(k)}`);
		}
	};
	walk(json, '');
	return out;
}

/** The property of a SurveyJS class closest to a misspelt name, if one is close enough. */
export function closestProperty(className: string, name: string): string | undefined {
	return closest(
		name,
		Serializer.getProperties(className).map((p) => p.name)
	);
}

/** What survey-core's error objects carry beside `type` and `message` (survey-core 3.1). */
type CoreError = JsonError & {
	propertyName?: string;
	className?: string;
	baseClassName?: string;
	property?: { name: string; choices?: unknown[] };
	value?: unknown;
};

/** Where an error's object is in the JSON: the object itself, else its question or page by name. */
function objectPointer(
	error: CoreError,
	pointers: Map<object, string>,
	survey: unknown
): string | undefined {
	if (isObj(error.jsonObj) && pointers.has(error.jsonObj)) return pointers.get(error.jsonObj);
	const name = (error.element as { name?: unknown } | undefined)?.name;
	const prop = error.propertyName ?? error.property?.name;
	// survey-core copies some objects (calculated values): find the one with this name or property.
	const hasProp = (obj: Record<string, unknown>) =>
		error.type !== 'unknownproperty' || (prop !== undefined && prop in obj);
	for (const [obj, pointer] of pointers) {
		if (obj === survey || !hasProp(obj as Record<string, unknown>)) continue;
		const named = (obj as Record<string, unknown>).name;
		if (typeof name === 'string' ? named === name : error.type === 'unknownproperty')
			return pointer;
	}
	return undefined;
}

/** The message of one survey-core error, and the pointer of the property concerned. */
function translate(error: CoreError, at: string): { pointer: string; message: Message } {
	const className = error.className ?? error.element?.getType?.() ?? 'object';
	const property = String(error.propertyName ?? '');
	switch (error.type) {
		case 'unknownproperty': {
			const guess = closestProperty(className, property);
			return {
				pointer: `${at}/${esc(property)}`,
				message: M.coreUnknownProperty({ property, className, guess })
			};
		}
		case 'requiredproperty':
			return { pointer: at, message: M.coreRequiredProperty({ property, className }) };
		case 'requiredarrayproperty':
			return { pointer: at, message: M.coreListExpected({ property }) };
		case 'missingtypeproperty':
			return { pointer: `${at}/type`, message: M.coreMissingType({ property }) };
		case 'incorrecttypeproperty':
			return { pointer: `${at}/type`, message: M.coreUnknownType({ property }) };
		case 'incorrectvalue': {
			const prop = error.property?.name ?? '';
			const choices = Array.isArray(error.property?.choices) ? error.property.choices : undefined;
			return {
				pointer: `${at}/${esc(prop)}`,
				message: M.coreIncorrectValue({ value: error.value, property: prop, choices })
			};
		}
		default:
			return { pointer: at, message: M.coreOther({ detail: error.message }) };
	}
}

/**
 * survey-core's complaints about a survey JSON (unknown properties, missing required ones,
 * values outside a property's choices), each located and in French and English; titles are
 * read in `language`, the package's first (survey.json's `locale`, else French, unless told).
 */
export function surveyCoreErrors(survey: unknown, language?: string): PackageError[] {
	const model = new Model();
	// Values outside a property's choices (`inputType: "emial"`) are only reported on request.
	model.fromJSON(survey, { validatePropertyValues: true });
	const pointers = objectPointers(survey);
	const errors = ((model.jsonErrors ?? []) as CoreError[]).map((e): PackageError => {
		const at = objectPointer(e, pointers, survey);
		const { pointer, message } = translate(e, at ?? '');
		return problem(
			'surveyjs-error',
			'survey.json',
			at === undefined ? '' : pointer,
			placed(survey, pointer, message, language)
		);
	});
	model.dispose();
	return errors;
}
