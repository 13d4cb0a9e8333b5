/**
 * Strict input validation against the production server (REQ-03): for every form action, a
 * post with an unknown field, a value not offered, a repeated key, an over-long text, a control
 * character or a file answers 400 with a message naming the field, in French and in English,
 * and nothing is written. An incomplete questionnaire page is not malformed: it is saved.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { hashDataDir, seededServer, type Seeded } from '../helpers/seed';

let world: Seeded & { stop: () => Promise<void> };
beforeAll(async () => {
	world = await seededServer();
}, 120_000);
afterAll(async () => {
	await world?.stop();
});

/** Text as shown, French typography's no-break spaces as plain ones. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

type Fields = [string, string | File][];

async function postForm(path: string, fields: Fields, headers: Record<string, string> = {}) {
	const hasFile = fields.some(([, v]) => typeof v !== 'string');
	let body: BodyInit;
	if (hasFile) {
		const data = new FormData();
		for (const [k, v] of fields) data.append(k, v);
		body = data;
	} else body = new URLSearchParams(fields as [string, string][]);
	return fetch(`${world.url}${path}`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: world.url, accept: 'text/html', ...headers },
		body
	});
}

/** Posts a malformed form: 400, the messages shown, nothing written. */
async function refused(path: string, fields: Fields, messages: string[]) {
	const before = await hashDataDir(world.dataDir);
	const response = await postForm(path, fields);
	const text = plain(await response.text());
	expect(response.status, `${path} ${JSON.stringify(fields.map(([k]) => k))}`).toBe(400);
	for (const message of messages) expect(text, path).toContain(message);
	expect(await hashDataDir(world.dataDir), `${path}: nothing written`).toBe(before);
	return text;
}

const page = () => `/p/${world.answering}?/save`;
const outils: Fields = [
	['page', 'outils'],
	['nav', 'stay'],
	['classe_virtuelle', 'parfois']
];

describe('a questionnaire page', () => {
	test.each([
		['an unknown question (q999=3)', [['q999', '3']], 'Champ inconnu : « q999 »'],
		['a question of another page', [['suivi[relance]', '1']], 'Champ inconnu : « suivi[relance] »'],
		[
			'a value not offered',
			[['aisance_quiz', '7']],
			'La valeur de « Mon aisance avec les quiz en ligne (1 à 5) » ne fait pas partie des choix proposés.'
		],
		[
			'a repeated key (q=1&q=2)',
			[
				['difficulte_quiz', 'true'],
				['difficulte_quiz', 'false']
			],
			'« Les quiz en ligne me mettent en difficulté. » est envoyé plusieurs fois'
		],
		['a file', [['aisance_quiz', new File(['3'], 'x.txt')]], 'doit être un texte, pas un fichier']
	] as [string, Fields, string][])(
		'refuses %s, saving nothing of it',
		async (_, extra, message) => {
			const text = await refused(page(), [...outils, ...extra], [message]);
			expect(text).toContain('Envoi refusé, rien n’a été enregistré.');
		}
	);

	test.each([
		['10 000 characters', 'x'.repeat(10_000), '« Une remarque ? » dépasse 2000 caractères.'],
		['U+0000', 'avant\u0000après', '« Une remarque ? » contient des caractères invisibles'],
		['an escape sequence', '\u001b[2J', '« Une remarque ? » contient des caractères invisibles']
	])('refuses free text with %s, and shows the text again', async (_, text, message) => {
		const shown = await refused(
			page(),
			[
				['page', 'accompagnement'],
				['nav', 'stay'],
				['suivi[relance]', '1'],
				['remarque', text]
			],
			[message]
		);
		if (text.includes('après')) expect(shown).toContain('avantaprès');
	});

	test('answers in English on the English pages', async () => {
		const text = await refused(
			`/en${page()}`,
			[...outils, ['q999', '3'], ['aisance_quiz', '9']],
			[
				'Not accepted: nothing was saved.',
				'Unknown field: “q999”.',
				'The value of “How comfortable I am with online quizzes (1 to 5)” is not one of the choices offered.'
			]
		);
		expect(text).not.toContain('Envoi refusé');
	});

	test('an enhanced (JavaScript) save is refused the same way, with its message', async () => {
		const before = await hashDataDir(world.dataDir);
		const response = await postForm(page(), [...outils, ['q999', '3']], {
			accept: 'application/json',
			'x-sveltekit-action': 'true'
		});
		const result = await response.json();
		expect(result).toMatchObject({ type: 'failure', status: 400 });
		expect(plain(result.data)).toContain('Champ inconnu : « q999 »');
		expect(await hashDataDir(world.dataDir)).toBe(before);
	});

	test('an incomplete page is not malformed: it is saved, and reported when going on', async () => {
		let before = await hashDataDir(world.dataDir);
		const stay = await postForm(page(), [
			['page', 'outils'],
			['nav', 'stay'],
			['aisance_quiz', '2']
		]);
		expect(stay.status).toBe(200);
		expect(await hashDataDir(world.dataDir)).not.toBe(before);
		before = await hashDataDir(world.dataDir);
		const next = await postForm(page(), [
			['page', 'outils'],
			['nav', 'next'],
			['aisance_quiz', '3']
		]);
		expect(next.status).toBe(400);
		expect(await next.text()).toContain('La réponse à cette question est obligatoire.');
		expect(await hashDataDir(world.dataDir)).not.toBe(before);
	});

	test('a guided session page is read by the same rules', async () => {
		await refused(
			`/campagnes/${world.campaign.token}/accompagnements/${world.guidedAnswering}?/save`,
			[...outils, ['classe_virtuelle', 'jamais']],
			["« J'anime des classes virtuelles. » est envoyé plusieurs fois"]
		);
	});

	test('a body that is not a form, or a broken one, is refused', async () => {
		const before = await hashDataDir(world.dataDir);
		for (const [type, body] of [
			['text/plain', 'page=outils'],
			['multipart/form-data; boundary=x', '--x\r\nbroken'],
			['multipart/form-data', 'no boundary']
		]) {
			const response = await fetch(`${world.url}${page()}`, {
				method: 'POST',
				headers: { origin: world.url, 'content-type': type! },
				body
			});
			expect(response.status, type).toBe(400);
		}
		expect(await hashDataDir(world.dataDir)).toBe(before);
	});
});

