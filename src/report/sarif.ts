import type { Finding, FindingKind, Review, Severity } from '../model/index.js';
import { severityRank } from '../model/index.js';
import { dependsSentence, fixSentence, ratedSentence, reportable, sortFindings, whatSentence } from './format.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/** Where users read about the tool; override with `informationUri` once the project has a home page. */
export const DEFAULT_INFORMATION_URI = 'https://github.com/spof-review/spof-review';

export interface SarifOptions {
  /** The tool's semantic version (package.json `version`). */
  version: string;
  informationUri?: string;
}

type Level = 'error' | 'warning' | 'note';

export const SARIF_LEVEL: Record<Severity, Level> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' };

/** GitHub maps security-severity > 9 to critical, 7–8.9 high, 4–6.9 medium, < 4 low. */
export const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '2.5' };

const KIND_TITLE: Record<Exclude<FindingKind, 'resolved-spof'>, string> = {
  'new-spof': 'New single point of failure',
  'redundancy-reduced': 'Redundancy reduced',
  'blast-radius-grown': 'Blast radius of a single point of failure grown',
};

const KIND_TEXT: Record<Exclude<FindingKind, 'resolved-spof'>, string> = {
  'new-spof':
    'The change makes a component a single point of failure: one instance or one zone failing takes down the components and entry points that depend on it.',
  'redundancy-reduced':
    'The change lowers the redundancy of a component (instances, zones, failover or disruption protection) while it stays fault tolerant or was already a single point of failure.',
  'blast-radius-grown': 'The change makes more components or entry points depend on an existing single point of failure.',
};

const KIND_FIX: Record<Exclude<FindingKind, 'resolved-spof'>, string> = {
  'new-spof': 'Give the component a second instance in another zone or automatic failover, or accept the risk.',
  'redundancy-reduced': 'Restore the previous redundancy, or accept the reduced redundancy.',
  'blast-radius-grown': 'Make the component redundant before more depends on it, or point the new dependents at a redundant alternative.',
};

/** Percent-encodes a repo-relative POSIX path into a relative URI reference. */
export function pathToUri(path: string): string {
  return path
    .split('/')
    .map((seg) => encodeURIComponent(seg))
    .join('/');
}

function ruleName(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}

/** SARIF 2.1.0 for GitHub code scanning. Resolved SPOFs are good news, not results. */
export function toSarif(review: Review, options: SarifOptions): Record<string, unknown> {
  const findings = sortFindings(reportable(review)).filter(
    (f): f is Finding & { kind: Exclude<FindingKind, 'resolved-spof'> } => f.kind !== 'resolved-spof',
  );

  const ruleIds: string[] = [];
  const ruleIndex = new Map<string, number>();
  const ruleSeverity = new Map<string, Severity>();
  const ruleOf = new Map<string, { kind: Exclude<FindingKind, 'resolved-spof'>; rule: string }>();
  for (const f of findings) {
    const id = `${f.kind}/${f.rule}`;
    if (!ruleIndex.has(id)) {
      ruleIndex.set(id, ruleIds.length);
      ruleIds.push(id);
      ruleOf.set(id, { kind: f.kind, rule: f.rule });
    }
    const prev = ruleSeverity.get(id);
    if (!prev || severityRank(f.severity) > severityRank(prev)) ruleSeverity.set(id, f.severity);
  }

  const rules = ruleIds.map((id) => {
    const { kind, rule } = ruleOf.get(id)!;
    const severity = ruleSeverity.get(id)!;
    const text = `${KIND_TEXT[kind]} ${KIND_FIX[kind]}`;
    return {
      id,
      name: ruleName(id),
      shortDescription: { text: `${KIND_TITLE[kind]} (${rule})` },
      fullDescription: { text: KIND_TEXT[kind] },
      help: {
        text: `${text} Catalog rule: ${rule}. Suppress with a \`# spof-review:ignore ${rule} <reason>\` comment or an \`ignore\` entry in .github/spof-review.yml.`,
        markdown: `${KIND_TEXT[kind]}\n\n**Fix:** ${KIND_FIX[kind]}\n\nCatalog rule: \`${rule}\`. Suppress with \`# spof-review:ignore ${rule} <reason>\` on or above the line, or an \`ignore\` entry in \`.github/spof-review.yml\`.`,
      },
      defaultConfiguration: { level: SARIF_LEVEL[severity] },
      properties: {
        tags: ['reliability', 'availability', 'security', 'spof', kind],
        precision: 'high',
        'problem.severity': SARIF_LEVEL[severity] === 'note' ? 'recommendation' : SARIF_LEVEL[severity],
        'security-severity': SECURITY_SEVERITY[severity],
      },
    };
  });

  const results = findings.map((f) => {
    const id = `${f.kind}/${f.rule}`;
    const startLine = Math.max(1, f.location.startLine);
    const endLine = Math.max(startLine, f.location.endLine);
    const result: Record<string, unknown> = {
      ruleId: id,
      ruleIndex: ruleIndex.get(id)!,
      level: SARIF_LEVEL[f.severity],
      message: { text: `${f.title}. ${whatSentence(f)} ${dependsSentence(f)} Fix: ${fixSentence(f)}${f.rated ? ` ${ratedSentence(f)}` : ''}` },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: pathToUri(f.location.file), uriBaseId: '%SRCROOT%' },
            region: { startLine, endLine },
          },
        },
      ],
      partialFingerprints: { 'spofReviewFingerprint/v1': f.fingerprint },
      properties: { severity: f.severity, kind: f.kind, component: f.component.id, stack: f.component.stack },
    };
    if (f.evidence.length > 0) {
      result.relatedLocations = f.evidence.map((e, i) => ({
        id: i + 1,
        physicalLocation: {
          artifactLocation: { uri: pathToUri(e.file), uriBaseId: '%SRCROOT%' },
          region: { startLine: Math.max(1, e.line) },
        },
        message: { text: `${e.attribute}: ${stringify(e.before)} -> ${stringify(e.after)}` },
      }));
    }
    return result;
  });

  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'spof-review',
            informationUri: options.informationUri ?? DEFAULT_INFORMATION_URI,
            semanticVersion: options.version,
            rules,
          },
        },
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: review.diagnostics.map((d) => ({
              level: d.severity === 'error' ? 'error' : 'warning',
              message: { text: d.message },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: pathToUri(d.file), uriBaseId: '%SRCROOT%' },
                    region: { startLine: Math.max(1, d.line) },
                  },
                },
              ],
            })),
          },
        ],
        results,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
}

function stringify(v: unknown): string {
  if (v === undefined) return '(unset)';
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

export function renderSarif(review: Review, options: SarifOptions): string {
  return `${JSON.stringify(toSarif(review, options), null, 2)}\n`;
}
