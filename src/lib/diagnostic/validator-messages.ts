/**
 * Every sentence the package validator says, in French and in English (ADR 0038): one entry per
 * message, keyed by what it says, with the parameters it needs and examples of them. The checks
 * call `M.key({ … })` and get a `Message` (`{ fr, en }`); a problem keeps its French in `message`
 * (what callers read by default) and both in `messages`, and `formatPackageErrorIn(locale, error)`
 * picks one. Names, values and titles from the package are parameters, never translated.
 *
 * French follows French typography (« guillemets », a space before « : ; ? ! », ’); English has
 * “quotes” and no space before a colon. The examples are what the test renders every entry with
 * (tests/unit/validator-messages.test.ts), so each variant of an entry should have one.
 */
import type { Locale, PackageFileName } from './types';
import type { PackageError, PackageErrorCode } from './validate-package';

/** A validator sentence in each language it speaks; French is the default. */
export type Message = Readonly<Record<Locale, string>>;

/** The validator's languages, French first. */
export const MESSAGE_LOCALES: readonly Locale[] = ['fr', 'en'];

/** An entry with parameters: its two renderings and the parameters its test renders it with. */
export interface MessageEntry<P> {
	readonly examples: readonly P[];
	readonly fr: (p: P) => string;
	readonly en: (p: P) => string;
}

/** An entry with parameters; their type is the French rendering's. */
const entry = <P>(e: {
	examples: readonly NoInfer<P>[];
	fr: (p: P) => string;
	en: (p: NoInfer<P>) => string;
}): MessageEntry<P> => e;

/** An entry without parameters. */
const text = (fr: string, en: string): Message => ({ fr, en });

/** A value as the author wrote it: a string as is, anything else as JSON. */
const shown = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
/** « a », « b » / “a”, “b” */
const frList = (values: readonly unknown[]) => values.map((v) => `« ${shown(v)} »`).join(', ');
const enList = (values: readonly unknown[]) => values.map((v) => `“${shown(v)}”`).join(', ');
/** « key » : / “key”: before a message about one property; nothing when there is no key. */
const frKey = (key: string | undefined) => (key ? `« ${key} » : ` : '');
const enKey = (key: string | undefined) => (key ? `“${key}”: ` : '');

/** A string that reads the same in both languages (a name, a value): a message part. */
export const same = (s: string): Message => ({ fr: s, en: s });

const TYPE_WORDS: Record<string, Message> = {
	string: text('texte', 'text'),
	number: text('nombre', 'number'),
	integer: text('nombre entier', 'integer'),
	object: text('objet', 'object'),
	array: text('liste', 'list'),
	boolean: text('booléen (true ou false)', 'boolean (true or false)'),
	null: text('null', 'null')
};

const VALUE_LISTS = {
	choices: text('ses choix', 'its choices'),
	rateValues: text('les valeurs de son échelle', 'its rating scale'),
	columns: text('ses colonnes', 'its columns'),
	rows: text('ses lignes', 'its rows'),
	values: text('ses valeurs', 'its values')
} as const satisfies Record<string, Message>;

const BOUNDS = {
	minimum: '≥',
	maximum: '≤',
	exclusiveMinimum: '>',
	exclusiveMaximum: '<'
} as const;

const PERSONAL_KINDS = {
	email: text('une adresse e-mail', 'an e-mail address'),
	tel: text('un numéro de téléphone', 'a phone number')
} as const satisfies Record<string, Message>;

const frYouMean = (guess: string) => ` : vouliez-vous dire « ${guess} » ?`;
const enYouMean = (guess: string) => `: did you mean “${guess}”?`;

