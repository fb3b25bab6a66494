/**
 * One-edit fixes in compose syntax: rewrite the line that sets the count (`replicas: 1`, `scale: 1`,
 * the `.env` line or the `${VAR:-1}` default it comes from), or insert `deploy.replicas` under the
 * service (or its `deploy:`) when nothing sets it. Anything less simple gets a description only.
 */
import type { Judgement } from '../../catalog/entry.js';
import type { ImageKind } from '../../catalog/images.js';
import type { Component } from '../../model/index.js';
import type { ServiceDef } from './project.js';
import type { ReplicaDecision } from './service.js';
import type { SourceLines } from '../shared/lines.js';
import { entry, isMap, type CMap } from './tree.js';

/** Said with every replica fix: compose describes containers on one host, not zones. */
const ONE_HOST = 'replicas on one Docker host survive a container failure, not a host failure';

export interface FixInput {
  def: ServiceDef;
  decision: ReplicaDecision;
  judged: Judgement;
  kind: ImageKind | undefined;
  /** Members of the service's cluster, when it is one of several services forming a cluster. */
  cluster: string[] | undefined;
  /** Replicas of the image are independent servers (PostgreSQL, Redis): more replicas are no fix. */
  independent: boolean;
  lines: SourceLines;
}

export function buildFix(input: FixInput): Component['fix'] | undefined {
  const { decision, judged, kind, cluster, independent } = input;
  const instances = judged.redundancy.instances;
  const pipeline = kind?.pipeline;
  // A singleton by design (Celery beat): its HA mode is the fix, never more copies that run the work twice.
  if (pipeline?.singleton && instances !== null && instances <= 1) return { description: pipeline.singleton.fix };
  if (independent && instances !== null && instances <= 1) {
    const what = kind?.title ?? 'it';
    return {
      description: `run ${what} replicated (a primary and a standby with automatic failover, or a managed service); more replicas of this image would be independent servers with their own data`,
    };
  }
  const fix = judged.fix;
  if (!fix || typeof fix.value !== 'number') return undefined;
  const target = fix.value;
  if (cluster) {
    const title = kind ? `${kind.title} ` : '';
    return { description: `run at least ${target} members in the ${title}cluster of ${cluster.join(', ')}${kind?.quorum ? ' (an odd number)' : ''}` };
  }
  if (kind?.cluster && decision.unset) {
    // Copies of one compose service share its member identity (broker id, node name, advertised
    // address) and its volume: they do not form a cluster, so adding `replicas` is no fix for these
    // images. A service that already sets its count is scaled that way on purpose (Swarm templates
    // give each task its own identity): there the previous count is still offered.
    return {
      description: `run a ${kind.title} cluster of at least ${target} members${kind.quorum ? ' (an odd number)' : ''}, each its own service with its own member identity and data volume (deploy.replicas would start copies of one member, not a cluster); ${ONE_HOST}`,
    };
  }
  // A Connect worker joins its group as its own service (its own advertised host name), not as a copy.
  if (pipeline?.fix) return { description: `${pipeline.fix} (${ONE_HOST})` };
  if (decision.containerName) {
    return {
      description: `remove container_name, which allows one container (give the service a network alias if others use that name), and set deploy.replicas: ${target} (${ONE_HOST})`,
    };
  }
  const note = kind?.quorum ? `an odd number of members; ${ONE_HOST}` : pipeline?.note ? `${pipeline.note}; ${ONE_HOST}` : ONE_HOST;
  const field = decision.attribute === 'scale' ? 'scale' : 'deploy.replicas';
  const out: NonNullable<Component['fix']> = { description: `set ${field}: ${target} (${note})` };
  const suggestion = decision.unset ? insertion(input, target) : rewrite(input, target);
  if (suggestion) out.suggestion = suggestion;
  return out;
}

type Suggestion = NonNullable<NonNullable<Component['fix']>['suggestion']>;