describe('the other forms', () => {
	const campaign = () => `/campagnes/${world.campaign.token}`;
	const workspace = () => `${campaign()}/accompagnements/${world.guidedCompleted}`;
	const newCampaign: Fields = [
		['name', 'Campagne'],
		['diagnostics', 'exemple-mini'],
		['k', '5']
	];
	const join: Fields = [
		['diagnostic', 'exemple-mini'],
		['consent', 'oui']
	];

	test('campaign creation', async () => {
		await refused(
			'/campagnes/nouvelle',
			[...newCampaign, ['admin', '1']],
			['Champ inconnu : « admin »']
		);
		await refused(
			'/campagnes/nouvelle',
			[['name', 'A\u0000'], ...newCampaign.slice(1)],
			['« Nom de la campagne » contient des caractères invisibles']
		);
		await refused(
			'/campagnes/nouvelle',
			[...newCampaign, ['k', '6']],
			['« Taille minimale d’un groupe affiché (k) » est envoyé plusieurs fois']
		);
		await refused(
			'/campagnes/nouvelle',
			[...newCampaign, ['diagnostics', 'inconnu']],
			['La valeur de « Diagnostics proposés » ne fait pas partie des choix proposés.']
		);
		await refused(
			'/campagnes/nouvelle',
			[...newCampaign, ['groupLabel', 'Site'], ['groupOptions', `A\n${'B'.repeat(5000)}`]],
			['« Choix possibles, un par ligne » dépasse 4000 caractères.']
		);
		await refused(
			'/en/campagnes/nouvelle',
			[...newCampaign, ['identifierLabel', 'x\ny']],
			['“Free identifier asked of participants (optional)” contains invisible characters']
		);
	});

	test('joining', async () => {
		const path = `/rejoindre/${world.campaign.code}`;
		await refused(path, [...join, ['intrus', 'x']], ['Champ inconnu : « intrus »']);
		await refused(
			path,
			[...join, ['group', 'Site Z']],
			['La valeur de « Site » ne fait pas partie des choix proposés.']
		);
		await refused(
			path,
			[...join, ['identifier', 'S\u0007']],
			['« Session » contient des caractères invisibles']
		);
		await refused(
			path,
			[...join, ['identifier', 'x'.repeat(61)]],
			['« Session » dépasse 60 caractères.']
		);
		await refused(path, [...join, ['consent', 'oui']], ['est envoyé plusieurs fois']);
		await refused(path, [...join, ['attempt', 'forgé']], ['n’a pas la forme attendue']);
	});

	test('starting, sharing, retaking, deleting', async () => {
		await refused(
			'/diagnostics/exemple-mini?/start',
			[['attempt', 'forged']],
			['« attempt » n’a pas la forme attendue.']
		);
		const completed = `/p/${world.completed[2]}`;
		await refused(
			`${completed}?/share`,
			[['partager', 'peut-être']],
			['La valeur de « partager » ne fait pas partie des choix proposés.']
		);
		await refused(`${completed}?/retake`, [['page', 'outils']], ['Champ inconnu : « page »']);
		await refused(
			`${completed}/supprimer`,
			[['confirmer', 'non']],
			['La valeur de « confirmer » ne fait pas partie des choix proposés.']
		);
	});

	test('management: waves, passphrase, guided sessions, /gestion', async () => {
		await refused(`${campaign()}?/openWave`, [['vague', 'T9']], ['Champ inconnu : « vague »']);
		await refused(
			`/campagnes/${world.locked.token}?/unlock`,
			[['passphrase', 'a\u0000b']],
			['« Phrase secrète de gestion » contient des caractères invisibles']
		);
		await refused(
			`${campaign()}/accompagnements?/open`,
			[
				['client', 'Organisme\u0000'],
				['diagnostic', 'exemple-mini']
			],
			['« Organisme accompagné » contient des caractères invisibles']
		);
		await refused(
			`${campaign()}/accompagnements?/open`,
			[
				['client', 'Organisme'],
				['diagnostic', 'maturite-of']
			],
			['La valeur de « Diagnostic » ne fait pas partie des choix proposés.']
		);
		await refused(
			`${workspace()}?/assess`,
			[['note.A', 'x'.repeat(2001)]],
			['« Outils – Note du conseiller » dépasse 2000 caractères.']
		);
		await refused(
			`${workspace()}?/assess`,
			[['rating.Z', 'expert']],
			['Champ inconnu : « rating.Z »']
		);
		await refused(
			`${workspace()}?/addAction`,
			[
				['title', 'Titre\u0001'],
				['target', 'A']
			],
			['« Action » contient des caractères invisibles']
		);
		await refused(
			`${workspace()}?/setStatus`,
			[
				['action', world.actionId],
				['status', 'fini']
			],
			['La valeur de « status » ne fait pas partie des choix proposés.']
		);
		await refused(
			`${workspace()}?/removeAction`,
			[['action', '../../etc']],
			['« action » n’a pas la forme attendue.']
		);
		await refused(
			'/gestion',
			[
				['links', 'a'],
				['links', 'b']
			],
			['« Liens de gestion, un par ligne » est envoyé plusieurs fois']
		);
	});
});
