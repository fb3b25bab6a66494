import { describe, expect, it } from 'vitest';
import { renderMermaid } from '../../src/report/mermaid.js';
import { renderChange, renderInventory, renderRiskRegister, renderTeams, renderTrends } from '../../src/dashboard/pages/index.js';
import { graphSvg, parseMermaid } from '../../src/dashboard/pages/mermaid-graph.js';
import { cspSafeSvg } from '../../src/dashboard/pages/charts.js';
import type { TrendWeek } from '../../src/store/dashboard/types.js';
import { HOSTILE, change, ctx, viewer } from './fixtures.js';
import { component, sampleInventory, spof } from '../report/sample.js';

function expectInert(page: string): void {
  expect(page).not.toMatch(/<script/i);
  expect(page).not.toMatch(/<img/i);
  expect(page.replace(/="[^"]*"/g, '=""').replace(/>[^<]*</g, '><')).not.toMatch(/\son[a-z]+=/i);
}

/** What the CSP (`style-src 'self'`) would block: a style element or attribute. */
function expectNoInlineStyle(page: string): void {
  expect(page).not.toMatch(/<style/i);
  expect(page).not.toMatch(/\sstyle=/i);
}

/** report/mermaid.ts's own output, with hostile ids and types. */
function realMermaid(): string {
  const inv = sampleInventory();
  const evil = component('aws_instance.x', { type: '<script>alert(1)</script>', stack: 'a "b"' });
  return renderMermaid({ ...inv, spofs: [...inv.spofs, spof(evil)], snapshot: { ...inv.snapshot, components: [...inv.snapshot.components, evil] } });
}

describe('the affected graph', () => {
  const source = [
    'flowchart LR',
    '  subgraph s0["stack envs/prod"]',
    '    n_aws_lb_public(["aws_lb.public<br/><small>aws_lb</small>"])',
    '    n_aws_ecs_service_api["aws_ecs_service.api<br/><small>aws_ecs_service</small>"]',
    '    n_aws_db_instance_main["SPOF critical: aws_db_instance.main<br/><small>aws_db_instance</small>"]',
    '    n_evil["#60;script#62;alert(1)#60;/script#62;<br/><small>x</small>"]',
    '  end',
    '  n_aws_lb_public --> n_aws_ecs_service_api',
    '  n_aws_ecs_service_api --> n_aws_db_instance_main',
    '  n_evil --> n_aws_db_instance_main',
    '  classDef spof fill:#ffd6d6,stroke:#c00000,stroke-width:3px,color:#000',
    '  class n_aws_lb_public entry',
    '  class n_aws_db_instance_main spof',
    '',
  ].join('\n');

  it('reads report/mermaid.ts dialect, decoding its entity codes', () => {
    const real = parseMermaid(realMermaid())!;
    expect(real.nodes.find((n) => n.title === 'aws_db_instance.main')).toMatchObject({ spof: true, type: 'aws_db_instance' });
    expect(real.nodes.find((n) => n.title === 'aws_lb.public')).toMatchObject({ entry: true, spof: false });
    expect(real.nodes.find((n) => n.title === 'aws_instance.x')).toMatchObject({ type: '<script>alert(1)</script>', stack: 'a "b"', spof: true });
    const names = new Map(real.nodes.map((n) => [n.id, n.title]));
    expect(real.edges.map((e) => `${names.get(e.from)} -> ${names.get(e.to)}`)).toContain('aws_ecs_service.api -> aws_db_instance.main');
    const g = parseMermaid(source)!;
    expect(g.nodes.map((n) => [n.title, n.stack, n.entry, n.spof])).toEqual([
      ['aws_lb.public', 'envs/prod', true, false],
      ['aws_ecs_service.api', 'envs/prod', false, false],
      ['aws_db_instance.main', 'envs/prod', false, true],
      ['<script>alert(1)</script>', 'envs/prod', false, false],
    ]);
    expect(g.edges).toHaveLength(3);
    expect(parseMermaid('graph TD\n  a-->b')).toBeUndefined();
    expect(parseMermaid('flowchart LR\n  click a call x()')).toBeUndefined();
  });

  it('lays it out left (dependents) to right (what they need) as SVG with escaped text', () => {
    const svg = graphSvg(parseMermaid(source)!, 't', 'Affected');
    expectInert(svg);
    expectNoInlineStyle(svg);
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const x = (label: string) => Number(new RegExp(`<text x="([\\d.]+)"[^>]*>${label}<`).exec(svg)![1]);
    expect(x('aws_lb.public')).toBeLessThan(x('aws_ecs_service.api'));
    expect(x('aws_ecs_service.api')).toBeLessThan(x('SPOF: aws_db_instance.main'));
    expect(svg.match(/marker-end/g)).toHaveLength(3);
  });

  it('routes an edge that skips a column around the boxes of that column', () => {
    // lb -> api -> db and lb -> db: the second edge passes api's column beside api, not through it.
    const g = parseMermaid(['flowchart LR', '  a["lb<br/><small>t</small>"]', '  b["api<br/><small>t</small>"]', '  c["db<br/><small>t</small>"]', '  a --> b', '  b --> c', '  a --> c'].join('\n'))!;
    const svg = graphSvg(g, 't', 'x');
    const [, boxY, , boxH] = /<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"[^>]*\/>\n<text[^>]*>api</.exec(svg)!.slice(1).map(Number);
    const paths = [...svg.matchAll(/<path d="([^"]+)"[^>]*marker-end/g)].map((m) => m[1]!);
    const around = paths.filter((d) => d.includes('L'));
    expect(around).toHaveLength(1);
    // The straight run through api's column is at a height api's box does not cover.
    const y = Number(/L[\d.]+ ([\d.]+)/.exec(around[0]!)![1]);
    expect(y < boxY! || y > boxY! + boxH!).toBe(true);
  });

  it('is drawn on the change page, with its text as a list and the source', () => {
    const page = renderChange(
      {
        change: change({ owner: 'acme', repo: 'payments' }),
        findings: [
          {
            fingerprint: 'f'.repeat(20),
            kind: 'new-spof',
            severity: 'critical',
            rule: 'aws.rds.single-az',
            componentId: 'aws_db_instance.main',
            stack: 'envs/prod',
            file: 'envs/prod/db tf/main.tf',
            line: 17,
            title: HOSTILE,
            body: `**${HOSTILE}**`,
            teams: ['acme/dba'],
            state: 'open',
          },
        ],
        timeline: [
          { at: '2026-12-01T10:00:00Z', type: 'reviewed', headSha: 'a'.repeat(40), conclusion: 'failure', appeared: ['f'.repeat(20)], resolved: [] },
          { at: '2026-12-02T10:00:00Z', type: 'accepted', actor: HOSTILE, reason: HOSTILE, expiresAt: '2027-01-01T00:00:00Z', fingerprints: ['f'.repeat(20)] },
          { at: '2026-12-03T10:00:00Z', type: 'closed', outcome: 'merged-with-risk', mergeSha: 'c'.repeat(40) },
        ],
        graph: source,
      },
      ctx('/dashboard/changes/acme/payments/42'),
    );
    expectInert(page);
    expectNoInlineStyle(page);
    expect(page).toContain('<h1>acme/payments#42</h1>');
    expect(page).toContain(`href="https://github.com/acme/payments/blob/${'a'.repeat(40)}/envs/prod/db%20tf/main.tf#L17"`);
    expect(page).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
    expect(page).toContain('aws_ecs_service.api <span class="muted">(aws_ecs_service, stack envs/prod)</span> needs aws_db_instance.main');
    expect(page).toContain('closed: Merged with risk');
    expect(page).toContain('<summary>Mermaid source</summary>');
  });
});

function week(w: string, n: number): TrendWeek {
  return { week: w, newSpofs: n, resolved: n - 1, acceptedNew: 1, acceptancesExpired: 0, inventorySize: 10 + n, medianHoursToFix: n === 2 ? null : n * 3 };
}

describe('renderTrends', () => {
  it('draws four charts as SVG the CSP allows, each with its numbers', () => {
    const weeks = [week('2026-11-16', 1), week('2026-11-23', 2), week('2026-11-30', 4)];
    const page = renderTrends(
      { weeks, byRepo: [{ repoId: 11, owner: HOSTILE, repo: 'x', weeks }], byTeam: [{ team: HOSTILE, weeks: [week('<script>', 1)] }] },
      ctx('/dashboard/trends?repo=acme%2Fpayments'),
    );
    expectInert(page);
    expectNoInlineStyle(page);
    expect(page.match(/<svg /g)).toHaveLength(4);
    expect(page.match(/<svg role="img" aria-labelledby="chart-[a-z-]+"/g)).toHaveLength(4);
    expect(page).toContain('>2026-11-30</text>');
    expect(page).toContain('<option value="acme/payments" selected>');
    // Each label says what is counted: default-branch SPOFs, and time to fix as a PR measure.
    expect(page).toContain('<figcaption id="chart-new-resolved">SPOFs new on and resolved from default branches per week');
    expect(page).toContain('<figcaption id="chart-time-to-fix">Median hours from a PR&#39;s first flag to its first review with nothing open since');
    expect(page).not.toMatch(/>(New|Resolved|SPOFs now)</);
    // per repository: new 1+2+4, the last week's default-branch SPOFs
    expect(page).toMatch(/<td class="num">7<\/td><td class="num">4<\/td><td class="num">3<\/td><td class="num">0<\/td><td class="num">14<\/td>/);
  });

  it('turns ECharts style attributes into presentation attributes and drops its style element', () => {
    expect(cspSafeSvg('<svg><style>.a:hover{fill:red}</style><text style="font-size:12px;font-family:sans-serif;">x</text></svg>')).toBe(
      '<svg><text font-size="12px" font-family="sans-serif">x</text></svg>',
    );
  });
});

describe('renderTeams', () => {
  const rows = [
    { team: 'acme/platform', open: 3, accepted: 1, defaultBranchSpofs: 4, repos: ['acme/payments'] },
    { team: HOSTILE, open: 1, accepted: 0, defaultBranchSpofs: 0, repos: [HOSTILE] },
  ];
  it('lists my teams first when GitHub told which they are', () => {
    const page = renderTeams(rows, ctx('/dashboard/teams'));
    expectInert(page);
    const mine = page.indexOf('My teams');
    expect(page.indexOf('>acme/platform</a>')).toBeGreaterThan(mine);
    expect(page.indexOf('>acme/platform</a>')).toBeLessThan(page.indexOf('Other teams'));
  });
  it('says plainly when GitHub would not tell', () => {
    const page = renderTeams(rows, ctx('/dashboard/teams', { viewer: viewer({ teams: undefined }) }));
    expect(page).toContain('GitHub did not tell which teams you are in');
    expect(page).toContain('All teams');
  });
});

describe('renderInventory and renderRiskRegister', () => {
  it('show SPOFs per stack with blast radius and recovery, escaped', () => {
    const page = renderInventory(
      { total: 1, spofs: 2, rows: [
        {
          installationId: 1,
          repoId: 11,
          owner: 'acme',
          repo: 'payments',
          ref: 'refs/heads/main',
          sha: 'd'.repeat(40),
          recordedAt: '2026-12-05T09:00:00Z',
          spofs: [
            { fingerprint: 'x', severity: 'high', rule: 'aws.nat.single', componentId: HOSTILE, stack: 'envs/prod', file: 'envs/prod/vpc.tf', line: 3, title: HOSTILE, blastRadius: 12, recovery: 'minutes', teams: [] },
            { fingerprint: 'y', severity: 'medium', rule: 'k8s.replicas.one', componentId: 'Deployment/api', stack: 'k8s/prod', file: 'k8s/prod/api.yaml', line: 1, title: 'one replica', teams: ['acme/web'] },
          ],
          graph: realMermaid(),
        },
      ] },
      ctx('/dashboard/inventory'),
    );
    expectInert(page);
    expectNoInlineStyle(page);
    // The repository's graph, drawn as on the change page, with its text as a list.
    expect(page).toContain('<figcaption id="graph-0-cap">The SPOFs of acme/payments and what fails with them');
    expect(page).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
    expect(page).toContain('aria-labelledby="graph-0-title"');
    expect(page).toMatch(/<li><strong>SPOF<\/strong> aws_db_instance\.main <span class="muted">\(aws_db_instance, stack /);
    expect(page).toContain('<summary>Mermaid source</summary>');
    expect(page).toContain('<caption>Stack envs/prod</caption>');
    expect(page).toContain('<caption>Stack k8s/prod</caption>');
    expect(page).toContain('<td class="num">12</td>');
    expect(page).toContain('<td class="num"><span class="muted">unknown</span></td>');
    expect(page).toContain(`href="https://github.com/acme/payments/blob/${'d'.repeat(40)}/envs/prod/vpc.tf#L3"`);
  });

  it('says when an inventory has no graph, and draws none for a team filter (it would show SPOFs the list leaves out)', () => {
    const row = { installationId: 1, repoId: 11, owner: 'acme', repo: 'payments', ref: 'refs/heads/main', sha: 'd'.repeat(40), recordedAt: '2026-12-05T09:00:00Z', spofs: [{ fingerprint: 'y', severity: 'medium' as const, rule: 'k8s.replicas.one', componentId: 'Deployment/api', stack: 'k8s/prod', file: 'k8s/prod/api.yaml', line: 1, title: 'one replica', teams: ['acme/web'] }] };
    const none = renderInventory({ rows: [{ ...row, graph: null }], total: 1, spofs: 1 }, ctx('/dashboard/inventory'));
    expect(none).toContain('No graph is recorded for this inventory');
    expect(none).not.toContain('<svg');
    const team = renderInventory({ rows: [{ ...row, graph: realMermaid() }], total: 1, spofs: 1 }, ctx('/dashboard/inventory?team=acme%2Fweb'));
    expect(team).not.toContain('<svg');
    expect(team).not.toContain('No graph is recorded');
  });

  it('pages by repository: the totals of the whole scope, the next page keeping the filter and limit, CSV without paging', () => {
    const row = { installationId: 1, repoId: 11, owner: 'acme', repo: 'payments', ref: 'refs/heads/main', sha: 'd'.repeat(40), recordedAt: '2026-12-05T09:00:00Z', spofs: [], graph: null };
    const page = renderInventory({ rows: [row], total: 120, spofs: 2400, nextCursor: 'c/2' }, ctx('/dashboard/inventory?team=acme%2Fweb&limit=1&cursor=c%2F1'));
    expect(page).toContain('<strong>2400</strong> SPOFs on the default branches of 120 repositories owned by <strong>acme/web</strong>, 1 repository on this page');
    expect(page).toContain('href="/dashboard/inventory?team=acme%2Fweb&amp;limit=1&amp;cursor=c%2F2" rel="next"');
    expect(page).toContain('href="/dashboard/inventory?team=acme%2Fweb&amp;limit=1">First page</a>');
    expect(page).toContain('href="/api/v1/inventory?team=acme%2Fweb&amp;format=csv"');
    const last = renderInventory({ rows: [row], total: 1, spofs: 0 }, ctx('/dashboard/inventory'));
    expect(last).not.toContain('rel="next"');
    expect(last).not.toContain('First page');
  });

  it('tells active, expired and revoked acceptances apart and what happened since', () => {
    const base = { installationId: 1, repoId: 11, owner: 'acme', repo: 'payments', prNumber: 42, fingerprints: ['a', 'b'], acceptedBy: HOSTILE, via: 'comment', reason: HOSTILE, acceptedAt: '2026-11-01T00:00:00Z', revokedAt: null, revokedBy: null, teams: [] };
    const page = renderRiskRegister(
      [
        { ...base, expiresAt: '2027-01-01T00:00:00Z', since: 'merged-with-risk' },
        { ...base, prNumber: 43, expiresAt: '2026-12-01T00:00:00Z', since: 'open' },
        { ...base, prNumber: 44, expiresAt: null, revokedAt: '2026-11-05T00:00:00Z', revokedBy: 'lee', since: 'abandoned' },
      ],
      ctx('/dashboard/risks?state=active'),
    );
    expectInert(page);
    const states = [...page.matchAll(/<td data-label="State">(active|expired|revoked)/g)].map((m) => m[1]);
    expect(states).toEqual(['active', 'expired', 'revoked']);
    expect(page).toContain('href="/api/v1/acceptances?state=active&amp;format=csv"');
    expect(page).toContain('<span class="badge st-merged-with-risk">Merged with risk</span>');
  });
});
