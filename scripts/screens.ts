/**
 * `npm run screens`: every page state of the app, at 1280 and 375 px wide, JavaScript on and off,
 * as screenshots in one folder with an index.html, so that a person reviews every screen in
 * minutes (issue [7], ADR 0027). Starts the production build (never rebuilds it) on a fresh data
 * folder with the test questionnaires added, creates what each state needs with plain form posts
 * (a completed result for each diagnostic, a retake, a campaign of six shared participants with
 * a second wave and a cross-reading, a guided session with notes and an action plan), then
 * captures each state: the first screen (1280×800, 375×740) and the whole page.
 *
 *   npm run screens                     into screens/ (git-ignored)
 *   npm run screens -- --out dir        elsewhere
 *   npm run screens -- --smoke          a handful of states, to show the script still runs
 *   npm run screens -- --only results   the states whose name contains « results »
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../tests/helpers/chromium';
import { answerForm, readSaveForm } from '../tests/helpers/page-form';
import { ROOT, TEST_QUESTIONNAIRES } from '../tests/helpers/paths';
import { freePort, startServer } from '../tests/helpers/server';
import { corpusSurveys, wrapAsPackage } from '../tests/helpers/surveyjs-corpus';

const args = process.argv.slice(2);
const option = (name: string) => {
	const i = args.indexOf(name);
	return i >= 0 ? args[i + 1] : undefined;
};
const SMOKE = args.includes('--smoke');
const OUT = path.resolve(option('--out') ?? path.join(ROOT, 'screens'));
const ONLY = option('--only');
const WIDTHS = [
	{ width: 1280, height: 800, name: 'desktop' },
	{ width: 375, height: 740, name: 'phone' }
] as const;

// ---------------------------------------------------------------- driving the app with posts

const FORM = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };

/** A form post as a browser of the same origin sends it; redirects not followed. */
function post(base: string, action: string, fields: [string, string][], cookie?: string) {
	return fetch(`${base}${action}`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: base, ...FORM, ...(cookie ? { cookie } : {}) },
		body: new URLSearchParams(fields)
	});
}

function expectStatus(response: Response, status: number, what: string): void {
	if (response.status !== status) {
		throw new Error(`${what}: answered ${response.status}, expected ${status}`);
	}
}

const locationOf = (response: Response) => response.headers.get('location') ?? '';
const lastSegment = (location: string) => location.split('?')[0]!.split('/').at(-1)!;

