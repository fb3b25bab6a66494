/**
 * Modules whose code is not in the repository (a private registry, a git URL, a local path outside the
 * checkout) and not in the catalog by source: what their inputs say.
 *
 * - Signatures: inputs only a well-known registry module takes together (`engine` + `instance_class` +
 *   `multi_az` is the RDS module) judge the call with that module's entry (a fork, a private mirror or
 *   a vendored copy of it), under an id of its own whose title says it was recognised by its inputs.
 * - Otherwise, inputs named for redundancy (`multi_az`, `instances`, `azs`, ...) are kept as the
 *   component's attributes on a connector (the module is never a SPOF by itself: its body is unknown),
 *   and only a change of one of them toward less redundancy between base and head is a finding
 *   (`inputReduction`, used by the diff). A value merely present at head says nothing: what the module
 *   does with `instances = 1`, or with an input it does not take, is unknown.
 */
import type { CatalogEntry } from '../entry.js';
import { countOnlyRedundancy, judgement } from '../judging/index.js';
import { recovery } from '../recovery.js';
import { RDS_MODULE_ENTRIES } from './rds.js';
import { VPC_MODULE_ENTRIES } from './vpc.js';
import { EKS_MODULE_ENTRIES } from './eks.js';
import { AWS_MODULE_ENTRIES } from './aws.js';

export const OPAQUE_MODULE_RULE = 'tf-module-redundancy-input';

interface Signature {
  /** The registry module's entry id. */
  entry: string;
  name: string;
  /** Inputs that must all be set on the call. */
  inputs: readonly string[];
}

const SIGNATURES: readonly Signature[] = [
  { entry: 'tf-module-aws-rds', name: 'RDS module', inputs: ['engine', 'instance_class', 'multi_az'] },
  { entry: 'tf-module-aws-vpc', name: 'VPC module', inputs: ['cidr', 'azs', 'private_subnets'] },
  { entry: 'tf-module-aws-eks', name: 'EKS module', inputs: ['cluster_name', 'eks_managed_node_groups'] },
  { entry: 'tf-module-aws-msk', name: 'MSK module', inputs: ['kafka_version', 'number_of_broker_nodes', 'broker_node_client_subnets'] },
  { entry: 'tf-module-aws-elasticache', name: 'ElastiCache module', inputs: ['replication_group_id', 'node_type', 'num_cache_clusters'] },
];

const BY_ID = new Map([...RDS_MODULE_ENTRIES, ...VPC_MODULE_ENTRIES, ...EKS_MODULE_ENTRIES, ...AWS_MODULE_ENTRIES].map((e) => [e.id, e] as const));

/** Derived entries, one per signature: the registry entry's judgement under `<id>-by-inputs`. */
const SIGNATURE_ENTRIES: readonly { signature: Signature; entry: CatalogEntry }[] = SIGNATURES.map((signature) => {
  const base = BY_ID.get(signature.entry)!;
  return {
    signature,
    entry: {
      ...base,
      id: `${base.id}-by-inputs`,
      title: `${signature.name} of terraform-aws-modules, recognised by its inputs ${signature.inputs.join(', ')}; its code was not read`,
    },
  };
});

/**
 * Redundancy-named inputs and what "less" means for each: a switch that gives a standby or a second
 * zone, a switch that takes them away, an instance count, a zone list, an availability setting.
 */
type InputKind = 'standby-on' | 'zones-on' | 'zones-off' | 'count' | 'zone-list' | 'availability';

const INPUTS: Readonly<Record<string, InputKind>> = {
  multi_az: 'standby-on',
  multi_az_enabled: 'standby-on',
  enable_multi_az: 'standby-on',
  zone_redundant: 'standby-on',
  zone_redundancy_enabled: 'standby-on',
  high_availability: 'standby-on',
  high_availability_enabled: 'standby-on',
  ha_enabled: 'standby-on',
  automatic_failover_enabled: 'standby-on',
  zone_awareness_enabled: 'zones-on',
  one_nat_gateway_per_az: 'zones-on',
  single_nat_gateway: 'zones-off',
  single_az: 'zones-off',
  instances: 'count',
  instance_count: 'count',
  replicas: 'count',
  replica_count: 'count',
  replicas_per_node_group: 'count',
  num_cache_clusters: 'count',
  number_cache_clusters: 'count',
  number_of_broker_nodes: 'count',
  broker_count: 'count',
  min_size: 'count',
  desired_size: 'count',
  desired_capacity: 'count',
  desired_count: 'count',
  node_count: 'count',
  num_nodes: 'count',
  cluster_size: 'count',
  azs: 'zone-list',
  zones: 'zone-list',
  availability_zones: 'zone-list',
  availability_type: 'availability',
  deployment_mode: 'availability',
};

/** The redundancy-named inputs a module call may set (the generic entry's decisive keys). */
export const REDUNDANCY_INPUTS: readonly string[] = Object.keys(INPUTS);

/**
 * The generic entry of a module read only by its inputs: a connector (nothing is claimed about what it
 * builds) that keeps the sites and values of its redundancy-named inputs for the diff to compare.
 */