export const MESSAGES = {
	// —— Words that go into other messages ——
	surveyTitle: text('titre du questionnaire', 'questionnaire title'),
	surveyDescription: text('description du questionnaire', 'questionnaire description'),
	pageTitle: text('titre de page', 'page title'),
	pageDescription: text('description de page', 'page description'),
	htmlText: text('texte html', 'html text'),
	questionTitle: entry({
		examples: [{ name: 'q3' }],
		fr: (p: { name: string }) => `titre de « ${p.name} »`,
		en: (p) => `title of “${p.name}”`
	}),
	questionDescription: entry({
		examples: [{ name: 'q3' }],
		fr: (p: { name: string }) => `description de « ${p.name} »`,
		en: (p) => `description of “${p.name}”`
	}),
	choiceText: entry({
		examples: [{ value: 'often' }],
		fr: (p: { value: string }) => `texte du choix « ${p.value} »`,
		en: (p) => `text of choice “${p.value}”`
	}),
	/** What an object of survey.json is, for « … : un objet est attendu ». */
	surveyWord: text('survey', 'the survey'),
	pageWord: text('page', 'a page'),
	questionWord: text('question', 'a question'),
	/** Ids that must be unique, for « … en double ». */
	idWord: text('identifiant', 'id'),
	levelWord: text('niveau', 'level'),
	pageNameWord: text('nom de page', 'page name'),
	questionNameWord: text('nom de question', 'question name'),
	scoredQuestionWord: text('question notée', 'scored question'),
	resourceWord: text('ressource', 'resource'),
	ruleWord: text('règle', 'rule'),
	templateQuestionName: entry({
		examples: [{ panel: 'Courses' }],
		fr: (p: { panel: string }) => `nom de question du panneau dynamique « ${p.panel} »`,
		en: (p) => `question name in dynamic panel “${p.panel}”`
	}),
	/** A question with neither name nor title: its rank. */
	nth: entry({
		examples: [{ n: 2 }],
		fr: (p: { n: number }) => `n° ${p.n}`,
		en: (p) => `no. ${p.n}`
	}),

	// —— Where a survey.json problem is (survey-place.ts) ——
	placePage: entry({
		examples: [{ title: 'Practices' }],
		fr: (p: { title: string }) => `Page « ${p.title} »`,
		en: (p) => `Page “${p.title}”`
	}),
	placePageNumber: entry({
		examples: [{ n: 3 }],
		fr: (p: { n: number }) => `Page ${p.n}`,
		en: (p) => `Page ${p.n}`
	}),
	placeElement: entry({
		examples: [
			{ kind: 'question', name: 'q3', title: 'Your quizzes' },
			{ kind: 'question', name: 'q3' },
			{ kind: 'html', title: 'Welcome' },
			{ kind: 'panel', name: 'block' }
		],
		fr: (p: { kind: 'question' | 'html' | 'panel'; name?: string; title?: string }) => {
			const what = { question: 'question', html: 'texte', panel: 'panneau' }[p.kind];
			if (p.name === undefined) return `${what} « ${p.title} »`;
			return p.title ? `${what} « ${p.name} » (« ${p.title} »)` : `${what} « ${p.name} »`;
		},
		en: (p) => {
			const what = { question: 'question', html: 'text', panel: 'panel' }[p.kind];
			if (p.name === undefined) return `${what} “${p.title}”`;
			return p.title ? `${what} “${p.name}” (“${p.title}”)` : `${what} “${p.name}”`;
		}
	}),
	placeTrigger: entry({
		examples: [{ n: 1 }],
		fr: (p: { n: number }) => `Déclencheur n° ${p.n}`,
		en: (p) => `Trigger no. ${p.n}`
	}),
	placeCalculatedValue: entry({
		examples: [{ name: 'total' }, { n: 2 }],
		fr: (p: { name?: string; n?: number }) =>
			p.name !== undefined ? `Valeur calculée « ${p.name} »` : `Valeur calculée n° ${p.n}`,
		en: (p) =>
			p.name !== undefined ? `Calculated value “${p.name}”` : `Calculated value no. ${p.n}`
	}),
	/** The place in front of a message. */
	placed: entry({
		examples: [
			{ place: { fr: 'Page « Tools »', en: 'Page “Tools”' }, message: { fr: 'x', en: 'y' } }
		],
		fr: (p: { place: Message; message: Message }) => `${p.place.fr} : ${p.message.fr}`,
		en: (p) => `${p.place.en}: ${p.message.en}`
	}),
	/** `file#/pointer : message [code]` */
	formatted: entry({
		examples: [
			{ where: 'survey.json#/title', message: { fr: 'm', en: 'n' }, code: 'missing-text' },
			{ where: '', message: { fr: 'm', en: 'n' }, code: 'invalid-json' }
		],
		fr: (p: { where: string; message: Message; code: string }) =>
			`${p.where ? `${p.where} : ` : ''}${p.message.fr} [${p.code}]`,
		en: (p) => `${p.where ? `${p.where}: ` : ''}${p.message.en} [${p.code}]`
	}),

	// —— A file, its JSON, the package (validate-package.ts, load.ts) ——
	missingFile: entry({
		examples: [{ id: 'sample' }],
		fr: (p: { id: string }) => `fichier manquant dans le paquet « ${p.id} »`,
		en: (p) => `file missing from package “${p.id}”`
	}),
	invalidJson: entry({
		examples: [
			{ line: 3, column: 7, detail: 'Unexpected token } in JSON' },
			{ empty: true, detail: 'Unexpected end of JSON input' },
			{ detail: 'Unexpected end of JSON input' }
		],
		fr: (p: { line?: number; column?: number; empty?: boolean; detail: string }) =>
			`JSON invalide${p.line !== undefined ? ` (ligne ${p.line}, colonne ${p.column})` : p.empty ? ' (fichier vide)' : ''} : ${p.detail}`,
		en: (p) =>
			`invalid JSON${p.line !== undefined ? ` (line ${p.line}, column ${p.column})` : p.empty ? ' (empty file)' : ''}: ${p.detail}`
	}),
	idMismatch: entry({
		examples: [{ id: 'sample-2', folder: 'sample' }],
		fr: (p: { id: string; folder: string }) =>
			`l’identifiant « ${p.id} » doit être le nom du dossier « ${p.folder} »`,
		en: (p) => `the id “${p.id}” must be the folder’s name, “${p.folder}”`
	}),
	idAlreadyUsed: entry({
		examples: [{ id: 'sample', dir: 'questionnaires/sample' }],
		fr: (p: { id: string; dir: string }) => `identifiant « ${p.id} » déjà utilisé par ${p.dir}`,
		en: (p) => `id “${p.id}” already used by ${p.dir}`
	}),
	unreadableFolder: entry({
		examples: [{ detail: 'ENOENT, no such file or directory' }],
		fr: (p: { detail: string }) => `dossier de questionnaires illisible : ${p.detail}`,
		en: (p) => `questionnaire folder unreadable: ${p.detail}`
	}),
	duplicate: entry({
		examples: [{ what: { fr: 'niveau', en: 'level' }, id: 'beginner', first: '/levels/0/id' }],
		fr: (p: { what: Message; id: string; first: string }) =>
			`${p.what.fr} « ${p.id} » en double (déjà défini en ${p.first})`,
		en: (p) => `${p.what.en} “${p.id}” appears twice (already defined at ${p.first})`
	}),

	// —— survey.json's shape (validate-package.ts) ——
	objectExpected: entry({
		examples: [{ what: { fr: 'page', en: 'a page' } }],
		fr: (p: { what: Message }) => `${p.what.fr} : un objet est attendu`,
		en: (p) => `${p.what.en}: an object is expected`
	}),
	listExpected: entry({
		examples: [{ property: 'pages' }],
		fr: (p: { property: string }) => `${p.property} : une liste est attendue`,
		en: (p) => `${p.property}: a list is expected`
	}),
	nonEmptyTextExpected: entry({
		examples: [{ key: 'name' }],
		fr: (p: { key: string }) => `« ${p.key} » : texte non vide attendu`,
		en: (p) => `“${p.key}”: non-empty text expected`
	}),
	atLeastOnePage: text('au moins une page est attendue', 'at least one page is expected'),
	textExpected: entry({
		examples: [{ what: { fr: 'titre de page', en: 'page title' } }],
		fr: (p: { what: Message }) => `${p.what.fr} : texte attendu`,
		en: (p) => `${p.what.en}: text expected`
	}),
	surveyTextMissing: entry({
		examples: [
			{
				what: { fr: 'titre de page', en: 'page title' },
				language: { fr: 'français', en: 'French' }
			}
		],
		fr: (p: { what: Message; language: Message }) =>
			`${p.what.fr} : texte ${p.language.fr} manquant`,
		en: (p) => `${p.what.en}: ${p.language.en} text missing`
	}),
	surveyTextBlank: entry({
		examples: [
			{
				what: { fr: 'titre de page', en: 'page title' },
				language: { fr: 'anglais', en: 'English' },
				tag: 'en'
			}
		],
		fr: (p: { what: Message; language: Message; tag: string }) =>
			`${p.what.fr} : texte ${p.language.fr} manquant (clé « default » ou « ${p.tag} »)`,
		en: (p) => `${p.what.en}: ${p.language.en} text missing (key “default” or “${p.tag}”)`
	}),
	surveyTranslationMissing: entry({
		examples: [
			{
				what: { fr: 'titre de page', en: 'page title' },
				language: { fr: 'anglais', en: 'English' },
				tag: 'en'
			}
		],
		fr: (p: { what: Message; language: Message; tag: string }) =>
			`${p.what.fr} : texte ${p.language.fr} manquant (clé « ${p.tag} », langue déclarée par manifest.json)`,
		en: (p) =>
			`${p.what.en}: ${p.language.en} text missing (key “${p.tag}”, a language manifest.json declares)`
	}),
	undeclaredLanguage: entry({
		examples: [{ language: { fr: 'allemand', en: 'German' }, tag: 'de' }],
		fr: (p: { language: Message; tag: string }) =>
			`des textes en ${p.language.fr} (clé « ${p.tag} »), langue que manifest.json ne déclare pas (« languages ») : ils ne sont pas montrés`,
		en: (p) =>
			`texts in ${p.language.en} (key “${p.tag}”), a language manifest.json does not declare (“languages”): they are not shown`
	}),
	ownTextMissing: entry({
		examples: [
			{ key: 'name', language: { fr: 'français', en: 'French' } },
			{ language: { fr: 'anglais', en: 'English' } }
		],
		fr: (p: { key?: string; language: Message }) =>
			`${frKey(p.key)}texte ${p.language.fr} manquant`,
		en: (p) => `${enKey(p.key)}${p.language.en} text missing`
	}),
	ownTranslationMissing: entry({
		examples: [{ key: 'name', language: { fr: 'anglais', en: 'English' } }],
		fr: (p: { key?: string; language: Message }) =>
			`${frKey(p.key)}texte ${p.language.fr} manquant (langue déclarée par manifest.json)`,
		en: (p) => `${enKey(p.key)}${p.language.en} text missing (a language manifest.json declares)`
	}),
	languageMismatch: entry({
		examples: [
			{
				locale: 'de',
				language: { fr: 'allemand', en: 'German' },
				first: { fr: 'anglais', en: 'English' }
			}
		],
		fr: (p: { locale: string; language: Message; first: Message }) =>
			`« locale » vaut « ${p.locale} » (${p.language.fr}), mais ` +
			`manifest.json déclare d’abord ${p.first.fr} (« languages ») : les textes ` +
			'« default » et sans langue sont dans la première langue du paquet ; accordez les deux',
		en: (p) =>
			`“locale” is “${p.locale}” (${p.language.en}), but manifest.json declares ${p.first.en} ` +
			'first (“languages”): “default” texts and texts without a language are in the ' +
			'package’s first language; make the two agree'
	}),
	typeRefused: entry({
		examples: [{ type: 'file', why: { fr: 'parce que', en: 'because' } }],
		fr: (p: { type: string; why: Message }) =>
			`type de question « ${p.type} » refusé : ${p.why.fr}`,
		en: (p) => `question type “${p.type}” refused: ${p.why.en}`
	}),
	noFiles: text(
		'Repères ne recueille pas de fichiers : les réponses sont anonymes et sans compte, un fichier peut contenir des données personnelles que rien ne permet de protéger ni de supprimer à la demande',
		'Repères collects no files: answers are anonymous and need no account, and a file may hold personal data that nothing could protect or delete on request'
	),
	noSignatures: text(
		'Repères ne recueille pas de signatures : une signature est une donnée personnelle, et un autodiagnostic anonyme n’en a pas l’usage',
		'Repères collects no signatures: a signature is personal data, and an anonymous self-assessment has no use for one'
	),
	typeUnsupported: entry({
		examples: [{ type: 'chart', supported: ['text', 'radiogroup'] }],
		fr: (p: { type: string; supported: readonly string[] }) =>
			`type de question « ${p.type} » non pris en charge (types possibles : ${p.supported.join(', ')})`,
		en: (p) => `question type “${p.type}” not supported (possible types: ${p.supported.join(', ')})`
	}),
	rankingSelectToRank: text(
		'« selectToRankEnabled » n’est pas pris en charge : Repères fait classer tous les choix d’un classement (retirez cette option)',
		'“selectToRankEnabled” is not supported: Repères has every choice of a ranking ranked (remove this option)'
	),
	rankingChoicesElsewhere: entry({
		examples: [{ property: 'choicesFromQuestion' }],
		fr: (p: { property: string }) =>
			`« ${p.property} » n’est pas pris en charge dans un classement : écrivez ses choix dans « choices »`,
		en: (p) => `“${p.property}” is not supported in a ranking: write its choices in “choices”`
	}),
	rankingFixedChoice: text(
		'un choix qu’on ne peut pas déplacer n’est pas pris en charge dans un classement (« enableIf », « choicesEnableIf ») : cachez-le plutôt (« visibleIf »)',
		'a choice that cannot be moved is not supported in a ranking (“enableIf”, “choicesEnableIf”): hide it instead (“visibleIf”)'
	),
	rankingTwoChoices: text(
		'un classement demande au moins deux choix (« choices »)',
		'a ranking needs at least two choices (“choices”)'
	),
	panelTemplateEmpty: entry({
		examples: [{ panel: 'Courses' }],
		fr: (p: { panel: string }) =>
			`les questions du panneau dynamique « ${p.panel} » sont attendues dans « templateElements » (au moins une)`,
		en: (p) =>
			`the questions of dynamic panel “${p.panel}” are expected in “templateElements” (at least one)`
	}),
	panelInTemplate: entry({
		examples: [{ question: { fr: 'Details', en: 'Details' }, panel: 'Courses' }],
		fr: (p: { question: Message; panel: string }) =>
			`« ${p.question.fr} » du panneau dynamique « ${p.panel} » est un panneau : Repères ne prend pas en charge les panneaux dans un panneau dynamique`,
		en: (p) =>
			`“${p.question.en}” in dynamic panel “${p.panel}” is a panel: Repères does not support panels in a dynamic panel`
	}),
	templateTypeUnsupported: entry({
		examples: [
			{
				question: { fr: 'Grid', en: 'Grid' },
				panel: 'Courses',
				type: 'matrix',
				supported: ['text']
			}
		],
		fr: (p: { question: Message; panel: string; type: string; supported: readonly string[] }) =>
			`la question « ${p.question.fr} » du panneau dynamique « ${p.panel} » est de type « ${p.type} », non pris en charge dans un panneau dynamique (types possibles : ${p.supported.join(', ')})`,
		en: (p) =>
			`question “${p.question.en}” in dynamic panel “${p.panel}” is of type “${p.type}”, not supported in a dynamic panel (possible types: ${p.supported.join(', ')})`
	}),
	templateOtherItem: entry({
		examples: [{ question: { fr: 'Tool', en: 'Tool' }, panel: 'Courses' }],
		fr: (p: { question: Message; panel: string }) =>
			`la question « ${p.question.fr} » du panneau dynamique « ${p.panel} » offre « Autre » (showOtherItem), que Repères ne prend pas en charge dans un panneau dynamique`,
		en: (p) =>
			`question “${p.question.en}” in dynamic panel “${p.panel}” offers “Other” (showOtherItem), which Repères does not support in a dynamic panel`
	}),
	duplicateValue: entry({
		examples: [
			{ value: 'often', list: 'choices' },
			{ value: 'none', list: 'choices', implied: 'showNoneItem' },
			{ value: '3', list: 'rateValues' },
			{ value: 'a', list: 'columns' },
			{ value: 'a', list: 'rows' },
			{ value: 'a', list: 'values' }
		],
		fr: (p: { value: string; list: keyof typeof VALUE_LISTS; implied?: string }) =>
			`deux fois la valeur « ${p.value} » dans ${VALUE_LISTS[p.list].fr}` +
			(p.implied ? ` (« ${p.implied} » ajoute la valeur « ${p.value} »)` : '') +
			' : chaque valeur doit être unique (1 et "1" sont la même valeur)',
		en: (p) =>
			`the value “${p.value}” twice in ${VALUE_LISTS[p.list].en}` +
			(p.implied ? ` (“${p.implied}” adds the value “${p.value}”)` : '') +
			': each value must be unique (1 and "1" are the same value)'
	}),

	// —— Matrices of cells (validate-package.ts, ADR 0037) ——
	columnWord: text('colonne', 'a column'),
	matrixColumnsEmpty: entry({
		examples: [{ matrix: 'Tools' }],
		fr: (p: { matrix: string }) =>
			`les colonnes de la matrice « ${p.matrix} » sont attendues dans « columns » (au moins une)`,
		en: (p) => `the columns of matrix “${p.matrix}” are expected in “columns” (at least one)`
	}),
	matrixColumnName: entry({
		examples: [{ matrix: 'Tools' }],
		fr: (p: { matrix: string }) => `nom de colonne de la matrice « ${p.matrix} »`,
		en: (p) => `column name in matrix “${p.matrix}”`
	}),
	matrixCellTypeUnsupported: entry({
		examples: [
			{ column: { fr: 'Tags', en: 'Tags' }, matrix: 'Tools', type: 'tagbox', supported: ['text'] }
		],
		fr: (p: { column: Message; matrix: string; type: string; supported: readonly string[] }) =>
			`la colonne « ${p.column.fr} » de la matrice « ${p.matrix} » est de type « ${p.type} », non pris en charge dans une matrice (types possibles : ${p.supported.join(', ')})`,
		en: (p) =>
			`column “${p.column.en}” of matrix “${p.matrix}” is of type “${p.type}”, not supported in a matrix (possible types: ${p.supported.join(', ')})`
	}),
	matrixColumnWithoutChoices: entry({
		examples: [{ column: { fr: 'Frequency', en: 'Frequency' }, matrix: 'Tools' }],
		fr: (p: { column: Message; matrix: string }) =>
			`la colonne « ${p.column.fr} » de la matrice « ${p.matrix} » n’a pas de choix : donnez-les à la colonne ou à la matrice (« choices »)`,
		en: (p) =>
			`column “${p.column.en}” of matrix “${p.matrix}” has no choices: give them to the column or to the matrix (“choices”)`
	}),
	matrixColumnOtherItem: entry({
		examples: [{ column: { fr: 'Tool', en: 'Tool' }, matrix: 'Tools' }],
		fr: (p: { column: Message; matrix: string }) =>
			`la colonne « ${p.column.fr} » de la matrice « ${p.matrix} » offre « Autre » (showOtherItem), que Repères ne prend pas en charge dans une matrice`,
		en: (p) =>
			`column “${p.column.en}” of matrix “${p.matrix}” offers “Other” (showOtherItem), which Repères does not support in a matrix`
	}),
	columnTitle: entry({
		examples: [{ name: 'frequency' }],
		fr: (p: { name: string }) => `titre de la colonne « ${p.name} »`,
		en: (p) => `title of column “${p.name}”`
	}),
	columnOnlyForMatrixdropdown: text(
		'« column » ne s’applique qu’aux matrices de listes (matrixdropdown)',
		'“column” only applies to matrices of lists (matrixdropdown)'
	),
	matrixScoredByColumn: entry({
		examples: [{ matrix: 'tools' }],
		fr: (p: { matrix: string }) =>
			`la matrice « ${p.matrix} » se note colonne par colonne : « column » nomme la colonne notée`,
		en: (p) => `matrix “${p.matrix}” is scored column by column: “column” names the column scored`
	}),
	unknownColumn: entry({
		examples: [{ column: 'use', matrix: 'tools' }],
		fr: (p: { column: string; matrix: string }) =>
			`colonne « ${p.column} » absente de la matrice « ${p.matrix} »`,
		en: (p) => `column “${p.column}” is not in matrix “${p.matrix}”`
	}),

	// —— Image pickers (validate-package.ts, package-images.ts, ADR 0039) ——
	imageContentMode: entry({
		examples: [{ mode: 'video' }],
		fr: (p: { mode: string }) =>
			`« contentMode » « ${p.mode} » n’est pas pris en charge : Repères montre des images (retirez cette option)`,
		en: (p) =>
			`“contentMode” “${p.mode}” is not supported: Repères shows images (remove this option)`
	}),
	imagePickerNoChoices: text(
		'un choix d’images demande ses images (« choices », avec « imageLink »)',
		'an image picker needs its images (“choices”, with “imageLink”)'
	),
	imageMissing: entry({
		examples: [{ value: 'visio' }],
		fr: (p: { value: string }) =>
			`le choix « ${p.value} » n’a pas d’image (« imageLink » : le chemin d’un fichier du paquet, par exemple « images/visio.png »)`,
		en: (p) =>
			`choice “${p.value}” has no image (“imageLink”: the path of a file of the package, such as “images/visio.png”)`
	}),
	imageLinkNotText: entry({
		examples: [{ value: 'visio' }],
		fr: (p: { value: string }) => `image du choix « ${p.value} » : texte attendu`,
		en: (p) => `image of choice “${p.value}”: text expected`
	}),
	imageLink: entry({
		examples: [
			{ value: 'visio', link: 'https://example.org/a.png', reason: 'external' },
			{ value: 'visio', link: '../a.png', reason: 'outside' },
			{ value: 'visio', link: 'photos/a.png', reason: 'folder' },
			{ value: 'visio', link: 'images/ma photo.png', reason: 'name' },
			{
				value: 'visio',
				link: 'images/a.bmp',
				reason: 'type',
				extension: 'bmp',
				allowed: 'png, jpg'
			},
			{ value: 'visio', link: 'images/a', reason: 'type', extension: '', allowed: 'png, jpg' },
			{ value: 'visio', link: 'images/b.png', reason: 'absent' }
		],
		fr: (p: {
			value: string;
			link: string;
			reason: 'external' | 'outside' | 'folder' | 'name' | 'type' | 'absent';
			extension?: string;
			allowed?: string;
		}) => {
			const where =
				'les images sont des fichiers du paquet, dans son dossier « images/ » (par exemple « images/visio.png »)';
			const why = {
				external: `est une adresse externe : ${where}, servis par Repères (une image d’ailleurs ferait savoir à un autre site qui répond)`,
				outside: `sort du paquet : ${where}`,
				folder: `n’est pas dans le dossier « images/ » du paquet : ${where}`,
				name: ': les noms de dossiers et de fichiers d’image s’écrivent en lettres sans accents, chiffres, « - », « _ » et « . » (pas en premier), sans espace',
				type: `: ${p.extension ? `type de fichier « .${p.extension} »` : 'fichier sans extension'} refusé (types possibles : ${p.allowed})`,
				absent: ': fichier absent du paquet'
			}[p.reason];
			return `image du choix « ${p.value} » : « ${p.link} » ${why}`;
		},
		en: (p) => {
			const where =
				'images are files of the package, in its “images/” folder (such as “images/visio.png”)';
			const why = {
				external: `is an external address: ${where}, served by Repères (an image from elsewhere would tell another site who answers)`,
				outside: `leaves the package: ${where}`,
				folder: `is not in the package’s “images/” folder: ${where}`,
				name: '— image folder and file names are written with unaccented letters, digits, “-”, “_” and “.” (not first), without spaces',
				type: `— ${p.extension ? `file type “.${p.extension}”` : 'file without an extension'} refused (possible types: ${p.allowed})`,
				absent: '— no such file in the package'
			}[p.reason];
			return `image of choice “${p.value}”: “${p.link}” ${why}`;
		}
	}),
	imageAltMissing: entry({
		examples: [{ value: 'visio', languages: [{ fr: 'anglais', en: 'English' }], keys: ['en'] }],
		fr: (p: { value: string; languages: readonly Message[]; keys: readonly string[] }) =>
			`le choix « ${p.value} » n’a pas de texte de remplacement pour son image (« text ») en ${p.languages.map((l, i) => `${l.fr} (clé « ${p.keys[i]} »)`).join(', ')} : il dit l’image à qui ne la voit pas, dans chaque langue du paquet`,
		en: (p) =>
			`choice “${p.value}” has no alternative text for its image (“text”) in ${p.languages.map((l, i) => `${l.en} (key “${p.keys[i]}”)`).join(', ')}: it tells the image to whoever does not see it, in each language of the package`
	}),

	// —— Levels, scoring, catalogue, crosswalk (validate-package.ts) ——
	competenceUnmeasured: entry({
		examples: [{ competence: 'c1' }],
		fr: (p: { competence: string }) =>
			`la compétence « ${p.competence} » n’est mesurée par aucune question notée`,
		en: (p) => `competence “${p.competence}” is measured by no scored question`
	}),
	firstLevelNotZero: entry({
		examples: [{ min: 10 }],
		fr: (p: { min: number }) => `le premier niveau doit commencer à 0 (et non ${p.min})`,
		en: (p) => `the first level must start at 0 (not ${p.min})`
	}),
	thresholdNotIncreasing: entry({
		examples: [{ min: 40, previous: 50 }],
		fr: (p: { min: number; previous: number }) =>
			`seuil ${p.min} non croissant : il doit dépasser le seuil précédent (${p.previous})`,
		en: (p) =>
			`threshold ${p.min} does not increase: it must exceed the previous one (${p.previous})`
	}),
	scoredWithoutCompetence: text(
		'question notée sans compétence (« competence » manquant)',
		'scored question without a competence (“competence” missing)'
	),
	competenceUnknown: entry({
		examples: [{ competence: 'c9' }],
		fr: (p: { competence: string }) =>
			`compétence « ${p.competence} » inconnue du référentiel (framework.json)`,
		en: (p) => `competence “${p.competence}” unknown to the framework (framework.json)`
	}),
	questionNotInSurvey: entry({
		examples: [{ name: 'q9' }],
		fr: (p: { name: string }) => `question « ${p.name} » absente de survey.json`,
		en: (p) => `question “${p.name}” not in survey.json`
	}),
	questionNotScorable: entry({
		examples: [{ name: 'q1', type: 'text' }],
		fr: (p: { name: string; type: string }) =>
			`la question « ${p.name} » (type ${p.type}) ne peut pas être notée`,
		en: (p) => `question “${p.name}” (type ${p.type}) cannot be scored`
	}),
	orderOnlyForRanking: text(
		'« order » ne s’applique qu’aux classements (ranking)',
		'“order” only applies to rankings (ranking)'
	),
	scaleUnknown: entry({
		examples: [{ scale: 'freq' }],
		fr: (p: { scale: string }) => `échelle « ${p.scale} » inconnue (voir « scales »)`,
		en: (p) => `scale “${p.scale}” unknown (see “scales”)`
	}),
	questionWithoutPoints: entry({
		examples: [{ name: 'q1' }],
		fr: (p: { name: string }) =>
			`question « ${p.name} » sans points (« scale » ou « points » attendu)`,
		en: (p) => `question “${p.name}” without points (“scale” or “points” expected)`
	}),
	choiceWithoutPoints: entry({
		examples: [{ choice: 'often', name: 'q1', pointer: '/pages/0/elements/0/choices/1' }],
		fr: (p: { choice: string; name: string; pointer: string }) =>
			`le choix « ${p.choice} » de la question « ${p.name} » (survey.json#${p.pointer}) n’a pas de points`,
		en: (p) =>
			`choice “${p.choice}” of question “${p.name}” (survey.json#${p.pointer}) has no points`
	}),
	noChoiceScores: entry({
		examples: [{ name: 'q1' }],
		fr: (p: { name: string }) => `aucun choix de « ${p.name} » ne rapporte de points`,
		en: (p) => `no choice of “${p.name}” scores any points`
	}),
	otherItemOnScored: entry({
		examples: [{ name: 'q1' }],
		fr: (p: { name: string }) =>
			`« showOtherItem » n’est pas permis sur la question notée « ${p.name} »`,
		en: (p) => `“showOtherItem” is not allowed on scored question “${p.name}”`
	}),
	samePointsEverywhere: entry({
		examples: [{ name: 'q1' }],
		fr: (p: { name: string }) =>
			`tous les choix de « ${p.name} » ont les mêmes points : la question ne mesure rien`,
		en: (p) => `every choice of “${p.name}” has the same points: the question measures nothing`
	}),
	capOnlyForCheckbox: text(
		'« cap » ne s’applique qu’aux questions à choix multiples (checkbox)',
		'“cap” only applies to multiple-choice questions (checkbox)'
	),
	rowsOnlyForMatrix: text(
		'« rows » ne s’applique qu’aux matrices',
		'“rows” only applies to matrices'
	),
	matrixCompetencePerRow: text(
		'pour une matrice, la compétence se donne par ligne (« rows »)',
		'a matrix gives its competence row by row (“rows”)'
	),
	matrixWithoutRows: entry({
		examples: [{ name: 'm1' }],
		fr: (p: { name: string }) =>
			`matrice « ${p.name} » : chaque ligne doit avoir sa compétence (« rows »)`,
		en: (p) => `matrix “${p.name}”: each row must have its competence (“rows”)`
	}),
	rowWithoutCompetence: entry({
		examples: [{ row: 'r1', name: 'm1' }],
		fr: (p: { row: string; name: string }) =>
			`ligne « ${p.row} » de la matrice « ${p.name} » sans compétence`,
		en: (p) => `row “${p.row}” of matrix “${p.name}” without a competence`
	}),
	rowNotInMatrix: entry({
		examples: [{ row: 'r9', name: 'm1' }],
		fr: (p: { row: string; name: string }) =>
			`ligne « ${p.row} » absente de la matrice « ${p.name} »`,
		en: (p) => `row “${p.row}” not in matrix “${p.name}”`
	}),
	notForRanking: entry({
		examples: [{ property: 'points', name: 'priorities' }],
		fr: (p: { property: string; name: string }) =>
			`« ${p.property} » ne s’applique pas au classement « ${p.name} », noté sur l’ordre attendu (« order »)`,
		en: (p) =>
			`“${p.property}” does not apply to ranking “${p.name}”, scored on its expected order (“order”)`
	}),
	rankingWithoutOrder: entry({
		examples: [{ name: 'priorities' }],
		fr: (p: { name: string }) =>
			`classement « ${p.name} » sans ordre attendu (« order » : les valeurs de tous ses choix, dans l’ordre)`,
		en: (p) =>
			`ranking “${p.name}” without an expected order (“order”: the values of all its choices, in order)`
	}),
	orderTwice: entry({
		examples: [{ value: 'a', name: 'priorities' }],
		fr: (p: { value: string; name: string }) =>
			`« ${p.value} » est deux fois dans l’ordre attendu de « ${p.name} »`,
		en: (p) => `“${p.value}” is twice in the expected order of “${p.name}”`
	}),
	orderNotAChoice: entry({
		examples: [{ value: 'z', name: 'priorities' }],
		fr: (p: { value: string; name: string }) =>
			`« ${p.value} » n’est pas un choix du classement « ${p.name} »`,
		en: (p) => `“${p.value}” is not a choice of ranking “${p.name}”`
	}),
	orderIncomplete: entry({
		examples: [{ name: 'priorities', absent: ['b', 'c'] }],
		fr: (p: { name: string; absent: readonly string[] }) =>
			`l’ordre attendu de « ${p.name} » doit placer tous ses choix : il manque ${frList(p.absent)}`,
		en: (p) =>
			`the expected order of “${p.name}” must place all its choices: ${enList(p.absent)} missing`
	}),
	stepNotScored: entry({
		examples: [{ value: 'na' }],
		fr: (p: { value: string }) =>
			`nom d’étape pour « ${p.value} », qui n’est pas une valeur notée de l’échelle`,
		en: (p) => `step name for “${p.value}”, which is not a scored value of the scale`
	}),
	stepMissing: entry({
		examples: [{ value: 'often' }],
		fr: (p: { value: string }) =>
			`« steps » : nom d’étape manquant pour « ${p.value} » (toutes les valeurs notées ou aucune)`,
		en: (p) => `“steps”: step name missing for “${p.value}” (every scored value or none)`
	}),
	resourceNotHttps: entry({
		examples: [{ url: 'http://example.org' }],
		fr: (p: { url: string }) => `adresse « ${p.url} » : une URL https:// est attendue`,
		en: (p) => `address “${p.url}”: an https:// URL is expected`
	}),
	referenceUnknown: entry({
		examples: [
			{ kind: 'competence', id: 'c9' },
			{ kind: 'level', id: 'expert' },
			{ kind: 'resource', id: 'r9' }
		],
		fr: (p: { kind: 'competence' | 'level' | 'resource'; id: string }) =>
			`${{ competence: 'compétence', level: 'niveau', resource: 'ressource' }[p.kind]} « ${p.id} » inconnu(e)`,
		en: (p) => `unknown ${p.kind} “${p.id}”`
	}),
	crosswalkNotOrganisation: text(
		'une table de correspondance ne se met que dans un diagnostic d’organisation',
		'a crosswalk only goes in an organisation diagnostic'
	),
	levelUnknownIn: entry({
		examples: [{ level: 'expert', file: 'levels.json' }],
		fr: (p: { level: string; file: string }) => `niveau « ${p.level} » inconnu de ${p.file}`,
		en: (p) => `level “${p.level}” unknown to ${p.file}`
	}),
	unitUnknownIn: entry({
		examples: [{ unit: 'a9', file: 'framework.json' }],
		fr: (p: { unit: string; file: string }) =>
			`domaine ou compétence « ${p.unit} » inconnu de ${p.file}`,
		en: (p) => `area or competence “${p.unit}” unknown to ${p.file}`
	}),
	counterpartNotFound: entry({
		examples: [{ id: 'trainers' }],
		fr: (p: { id: string }) =>
			`diagnostic « ${p.id} » introuvable parmi les questionnaires chargés`,
		en: (p) => `diagnostic “${p.id}” not found among the loaded questionnaires`
	}),
	counterpartNotIndividual: entry({
		examples: [{ id: 'trainers' }],
		fr: (p: { id: string }) => `« ${p.id} » n’est pas un diagnostic individuel`,
		en: (p) => `“${p.id}” is not an individual diagnostic`
	}),

	// —— Our files against their JSON Schemas (package-schemas.ts) ——
	schemaRequired: entry({
		examples: [
			{
				property: 'note',
				expected: { fr: 'texte non vide attendu', en: 'non-empty text expected' }
			},
			{ property: 'note' }
		],
		fr: (p: { property: string; expected?: Message }) =>
			`« ${p.property} » manquant${p.expected ? ` (${p.expected.fr})` : ''}`,
		en: (p) => `“${p.property}” missing${p.expected ? ` (${p.expected.en})` : ''}`
	}),
	schemaFrenchMissing: entry({
		examples: [{ key: 'name' }, {}],
		fr: (p: { key?: string }) => `${frKey(p.key)}texte français manquant`,
		en: (p) => `${enKey(p.key)}French text missing`
	}),
	schemaUnknownProperty: entry({
		examples: [
			{ property: 'minCoverag', guess: 'minCoverage', known: [] },
			{ property: 'x', known: ['id', 'name'] },
			{ property: 'x', known: [] }
		],
		fr: (p: { property: string; guess?: string; known: readonly string[] }) =>
			`propriété « ${p.property} » inconnue ici` +
			(p.guess
				? frYouMean(p.guess)
				: p.known.length > 0
					? ` (propriétés possibles : ${p.known.join(', ')})`
					: ''),
		en: (p) =>
			`unknown property “${p.property}” here` +
			(p.guess
				? enYouMean(p.guess)
				: p.known.length > 0
					? ` (possible properties: ${p.known.join(', ')})`
					: '')
	}),
	schemaType: entry({
		examples: [
			{ key: 'min', types: ['number'] },
			{ key: 'min', types: ['string', 'null'] }
		],
		fr: (p: { key?: string; types: readonly string[] }) =>
			`${frKey(p.key)}${p.types.map((t) => TYPE_WORDS[t]?.fr ?? t).join(' ou ')} attendu`,
		en: (p) => `${enKey(p.key)}${p.types.map((t) => TYPE_WORDS[t]?.en ?? t).join(' or ')} expected`
	}),
	/** A failure the schema explains in words (`x-expected`). */
	schemaExpected: entry({
		examples: [
			{ key: 'id', value: 'a b', expected: { fr: 'identifiant attendu', en: 'id expected' } },
			{ expected: { fr: 'texte attendu', en: 'text expected' } }
		],
		fr: (p: { key?: string; value?: string; expected: Message }) =>
			`${frKey(p.key)}${p.value !== undefined ? `« ${p.value} » : ` : ''}${p.expected.fr}`,
		en: (p) => `${enKey(p.key)}${p.value !== undefined ? `“${p.value}”: ` : ''}${p.expected.en}`
	}),
	schemaEnum: entry({
		examples: [{ key: 'subject', value: 'person', allowed: ['individual', 'organisation'] }],
		fr: (p: { key?: string; value: unknown; allowed: readonly unknown[] }) =>
			`${frKey(p.key)}valeur « ${shown(p.value)} » inconnue (valeurs possibles : ${p.allowed.map(shown).join(', ')})`,
		en: (p) =>
			`${enKey(p.key)}unknown value “${shown(p.value)}” (possible values: ${p.allowed.map(shown).join(', ')})`
	}),
	schemaNonEmpty: entry({
		examples: [{ key: 'title', value: 'x' }, { key: 'title' }],
		fr: (p: { key?: string; value?: string }) =>
			`${frKey(p.key)}${p.value !== undefined ? `« ${p.value} » : ` : ''}texte non vide attendu`,
		en: (p) =>
			`${enKey(p.key)}${p.value !== undefined ? `“${p.value}”: ` : ''}non-empty text expected`
	}),
	schemaPattern: entry({
		examples: [{ key: 'code', value: 'x', pattern: '^[A-Z]+$' }],
		fr: (p: { key?: string; value?: string; pattern: string }) =>
			`${frKey(p.key)}${p.value !== undefined ? `« ${p.value} » : ` : ''}forme attendue : ${p.pattern}`,
		en: (p) =>
			`${enKey(p.key)}${p.value !== undefined ? `“${p.value}”: ` : ''}expected form: ${p.pattern}`
	}),
	schemaTooLong: entry({
		examples: [{ key: 'name', limit: 80 }],
		fr: (p: { key?: string; limit: number }) =>
			`${frKey(p.key)}texte trop long (${p.limit} caractères au plus)`,
		en: (p) => `${enKey(p.key)}text too long (${p.limit} characters at most)`
	}),
	schemaBound: entry({
		examples: [{ key: 'minCoverage', value: 1.5, bound: 'maximum', limit: 1 }],
		fr: (p: { key?: string; value: unknown; bound: keyof typeof BOUNDS; limit: number }) =>
			`${frKey(p.key)}${shown(p.value)} : nombre ${BOUNDS[p.bound]} ${p.limit} attendu`,
		en: (p) => `${enKey(p.key)}${shown(p.value)}: number ${BOUNDS[p.bound]} ${p.limit} expected`
	}),
	schemaEmptyText: entry({
		examples: [{ key: 'name' }],
		fr: (p: { key?: string }) => `${frKey(p.key)}texte vide : { "fr": … } ou { "en": … } attendu`,
		en: (p) => `${enKey(p.key)}empty text: { "fr": … } or { "en": … } expected`
	}),
	schemaDuplicateItem: entry({
		examples: [{ key: 'languages', value: 'fr' }],
		fr: (p: { key?: string; value: unknown }) => `${frKey(p.key)}« ${shown(p.value)} » en double`,
		en: (p) => `${enKey(p.key)}“${shown(p.value)}” appears twice`
	}),
	schemaTooFewItems: entry({
		examples: [{ key: 'levels', limit: 2 }],
		fr: (p: { key?: string; limit: number }) =>
			`${frKey(p.key)}au moins ${p.limit} élément(s) attendu(s)`,
		en: (p) => `${enKey(p.key)}at least ${p.limit} item(s) expected`
	}),
	schemaNotAllowed: entry({
		examples: [{ key: 'provider' }],
		fr: (p: { key?: string }) => `${frKey(p.key)}valeur non permise`,
		en: (p) => `${enKey(p.key)}value not allowed`
	}),
	/** A schema keyword the validator has no sentence for: ajv's own words (English), named. */
	schemaOther: entry({
		examples: [{ key: 'id', keyword: 'const', detail: 'must be equal to constant' }],
		fr: (p: { key?: string; keyword: string; detail: string }) =>
			`${frKey(p.key)}règle « ${p.keyword} » du schéma non respectée (ajv : ${p.detail})`,
		en: (p) => `${enKey(p.key)}schema rule “${p.keyword}” not met (ajv: ${p.detail})`
	}),

	// —— survey-core's complaints (server/questionnaires/survey-core-checks.ts) ——
	coreUnknownProperty: entry({
		examples: [
			{ property: 'isRequried', className: 'radiogroup', guess: 'isRequired' },
			{ property: 'foo', className: 'radiogroup' }
		],
		fr: (p: { property: string; className: string; guess?: string }) =>
			`propriété « ${p.property} » inconnue de SurveyJS pour un élément « ${p.className} »` +
			(p.guess ? frYouMean(p.guess) : ' : à retirer ou corriger'),
		en: (p) =>
			`property “${p.property}” unknown to SurveyJS for a “${p.className}” element` +
			(p.guess ? enYouMean(p.guess) : ': remove or correct it')
	}),
	coreRequiredProperty: entry({
		examples: [{ property: 'name', className: 'text' }],
		fr: (p: { property: string; className: string }) =>
			`propriété obligatoire « ${p.property} » manquante pour un élément « ${p.className} »`,
		en: (p) => `required property “${p.property}” missing for a “${p.className}” element`
	}),
	coreListExpected: entry({
		examples: [{ property: 'choices' }],
		fr: (p: { property: string }) => `« ${p.property} » : une liste est attendue`,
		en: (p) => `“${p.property}”: a list is expected`
	}),
	coreMissingType: entry({
		examples: [{ property: 'elements' }],
		fr: (p: { property: string }) => `élément sans « type » dans « ${p.property} »`,
		en: (p) => `element without a “type” in “${p.property}”`
	}),
	coreUnknownType: entry({
		examples: [{ property: 'elements' }],
		fr: (p: { property: string }) => `type d’élément inconnu de SurveyJS dans « ${p.property} »`,
		en: (p) => `element type unknown to SurveyJS in “${p.property}”`
	}),
	coreIncorrectValue: entry({
		examples: [
			{ value: 'emial', property: 'inputType', choices: ['text', 'email'] },
			{ value: 3, property: 'x' }
		],
		fr: (p: { value: unknown; property: string; choices?: readonly unknown[] }) =>
			`valeur « ${shown(p.value)} » non permise pour « ${p.property} »` +
			(p.choices ? ` (valeurs possibles : ${p.choices.map(String).join(', ')})` : ''),
		en: (p) =>
			`value “${shown(p.value)}” not allowed for “${p.property}”` +
			(p.choices ? ` (possible values: ${p.choices.map(String).join(', ')})` : '')
	}),
	coreOther: entry({
		examples: [{ detail: 'Something went wrong' }],
		fr: (p: { detail: string }) => `survey-core : ${p.detail}`,
		en: (p) => `survey-core: ${p.detail}`
	}),

	// —— Expressions (survey-expressions.ts) ——
	expressionIncomplete: entry({
		examples: [{ property: 'visibleIf', expression: '{q1} = 1 and' }],
		fr: (p: { property: string; expression: string }) =>
			`« ${p.property} » : l’expression « ${p.expression} » est incomplète : un terme, un guillemet ou une parenthèse manque à la fin`,
		en: (p) =>
			`“${p.property}”: the expression “${p.expression}” is incomplete: a term, a quote or a parenthesis is missing at the end`
	}),
	expressionUnreadable: entry({
		examples: [
			{
				property: 'visibleIf',
				expression: '{q1} = = 1',
				at: 8,
				before: '{q1} = ',
				after: '= 1',
				found: '='
			}
		],
		fr: (p: {
			property: string;
			expression: string;
			at: number;
			before: string;
			after: string;
			found: string;
		}) =>
			`« ${p.property} » : l’expression « ${p.expression} » ne se lit pas au caractère ${p.at} (« ${p.before}▸${p.after} ») : « ${p.found} » inattendu`,
		en: (p) =>
			`“${p.property}”: the expression “${p.expression}” cannot be read at character ${p.at} (“${p.before}▸${p.after}”): unexpected “${p.found}”`
	}),
	unknownFunction: entry({
		examples: [{ property: 'visibleIf', name: 'iff', expression: 'iff({q1} = 1, 1, 2) = 1' }],
		fr: (p: { property: string; name: string; expression: string }) =>
			`« ${p.property} » : la fonction « ${p.name}() » de l’expression « ${p.expression} » n’existe pas dans SurveyJS`,
		en: (p) =>
			`“${p.property}”: the function “${p.name}()” of the expression “${p.expression}” does not exist in SurveyJS`
	}),
	unknownVariable: entry({
		examples: [{ property: 'visibleIf', variable: 'q2', expression: '{q2} = 1' }],
		fr: (p: { property: string; variable: string; expression: string }) =>
			`« ${p.property} » : l’expression « ${p.expression} » nomme « {${p.variable}} », qui n’est ni une question ni une valeur calculée du questionnaire`,
		en: (p) =>
			`“${p.property}”: the expression “${p.expression}” names “{${p.variable}}”, which is neither a question nor a calculated value of the questionnaire`
	}),
	triggerNameUnknown: entry({
		examples: [{ property: 'fromName', name: 'q9' }],
		fr: (p: { property: string; name: string }) =>
			`« ${p.property} » : « ${p.name} » n’est pas une question du questionnaire`,
		en: (p) => `“${p.property}”: “${p.name}” is not a question of the questionnaire`
	}),

	// —— Warnings (survey-warnings.ts) ——
	ignoredProperty: entry({
		examples: [{ property: 'showProgressBar', why: { fr: 'parce que', en: 'because' } }],
		fr: (p: { property: string; why: Message }) => `« ${p.property} » sans effet : ${p.why.fr}`,
		en: (p) => `“${p.property}” has no effect: ${p.why.en}`
	}),
	pageIsOurs: text(
		'Repères affiche ses propres étapes, sa progression et sa mise en page',
		'Repères shows its own steps, progress and layout'
	),
	notShown: text('Repères ne l’affiche pas', 'Repères does not show it'),
	noNumbering: text('Repères ne numérote pas les questions', 'Repères does not number questions'),
	themeIsOurs: text(
		'le thème et le logo sont ceux de Repères',
		'the theme and the logo are Repères’ own'
	),
	resultsAtEnd: text(
		'Repères montre ses résultats à la fin du questionnaire',
		'Repères shows its results at the end of the questionnaire'
	),
	noTimer: text('Repères ne minute pas les réponses', 'Repères does not time answers'),
	noCommentArea: text(
		'Repères ne montre pas de zone de commentaire sous une question',
		'Repères shows no comment area under a question'
	),
	noCustomChoices: text(
		'Repères ne propose que les choix du questionnaire : on ne peut pas en ajouter',
		'Repères offers only the questionnaire’s choices: none can be added'
	),
	noInputMask: text('Repères n’applique pas de masque de saisie', 'Repères applies no input mask'),
	personalData: entry({
		examples: [{ inputType: 'email' }, { inputType: 'tel' }, { word: 'name' }],
		fr: (p: { inputType?: keyof typeof PERSONAL_KINDS; word?: string }) =>
			`cette question semble demander ${p.inputType ? PERSONAL_KINDS[p.inputType].fr : `une donnée personnelle (« ${p.word} »)`} : ` +
			'Repères est anonyme par défaut, et une telle réponse identifie la personne ; ' +
			'dites-le dans l’intro ou retirez la question',
		en: (p) =>
			`this question seems to ask for ${p.inputType ? PERSONAL_KINDS[p.inputType].en : `personal data (“${p.word}”)`}: ` +
			'Repères is anonymous by default, and such an answer identifies the person; ' +
			'say so in the introduction or remove the question'
	}),

	// —— npm run questionnaires:check (scripts/questionnaires-check.ts) ——
	cliFolderNotFound: entry({
		examples: [{ folders: ['a', 'b'] }],
		fr: (p: { folders: readonly string[] }) => `Dossier introuvable : ${p.folders.join(', ')}`,
		en: (p) => `Folder not found: ${p.folders.join(', ')}`
	}),
	cliUnknownLanguage: entry({
		examples: [{ language: 'de' }],
		fr: (p: { language: string }) =>
			`langue « ${p.language} » inconnue pour --lang : fr (par défaut) ou en`,
		en: (p) => `unknown language “${p.language}” for --lang: fr (the default) or en`
	}),
	cliWarnings: entry({
		examples: [{ n: 2 }],
		fr: (p: { n: number }) =>
			`${p.n} remarque(s) sur les questionnaires (sans effet sur leur chargement) :`,
		en: (p) => `${p.n} remark(s) on the questionnaires (they do not stop them loading):`
	}),
	cliErrors: entry({
		examples: [{ n: 2 }],
		fr: (p: { n: number }) => `${p.n} problème(s) dans les questionnaires :`,
		en: (p) => `${p.n} problem(s) in the questionnaires:`
	}),
	cliLoaded: entry({
		examples: [
			{
				id: 'sample',
				version: '1.0.0',
				questions: 12,
				scoredQuestions: 10,
				scoredItems: 11,
				areas: 3,
				competences: 6,
				resources: 9,
				dir: 'questionnaires/sample'
			}
		],
		fr: (p: {
			id: string;
			version: string;
			questions: number;
			scoredQuestions: number;
			scoredItems: number;
			areas: number;
			competences: number;
			resources: number;
			dir: string;
		}) =>
			`✓ ${p.id} ${p.version} : ${p.questions} questions (${p.scoredQuestions} notées), ${p.scoredItems} items notés, ` +
			`${p.areas} domaines, ${p.competences} compétences, ${p.resources} ressources (${p.dir})`,
		en: (p) =>
			`✓ ${p.id} ${p.version}: ${p.questions} questions (${p.scoredQuestions} scored), ${p.scoredItems} scored items, ` +
			`${p.areas} areas, ${p.competences} competences, ${p.resources} resources (${p.dir})`
	})
} as const;

