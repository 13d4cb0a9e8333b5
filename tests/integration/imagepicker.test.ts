/**
 * A SurveyJS `imagepicker` through the server (ADR 0039), on the corpus questionnaire
 * imagepicker: one picture, or several with `multiSelect`, read from the page's form as SurveyJS
 * keeps them and scored as a radiogroup or a checkbox; the page shows each picture at the address
 * the app serves it; the validator refuses pictures that are not files of the package, and
 * pictures without alternative text in every language.
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { loadPackage, packageImages } from '$lib/server/questionnaires/load';
import { buildPageView, readPageForm } from '$lib/server/survey/runtime';
import { formValueOf } from '$lib/diagnostic/page-view';
import { imageLinkProblem, imageUrl } from '$lib/diagnostic/package-images';
import { PACKAGE_FILES, type QuestionnairePackage } from '$lib/diagnostic/types';
import { validatePackage } from '$lib/diagnostic/validate-package';
import { questionType } from '$lib/question-types/registry';
import { scoreItem } from '$lib/scoring/score';
import type { Answers, ScoringModel } from '$lib/scoring/types';
import {
	corpusSurveys,
	packageFiles,
	packageImagesOf,
	wrapAsPackage
} from '../helpers/surveyjs-corpus';

const ID = 'imagepicker';
const { survey } = corpusSurveys().find((c) => c.id === ID)!;
let pkg: QuestionnairePackage;
let model: ScoringModel;
let images: ReadonlySet<string>;
beforeAll(async () => {
	const loaded = await loadPackage(
		wrapAsPackage(ID, survey, mkdtempSync(path.join(tmpdir(), 'reperes-imagepicker-')))
	);
	if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
	({ pkg, model, images } = loaded.questionnaire);
});

const read = (answers: Answers, entries: [string, string][]) => {
	const data = new FormData();
	data.set('page', 'outils');
	for (const [k, v] of entries) data.append(k, v);
	return readPageForm(pkg, answers, data);
};

describe('the imagepicker type', () => {
	test('answers one picture, or several with multiSelect, and is scorable either way', () => {
		const one = questionType('imagepicker', {});
		const several = questionType('imagepicker', { multiSelect: true });
		expect([one.answer, one.widget, one.scorable]).toEqual(['one', 'images', true]);
		expect([several.answer, several.widget, several.scorable]).toEqual(['several', 'images', true]);
		expect(questionType('imagepicker', { multiSelect: false }).answer).toBe('one');
	});

	test('implies no « none » or « other » item (survey-core offers none on an image picker)', () => {
		const element = {
			type: 'imagepicker',
			name: 'x',
			showNoneItem: true,
			showOtherItem: true,
			choices: [{ value: 'a', text: 'A', imageLink: 'images/a.png' }]
		};
		expect(
			questionType('imagepicker', element)
				.options(element, '')
				.map((o) => o.key)
		).toEqual(['a']);
	});
});

describe('an image picker read from its form', () => {
	test('one picture is kept as its value, several as a list', () => {
		const r = read({}, [
			['support', 'forum'],
			['activites', 'quiz'],
			['activites', 'echanges']
		]);
		if (!r.ok) throw new Error(JSON.stringify(r.problems));
		expect(r.answers).toEqual({ support: 'forum', activites: ['quiz', 'echanges'] });
	});

	test('a picture the question does not offer is refused, as any such value', () => {
		expect(read({}, [['support', 'tableau']]).ok).toBe(false);
		expect(read({}, [['activites', 'tableau']]).ok).toBe(false);
		// Two values for a single picture are no answer SurveyJS could keep.
		expect(
			read({}, [
				['support', 'forum'],
				['support', 'quiz']
			]).ok
		).toBe(false);
	});

	test('a picture a condition hides is refused until its condition holds', () => {
		expect(read({}, [['activites', 'suivi']]).ok).toBe(false);
		const r = read({ support: 'quiz' }, [
			['support', 'quiz'],
			['activites', 'suivi']
		]);
		expect(r.ok && r.answers.activites).toEqual(['suivi']);
	});
});

describe('an image picker in the page', () => {
	test('each choice shows its picture at the address the app serves it, with its text', () => {
		const view = buildPageView(pkg, { activites: ['quiz'] }, 'outils', 'fr');
		const support = view.questions.find((q) => q.name === 'support')!;
		expect(support.widget).toBe('images');
		expect(support.images).toEqual({ multiple: false, fit: 'contain', showLabel: true });
		expect(support.choices[0]).toEqual({
			key: 'visio',
			text: 'Une visioconférence',
			image: '/diagnostics/imagepicker/images/visio.svg'
		});
		const activites = view.questions.find((q) => q.name === 'activites')!;
		expect(activites.images).toEqual({
			multiple: true,
			width: 160,
			height: 120,
			fit: 'cover',
			showLabel: false
		});
		// The picture a condition hides is not offered.
		expect(activites.choices.map((c) => c.key)).toEqual(['cours', 'quiz', 'echanges']);
		// Several pictures are read back from the page's form as a list (live updates).
		const data = new FormData();
		data.append('activites', 'quiz');
		data.append('activites', 'cours');
		expect(formValueOf(activites, data)).toEqual(['quiz', 'cours']);
		expect(formValueOf(support, data)).toBeNull();
	});

	test('the app serves exactly the pictures survey.json shows', () => {
		expect([...images].sort()).toEqual([
			'images/forum.png',
			'images/plateforme.png',
			'images/quiz.png',
			'images/suivi.png',
			'images/visio.svg'
		]);
		expect(imageUrl('mon-paquet', 'images/sous dossier/é.png')).toBe(
			'/diagnostics/mon-paquet/images/sous%20dossier/%C3%A9.png'
		);
	});
});

describe('an image picker scored', () => {
	const item = (question: string) => model.items.find((i) => i.question === question)!;

	test('one picture on its points, as a radiogroup', () => {
		// Points 0…3 in the order of the pictures (the corpus's wrapping).
		expect(scoreItem(item('support'), { support: 'visio' })).toEqual({
			status: 'valued',
			value: 0
		});
		expect(scoreItem(item('support'), { support: 'quiz' })).toEqual({
			status: 'valued',
			value: 2 / 3
		});
		expect(scoreItem(item('support'), {}).status).toBe('unanswered');
	});

	test('several pictures on the capped sum of their points, as a checkbox', () => {
		const several = item('activites');
		expect(several.kind).toBe('multiple');
		// 0 + 1 + 2 + 3: every picture with points reaches the top.
		expect(several.max).toBe(6);
		expect(scoreItem(several, { activites: ['quiz', 'echanges'] })).toEqual({
			status: 'valued',
			value: 0.5
		});
		expect(scoreItem(several, { activites: ['cours', 'quiz', 'echanges', 'suivi'] })).toEqual({
			status: 'valued',
			value: 1
		});
	});
});

describe('the validator, on an image picker', () => {
	type Json = Record<string, unknown>;
	const choices = (f: Json) =>
		(f['survey.json'] as { pages: { elements: Json[] }[] }).pages[0]!.elements[0]!
			.choices as Json[];
	/** Errors of the corpus package edited, with the images given (the corpus's by default). */
	const errors = (edit: (f: Json) => void, files = packageImagesOf(survey)) => {
		const parsed = Object.fromEntries(
			Object.entries(packageFiles(ID, survey)).map(([f, t]) => [f, JSON.parse(t) as unknown])
		) as Json;
		edit(parsed);
		const result = validatePackage(
			ID,
			Object.fromEntries(PACKAGE_FILES.map((f) => [f, JSON.stringify(parsed[f])])),
			{ images: files }
		);
		return result.ok ? [] : result.errors.map((e) => `${e.code} ${e.pointer} ${e.message}`);
	};
	const withLink = (link: unknown) => (f: Json) => {
		choices(f)[1]!.imageLink = link;
	};
	const at = '/pages/0/elements/0/choices/1/imageLink';
	const place =
		'Page « Vos outils » · question « support » (« Quel outil utilisez-vous le plus ? »)';

	test('accepts the corpus package', () => {
		expect(errors(() => {})).toEqual([]);
	});

	test('refuses a choice without a picture, naming the question and its page', () => {
		expect(errors((f) => delete choices(f)[1]!.imageLink)).toEqual([
			`invalid-image /pages/0/elements/0/choices/1 ${place} : le choix « plateforme » n’a pas d’image (« imageLink » : le chemin d’un fichier du paquet, par exemple « images/visio.png »)`
		]);
		expect(
			errors((f) => {
				// A bare value: no picture, no text.
				(choices(f) as unknown[])[1] = 'plateforme';
			})
		).toEqual([
			expect.stringContaining('invalid-image /pages/0/elements/0/choices/1 '),
			expect.stringContaining('missing-alt-text /pages/0/elements/0/choices/1 ')
		]);
	});

	test.each([
		['https://exemple.org/visio.png', 'est une adresse externe'],
		['http://exemple.org/visio.png', 'est une adresse externe'],
		['data:image/png;base64,iVBORw0KGgo=', 'est une adresse externe'],
		['//exemple.org/visio.png', 'est une adresse externe'],
		['../autre-paquet/images/visio.png', 'sort du paquet'],
		['images/../../secret.png', 'sort du paquet'],
		['/etc/visio.png', 'sort du paquet'],
		['images\\visio.png', 'sort du paquet'],
		['visio.png', 'n’est pas dans le dossier « images/ »'],
		['images/visio.bmp', 'type de fichier « .bmp » refusé'],
		['images/visio', 'fichier sans extension refusé'],
		['images/.cache.png', 'lettres sans accents'],
		['images/mon image.png', 'lettres sans accents'],
		['images/absente.png', 'fichier absent du paquet'],
		[42, 'texte attendu']
	])('refuses the picture « %s »: %s', (link, why) => {
		const found = errors(withLink(link));
		expect(found).toHaveLength(1);
		expect(found[0]).toContain(`invalid-image ${at} ${place} : image du choix « plateforme »`);
		expect(found[0]).toContain(why);
	});

	test('a picture per language: each one must be a file of the package', () => {
		expect(errors(withLink({ default: 'images/plateforme.png', en: 'images/quiz.png' }))).toEqual(
			[]
		);
		expect(errors(withLink({ default: 'images/plateforme.png', en: 'images/en.png' }))).toEqual([
			expect.stringContaining(`invalid-image ${at}/en `)
		]);
	});

	test('refuses a picture the package does not hold, whatever the path says', () => {
		const found = errors(() => {}, []);
		expect(found).toHaveLength(8);
		for (const e of found) expect(e).toContain('fichier absent du paquet');
	});

	test('refuses a choice without alternative text, in each language of the package', () => {
		expect(errors((f) => delete choices(f)[1]!.text)).toEqual([
			`missing-alt-text /pages/0/elements/0/choices/1 ${place} : le choix « plateforme » n’a pas de texte de remplacement pour son image (« text ») en français (clé « fr ») : il dit l’image à qui ne la voit pas, dans chaque langue du paquet`
		]);
		const blank = errors((f) => (choices(f)[1]!.text = ' '));
		expect(blank.filter((e) => e.startsWith('missing-alt-text'))).toEqual([
			expect.stringContaining('missing-alt-text /pages/0/elements/0/choices/1/text ')
		]);
		// A package in French and English: the English text is required too.
		const bilingual = (f: Json) => {
			(f['manifest.json'] as Json).languages = ['fr', 'en'];
		};
		expect(errors(bilingual).filter((e) => e.startsWith('missing-alt-text'))).toHaveLength(8);
		expect(
			errors((f) => {
				bilingual(f);
				choices(f)[1]!.text = { default: 'Une plateforme', en: 'A platform' };
			}).filter((e) => e.includes('/elements/0/choices/1'))
		).toEqual([]);
		expect(
			errors((f) => {
				bilingual(f);
				choices(f)[1]!.text = { default: 'Une plateforme' };
			}).filter((e) => e.includes('/elements/0/choices/1'))
		).toEqual([expect.stringContaining('en anglais (clé « en »)')]);
	});

	test('refuses videos: Repères shows pictures', () => {
		expect(
			errors((f) => {
				(f['survey.json'] as { pages: { elements: Json[] }[] }).pages[0]!.elements[0]!.contentMode =
					'video';
			})
		).toEqual([expect.stringContaining('invalid-image /pages/0/elements/0/contentMode ')]);
	});
});

describe('the images of a package folder', () => {
	test('are the image files below images/, never a link out of it', async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'reperes-images-'));
		mkdirSync(path.join(dir, 'images', 'logos'), { recursive: true });
		writeFileSync(path.join(dir, 'images', 'a.png'), 'png');
		writeFileSync(path.join(dir, 'images', 'logos', 'b.SVG'), '<svg/>');
		writeFileSync(path.join(dir, 'images', 'notes.txt'), 'texte');
		writeFileSync(path.join(dir, 'c.png'), 'png');
		symlinkSync(path.join(dir, 'c.png'), path.join(dir, 'images', 'lien.png'));
		symlinkSync(dir, path.join(dir, 'images', 'boucle'));
		expect(await packageImages(dir)).toEqual(['images/a.png', 'images/logos/b.SVG']);
		expect(await packageImages(path.join(dir, 'absent'))).toEqual([]);
	});

	test('a link is checked against them as written', () => {
		const held = new Set(['images/a.png']);
		expect(imageLinkProblem('images/a.png', held)).toBeNull();
		expect(imageLinkProblem('images/A.png', held)).toEqual({ reason: 'absent' });
		expect(imageLinkProblem('images/./a.png', held)).toEqual({ reason: 'outside' });
	});
});
