/**
 * On PostgreSQL the app is stateless: two production servers on two ports share one database,
 * and a participant can start on one, save on it, resume on the other and finish anywhere. The
 * budgets per address are kept in the database too (ADR 0023): both instances spend one.
 */
import type { ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, test } from 'vitest';
import { startServer } from '../e2e/global-setup';
import { createProtectedCampaign, miniPages, post, unlock } from '../helpers/participant';
import { TEST_QUESTIONNAIRES } from '../helpers/paths';
import { postgresUnavailable, startPostgres } from '../helpers/postgres';

const server = await startPostgres();
const children: ChildProcess[] = [];
afterAll(async () => {
	for (const child of children) {
		child.kill('SIGTERM');
		if (child.exitCode === null) await new Promise((r) => child.once('exit', r));
	}
	await server?.stop();
});

if (!server) {
	test(`two instances on PostgreSQL NOT RUN: ${postgresUnavailable()}`, () => {
		expect(process.env.CI, 'CI must run the PostgreSQL tests').toBeFalsy();
	});
} else {
	describe('two app instances on one PostgreSQL database', () => {
		test('a participant saves on one instance and resumes on the other', async () => {
			const env = {
				DATABASE_URL: await server.createDatabase(),
				QUESTIONNAIRES_DIR: TEST_QUESTIONNAIRES
			};
			// Both start at once: the migrations run once, under a lock.
			const [a, b] = await Promise.all([startServer(env), startServer(env)]);
			children.push(a.child, b.child);
			expect(a.url).not.toBe(b.url);

			const started = await post(a.url, '/diagnostics/exemple-mini?/start', []);
			expect(started.status).toBe(303);
			const token = started.headers.get('location')!.split('/').at(-1)!;
			const [outils, accompagnement] = miniPages(2);
			const saved = await post(a.url, `/p/${token}?/save`, [
				['page', outils!.page],
				['nav', 'next'],
				...outils!.fields
			]);
			expect(saved.status).toBe(303);

			// Instance B shows the next page, with nothing lost; going back shows A's answers.
			const resumed = await (await fetch(`${b.url}/p/${token}`)).text();
			expect(resumed).toContain('name="page" value="accompagnement"');
			expect(
				(
					await post(b.url, `/p/${token}?/save`, [
						['page', 'accompagnement'],
						['nav', 'prev']
					])
				).status
			).toBe(303);
			const back = await (await fetch(`${b.url}/p/${token}`)).text();
			expect(back).toContain('name="page" value="outils"');
			expect(back).toMatch(/value="souvent"[^>]*checked/);

			// Finished on B, the results open on A.
			for (const page of [outils!, accompagnement!]) {
				const r = await post(b.url, `/p/${token}?/save`, [
					['page', page.page],
					['nav', 'next'],
					...page.fields
				]);
				expect(r.status).toBe(303);
			}
			const results = await (await fetch(`${a.url}/p/${token}`)).text();
			expect(results).toContain('id="overall-title"');
			expect(results).not.toContain('name="page"');
			// A replayed final submit on A changes nothing and lands on the same results.
			const replay = await post(a.url, `/p/${token}?/save`, [
				['page', accompagnement!.page],
				['nav', 'next'],
				...accompagnement!.fields
			]);
			expect(replay.status).toBe(303);
			expect(replay.headers.get('location')).toMatch(new RegExp(`/p/${token}$`));
		}, 60_000);

		test('both instances spend one budget of wrong codes and one of passphrases', async () => {
			const env = {
				DATABASE_URL: await server.createDatabase(),
				QUESTIONNAIRES_DIR: TEST_QUESTIONNAIRES,
				LOOKUP_FAILURES_PER_10_MIN: '10'
			};
			const [a, b] = await Promise.all([startServer(env), startServer(env)]);
			children.push(a.child, b.child);
			const instances = [a.url, b.url];

			// 200 wrong codes at once, half to each instance: 10 checked in all.
			const codes = await Promise.all(
				Array.from({ length: 200 }, async (_, i) => {
					const guess = [...`${i}`.padStart(8, '0')].map((d) => 'ACDEFGHJKM'[Number(d)]).join('');
					return (await fetch(`${instances[i % 2]}/rejoindre/${guess}`)).status;
				})
			);
			expect(codes.filter((s) => s === 404)).toHaveLength(10);
			expect(codes.filter((s) => s === 429)).toHaveLength(190);
			// Spent on one, spent on the other.
			for (const url of instances) {
				expect((await fetch(`${url}/p/AAAAAAAAAAAAAAAAAAAAAA`)).status).toBe(429);
			}

			// 60 wrong passphrases at once, half to each: five checked in all; the right one
			// then refused on both.
			const token = await createProtectedCampaign(a.url, 'une phrase assez longue');
			const tries = await Promise.all(
				Array.from(
					{ length: 60 },
					async (_, i) => (await unlock(instances[i % 2]!, token, `faux-${i}`)).status
				)
			);
			expect(tries.filter((s) => s === 400).length).toBeGreaterThan(0);
			expect(tries.filter((s) => s === 400).length).toBeLessThanOrEqual(5);
			for (const url of instances) {
				expect((await unlock(url, token, 'une phrase assez longue')).status).toBe(429);
			}
		}, 60_000);
	});
}
