import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDashboardQueries } from '../../src/store/dashboard/queries.js';
import { openStore, type StoreEnv } from '../../src/store/index.js';
import { EXAMPLE, cli, git, tempDir } from './helpers.js';
import { dropSchemas, pgUnreachable, runSchema, TEST_PG_URL } from '../store/postgres-server.js';

/**
 * `spof-review log --record` backfills the dashboard's trends: each reviewed commit's inventory,
 * dated by the commit, in the store the app uses — a SQLite file, or PostgreSQL (a schema of its own).
 */
const PG_URL = TEST_PG_URL;
const SCHEMA = runSchema('logrec');
const pgUp = (await pgUnreachable(PG_URL)) === undefined;

afterAll(async () => {
  if (pgUp) await dropSchemas(SCHEMA);
});

/** base (root) -> the cost cut (new SPOFs) -> back to base (fixed) -> a docs commit; author dates a week apart. */
function historyRepo(): { repo: string; commits: string[] } {
  const repo = tempDir('spof-record-');
  git(repo, 'init', '-q', '-b', 'main');
  const put = (side: string) => {
    rmSync(join(repo, 'infra'), { recursive: true, force: true });
    mkdirSync(join(repo, 'infra'));
    cpSync(join(EXAMPLE, side), join(repo, 'infra'), { recursive: true });
  };
  const commit = (message: string, date: string) => {
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', message, '--date', date);
    return git(repo, 'rev-parse', 'HEAD').trim();
  };
  put('base');
  writeFileSync(join(repo, 'CODEOWNERS'), '/infra/  @acme/payments\n');
  const commits = [commit('base', '2025-02-18T10:00:00Z')];
  put('head');
  commits.push(commit('cost cut', '2025-02-25T10:00:00Z'));
  put('base');
  commits.push(commit('back to two zones', '2025-03-04T10:00:00Z'));
  writeFileSync(join(repo, 'NOTES.md'), 'docs\n');
  commits.push(commit('docs', '2025-03-05T10:00:00Z'));
  return { repo, commits };
}

const databases: { name: string; skip: boolean; env: () => StoreEnv & Record<string, string> }[] = [
  { name: 'SQLite', skip: false, env: () => ({ SPOF_REVIEW_DB: join(tempDir('spof-record-db-'), 'store.db') }) },
  { name: 'PostgreSQL', skip: !pgUp, env: () => ({ DATABASE_URL: PG_URL, DATABASE_SCHEMA: SCHEMA }) },
];

for (const database of databases) {
  describe.skipIf(database.skip)(`spof-review log --record on ${database.name}`, () => {
    it("records each reviewed commit's inventory dated by the commit, never a flagged change; again, it changes nothing", async () => {
      const { repo, commits } = historyRepo();
      const env = database.env();
      const args = ['log', '--repo', repo, '--format', 'json', '--fail-on', 'never', '--record', '--repository', 'acme/payments'];

      const refused = cli(args, { env });
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('give --repo-id and --installation-id');

      const r = cli([...args, '--repo-id', '700', '--installation-id', '9'], { env });
      expect(r.stderr).toContain('recording inventories in ');
      expect(r.stderr).toContain('acme/payments (repository id 700) refs/heads/main');
      expect(r.stderr).not.toMatch(/postgres:\/\/[^*\s]*:[^*\s]*@/);
      expect(r.code).toBe(0);
      const summary = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { reviewed: number; recorded: number };
      expect(summary).toMatchObject({ reviewed: 2, recorded: 2 });

      // The store knows the repository now: a second run needs no ids and records nothing twice.
      expect(cli(args, { env }).code).toBe(0);

      const store = await openStore(env);
      try {
        const rows = await store.db.selectFrom('inventories').select(['sha', 'source', 'created_at', 'spof_count', 'spofs_json', 'installation_id']).orderBy('created_at').execute();
        expect(rows.map((x) => [x.sha, x.source, new Date(x.created_at).toISOString(), Number(x.installation_id)])).toEqual([
          [commits[1], 'history', '2025-02-25T10:00:00.000Z', 9],
          [commits[2], 'history', '2025-03-04T10:00:00.000Z', 9],
        ]);
        const cut = JSON.parse(rows[0]!.spofs_json) as { componentId: string; owners: string[]; blastRadius: number }[];
        expect(cut.length).toBeGreaterThan(rows[1]!.spof_count);
        expect(cut.every((s) => s.owners.includes('acme/payments'))).toBe(true);
        expect(await store.db.selectFrom('dashboard_changes').selectAll().execute()).toEqual([]);
        expect(await store.db.selectFrom('reviews').selectAll().execute()).toEqual([]);

        const q = createDashboardQueries(store.db, { now: () => new Date('2025-03-06T00:00:00Z') });
        const t = await q.trends({ repoIds: [700] }, { from: '2025-02-24T00:00:00Z', to: '2025-03-03T00:00:00Z' });
        const fixed = rows[0]!.spof_count - rows[1]!.spof_count;
        expect(t.weeks.map((w) => [w.newSpofs, w.resolved, w.inventorySize])).toEqual([[0, 0, rows[0]!.spof_count], [0, fixed, rows[1]!.spof_count]]);
        expect(t.byTeam.map((b) => b.team)).toEqual(['acme/payments']);
      } finally {
        await store.close();
      }
    });
  });
}

describe('spof-review log without --record', () => {
  it('refuses the recording options alone', () => {
    const { repo } = historyRepo();
    const r = cli(['log', '--repo', repo, '--repo-id', '7']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--repo-id, --installation-id and --ref go with --record');
  });
});
