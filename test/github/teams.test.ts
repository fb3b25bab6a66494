import { describe, expect, it } from 'vitest';
import { review, teamsToAsk } from '../../src/analysis/index.js';
import { DEFAULT_CONFIG } from '../../src/config/types.js';
import { BlobFetcher } from '../../src/github/fetch/blobs.js';
import { fetchChange } from '../../src/github/fetch/index.js';
import { fetchTeamMembers } from '../../src/github/fetch/teams.js';
import { useFake } from './fake/client.js';

const { gh, repo, client, coords } = useFake();

const MANIFEST = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: 3\n  selector:\n    matchLabels: { app: api }\n  template:\n    metadata:\n      labels: { app: api }\n    spec:\n      containers:\n        - name: api\n          image: ghcr.io/acme/api:1\n';

describe('team sizes from GitHub', () => {
  it('reads every page of a team, and leaves a team it may not see (403) or that does not exist (404) unknown', async () => {
    gh.teams.set('acme/platform', Array.from({ length: 150 }, (_, i) => `Member${i}`));
    gh.teams.set('acme/sre', ['carol']);
    gh.fail('GET', /^\/orgs\/acme\/teams\/sre\/members$/, 403, 1, {}, { message: 'Resource not accessible by integration' });
    const got = await fetchTeamMembers(client, ['acme/platform', 'acme/sre', 'acme/ghosts']);
    expect(Object.keys(got)).toEqual(['acme/platform']);
    expect(got['acme/platform']).toHaveLength(150);
    expect((got['acme/platform'] as string[])[0]).toBe('member0');
    expect(gh.ops()).toEqual(['GET teams/list-members-in-org', 'GET teams/list-members-in-org', 'GET teams/list-members-in-org', 'GET teams/list-members-in-org']);
  });

  it('fails the job on other errors: unknown is for refusals only', async () => {
    gh.fail('GET', /^\/orgs\/acme\/teams\/platform\/members$/, 422, 1, {}, { message: 'Validation Failed' });
    await expect(fetchTeamMembers(client, ['acme/platform'])).rejects.toMatchObject({ status: 422 });
  });

  it('a CODEOWNERS-only pull request: the manifest it hands to one person is loaded by content, the team is asked, the finding follows', async () => {
    const files = { 'k8s/api/deployment.yaml': MANIFEST, 'src/main.go': 'package main\n', '.github/CODEOWNERS': '* @acme/dev\n/k8s/ @acme/platform\n' };
    const base = repo.commit(files);
    const head = repo.change(base, { '.github/CODEOWNERS': '* @acme/dev\n/k8s/ @alice\n' });
    const fetched = await fetchChange(client, coords, { base, head, config: DEFAULT_CONFIG, blobs: new BlobFetcher(client, coords) });
    expect(fetched.files!.iacChanged).toEqual(['.github/CODEOWNERS']);
    // The manifest was not changed but its owner was: it is loaded (the Go file is no candidate).
    expect(fetched.files!.head.read('k8s/api/deployment.yaml')).toBe(MANIFEST);

    const teams = teamsToAsk({ base: fetched.files!.base, head: fetched.files!.head, config: DEFAULT_CONFIG });
    expect(teams).toEqual(['acme/platform']);
    gh.teams.set('acme/platform', ['bob', 'carol', 'dave']);
    const teamMembers = await fetchTeamMembers(client, teams);
    const withTeams = review({ base: fetched.files!.base, head: fetched.files!.head, config: DEFAULT_CONFIG, teamMembers });
    expect(withTeams.findings.map((f) => [f.kind, f.rule, f.component.id, f.location.startLine, f.blastRadius.dependents])).toEqual([
      ['new-spof', 'codeowners-key-person', 'codeowners:/k8s/', 2, ['k8s/api/deployment.yaml']],
    ]);
    // Refused: the team's size stays unknown, and so does the finding.
    const unknown = review({ base: fetched.files!.base, head: fetched.files!.head, config: DEFAULT_CONFIG, teamMembers: {} });
    expect(unknown.findings).toEqual([]);
  });
});
