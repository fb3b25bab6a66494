/**
 * A fix must be applicable with the provider the stack pins: an argument introduced in a later
 * provider version than the pinned constraint allows is an error on `terraform plan`, not a fix.
 * The arguments below are the ones catalog fixes name whose introduction is known; for others the
 * pin is not consulted (nothing is known, nothing is claimed).
 */
import type { Ctx } from './context.js';
import type { Expr } from './hcl/ast.js';

interface Introduced {
  provider: string;
  version: Version;
  /** The argument that older versions use for the same setting. */
  older: string;
}

type Version = [number, number, number];

/** `<resource type> <attribute path>` -> the provider version that introduced it. */
const INTRODUCED: Record<string, Introduced> = {
  'aws_elasticache_replication_group num_cache_clusters': { provider: 'aws', version: [4, 0, 0], older: 'number_cache_clusters' },
  'azurerm_kubernetes_cluster default_node_pool.zones': { provider: 'azurerm', version: [3, 0, 0], older: 'default_node_pool.availability_zones' },
  'azurerm_kubernetes_cluster_node_pool zones': { provider: 'azurerm', version: [3, 0, 0], older: 'availability_zones' },
};

export interface MissingArgument {
  /** The argument the pinned versions use for the same setting. */
  older: string;
  why: string;
}

/** The pinned provider lacks the argument a fix names: its older name and why; undefined when it has it (or nothing is known). */
export function missingFromPinnedProvider(ctx: Ctx, resourceType: string, path: string): MissingArgument | undefined {
  const introduced = INTRODUCED[`${resourceType} ${path}`];
  if (!introduced) return undefined;
  const constraint = pinnedConstraint(ctx, introduced.provider);
  if (constraint === undefined) return undefined;
  const below = highestAllowedBelow(constraint, introduced.version);
  if (!below) return undefined;
  return { older: introduced.older, why: `${path} needs the ${introduced.provider} provider ${introduced.version.join('.')} or later, and this stack pins "${constraint}"` };
}

/** The version constraint the stack's root module sets for a provider (`required_providers`, or a 0.11 `provider` block). */
function pinnedConstraint(ctx: Ctx, provider: string): string | undefined {
  for (const path of ctx.configFiles(ctx.rootDir)) {
    const file = ctx.parse(path);
    if (!file) continue;
    for (const block of file.body.blocks) {
      if (block.type === 'terraform') {
        for (const required of block.body.blocks.filter((b) => b.type === 'required_providers')) {
          const entry = required.body.attributes.find((a) => a.name === provider);
          const text = entry ? versionOf(entry.expr) : undefined;
          if (text !== undefined) return text;
        }
      } else if (block.type === 'provider' && block.labels[0] === provider) {
        const attribute = block.body.attributes.find((a) => a.name === 'version');
        const text = attribute ? literalString(attribute.expr) : undefined;
        if (text !== undefined) return text;
      }
    }
  }
  return undefined;
}

/** `aws = "~> 3.0"` (0.12) or `aws = { source = ..., version = "~> 3.0" }`. */
function versionOf(expr: Expr): string | undefined {
  const plain = literalString(expr);
  if (plain !== undefined) return plain;
  if (expr.kind !== 'object') return undefined;
  const item = expr.items.find((i) => literalString(i.key) === 'version');
  return item ? literalString(item.value) : undefined;
}

function literalString(expr: Expr): string | undefined {
  return expr.kind === 'literal' && typeof expr.value === 'string' ? expr.value : undefined;
}

/**
 * Whether every version the constraint allows is below `wanted` (so the argument is missing). Each
 * comma-separated part that has an upper bound (`= x`, bare `x`, `< x`, `<= x`, `~> x.y[.z]`) caps it;
 * a constraint without an upper bound may reach `wanted`. Unparseable parts cap nothing.
 */
export function highestAllowedBelow(constraint: string, wanted: Version): boolean {
  for (const part of constraint.split(',')) {
    const match = /^\s*(=|!=|<=|>=|<|>|~>)?\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(part);
    if (!match) continue;
    const op = match[1] ?? '=';
    const numbers = [match[2], match[3], match[4]].filter((n) => n !== undefined).map(Number);
    const version: Version = [numbers[0] ?? 0, numbers[1] ?? 0, numbers[2] ?? 0];
    let exclusiveCap: Version | undefined;
    if (op === '=') exclusiveCap = [version[0], version[1], version[2] + 1];
    else if (op === '<') exclusiveCap = version;
    else if (op === '<=') exclusiveCap = [version[0], version[1], version[2] + 1];
    // `~> 3.74.0` stays below 3.75, `~> 3.0` below 4.0; `~> 3` has no upper bound.
    else if (op === '~>' && numbers.length >= 2) exclusiveCap = numbers.length >= 3 ? [version[0], version[1] + 1, 0] : [version[0] + 1, 0, 0];
    if (exclusiveCap && compare(exclusiveCap, wanted) <= 0) return true;
  }
  return false;
}

function compare(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}