export const OPAQUE_MODULE_ENTRY: CatalogEntry = {
  id: OPAQUE_MODULE_RULE,
  title: 'a module whose code was not read, judged by the names of its inputs',
  role: 'connector',
  types: {},
  judge: (r) =>
    judgement(
      countOnlyRedundancy(r.count),
      REDUNDANCY_INPUTS.filter((name) => r.get(name) !== undefined),
    ),
  recovery: recovery('multiAzFailover', 'snapshotRestore'),
  impact: 'what it runs stops serving when its only instance or zone fails',
};

/** Entries that judge modules by their inputs; not looked up by type (they have none), only by rule id. */
export const OPAQUE_MODULE_ENTRIES: readonly CatalogEntry[] = [...SIGNATURE_ENTRIES.map((s) => s.entry), OPAQUE_MODULE_ENTRY];

/**
 * The entry that judges a module whose code cannot be read, from the names of the inputs its call sets:
 * a registry module's when exactly one signature matches, the generic one when a redundancy-named input
 * is set, undefined otherwise (an unclassified connector, as before).
 */
export interface OpaqueModuleJudge {
  entry: CatalogEntry;
  /** The registry module recognised, and by which inputs. */
  signature?: { name: string; inputs: readonly string[] };
  /** The redundancy-named inputs the call sets (the generic entry). */
  redundancyInputs?: readonly string[];
}

export function opaqueModuleEntry(inputs: ReadonlySet<string>): OpaqueModuleJudge | undefined {
  const matches = SIGNATURE_ENTRIES.filter(({ signature }) => signature.inputs.every((name) => inputs.has(name)));
  if (matches.length === 1) return { entry: matches[0]!.entry, signature: { name: matches[0]!.signature.name, inputs: matches[0]!.signature.inputs } };
  const named = REDUNDANCY_INPUTS.filter((name) => inputs.has(name));
  if (named.length) return { entry: OPAQUE_MODULE_ENTRY, redundancyInputs: named };
  return undefined;
}

/** How far one input's change cuts redundancy: to one instance (or no standby), to one zone, or fewer but still several. */
export type InputCut = 'one' | 'zone' | 'fewer';

export interface InputReduction {
  cut: InputCut;
  /** What the input's name says the change does, for the message. */
  says: string;
}

function count(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  // Terraform 0.11 configurations write numbers as strings (`number_cache_clusters = "2"`).
  if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
  if (Array.isArray(v)) return v.length;
  if (v !== null && typeof v === 'object') return Object.keys(v).length;
  return undefined;
}

function distinct(v: unknown): number | undefined {
  return Array.isArray(v) ? new Set(v.map((x) => JSON.stringify(x))).size : undefined;
}

const MULTI_ZONE_MODES = /MULTI_AZ|REGIONAL|ZONE_?REDUNDANT/i;
const SINGLE_ZONE_MODES = /^(SINGLE_INSTANCE|ZONAL|SAME_?ZONE|SINGLE_AZ)$/i;

/**
 * Whether changing redundancy-named input `name` from `before` to `after` (evaluated values; undefined
 * when unknown or absent) reduces redundancy by what the name says. Unknown, absent, added or removed
 * values never do (the module's default is not known); neither does a count cut to 0 (switched off or
 * scaled from zero: not known which).
 */
export function inputReduction(name: string, before: unknown, after: unknown): InputReduction | undefined {
  const kind = INPUTS[name];
  if (!kind || before === undefined || after === undefined || before === null || after === null) return undefined;
  switch (kind) {
    case 'standby-on':
      return before === true && after === false ? { cut: 'one', says: `${name} true -> false turns off the standby (or replicas) in another zone` } : undefined;
    case 'zones-on':
      return before === true && after === false ? { cut: 'zone', says: `${name} true -> false no longer spreads it across zones` } : undefined;
    case 'zones-off':
      return before === false && after === true ? { cut: 'zone', says: `${name} false -> true puts it in one zone` } : undefined;
    case 'availability':
      return typeof before === 'string' && typeof after === 'string' && MULTI_ZONE_MODES.test(before) && SINGLE_ZONE_MODES.test(after)
        ? { cut: 'one', says: `${name} ${before} -> ${after} leaves one instance with no standby in another zone` }
        : undefined;
    case 'count': {
      const [b, a] = [count(before), count(after)];
      if (b === undefined || a === undefined || a < 1 || a >= b) return undefined;
      return a === 1 ? { cut: 'one', says: `${name} ${b} -> 1 leaves a single instance` } : { cut: 'fewer', says: `${name} ${b} -> ${a}` };
    }
    case 'zone-list': {
      const [b, a] = [distinct(before), distinct(after)];
      if (b === undefined || a === undefined || a < 1 || a >= b) return undefined;
      return a === 1 ? { cut: 'zone', says: `${name} ${b} zones -> 1 puts everything in one zone` } : { cut: 'fewer', says: `${name} ${b} zones -> ${a}` };
    }
  }
}
