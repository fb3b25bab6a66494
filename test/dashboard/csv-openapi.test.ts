import { describe, expect, it } from 'vitest';
import { csv } from '../../src/dashboard/api/csv.js';
import { changesCsv } from '../../src/dashboard/api/csv-tables.js';
import { openApiProblems } from './openapi-check.js';

describe('CSV', () => {
  it('is RFC 4180: CRLF rows, quotes doubled, fields with commas, quotes or line breaks quoted', () => {
    expect(csv(['a', 'b'], [['x,y', 'say "hi"'], ['line\nbreak', null], [3, true]])).toBe('a,b\r\n"x,y","say ""hi"""\r\n"line\nbreak",\r\n3,true\r\n');
  });

  it('never lets a spreadsheet read a text cell as a formula', () => {
    const out = csv(['v'], [['=HYPERLINK("http://evil","x")'], ['+1'], ['-2+3'], ['@SUM(A1)'], ['\tcmd'], ['\r=1'], ['plain'], [-5]]);
    expect(out.split('\r\n').slice(1, -1)).toEqual([`"'=HYPERLINK(""http://evil"",""x"")"`, "'+1", "'-2+3", "'@SUM(A1)", "'\tcmd", `"'\r=1"`, 'plain', '-5']);
  });

  it('a flagged change is one row with its counts and its acceptance', () => {
    const text = changesCsv([
      {
        installationId: 1,
        repoId: 2,
        owner: 'acme',
        repo: 'infra',
        prNumber: 7,
        headSha: 'a'.repeat(40),
        status: 'accepted',
        counts: { high: 2 },
        topSeverity: 'high',
        kinds: ['new-spof'],
        rules: ['single-nat', 'single-db'],
        teams: ['acme/platform'],
        checkRunId: 3,
        firstFlaggedAt: '2026-12-01T00:00:00.000Z',
        lastReviewedAt: '2026-12-02T00:00:00.000Z',
        closedAt: null,
        acceptance: { by: 'alice', reason: '=cmd|" /C calc"!A0', expiresAt: null },
      },
    ]);
    const [header, row] = text.split('\r\n');
    expect(header).toBe('repository,pr,status,top_severity,critical,high,medium,low,kinds,rules,teams,head_sha,first_flagged_at,last_reviewed_at,closed_at,accepted_by,acceptance_reason,acceptance_expires_at');
    expect(row).toBe(`acme/infra,7,accepted,high,0,2,0,0,new-spof,single-nat single-db,acme/platform,${'a'.repeat(40)},2026-12-01T00:00:00.000Z,2026-12-02T00:00:00.000Z,,alice,"'=cmd|"" /C calc""!A0",`);
  });
});

describe('the OpenAPI check the API tests use', () => {
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

  it('refuses an answer the document does not describe', async () => {
    expect(await openApiProblems('/api/v1/teams', json(200, { teams: [{ team: 'a/b' }] }))).not.toEqual([]);
    expect(await openApiProblems('/api/v1/teams', json(200, { myTeams: null, teams: [], extra: 1 }))).not.toEqual([]);
    expect(await openApiProblems('/api/v1/teams', json(418, { error: 'x' }))).toEqual(['/teams: status 418 is not documented']);
    expect(await openApiProblems('/api/v1/nothing', json(200, {}))).toEqual(['/api/v1/nothing is not in the OpenAPI document']);
    expect(await openApiProblems('/api/v1/overview', new Response('a,b\r\n', { status: 200, headers: { 'content-type': 'text/csv' } }))).toEqual(['/overview 200: content type text/csv is not documented']);
  });

  it('accepts one it does', async () => {
    expect(await openApiProblems('/api/v1/teams', json(200, { myTeams: ['acme/platform'], teams: [{ team: 'acme/platform', open: 1, accepted: 0, defaultBranchSpofs: 2, repos: ['acme/infra'] }] }))).toEqual([]);
    expect(await openApiProblems('/api/v1/changes/acme/infra/1', json(404, { error: 'no such change' }))).toEqual([]);
  });
});