type Catalogue = typeof MESSAGES;
export type MessageKey = keyof Catalogue;
/** An entry ready to use: a function of its parameters, or the message itself. */
type Ready<E> = E extends MessageEntry<infer P> ? (p: P) => Message : E;

const isEntry = (e: unknown): e is MessageEntry<unknown> =>
	typeof (e as MessageEntry<unknown>).fr === 'function';

/** The catalogue ready to use in checks: `M.missingFile({ id })`, `M.atLeastOnePage`. */
export const M = Object.fromEntries(
	Object.entries(MESSAGES).map(([key, e]) => [
		key,
		isEntry(e) ? (p: unknown) => ({ fr: e.fr(p), en: e.en(p) }) : e
	])
) as { [K in MessageKey]: Ready<Catalogue[K]> };

/** Every rendering of every entry with its examples, for the tests. */
export function catalogueSamples(): { key: MessageKey; message: Message }[] {
	return (Object.entries(MESSAGES) as [MessageKey, unknown][]).flatMap(([key, e]) =>
		isEntry(e)
			? e.examples.map((p) => ({ key, message: { fr: e.fr(p), en: e.en(p) } }))
			: [{ key, message: e as Message }]
	);
}

/** A problem with its message in both languages; `message` is the French. */
export function problem(
	code: PackageErrorCode,
	file: PackageFileName | '',
	pointer: string,
	message: Message
): PackageError {
	return { code, file, pointer, message: message.fr, messages: message };
}

/** Replaces a problem's message in both languages (the place put in front of it). */
export function rephrase(p: PackageError, message: Message): void {
	p.messages = message;
	p.message = message.fr;
}

/** The language a command-line reader asked for: `--lang en`, else LC_ALL, LC_MESSAGES or LANG. */
export function cliLocale(
	args: readonly string[],
	env: Readonly<Record<string, string | undefined>>
): { locale: Locale; rest: string[] } | { error: Message } {
	const rest: string[] = [];
	let asked: string | undefined;
	for (let i = 0; i < args.length; i++) {
		const arg = args[i]!;
		if (arg === '--lang') asked = args[++i] ?? '';
		else if (arg.startsWith('--lang=')) asked = arg.slice('--lang='.length);
		else rest.push(arg);
	}
	if (asked !== undefined) {
		const tag = asked.toLowerCase().split(/[-_]/)[0];
		if (tag === 'fr' || tag === 'en') return { locale: tag, rest };
		return { error: M.cliUnknownLanguage({ language: asked }) };
	}
	// As gettext reads them: the first one set wins; only English changes the default.
	const system = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
	return { locale: /^en([_.@-]|$)/i.test(system) ? 'en' : 'fr', rest };
}
