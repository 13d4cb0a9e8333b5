import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { actionCampaign, pageCampaign, sessionOr404 } from '$lib/server/campaigns/guided-access';
import { answerSave, answeringView, savePage } from '$lib/server/answering';
import * as guided from '$lib/server/storage/guided';
import { levelLabel, localize } from '$lib/diagnostic/localized';
import { actionTargets, buildReport, recommendedResources } from '$lib/guided/report';
import { radarLevels } from '$lib/charts/radar-levels';
import {
	actionForm,
	assessmentForm,
	isStatus,
	readAction,
	readAssessment,
	REMOVE_FORM,
	STATUS_FORM,
	type FieldProblem
} from '$lib/guided/plan';
import { formPost, strictPost } from '$lib/server/form-post';
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
		radarLevels: radarLevels(pkg.levels.levels, locale),
		targets: actionTargets(pkg, locale),
		resources: recommendedResources(pkg, participation.result, locale),
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

/** Labels of the assessment form's fields, for messages that name them. */
function assessLabels(pkg: Awaited<ReturnType<typeof resolve>>['questionnaire']['pkg']) {
	const locale = getLocale();
	const labels = new Map<string, string>();
	for (const a of pkg.framework.areas) {
		const area = localize(a.name, locale);
		labels.set(`note.${a.id}`, `${area} – ${m.g_note()}`);
		labels.set(`rating.${a.id}`, `${area} – ${m.g_advisor_level()}`);
	}
	return (field: string) => labels.get(field);
}

/** The new-action form's fields as the page names them; `resources` is shown as `resourceIds`. */
const ACTION_LABELS: Record<string, () => string> = {
	title: m.g_action_title,
	target: m.g_action_target,
	owner: m.g_action_owner,
	dueOn: m.g_action_due,
	status: m.g_action_status,
	resources: m.g_action_resources
};
const actionLabel = (field: string) =>
	Object.hasOwn(ACTION_LABELS, field) ? ACTION_LABELS[field]!() : undefined;

export const actions = {
	/** Saves a questionnaire page answered on the client's behalf (same rules as /p/). */
	save: async (event) => {
		const r = await resolve(event);
		if (r.participation.status === 'completed') redirect(303, r.self);
		const outcome = await savePage(
			r.questionnaire,
			r.participation,
			await formPost(event.request),
			getLocale(),
			// An enhanced submission (use:enhance, the autosave) swaps in the page it answers with.
			event.request.headers.get('x-sveltekit-action') === 'true'
		);
		return answerSave(outcome, '/campagnes/[token]/accompagnements/[id]?/save', r.self);
	},

	/** Saves every area's note and advisor rating at once; nothing is written if one is wrong. */
	assess: async (event) => {
		const r = completed(await resolve(event));
		const { pkg } = r.questionnaire;
		const known = {
			areas: new Set(pkg.framework.areas.map((a) => a.id)),
			levels: new Set(pkg.levels.levels.map((l) => l.id))
		};
		const label = assessLabels(pkg);
		const read = await strictPost(
			event.request,
			assessmentForm(known),
			label,
			getLocale(),
			'/campagnes/[token]/accompagnements/[id]?/assess'
		);
		const typed = Object.fromEntries(
			[...read.raw].filter((e): e is [string, string] => typeof e[1] === 'string' && !!label(e[0]))
		);
		if (!read.ok) return fail(400, { form: 'assess' as const, ...read.refusal, values: typed });
		const checked = readAssessment(
			read.form.names().map((name) => [name, read.form.text(name)]),
			known
		);
		if (!checked.ok) {
			logRefusedForm(
				'/campagnes/[token]/accompagnements/[id]?/assess',
				Object.keys(checked.errors)
			);
			return fail(400, {
				form: 'assess' as const,
				errors: Object.fromEntries(
					Object.entries(checked.errors).map(([field, p]) => [field, problem(p, field)])
				),
				refused: null,
				values: typed
			});
		}
		await guided.saveAssessment(r.session, checked.notes, checked.ratings);
		redirect(303, `${r.self}#notes`);
	},

	/** Adds an action to the plan. */
	addAction: async (event) => {
		const r = completed(await resolve(event));
		const known = {
			targets: new Set(actionTargets(r.questionnaire.pkg, getLocale()).map((t) => t.id)),
			resources: new Set(
				recommendedResources(r.questionnaire.pkg, r.result, getLocale()).map((x) => x.id)
			)
		};
		const read = await strictPost(
			event.request,
			actionForm(known),
			actionLabel,
			getLocale(),
			'/campagnes/[token]/accompagnements/[id]?/addAction'
		);
		const text = (name: string) => {
			const v = read.raw.get(name);
			return typeof v === 'string' ? v : '';
		};
		const input = {
			title: text('title'),
			target: text('target'),
			owner: text('owner'),
			dueOn: text('dueOn'),
			status: text('status') || 'todo',
			resourceIds: read.raw.getAll('resources').filter((v): v is string => typeof v === 'string')
		};
		if (!read.ok) {
			const { resources, ...errors } = read.refusal.errors;
			return fail(400, {
				form: 'action' as const,
				errors: resources ? { ...errors, resourceIds: resources } : errors,
				refused: read.refusal.refused,
				values: input
			});
		}
		const checked = readAction(input, known);
		if (!checked.ok) {
			logRefusedForm(
				'/campagnes/[token]/accompagnements/[id]?/addAction',
				Object.keys(checked.errors)
			);
			return fail(400, {
				form: 'action' as const,
				errors: Object.fromEntries(
					Object.entries(checked.errors).map(([field, p]) => [field, problem(p, field)])
				),
				refused: null,
				values: input
			});
		}
		await guided.addAction(r.session, checked.action);
		redirect(303, `${r.self}#plan`);
	},

	/** Changes one action's status. */
	setStatus: async (event) => {
		const r = completed(await resolve(event));
		const read = await strictPost(
			event.request,
			STATUS_FORM,
			() => undefined,
			getLocale(),
			'/campagnes/[token]/accompagnements/[id]?/setStatus'
		);
		if (!read.ok) return fail(400, { form: 'plan' as const, refused: read.refusal.refused });
		const status = read.form.text('status');
		if (!isStatus(status)) {
			return fail(400, { form: 'plan' as const, refused: m.form_refused() });
		}
		if (!(await guided.setActionStatus(r.session, read.form.text('action'), status))) {
			error(404, 'Not found');
		}
		redirect(303, `${r.self}#plan`);
	},

	/** Removes one action from the plan. */
	removeAction: async (event) => {
		const r = completed(await resolve(event));
		const read = await strictPost(
			event.request,
			REMOVE_FORM,
			() => undefined,
			getLocale(),
			'/campagnes/[token]/accompagnements/[id]?/removeAction'
		);
		if (!read.ok) return fail(400, { form: 'plan' as const, refused: read.refusal.refused });
		if (!(await guided.removeAction(r.session, read.form.text('action')))) {
			error(404, 'Not found');
		}
		redirect(303, `${r.self}#plan`);
	}
} satisfies Actions;
