/**
 * The OpenAPI 3.1 description of `/api/v1`, served at `/api/v1/openapi.json`. It is checked
 * against every answer the API tests get, so it says what the API does, not what it meant to.
 */
import { FINDING_KINDS, SEVERITIES } from '../../model/index.js';
import { ACCEPTANCE_STATES, CHANGE_STATUSES as STATUSES, DEFAULT_LIMIT, MAX_LIMIT } from '../filters.js';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const str = { type: 'string' };
const int = { type: 'integer', minimum: 0 };
const date = { type: 'string', format: 'date-time' };
const nullable = (s: object) => ({ anyOf: [s, { type: 'null' }] });
const strings = { type: 'array', items: str };
const obj = (properties: Record<string, unknown>, optional: string[] = []) => ({
  type: 'object',
  properties,
  required: Object.keys(properties).filter((k) => !optional.includes(k)),
  additionalProperties: false,
});
const severity = { type: 'string', enum: SEVERITIES };
const status = { type: 'string', enum: STATUSES };
const counts = { type: 'object', properties: Object.fromEntries(SEVERITIES.map((s) => [s, int])), additionalProperties: false };
const repoName = { installationId: int, repoId: int, owner: str, repo: str };

const listParam = (name: string, description: string, schema: object = str) => ({
  name,
  in: 'query',
  description: `${description} Repeat the parameter or separate values with commas.`,
  required: false,
  style: 'form',
  explode: true,
  schema: { type: 'array', items: schema },
});
const param = (name: string, description: string, schema: object) => ({ name, in: 'query', description, required: false, schema });
const format = (csv: boolean) => param('format', csv ? 'json (default) or csv (RFC 4180; text cells starting with = + - @ are prefixed with \').' : 'json only.', { type: 'string', enum: csv ? ['json', 'csv'] : ['json'] });
const repo = listParam('repo', 'Repositories as owner/name. One the caller cannot see answers 404, as one that does not exist.', { type: 'string', pattern: '^[\\w.-]+/[\\w.-]+$' });
const team = listParam('team', 'Teams (org/team) or users (@login) owning the files findings point at (CODEOWNERS).');

const errors = {
  '400': { description: 'A query parameter is unknown or malformed.', content: { 'application/json': { schema: ref('Error') } } },
  '401': { description: 'No token, or GitHub does not accept it.', content: { 'application/json': { schema: ref('Error') } } },
  '404': { description: 'Not found, or not visible to the caller (the two are not told apart).', content: { 'application/json': { schema: ref('Error') } } },
  '502': { description: 'GitHub did not answer who the caller is.', content: { 'application/json': { schema: ref('Error') } } },
};

function get(summary: string, parameters: object[], schema: object, csv: boolean) {
  return {
    get: {
      summary,
      parameters: [...parameters, format(csv)],
      responses: {
        '200': {
          description: 'OK',
          content: { 'application/json': { schema }, ...(csv ? { 'text/csv': { schema: { type: 'string' } } } : {}) },
        },
        ...errors,
      },
    },
  };
}

