import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { actionCampaign, pageCampaign, sessionOr404 } from '$lib/server/campaigns/guided-access';
import { answeringView, savePage } from '$lib/server/answering';
import * as guided from '$lib/server/storage/guided';
import { levelLabel, localize } from '$lib/diagnostic/localized';
import { actionTargets, buildReport, recommendedResources } from '$lib/guided/report';
import { isStatus, readAction, readAssessment, type FieldProblem } from '$lib/guided/plan';
import { getLocale, href, m } from '$lib/i18n';
import { logRefusedForm } from '$lib/server/security/refusals';

export const load = (async ({ params, cookies }) => {
	const campaign = await pageCampaign(params.token, cookies);
	const { session, participation, questionnaire } = await sessionOr404(campaign, params.id);
	const { pkg } = questionnaire;
	const locale = getLocale();
	const common = {
		campaign: campaign.name,
		client: session.client,
		title: localize(pkg.manifest.title, locale)
	};
	if (participation.status !== 'completed' || !participation.result) {
		return {
			state: 'answering' as const,
			...common,
			...answeringView(questionnaire, participation, locale)
		};
	}
	return {
		state: 'workspace' as const,
		...common,
		report: buildReport({
			pkg,
			result: participation.result,
			session,
			completedAt: participation.completedAt,
			locale
		}),
		levels: pkg.levels.levels.map((l) => ({ id: l.id, name: levelLabel(l, locale) })),
		targets: actionTargets(pkg, locale),
		resources: recommendedResources(pkg, participation.result),
		actionIds: session.actions.map((a) => a.id)
	};
}) satisfies PageServerLoad;

/** The session of an action request, or 403 / 404. */
async function resolve({ params, cookies }: RequestEvent) {
	const campaign = await actionCampaign(params.token, cookies);
	return { ...(await sessionOr404(campaign, params.id)), self: href(url(params)) };
}

const url = (params: { token: string; id: string }) =>
	`/campagnes/${params.token}/accompagnements/${params.id}`;

/** The workspace's actions only apply once the diagnostic is completed. */
function completed(r: Awaited<ReturnType<typeof resolve>>) {
	if (r.participation.status !== 'completed' || !r.participation.result) redirect(303, r.self);
	return { ...r, result: r.participation.result };
}

const problem = (p: FieldProblem, field: string): string => {
	if (p === 'required') return field === 'title' ? m.g_err_title() : m.g_err_target();
	if (p === 'too-long') return m.g_err_too_long();
	if (p === 'invalid') return m.g_err_date();
	return m.g_err_unknown();
};

const strings = (form: FormData) =>
	[...form].filter((e): e is [string, string] => typeof e[1] === 'string');

export const actions = {
	/** Saves a questionnaire page answered on the client's behalf (same rules as /p/). */
	save: async (event) => {
		const r = await resolve(event);
		if (r.participation.status === 'completed') redirect(303, r.self);
		const outcome = await savePage(
			r.questionnaire,
			r.participation,
			await event.request.formData(),
			getLocale()
		);
		if (outcome.kind === 'stay') return { saved: true, errors: outcome.errors, message: null };
		if (outcome.kind === 'invalid') {
			logRefusedForm('/campagnes/[token]/accompagnements/[id]?/save', Object.keys(outcome.errors));
			return fail(400, { errors: outcome.errors, message: outcome.message });
		}
		redirect(303, r.self);
	},

	/** Saves every area's note and advisor rating at once; nothing is written if one is wrong. */
	assess: async (event) => {
		const r = completed(await resolve(event));
		const { pkg } = r.questionnaire;
		const fields = strings(await event.request.formData());
		const read = readAssessment(fields, {
			areas: new Set(pkg.framework.areas.map((a) => a.id)),
			levels: new Set(pkg.levels.levels.map((l) => l.id))
		});
		if (!read.ok) {
			logRefusedForm('/campagnes/[token]/accompagnements/[id]?/assess', Object.keys(read.errors));
			return fail(400, {
				form: 'assess' as const,
				errors: Object.fromEntries(
					Object.entries(read.errors).map(([field, p]) => [field, problem(p, field)])
				),
				values: Object.fromEntries(fields.filter(([k]) => /^(note|rating)\./.test(k)))
			});
		}
		await guided.saveAssessment(r.session, read.notes, read.ratings);
		redirect(303, `${r.self}#notes`);
	},

	/** Adds an action to the plan. */
	addAction: async (event) => {
		const r = completed(await resolve(event));
		const form = await event.request.formData();
		const text = (name: string) => {
			const v = form.get(name);
			return typeof v === 'string' ? v : '';
		};
		const input = {
			title: text('title'),
			target: text('target'),
			owner: text('owner'),
			dueOn: text('dueOn'),
			status: text('status') || 'todo',
			resourceIds: form.getAll('resources').filter((v): v is string => typeof v === 'string')
		};
		const read = readAction(input, {
			targets: new Set(actionTargets(r.questionnaire.pkg, getLocale()).map((t) => t.id)),
			resources: new Set(recommendedResources(r.questionnaire.pkg, r.result).map((x) => x.id))
		});
		if (!read.ok) {
			logRefusedForm(
				'/campagnes/[token]/accompagnements/[id]?/addAction',
				Object.keys(read.errors)
			);
			return fail(400, {
				form: 'action' as const,
				errors: Object.fromEntries(
					Object.entries(read.errors).map(([field, p]) => [field, problem(p, field)])
				),
				values: input
			});
		}
		await guided.addAction(r.session, read.action);
		redirect(303, `${r.self}#plan`);
	},

	/** Changes one action's status. */
	setStatus: async (event) => {
		const r = completed(await resolve(event));
		const form = await event.request.formData();
		const status = String(form.get('status') ?? '');
		if (!isStatus(status)) error(400, 'Bad request');
		if (!(await guided.setActionStatus(r.session, String(form.get('action') ?? ''), status))) {
			error(404, 'Not found');
		}
		redirect(303, `${r.self}#plan`);
	},

	/** Removes one action from the plan. */
	removeAction: async (event) => {
		const r = completed(await resolve(event));
		const form = await event.request.formData();
		if (!(await guided.removeAction(r.session, String(form.get('action') ?? '')))) {
			error(404, 'Not found');
		}
		redirect(303, `${r.self}#plan`);
	}
} satisfies Actions;