/** A seeded generator, so that two runs capture the same answers. */
function random(seed: number): () => number {
	let s = seed >>> 0;
	return () => {
		s = (s + 0x6d2b79f5) >>> 0;
		let t = s;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** A token-shaped attempt value (a start form's one-time value, ADR 0018). */
let attempts = 0;
const attempt = () => `screens${String(++attempts).padStart(4, '0')}`.padEnd(22, 'A');

/**
 * Answers the questionnaire at `self` (a private link or a guided session) page after page,
 * `pages` pages at most (all by default), choosing with `pick`. Returns how many were saved.
 */
async function answer(
	base: string,
	self: string,
	pick: (n: number) => number,
	pages = Infinity
): Promise<number> {
	let saved = 0;
	while (saved < pages) {
		const html = await (await fetch(`${base}${self}`)).text();
		const form = readSaveForm(html);
		if (!form) return saved;
		const response = await post(base, `${self}?/save`, [
			...answerForm(form, pick),
			['nav', 'next']
		]);
		expectStatus(response, 303, `saving page ${form.page} of ${self}`);
		saved++;
	}
	return saved;
}

/** Picks towards the middle-high options, skipping the last (often « does not apply »). */
const picker = (seed: number, lean = 0.55) => {
	const r = random(seed);
	return (n: number) => {
		if (n <= 2) return Math.floor(r() * n);
		const usable = n - 1;
		const x = Math.min(0.999, Math.max(0, lean + (r() - 0.5) * 0.7));
		return Math.floor(x * usable);
	};
};

async function startDiagnostic(base: string, id: string): Promise<string> {
	const started = await post(base, `/diagnostics/${id}?/start`, [['attempt', attempt()]]);
	expectStatus(started, 303, `starting ${id}`);
	return lastSegment(locationOf(started));
}

async function completedResult(base: string, id: string, seed: number): Promise<string> {
	const token = await startDiagnostic(base, id);
	await answer(base, `/p/${token}`, picker(seed));
	return token;
}

async function joinAndAnswer(
	base: string,
	code: string,
	diagnostic: string,
	group: string,
	seed: number,
	lean: number,
	share = true
): Promise<string> {
	const joined = await post(base, `/rejoindre/${code}`, [
		['diagnostic', diagnostic],
		['group', group],
		['consent', 'oui'],
		['attempt', attempt()]
	]);
	expectStatus(joined, 303, `joining ${code}`);
	const token = lastSegment(locationOf(joined));
	await answer(base, `/p/${token}`, picker(seed, lean));
	if (share)
		expectStatus(await post(base, `/p/${token}?/share`, [['partager', 'oui']]), 303, 'share');
	return token;
}

type Data = {
	fresh: string;
	matrixPage: string;
	results: Record<string, string>;
	retake: string;
	campaign: { token: string; code: string; participant: string };
	locked: string;
	guided: { list: string; workspace: string; answering: string };
};

async function createData(base: string): Promise<Data> {
	const results: Record<string, string> = {};
	const diagnostics = SMOKE
		? ['exemple-mini']
		: ['e-formateur', 'maturite-of', 'exemple-mini', 'exemple-orga'];
	for (const [i, id] of diagnostics.entries())
		results[id] = await completedResult(base, id, 11 + i);
	const fresh = await startDiagnostic(base, SMOKE ? 'exemple-mini' : 'e-formateur');
	if (SMOKE) {
		return {
			fresh,
			matrixPage: fresh,
			results,
			retake: results['exemple-mini']!,
			campaign: { token: '', code: '', participant: '' },
			locked: '',
			guided: { list: '', workspace: '', answering: '' }
		};
	}

	// A participation stopped on a page with a matrix question (maturite-of), one page at a time.
	const matrixPage = await startDiagnostic(base, 'maturite-of');
	for (let i = 0; i < 12; i++) {
		const html = await (await fetch(`${base}/p/${matrixPage}`)).text();
		if (/name="[^"]+\[[^"]+\]"/.test(html)) break;
		await answer(base, `/p/${matrixPage}`, picker(5), 1);
	}

	// A retake of the e-formateur result, answered a little higher.
	const retaken = await post(base, `/p/${results['e-formateur']}?/retake`, []);
	expectStatus(retaken, 303, 'retake');
	const retake = lastSegment(locationOf(retaken));
	await answer(base, `/p/${retake}`, picker(21, 0.75));

	// A campaign: the direction answers maturite-of, six trainers e-formateur, all share; then a
	// second wave where five trainers answer again.
	const created = await post(base, '/campagnes/nouvelle', [
		['name', 'Réseau Formation Sud – 2027'],
		['diagnostics', 'e-formateur'],
		['diagnostics', 'maturite-of'],
		['k', '5'],
		['groupLabel', 'Site'],
		['groupOptions', 'Marseille\nNice\nToulon']
	]);
	expectStatus(created, 303, 'campaign creation');
	const token = lastSegment(locationOf(created));
	const html = await (await fetch(`${base}/campagnes/${token}`)).text();
	const code = /data-code[^>]*>([A-Z0-9-]+)</.exec(html)![1]!.replace('-', '');
	await joinAndAnswer(base, code, 'maturite-of', 'Marseille', 31, 0.5);
	const sites = ['Marseille', 'Nice', 'Toulon'];
	let participant = '';
	for (let i = 0; i < 6; i++) {
		participant = await joinAndAnswer(
			base,
			code,
			'e-formateur',
			sites[i % 3]!,
			40 + i,
			0.3 + i * 0.08
		);
	}
	expectStatus(await post(base, `/campagnes/${token}?/openWave`, []), 303, 'opening wave T1');
	for (let i = 0; i < 5; i++) {
		await joinAndAnswer(base, code, 'e-formateur', sites[i % 3]!, 60 + i, 0.45 + i * 0.08);
	}

	// A campaign locked by a passphrase.
	const lockedCampaign = await post(base, '/campagnes/nouvelle', [
		['name', 'Campagne protégée'],
		['diagnostics', 'e-formateur'],
		['k', '5'],
		['passphrase', 'phrase de passe des captures']
	]);
	expectStatus(lockedCampaign, 303, 'locked campaign creation');
	const locked = lastSegment(locationOf(lockedCampaign));

	// A guided session, answered, with a note and a rating per area and an action plan; and
	// another one still being answered.
	const list = `/campagnes/${token}/accompagnements`;
	const opened = await post(base, `${list}?/open`, [
		['client', 'CFA du Bâtiment (exemple)'],
		['diagnostic', 'maturite-of']
	]);
	expectStatus(opened, 303, 'opening a guided session');
	const workspace = `${list}/${lastSegment(locationOf(opened))}`;
	await answer(base, workspace, picker(71, 0.45));
	const page = await (await fetch(`${base}${workspace}`)).text();
	const areas = [...page.matchAll(/name="note\.([^"]+)"/g)].map((m) => m[1]!);
	const levels = [
		...new Set(
			[
				...(
					/<select[^>]*name="rating\.[^"]+"[^>]*>([\s\S]*?)<\/select>/.exec(page)?.[1] ?? ''
				).matchAll(/value="([^"]+)"/g)
			].map((m) => m[1]!)
		)
	];
	const assessed = areas.flatMap((area, i): [string, string][] => [
		[
			`note.${area}`,
			i % 2 === 0 ? 'Échange avec la direction : pratiques en place, à formaliser.' : ''
		],
		[`rating.${area}`, i < 4 ? (levels[Math.min(levels.length - 1, 1 + (i % 3))] ?? '') : '']
	]);
	expectStatus(await post(base, `${workspace}?/assess`, assessed), 303, 'assessment');
	const resources = [...page.matchAll(/name="resourceIds"[^>]*value="([^"]+)"/g)].map((m) => m[1]!);
	const actions: [string, string, string, string][] = [
		['Rédiger la charte du numérique', 'Direction', '2027-03-31', 'doing'],
		[
			'Former deux référents à la classe virtuelle',
			'Responsable pédagogique',
			'2027-05-15',
			'todo'
		],
		['Publier les indicateurs de suivi', 'Qualité', '', 'done']
	];
	for (const [i, [title, owner, dueOn, status]] of actions.entries()) {
		const response = await post(base, `${workspace}?/addAction`, [
			['title', title],
			['target', areas[i % areas.length]!],
			['owner', owner],
			['dueOn', dueOn],
			['status', status],
			...resources.slice(i, i + 1).map((r): [string, string] => ['resourceIds', r])
		]);
		expectStatus(response, 303, `action ${title}`);
	}
	const other = await post(base, `${list}?/open`, [
		['client', 'Organisme Horizon (exemple)'],
		['diagnostic', 'e-formateur']
	]);
	expectStatus(other, 303, 'opening a second guided session');
	const answering = `${list}/${lastSegment(locationOf(other))}`;
	await answer(base, answering, picker(81), 2);

	return {
		fresh,
		matrixPage,
		results,
		retake,
		campaign: { token, code, participant },
		locked,
		guided: { list, workspace, answering }
	};
}

// ---------------------------------------------------------------- the states

type State = {
	name: string;
	/** What it shows, for the index. */
	title: string;
	/** Goes to the state (a URL, or a URL then an action). */
	go: (page: Page, base: string) => Promise<void>;
	smoke?: boolean;
};

const visit = (url: string) => async (page: Page, base: string) => {
	await page.goto(`${base}${url}`, { waitUntil: 'load' });
};
const visitThen =
	(url: string, action: (page: Page) => Promise<void>) => async (page: Page, base: string) => {
		await page.goto(`${base}${url}`, { waitUntil: 'load' });
		await settle(page);
		await action(page);
	};
/** Clicks a submit button and waits for what follows (a navigation without JavaScript). */
async function submit(page: Page, selector: string): Promise<void> {
	const before = page.url();
	await Promise.all([page.waitForLoadState('load'), page.locator(selector).first().click()]);
	// With JavaScript the form is enhanced: wait for the answer to be applied.
	await page.waitForTimeout(before === page.url() ? 600 : 200);
}

function states(d: Data): State[] {
	const r = d.results;
	const all: State[] = [
		{ name: 'home', title: 'Accueil', go: visit('/'), smoke: true },
		{ name: 'home-en', title: 'Home (English)', go: visit('/en/') },
		{ name: 'home-deleted', title: 'Accueil après suppression', go: visit('/?supprime') },
		{
			name: 'intro-e-formateur',
			title: 'Présentation e-formateur',
			go: visit('/diagnostics/e-formateur')
		},
		{
			name: 'intro-maturite-of',
			title: 'Présentation maturité OF',
			go: visit('/diagnostics/maturite-of')
		},
		{
			name: 'intro-mini',
			title: 'Présentation exemple-mini',
			go: visit('/diagnostics/exemple-mini'),
			smoke: true
		},
		{
			name: 'questionnaire-page-1',
			title: 'Questionnaire, première page',
			go: visit(`/p/${d.fresh}`),
			smoke: true
		},
		{
			name: 'questionnaire-refused',
			title: 'Questionnaire, page refusée (réponses manquantes)',
			go: visitThen(`/p/${d.fresh}`, (p) => submit(p, 'button[value="next"]'))
		},
		{
			name: 'questionnaire-matrix',
			title: 'Questionnaire, question en matrice',
			go: visit(`/p/${d.matrixPage}`)
		},
		{
			name: 'results-e-formateur',
			title: 'Résultats e-formateur',
			go: visit(`/p/${r['e-formateur']}`)
		},
		{
			name: 'results-maturite-of',
			title: 'Résultats maturité OF',
			go: visit(`/p/${r['maturite-of']}`)
		},
		{
			name: 'results-mini',
			title: 'Résultats exemple-mini',
			go: visit(`/p/${r['exemple-mini']}`),
			smoke: true
		},
		{ name: 'results-orga', title: 'Résultats exemple-orga', go: visit(`/p/${r['exemple-orga']}`) },
		{
			name: 'results-retake',
			title: 'Résultats d’une reprise (comparaison)',
			go: visit(`/p/${d.retake}`)
		},
		{ name: 'results-en', title: 'Results (English)', go: visit(`/en/p/${r['e-formateur']}`) },
		{
			name: 'results-in-campaign',
			title: 'Résultats dans une campagne (partage)',
			go: visit(`/p/${d.campaign.participant}`)
		},
		{
			name: 'delete',
			title: 'Supprimer mes résultats',
			go: visit(`/p/${r['exemple-orga']}/supprimer`)
		},
		{
			name: 'delete-refused',
			title: 'Suppression refusée (case non cochée)',
			go: visitThen(`/p/${r['exemple-orga']}/supprimer`, (p) => submit(p, 'button[type=submit]'))
		},
		{ name: 'join', title: 'Rejoindre une campagne', go: visit('/rejoindre') },
		{ name: 'join-unknown', title: 'Code inconnu', go: visit('/rejoindre?code=ZZZZ-ZZZZ') },
		{
			name: 'join-consent',
			title: 'Rejoindre : consentement',
			go: visit(`/rejoindre/${d.campaign.code}`)
		},
		{
			name: 'join-refused',
			title: 'Rejoindre : refusé (choix manquants)',
			go: visitThen(`/rejoindre/${d.campaign.code}`, (p) => submit(p, 'button[type=submit]'))
		},
		{ name: 'campaign-new', title: 'Créer une campagne', go: visit('/campagnes/nouvelle') },
		{
			name: 'campaign-new-refused',
			title: 'Créer une campagne : refusé',
			go: visitThen('/campagnes/nouvelle', (p) => submit(p, 'main button[type=submit]'))
		},
		{
			name: 'dashboard',
			title: 'Tableau de bord (vague T1 comparée à T0)',
			go: visit(`/campagnes/${d.campaign.token}`)
		},
		{
			name: 'dashboard-t0',
			title: 'Tableau de bord, vague T0, lecture croisée',
			go: visit(`/campagnes/${d.campaign.token}?vague=T0`)
		},
		{
			name: 'dashboard-group',
			title: 'Tableau de bord filtré sur un site (sous k)',
			go: visit(`/campagnes/${d.campaign.token}?vague=T0&groupe=Nice`)
		},
		{ name: 'campaign-locked', title: 'Campagne protégée', go: visit(`/campagnes/${d.locked}`) },
		{ name: 'guided-list', title: 'Diagnostics accompagnés', go: visit(d.guided.list) },
		{
			name: 'guided-answering',
			title: 'Diagnostic accompagné, questionnaire',
			go: visit(d.guided.answering)
		},
		{
			name: 'guided-workspace',
			title: 'Espace de travail du conseiller',
			go: visit(d.guided.workspace)
		},
		{
			name: 'guided-report',
			title: 'Rapport imprimable',
			go: visit(`${d.guided.workspace}/rapport`)
		},
		{ name: 'manage', title: 'Mes campagnes (/gestion)', go: visit('/gestion') },
		{
			name: 'manage-found',
			title: 'Mes campagnes, liens retrouvés',
			go: visitThen('/gestion', async (p) => {
				await p.locator('#links').fill(`${new URL(p.url()).origin}/campagnes/${d.campaign.token}`);
				await submit(p, 'main button[type=submit]');
			})
		},
		{ name: 'privacy', title: 'Confidentialité', go: visit('/confidentialite') },
		{ name: 'accessibility', title: 'Déclaration d’accessibilité', go: visit('/accessibilite') },
		{ name: 'not-found', title: 'Page introuvable (404)', go: visit('/nulle-part'), smoke: true },
		{ name: 'link-gone', title: 'Lien privé introuvable', go: visit('/p/AAAAAAAAAAAAAAAAAAAAAA') }
	];
	return all.filter((s) => (SMOKE ? s.smoke : true)).filter((s) => !ONLY || s.name.includes(ONLY));
}

// ---------------------------------------------------------------- capturing

type Shot = {
	state: string;
	title: string;
	js: boolean;
	width: number;
	first: string;
	full: string;
};

/** Whether the context being captured runs JavaScript. */
let javaScript = true;

async function settle(page: Page): Promise<void> {
	await page.waitForLoadState('load');
	if (javaScript) {
		// With JavaScript: hydrated, and charts drawn.
		await page
			.waitForSelector('html[data-hydrated="true"]', { timeout: 5_000 })
			.catch(() => undefined);
	}
	await page.evaluate(() => document.fonts.ready);
	await page.waitForTimeout(250);
}

async function capture(
	context: BrowserContext,
	base: string,
	state: State,
	js: boolean,
	shots: Shot[]
): Promise<void> {
	for (const w of WIDTHS) {
		const page = await context.newPage();
		await page.setViewportSize({ width: w.width, height: w.height });
		try {
			await state.go(page, base);
			await settle(page);
			const stem = `${state.name}--${w.width}--${js ? 'js' : 'nojs'}`;
			const first = `${stem}.png`;
			const full = `${stem}--full.png`;
			await page.screenshot({ path: path.join(OUT, first) });
			await page.screenshot({ path: path.join(OUT, full), fullPage: true });
			shots.push({ state: state.name, title: state.title, js, width: w.width, first, full });
		} catch (error) {
			console.error(`${state.name} at ${w.width} px (${js ? 'JS' : 'no JS'}): ${String(error)}`);
			process.exitCode = 1;
		} finally {
			await page.close();
		}
	}
}

/**
 * Corpus questionnaires whose first page shows a widget few diagnostics use (matrices of cells,
 * pictures, ranking, icons, multiple texts, dynamic panels): served by a server of their own, so
 * that the home page and the other states keep the test questionnaires only.
 */
const WIDGET_QUESTIONNAIRES = [
	'matrixdropdown',
	'matrixdynamic',
	'imagepicker',
	'rank-tagbox',
	'rating-icons',
	'multipletext',
	'paneldynamic'
];

/** Each widget questionnaire's first page, fresh, and a matrix's page refused for a required cell. */
async function widgetStates(base: string): Promise<State[]> {
	const surveys = new Map(corpusSurveys().map((c) => [c.id, c.survey]));
	const out: State[] = [];
	for (const id of WIDGET_QUESTIONNAIRES) {
		const token = await startDiagnostic(base, id);
		out.push({
			name: `widget-${id}`,
			title: `Questionnaire : ${String(surveys.get(id)?.title ?? id)}`,
			go: visit(`/p/${token}`)
		});
	}
	const refused = await startDiagnostic(base, 'matrixdropdown');
	out.push({
		name: 'widget-matrixdropdown-refused',
		title: 'Matrice : une cellule obligatoire laissée vide',
		go: visitThen(`/p/${refused}`, (p) => submit(p, 'button[value="next"]'))
	});
	return out.filter((s) => !ONLY || s.name.includes(ONLY));
}

/** The states only a second server shows: a public ORIGIN opened at 127.0.0.1, and 429. */
async function specialStates(
	browser: Browser,
	base: string,
	publicBase: string,
	shots: Shot[]
): Promise<void> {
	const wrong: State = {
		name: 'wrong-address',
		title: 'Formulaire refusé : page ouverte à une autre adresse',
		go: visitThen('/diagnostics/exemple-mini', (p) => submit(p, 'main button[type=submit]'))
	};
	const tooMany: State = {
		name: 'too-many-tries',
		title: 'Trop d’essais (429)',
		go: visit('/p/BBBBBBBBBBBBBBBBBBBBBB')
	};
	for (const js of [true, false]) {
		javaScript = js;
		const context = await browser.newContext({ javaScriptEnabled: js });
		if (!ONLY || wrong.name.includes(ONLY)) await capture(context, publicBase, wrong, js, shots);
		await context.close();
	}
	// Spend the lookup budget of 127.0.0.1 (failed lookups of private links), then capture.
	if (ONLY && !tooMany.name.includes(ONLY)) return;
	for (let i = 0; i < 80; i++) {
		const response = await fetch(`${base}/p/${String(i).padStart(22, 'C')}`);
		if (response.status === 429) break;
	}
	for (const js of [true, false]) {
		javaScript = js;
		const context = await browser.newContext({ javaScriptEnabled: js });
		await capture(context, base, tooMany, js, shots);
		await context.close();
	}
}

function writeIndex(shots: Shot[]): void {
	const byState = new Map<string, Shot[]>();
	for (const s of shots) byState.set(s.state, [...(byState.get(s.state) ?? []), s]);
	const escape = (t: string) =>
		t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
	const cell = (s: Shot | undefined) =>
		s
			? `<figure><a href="${s.first}"><img src="${s.first}" alt="" loading="lazy" width="${s.width === 1280 ? 320 : 150}"></a><figcaption>${s.width} px, ${s.js ? 'JS' : 'sans JS'} · <a href="${s.full}">page entière</a></figcaption></figure>`
			: '<figure>—</figure>';
	const rows = [...byState]
		.map(([name, list]) => {
			const find = (width: number, js: boolean) =>
				list.find((s) => s.width === width && s.js === js);
			return `<section id="${name}"><h2>${escape(list[0]!.title)} <code>${name}</code></h2><div class="row">${[
				find(1280, true),
				find(1280, false),
				find(375, true),
				find(375, false)
			]
				.map(cell)
				.join('')}</div></section>`;
		})
		.join('\n');
	const html = `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Repères – captures (${shots.length})</title>
<style>
body{font-family:system-ui,sans-serif;margin:1.5rem;color:#1d2125}
h1{font-size:1.4rem}h2{font-size:1rem;margin:1.5rem 0 .5rem}
.row{display:flex;gap:1rem;align-items:flex-start;flex-wrap:wrap}
figure{margin:0;font-size:.8rem}img{display:block;border:1px solid #d8d0c4}
nav a{margin-right:.75rem}
</style></head><body>
<h1>Repères – ${byState.size} états, ${shots.length} captures (premier écran ; « page entière » en lien)</h1>
<nav>${[...byState.keys()].map((n) => `<a href="#${n}">${n}</a>`).join(' ')}</nav>
${rows}
</body></html>
`;
	writeFileSync(path.join(OUT, 'index.html'), html);
}

async function main(): Promise<void> {
	const started = Date.now();
	console.log(`Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
	rmSync(OUT, { recursive: true, force: true });
	mkdirSync(OUT, { recursive: true });
	const dir = await mkdtemp(path.join(tmpdir(), 'reperes-screens-'));
	const env = (name: string) => ({
		DATA_DIR: path.join(dir, name),
		QUESTIONNAIRES_DIR: TEST_QUESTIONNAIRES,
		CONTROLLER_NAME: 'Organisme exemple',
		CONTROLLER_CONTACT: 'dpo@organisme.example',
		ACCESSIBILITY_CONTACT: 'accessibilite@organisme.example'
	});
	const server = await startServer(env('data'), path.join(dir, 'server.log'));
	// A public ORIGIN, the server opened at 127.0.0.1: its forms are refused (ADR 0026).
	const publicServer = SMOKE
		? null
		: await startServer(
				{ ...env('public'), PORT: String(await freePort()), ORIGIN: 'https://reperes.example.org' },
				path.join(dir, 'public.log')
			);
	// The widget questionnaires, on a server of their own (not in smoke runs).
	const widgetDir = path.join(dir, 'widgets');
	if (!SMOKE) {
		for (const c of corpusSurveys().filter((c) => WIDGET_QUESTIONNAIRES.includes(c.id))) {
			wrapAsPackage(c.id, c.survey, widgetDir);
		}
	}
	const widgetServer = SMOKE
		? null
		: await startServer(
				{ ...env('widget-data'), PORT: String(await freePort()), QUESTIONNAIRES_DIR: widgetDir },
				path.join(dir, 'widgets.log')
			);
	let browser: Browser | undefined;
	const shots: Shot[] = [];
	try {
		const data = await createData(server.url);
		console.log(`data created in ${((Date.now() - started) / 1000).toFixed(1)} s`);
		browser = await launchChromium();
		const list = states(data);
		const widgets = widgetServer ? await widgetStates(widgetServer.url) : [];
		for (const js of [true, false]) {
			javaScript = js;
			const context = await browser.newContext({ javaScriptEnabled: js });
			for (const state of list) await capture(context, server.url, state, js, shots);
			for (const state of widgets) await capture(context, widgetServer!.url, state, js, shots);
			await context.close();
		}
		if (publicServer) await specialStates(browser, server.url, publicServer.url, shots);
		writeIndex(shots);
		const states_ = new Set(shots.map((s) => s.state)).size;
		console.log(
			`${states_} states, ${shots.length * 2} screenshots in ${path.relative(process.cwd(), OUT) || '.'}/ (index.html), ${((Date.now() - started) / 1000).toFixed(1)} s`
		);
	} finally {
		await browser?.close();
		for (const s of [server, publicServer, widgetServer]) {
			if (!s) continue;
			s.child.kill('SIGTERM');
			await s.closed;
		}
		await rm(dir, { recursive: true, force: true });
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
