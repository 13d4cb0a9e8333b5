/**
 * Results and dashboards that read as advice (issue [7], ADR 0029), on the production server
 * without JavaScript: scores said on the level scale, nothing praised in an all-zero result,
 * recommendations once each with why, French catalogue texts on French pages, a stated default
 * target, how many more shared results a pilot needs, cross-reading flags in one sentence, and the
 * management link's warning and printable card.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { QuestionnairePackage, Resource } from '$lib/diagnostic/types';
import type { ModelItem, ScoringModel } from '$lib/scoring/types';
import { startServer } from '../e2e/global-setup';
import { extremeKey, pagesAnswered } from '../helpers/answers';
import { stopServer } from '../helpers/http';
import { loadById } from '../helpers/packages';
import { answerPages, createCampaign, post, takePart } from '../helpers/participant';
import { start } from '../helpers/seed';

let url: string;
let child: ChildProcess;
let root: string;
let eform: { pkg: QuestionnairePackage; model: ScoringModel };
let orga: { pkg: QuestionnairePackage; model: ScoringModel };
beforeAll(async () => {
	root = await mkdtemp(path.join(tmpdir(), 'reperes-advice-'));
	({ url, child } = await startServer({ DATA_DIR: path.join(root, 'data') }));
	eform = await loadById('e-formateur');
	orga = await loadById('maturite-of');
}, 60_000);
afterAll(async () => {
	if (child) await stopServer(child);
	await rm(root, { recursive: true, force: true });
});

/** Each item at its lowest value (highest points when reversed): zero everywhere. */
const lowest = (item: ModelItem) => extremeKey(item, item.reverse);
/** Each item answered with its key `key` when it has one (« a2 », « b1 »…), else its lowest. */
const at = (key: string) => (item: ModelItem) => (key in item.points ? key : lowest(item));