function rewrite({ decision, lines, def }: FixInput, target: number): Suggestion | undefined {
  const node = decision.node;
  if (!node) return undefined;
  // A value written outside the service's own blocks (an `x-` anchor, an extended service) is shared: leave it.
  if (!node.origin?.site && !def.blocks.some((block) => block.file === node.src.file && block.line <= node.src.line && node.src.line <= (block.end ?? block.line))) return undefined;
  const origin = node.origin;
  if (origin?.source === 'env' && origin.site) {
    const old = lines.line(origin.site.file, origin.site.line);
    const match = old === undefined ? null : new RegExp(`^(\\s*(?:export\\s+)?${origin.variable}\\s*=\\s*)(["']?)[^"'#\\s]*\\2(\\s*(?:#.*)?)$`).exec(old);
    if (!match) return undefined;
    return one(origin.site.file, origin.site.line, `${match[1]!}${match[2]!}${target}${match[2]!}${match[3]!}`);
  }
  const old = lines.line(node.src.file, node.src.line);
  if (old === undefined) return undefined;
  const key = decision.attribute === 'scale' ? 'scale' : 'replicas';
  if (origin?.source === 'default') {
    const re = new RegExp(`(\\$\\{${origin.variable}:?-)([^}]*)(\\})`);
    if (!re.test(old)) return undefined;
    return one(node.src.file, node.src.line, old.replace(re, `$1${target}$3`));
  }
  if (origin) return undefined;
  const match = new RegExp(`^(\\s*${key}\\s*:\\s*)(["']?)\\d+\\2(\\s*(?:#.*)?)$`).exec(old);
  if (!match) return undefined;
  return one(node.src.file, node.src.line, `${match[1]!}${target}${match[3]!}`);
}

/** Nothing sets the count: add `replicas` under the service's block-style `deploy:`, or a `deploy:` block. */
function insertion({ def, lines }: FixInput, target: number): Suggestion | undefined {
  const header = def.header;
  const headerText = lines.line(header.file, header.line);
  if (headerText === undefined || !/^\s*(?:["'][^"']+["']|[^\s#"'{}[\]]+)\s*:\s*(?:#.*)?$/.test(headerText)) return undefined;
  const written = def.written;
  if (!written) return undefined;
  const headerIndent = indentOf(headerText);
  const childIndent = firstChildIndent(written, header, lines) ?? `${headerIndent}  `;
  if (childIndent.length <= headerIndent.length) return undefined;
  const step = ' '.repeat(childIndent.length - headerIndent.length);
  const deploy = entry(written, 'deploy');
  if (deploy) {
    if (!isMap(deploy.value)) return undefined;
    const deployText = lines.line(deploy.key.file, deploy.key.line);
    if (deployText === undefined || !/^\s*deploy\s*:\s*(?:#.*)?$/.test(deployText)) return undefined;
    const inner = firstChildIndent(deploy.value, deploy.key, lines) ?? `${indentOf(deployText)}${step}`;
    return one(deploy.key.file, deploy.key.line, `${deployText}\n${inner}replicas: ${target}`);
  }
  return one(header.file, header.line, `${headerText}\n${childIndent}deploy:\n${childIndent}${step}replicas: ${target}`);
}

/** The indentation of the first key written below `after` in the same file (merged-in keys live elsewhere). */
function firstChildIndent(map: CMap, after: { file: string; line: number }, lines: SourceLines): string | undefined {
  for (const child of map.entries.values()) {
    if (child.key.file !== after.file || child.key.line <= after.line) continue;
    const text = lines.line(child.key.file, child.key.line);
    if (text !== undefined) return indentOf(text);
  }
  return undefined;
}

function indentOf(s: string): string {
  return /^[ ]*/.exec(s)![0];
}

function one(file: string, n: number, replacement: string): Suggestion {
  return { file, startLine: n, endLine: n, replacement };
}
