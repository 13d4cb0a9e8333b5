/**
 * Retention in the production server (PRIV-05): started on a store holding participations past
 * their limits, it purges them by itself at start — their private links then answer 404 — and
 * logs counts only; the privacy notice gives the limits and the controller it is configured
 * with (PRIV-03); a malformed limit stops the start with a message naming the variable.
 */
import type { ChildProcess } from 'node:child_process';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { openLowdb } from '$lib/server/storage/lowdb-backend';
import { readSnapshot } from '$lib/server/storage/store';
import type { Participation } from '$lib/server/storage/records';
import { hashToken, newToken } from '$lib/server/storage/tokens';
import { startServer } from '../e2e/global-setup';
import { logEvents } from '../helpers/server-log';
import { ROOT, TEST_QUESTIONNAIRES } from '../helpers/paths';

const DAY = 86_400_000;
const children: ChildProcess[] = [];
const dirs: string[] = [];
afterAll(async () => {
	for (const child of children) {
		if (child.exitCode !== null) continue;
		const exited = new Promise((r) => child.once('exit', r));
		child.kill('SIGTERM');
		await exited;
	}
	for (const d of dirs) await rm(d, { recursive: true, force: true });
});

/** A participation of exemple-mini, last changed `daysAgo` days ago (completed or not). */
function aged(token: string, daysAgo: number, completed: boolean): Participation {
	const at = new Date(Date.now() - daysAgo * DAY).toISOString();
	return {
		id: hashToken(token).slice(0, 32),
		tokenHash: hashToken(token),
		questionnaireId: 'exemple-mini',
		questionnaireVersion: '1.0.0',
		previousId: null,
		campaign: null,
		status: completed ? 'completed' : 'in_progress',
		pageName: 'outils',
		answers: {},
		result: null,
		createdAt: at,
		updatedAt: at,
		completedAt: completed ? at : null
	};
}

describe('the server purges expired participations by itself', () => {
	test('at start: past the limits, the private links answer 404; the log holds counts only', async () => {
		const dir = await mkdtemp(path.join(tmpdir(), 'reperes-retention-'));
		dirs.push(dir);
		const tokens = {
			staleUnfinished: newToken().token,
			liveUnfinished: newToken().token,
			staleCompleted: newToken().token,
			liveCompleted: newToken().token
		};
		const seed = await openLowdb(path.join(dir, 'data'));
		await seed.participations.insert(aged(tokens.staleUnfinished, 31, false));
		await seed.participations.insert(aged(tokens.liveUnfinished, 29, false));
		await seed.participations.insert(aged(tokens.staleCompleted, 91, true));
		await seed.participations.insert(aged(tokens.liveCompleted, 89, true));
		await seed.close();

		const logFile = path.join(dir, 'server.log');
		const { url, child } = await startServer(
			{
				DATA_DIR: path.join(dir, 'data'),
				QUESTIONNAIRES_DIR: TEST_QUESTIONNAIRES,
				RETENTION_UNFINISHED_DAYS: '30',
				RETENTION_COMPLETED_DAYS: '90',
				CONTROLLER_NAME: 'Organisme <Exemple> & fils',
				CONTROLLER_CONTACT: 'donnees@exemple.invalid',
				DPO_CONTACT: 'dpo@exemple.invalid'
			},
			logFile
		);
		children.push(child);
		const purgeLine = async () =>
			(await logEvents(logFile)).find((l) => l.event === 'retention.purged');
		await expect.poll(purgeLine, { timeout: 10_000 }).toMatchObject({
			level: 'info',
			unfinished: 1,
			completed: 1,
			unfinishedDays: 30,
			completedDays: 90,
			// By default as long as the longer limit.
			tombstoneDays: 90
		});
		expect(Object.keys((await purgeLine())!).sort()).toEqual(
			[
				'time',
				'level',
				'event',
				'unfinished',
				'completed',
				'tombstones',
				'unfinishedDays',
				'completedDays',
				'tombstoneDays'
			].sort()
		);
		const status = async (token: string) => (await fetch(`${url}/p/${token}`)).status;
		expect(await status(tokens.staleUnfinished)).toBe(404);
		expect(await status(tokens.staleCompleted)).toBe(404);
		expect(await status(tokens.liveUnfinished)).toBe(200);
		// Read beside the running server, as a backup does: the two live ones, two tombstones.
		const { deleted, participations } = await readSnapshot(path.join(dir, 'data'));
		const idOf = (t: string) => hashToken(t).slice(0, 32);
		expect([...participations.keys()].sort()).toEqual(
			[idOf(tokens.liveUnfinished), idOf(tokens.liveCompleted)].sort()
		);
		expect([...deleted.keys()].sort()).toEqual(
			[idOf(tokens.staleUnfinished), idOf(tokens.staleCompleted)].sort()
		);
		// The notice says what this server applies, and who is responsible (escaped as text).
		const notice = (await (await fetch(`${url}/confidentialite`)).text()).replace(/\u00a0/g, ' ');
		expect(notice).toContain('supprimé automatiquement 30 jours après la dernière réponse');
		expect(notice).toContain('supprimé automatiquement 90 jours après sa fin');
		expect(notice).toContain('Organisme &lt;Exemple> &amp; fils');
		expect(notice).toContain('donnees@exemple.invalid');
		expect(notice).toContain('Délégué à la protection des données : dpo@exemple.invalid');
		expect(notice).not.toContain('n’a pas encore indiqué');
		const english = await (await fetch(`${url}/en/confidentialite`)).text();
		expect(english).toContain('deleted automatically 30 days after the last answer saved');
		expect((await logEvents(logFile)).map((e) => e.event)).not.toContain(
			'config.controller_missing'
		);

		const log = await readFile(logFile, 'utf8');
		for (const token of Object.values(tokens)) {
			expect(log).not.toContain(token);
			expect(log).not.toContain(hashToken(token).slice(0, 32));
		}
	});

	test('a malformed limit stops the start, naming the variable', async () => {
		const dir = await mkdtemp(path.join(tmpdir(), 'reperes-retention-'));
		dirs.push(dir);
		const run = spawnSync(process.execPath, ['build'], {
			cwd: ROOT,
			env: {
				...process.env,
				PORT: '0',
				DATA_DIR: dir,
				QUESTIONNAIRES_DIR: TEST_QUESTIONNAIRES,
				// The server requires ORIGIN before anything else (ADR 0017).
				ORIGIN: 'http://127.0.0.1:1',
				RETENTION_COMPLETED_DAYS: 'deux ans'
			},
			encoding: 'utf8',
			timeout: 15_000
		});
		expect(run.status).toBe(1);
		expect(run.stderr).toContain('Repères ne démarre pas : configuration invalide.');
		expect(run.stderr).toContain('RETENTION_COMPLETED_DAYS = "deux ans"');
		expect(run.stdout).not.toContain('Listening');
	});
});