/** The page's text without tags and with entities and spaces as a reader sees them. */
const textOf = (html: string) =>
	html
		.replace(/<(script|style)[\s\S]*?<\/\1>/g, '')
		.replace(/<[^>]+>/g, ' ')
		.replace(/&nbsp;/g, '\u00a0')
		.replace(/&#39;|&#x27;/g, "'")
		.replace(/&quot;/g, '"')
		.replace(/&amp;/g, '&')
		.replace(/[ \t\n]+/g, ' ');

const resources = (html: string) =>
	[...html.matchAll(/data-resource="([^"]+)"/g)].map((m) => m[1]!);

describe('a personal results page', () => {
	let zero: string;
	beforeAll(async () => {
		zero = await start(url, 'e-formateur');
		await answerPages(url, zero, pagesAnswered(eform.pkg, eform.model, lowest));
	});

	test('an all-zero result praises nothing: no « domaine le plus solide », no « points forts »', async () => {
		const text = textOf(await (await fetch(`${url}/p/${zero}`)).text());
		expect(text).toContain('Vos priorités');
		expect(text).not.toContain('le plus solide');
		expect(text).not.toContain('Vos points forts');
		expect(text).not.toMatch(/data-strength/);
		expect(text).toContain(
			'Vos domaines se situent tous au même point, au niveau A1 – Nouveau venu'
		);
		const en = textOf(await (await fetch(`${url}/en/p/${zero}`)).text());
		expect(en).not.toContain('strongest');
		expect(en).not.toContain('Your strengths');
	});

	test('scores read on the level scale, never as a mark « sur 100 »', async () => {
		const token = await start(url, 'e-formateur');
		await answerPages(url, token, pagesAnswered(eform.pkg, eform.model, at('b1')));
		const text = textOf(await (await fetch(`${url}/p/${token}`)).text());
		expect(text).toContain('Niveau d’ensemble : B1 – Intégrateur');
		expect(text).toContain(
			'Au milieu du niveau B1, qui va de 30 à 50 sur une échelle de 0 à 100 (position\u00a0: 40).'
		);
		// No figure said as a mark (« Score : 40 sur 100 », « Leader, 80 sur 100 », « (40 sur 100) »);
		// the scale's note may still say where the levels sit « sur 100 ».
		expect(text).not.toMatch(/(Score\s?: |, |\()[\d,]+ sur 100/);
		expect(textOf(await (await fetch(`${url}/en/p/${token}`)).text())).not.toMatch(
			/(Score: |, |\()[\d.]+ out of 100/
		);
	});

	test('recommendations: by priority, each resource once with why, no « non indiquée »', async () => {
		const html = await (await fetch(`${url}/p/${zero}?tout=1`)).text();
		const ids = resources(html);
		expect(ids.length).toBeGreaterThan(10);
		expect(new Set(ids).size).toBe(ids.length);
		expect(html.match(/data-why/g)?.length).toBe(ids.length);
		// Resources serving several priorities say so, once.
		expect(html).toContain('Elle vaut aussi pour');
		expect(html).toMatch(/<h3[^>]*>Priorité 1\u00a0: /);
		const text = textOf(html);
		expect(text).not.toContain('non indiquée');
		expect(text).not.toMatch(/Coût Non indiqué/);
	});

	test('the filters work without JavaScript: a GET of the form gives free resources only', async () => {
		const byId = new Map(eform.pkg.catalogue.resources.map((r) => [r.id, r]));
		const html = await (await fetch(`${url}/p/${zero}?gratuit=1&format=&duree=&tout=1`)).text();
		const ids = resources(html);
		expect(ids.length).toBeGreaterThan(0);
		for (const id of ids) expect(['free', 'free-unconfirmed']).toContain(byId.get(id)!.cost);
		const short = resources(await (await fetch(`${url}/p/${zero}?duree=60&tout=1`)).text());
		for (const id of short) expect(byId.get(id)!.durationMinutes).toBeLessThanOrEqual(60);
	});

	test('French texts on the French page, English on the English one', async () => {
		const byId = new Map<string, Resource>(eform.pkg.catalogue.resources.map((r) => [r.id, r]));
		const texts = (r: Resource) =>
			[r.provider, r.description, r.durationText].filter(
				(t): t is { fr: string; en: string } => typeof t === 'object' && t !== null
			);
		const shownIn = async (path: string) => {
			const html = await (await fetch(`${url}${path}`)).text();
			return { text: textOf(html), shown: resources(html).map((id) => byId.get(id)!) };
		};
		const fr = await shownIn(`/p/${zero}?tout=1`);
		const en = await shownIn(`/en/p/${zero}?tout=1`);
		const unescape = (t: string) => t.replace(/[ \t\n]+/g, ' ');
		for (const r of fr.shown) {
			for (const t of texts(r)) {
				expect(fr.text, r.id).toContain(unescape(t.fr));
				// Nothing of the English version where it differs (a provider's note, a description).
				if (t.en !== t.fr) expect(fr.text, r.id).not.toContain(unescape(t.en));
			}
		}
		for (const r of en.shown) for (const t of texts(r)) expect(en.text, r.id).toContain(t.en);
		// The intro's source lines too: publisher and licence in the page's language.
		const intro = textOf(await (await fetch(`${url}/diagnostics/e-formateur`)).text());
		expect(intro).toContain('réutilisation autorisée moyennant mention de la source');
		expect(intro).not.toContain('reuse authorised');
		expect(intro).not.toContain('regulatory text');
	});
});

describe('a campaign dashboard', () => {
	test('the creation form says what k is and what it costs', async () => {
		const text = textOf(await (await fetch(`${url}/campagnes/nouvelle`)).text());
		expect(text).toContain(
			'En dessous de k résultats partagés, le tableau de bord ne montre aucun chiffre'
		);
		expect(text).toContain('n’apparaissent qu’à partir du cinquième résultat partagé');
	});

	test('a pilot below k is told how many more shared results each diagnostic needs', async () => {
		const { token, code } = await createCampaign(url, [
			['name', 'Pilote'],
			['diagnostics', 'e-formateur'],
			['k', '4']
		]);
		const pages = pagesAnswered(eform.pkg, eform.model, at('a2'));
		await takePart(url, code, [], pages, true);
		await takePart(url, code, [], pages, false);
		const text = textOf(await (await fetch(`${url}/campagnes/${token}`)).text());
		expect(text).toContain('Encore 3 résultats partagés pour afficher les moyennes.');
		await takePart(url, code, [], pages, true);
		await takePart(url, code, [], pages, true);
		expect(textOf(await (await fetch(`${url}/campagnes/${token}`)).text())).toContain(
			'Encore 1 résultat partagé pour afficher les moyennes.'
		);
		expect(textOf(await (await fetch(`${url}/en/campagnes/${token}`)).text())).toContain(
			'1 more shared result needed to show the means.'
		);
	});

	test('without a target profile, priorities aim at the level above the median, said so', async () => {
		const { token, code } = await createCampaign(url, [
			['name', 'Sans profil'],
			['diagnostics', 'e-formateur'],
			['k', '3']
		]);
		for (const key of ['a2', 'a2', 'a2', 'b1']) {
			await takePart(url, code, [], pagesAnswered(eform.pkg, eform.model, at(key)), true);
		}
		const html = await (await fetch(`${url}/campagnes/${token}`)).text();
		const text = textOf(html);
		expect(text).toContain(
			'Sans profil visé, Repères compare chaque compétence au niveau juste au-dessus du niveau médian du groupe'
		);
		expect(text).not.toMatch(/sous le niveau C2/);
		expect(text).not.toMatch(/100\s%\sdes participants/);
		expect(text).toMatch(
			/moyenne du groupe A2 – Explorateur, [a-z]+ du niveau \([\d,]+\)\u00a0; 3 participants sur 4 \(75\s%\) sous B1 Intégrateur, le niveau juste au-dessus du niveau médian du groupe \(A2 Explorateur\)/
		);
		expect(html.match(/data-target-from="median"/g)?.length).toBe(5);
		// The export says the same: a sheet of priorities with the target's origin.
		const book = new ExcelJS.Workbook();
		await book.xlsx.load(
			await (
				await fetch(`${url}/campagnes/${token}/export.xlsx?diagnostic=e-formateur`)
			).arrayBuffer()
		);
		const sheet = book.getWorksheet('Priorités')!;
		expect(sheet.getRow(1).values).toEqual([
			undefined,
			'Compétence',
			'Niveau visé',
			'Origine du niveau visé',
			'Participants',
			'Sous le niveau visé',
			'Part sous le niveau visé (%)',
			'Moyenne'
		]);
		expect(sheet.rowCount).toBe(1 + eform.pkg.framework.areas.flatMap((a) => a.competences).length);
		expect(sheet.getRow(2).values).toMatchObject([
			undefined,
			expect.any(String),
			'B1',
			'niveau juste au-dessus du niveau médian du groupe',
			4,
			3,
			75,
			expect.any(Number)
		]);
	});

	test('each cross-reading flag says which way the gap goes, with both figures', async () => {
		const { token, code } = await createCampaign(url, [
			['name', 'Lecture croisée'],
			['diagnostics', 'maturite-of'],
			['diagnostics', 'e-formateur'],
			['k', '3']
		]);
		// The direction rates itself at the top; three trainers answer A2 everywhere.
		await takePart(
			url,
			code,
			[['diagnostic', 'maturite-of']],
			pagesAnswered(orga.pkg, orga.model, (item) => extremeKey(item, !item.reverse)),
			true
		);
		for (let i = 0; i < 3; i++) {
			await takePart(
				url,
				code,
				[['diagnostic', 'e-formateur']],
				pagesAnswered(eform.pkg, eform.model, at('a2')),
				true
			);
		}
		const html = await (await fetch(`${url}/campagnes/${token}`)).text();
		const sentences = [...html.matchAll(/data-sentence[^>]*>([^<]*)</g)].map((m) => m[1]!);
		expect(sentences.length).toBeGreaterThan(0);
		for (const s of sentences) {
			expect(s).toMatch(
				/^L’organisme se dit plus avancé que ses formateurs\u00a0: il se situe au niveau Transformant \(100\), alors que 3 formateurs sur 3 \(100\s%\) sont sous B1 Intégrateur\.$/
			);
		}
		// Listed above the table, readable at any width; the table's last column names the side.
		expect(html.match(/data-flag=/g)?.length).toBe(sentences.length);
		expect(textOf(html)).toContain(
			'Écart\u00a0: l’organisme se dit plus avancé que ses formateurs (voir plus haut).'
		);
		expect(html).not.toContain('Écart : la plupart');
	});
});

describe('the management link', () => {
	test('a warning that losing it loses access, and a printable card with its QR code', async () => {
		const { token } = await createCampaign(url, [
			['name', 'Carte'],
			['diagnostics', 'e-formateur'],
			['k', '3']
		]);
		const dashboard = textOf(await (await fetch(`${url}/campagnes/${token}`)).text());
		expect(dashboard).toContain(
			'Si vous perdez ce lien, vous perdez l’accès à la campagne et à ses résultats'
		);
		expect(dashboard).toContain('Imprimer une carte avec ce lien et son QR code');

		const card = await fetch(`${url}/campagnes/${token}/carte`);
		expect(card.status).toBe(200);
		expect(card.headers.get('cache-control')).toBe('no-store');
		expect(card.headers.get('x-robots-tag')).toBe('noindex, nofollow');
		expect(card.headers.get('referrer-policy')).toBe('no-referrer');
		const html = await card.text();
		expect(html).toContain(`data-link="">${url}/campagnes/${token}<`);
		// The QR code is an SVG image drawn on the server, and it encodes the link.
		const qr = html.match(
			/<img src="data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)" alt="QR code du lien/
		);
		expect(qr).not.toBeNull();
		const svg = Buffer.from(qr![1]!, 'base64').toString();
		expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
		expect(svg).toBe(
			await QRCode.toString(`${url}/campagnes/${token}`, {
				type: 'svg',
				margin: 2,
				errorCorrectionLevel: 'M'
			})
		);
		expect(textOf(html)).toContain('personne ne peut le retrouver');
		const en = await (await fetch(`${url}/en/campagnes/${token}/carte`)).text();
		expect(en).toContain(`data-link="">${url}/en/campagnes/${token}<`);

		// A wrong link opens nothing; with a passphrase, the dashboard asks for it first.
		expect((await fetch(`${url}/campagnes/AAAAAAAAAAAAAAAAAAAAAA/carte`)).status).toBe(404);
		const created = await post(url, '/campagnes/nouvelle', [
			['name', 'Protégée'],
			['diagnostics', 'e-formateur'],
			['k', '3'],
			['passphrase', 'une phrase assez longue']
		]);
		expect(created.status).toBe(303);
		const locked = created.headers.get('location')!.split('/').at(-1)!;
		const refused = await fetch(`${url}/campagnes/${locked}/carte`, { redirect: 'manual' });
		expect(refused.status).toBe(303);
		expect(refused.headers.get('location')).toBe(`/campagnes/${locked}`);
	});
});