export function openApiDocument(): Record<string, unknown> {
  const changeRow = obj({
    ...repoName,
    prNumber: int,
    headSha: str,
    status,
    counts,
    topSeverity: severity,
    kinds: strings,
    rules: strings,
    teams: strings,
    checkRunId: nullable(int),
    firstFlaggedAt: date,
    lastReviewedAt: date,
    closedAt: nullable(date),
    acceptance: nullable(obj({ by: str, reason: nullable(str), expiresAt: nullable(date) })),
  });
  const finding = obj({
    fingerprint: str,
    kind: str,
    severity,
    rule: str,
    componentId: str,
    stack: str,
    file: str,
    line: int,
    title: str,
    body: nullable(str),
    teams: strings,
    state: { type: 'string', enum: ['open', 'accepted', 'resolved', ...STATUSES.filter((s) => s !== 'open' && s !== 'accepted')] },
  });
  const timeline = {
    oneOf: [
      obj({ at: date, type: { const: 'reviewed' }, headSha: str, conclusion: str, appeared: strings, resolved: strings }),
      obj({ at: date, type: { enum: ['accepted', 'refused', 'revoked'] }, actor: str, reason: nullable(str), expiresAt: nullable(date), fingerprints: strings }),
      obj({ at: date, type: { const: 'closed' }, outcome: status, mergeSha: nullable(str) }),
    ],
  };
  const spof = obj(
    { fingerprint: str, severity, rule: str, componentId: str, stack: str, file: str, line: int, title: str, blastRadius: int, recovery: str, teams: strings },
    ['blastRadius', 'recovery'],
  );
  const week = obj({ week: date, newSpofs: int, resolved: int, acceptedNew: int, acceptancesExpired: int, inventorySize: int, medianHoursToFix: nullable({ type: 'number', minimum: 0 }) });
  return {
    openapi: '3.1.0',
    info: {
      title: 'spof-review dashboard API',
      version: '1',
      description:
        'Flagged changes, inventory, trends, acceptances and teams across the repositories the caller can see on GitHub through this app\'s installations. ' +
        'Authenticate with the same GitHub user access token the dashboard uses (Authorization: Bearer), or the dashboard session cookie. Nothing outside the caller\'s repositories is ever counted.',
    },
    servers: [{ url: '/api/v1' }],
    security: [{ bearer: [] }, { session: [] }],
    paths: {
      '/changes': get(
        'Flagged changes (PRs with findings), newest review first.',
        [
          repo,
          team,
          listParam('severity', 'Top severity.', severity),
          listParam('kind', 'Finding kinds.', { type: 'string', enum: FINDING_KINDS }),
          listParam('rule', 'Rule ids.'),
          listParam('status', 'Where the change stands.', status),
          param('since', 'Last reviewed at or after (ISO-8601 date or date-time).', { type: 'string' }),
          param('until', 'Last reviewed at or before (a date means the end of that day, UTC).', { type: 'string' }),
          param('limit', `Rows per page (default ${DEFAULT_LIMIT}, ${MAX_LIMIT} for CSV).`, { type: 'integer', minimum: 1, maximum: MAX_LIMIT }),
          param('cursor', 'nextCursor of the previous page.', { type: 'string' }),
        ],
        obj({ total: int, nextCursor: str, changes: { type: 'array', items: ref('ChangeRow') } }, ['nextCursor']),
        true,
      ),
      '/changes/{owner}/{repo}/{number}': {
        ...get('One change: its findings, timeline and graph.', [], ref('ChangeDetail'), true),
        parameters: ['owner', 'repo', 'number'].map((name) => ({ name, in: 'path', required: true, schema: name === 'number' ? { type: 'integer', minimum: 1 } : str })),
      },
      '/overview': get('Open flagged changes by severity, repository and team; default-branch SPOFs; this week.', [], ref('Overview'), false),
      '/inventory': get(
        'SPOFs on default branches, per repository: a page of repositories by owner/name; repositories and spofs count every repository in scope and the filter. ' +
          'CSV exports every repository in scope and the filter (limit and cursor are refused with it).',
        [
          repo,
          team,
          param('limit', `Repositories per page (default ${DEFAULT_LIMIT}).`, { type: 'integer', minimum: 1, maximum: MAX_LIMIT }),
          param('cursor', 'nextCursor of the previous page.', { type: 'string' }),
        ],
        obj({ repositories: int, spofs: int, nextCursor: str, inventory: { type: 'array', items: ref('InventoryRow') } }, ['nextCursor']),
        true,
      ),
      '/trends': get(
        "Per week (starting Monday 00:00 UTC): SPOFs new on and resolved from default branches, acceptances given and expired, default-branch SPOFs at the week's end, and the median hours from a PR's first flag to nothing open in it; overall, per repository and per team.",
        [repo, team, param('from', 'First week (a date in it); default 12 weeks ago.', { type: 'string' }), param('to', 'Last week (a date in it).', { type: 'string' })],
        ref('Trends'),
        true,
      ),
      '/acceptances': get('Accepted risks: who, why, until when, and what happened since.', [repo, team, param('state', 'Only active, expired or revoked ones.', { type: 'string', enum: ACCEPTANCE_STATES })], obj({ acceptances: { type: 'array', items: ref('AcceptanceRow') } }), true),
      '/teams': get(
        'Teams owning flagged files, and the caller\'s own teams (null when GitHub does not tell).',
        [],
        obj({ myTeams: nullable(strings), teams: { type: 'array', items: ref('TeamSummary') } }),
        true,
      ),
    },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'A GitHub user access token issued to this app (the dashboard\'s sign-in).' },
        session: { type: 'apiKey', in: 'cookie', name: 'spof-session', description: 'The dashboard session (__Host-spof-session over TLS).' },
      },
      schemas: {
        Error: obj({ error: str }),
        ChangeRow: changeRow,
        FindingView: finding,
        ChangeDetail: obj({ change: ref('ChangeRow'), findings: { type: 'array', items: ref('FindingView') }, timeline: { type: 'array', items: timeline }, graph: nullable(str) }),
        InventoryRow: obj({ ...repoName, ref: str, sha: str, recordedAt: date, spofs: { type: 'array', items: spof }, graph: nullable(str) }),
        TrendWeek: week,
        Trends: obj({
          weeks: { type: 'array', items: ref('TrendWeek') },
          byRepo: { type: 'array', items: obj({ repoId: int, owner: str, repo: str, weeks: { type: 'array', items: ref('TrendWeek') } }) },
          byTeam: { type: 'array', items: obj({ team: str, weeks: { type: 'array', items: ref('TrendWeek') } }) },
        }),
        AcceptanceRow: obj({
          ...repoName,
          prNumber: int,
          fingerprints: strings,
          acceptedBy: str,
          via: str,
          reason: nullable(str),
          acceptedAt: date,
          expiresAt: nullable(date),
          revokedAt: nullable(date),
          revokedBy: nullable(str),
          since: status,
          teams: strings,
        }),
        Overview: obj({
          open: obj({
            bySeverity: counts,
            byRepo: { type: 'array', items: obj({ repoId: int, owner: str, repo: str, count: int }) },
            byTeam: { type: 'array', items: obj({ team: str, count: int }) },
          }),
          defaultBranchSpofs: int,
          thisWeek: obj({ newSpofs: int, resolved: int, accepted: int }),
          recent: { type: 'array', items: ref('ChangeRow') },
        }),
        TeamSummary: obj({ team: str, open: int, accepted: int, defaultBranchSpofs: int, repos: strings }),
      },
    },
  };
}
