import type { AttributeSite, Format, Redundancy, Role, SourceRange, Zones } from '../model/index.js';
import type { RegionCount } from './regions.js';

/** Marks a value the format could not evaluate statically (a data source, an unknown function, ...). */
export const UNKNOWN: unique symbol = Symbol.for('spof-review.unknown');
export type Unknown = typeof UNKNOWN;

/**
 * A resource as a catalog entry sees it, whatever its format. The format builds it after
 * evaluating expressions; keys are the entry's format-neutral attribute keys (see `CatalogEntry.attributes`).
 */
export interface ResourceView {
  format: Format;
  type: string;
  /** Component id (Terraform address, logical id, ...). */
  id: string;
  location: SourceRange;
  /** Instances declared by the block itself: `count`/`for_each` size; 1 without them; null when unknown. */
  count: number | null;
  /**
   * Evaluated value of an attribute key (nested paths with dots: `cluster_config.zone_awareness_enabled`).
   * `undefined` when absent (the entry applies the provider's default), UNKNOWN when not evaluable.
   */
  get(key: string): unknown;
  /** Where the key's value is written (or where its default would be inserted: the block's first line). */
  site(key: string): AttributeSite | undefined;
  /**
   * Failure domains of the resource given placement attribute keys (subnet ids, zone names, ...):
   * resolves referenced subnets to their availability zones. null when nothing could be resolved.
   */
  zones(keys: readonly string[]): Zones | null;
  /** How many distinct values a list-valued key holds (subnet lists), null when unknown or absent. */
  length(key: string): number | null;
}

export interface RecoveryEstimate {
  rto: string;
  rpo: string;
  /** Upper bound of `rto` in seconds, for `policy.rto` checks; absent when unbounded (manual work, hours). */
  rtoMaxSeconds?: number;
  /** Upper bound of `rpo` in seconds (0: no data loss, or nothing stateful to lose); absent when unbounded. */
  rpoMaxSeconds?: number;
}

export interface Judgement {
  redundancy: Redundancy;
  /** Keys of the attributes that decided the redundancy, for evidence and suggestions. */
  decisive: string[];
  /** A one-edit fix that makes the component redundant, when there is one. */
  fix?: { key: string; value: unknown; note?: string };
  /** Entry points depend on the resource's configuration (internal vs internet-facing LB). */
  entryPoint?: boolean;
  /**
   * Overrides `CatalogEntry.regional` for this resource when the configuration decides it
   * (EFS Standard is regional, EFS One Zone is not; Azure ZRS storage is, LRS is not).
   */
  regional?: boolean;
}

/**
 * Synthesized view keys (they start with `__`; no user attribute has such a name):
 * - `__members` (`MEMBERS_KEY`): for an entry with `members`, the number of member resources declared in
 *   the stack (count/for_each-aware: `count = 2` counts 2) whose `members[format].key` attribute references
 *   this resource. Always set for such entries: 0 when there are none, UNKNOWN when a member's count or
 *   reference cannot be evaluated.
 */
export const MEMBERS_KEY = '__members';

/**
 * Attribute key (on `Component.attributes`, not a view key) of the zone names a format resolved a
 * component's placement to, at the one line they are all written on (a `var.azs` default or tfvars line,
 * a `for_each` set): evidence for a zone change that no attribute of the component itself shows.
 */
export const ZONES_KEY = '__zones';

/**
 * What one kind of resource means for redundancy. Shared by the formats that can declare it
 * (an RDS instance is the same thing in Terraform and CloudFormation): the knowledge is written once.
 */
export interface CatalogEntry {
  /** Stable rule id, shown in findings and used in ignores: `aws-rds-instance`. */
  id: string;
  /** Short human name: `RDS DB instance`. */
  title: string;
  role: Role;
  /** Resource types per format. Terraform registry modules are `module:<source without version>`. */
  types: Partial<Record<Format, readonly string[]>>;
  /** Format-neutral attribute key -> attribute path per format. Keys not listed here are used verbatim. */
  attributes?: Record<string, Partial<Record<Format, string>>>;
  /** Regional managed services never fail alone. */
  regional?: boolean;
  entryPoint?: boolean;
  /**
   * Whom this resource serves beyond any one repository, in words ("everything deployed onto this
   * cluster"): platforms and shared network paths exist for consumers that live elsewhere, the way a
   * data store's clients do. A change that leaves it without the tolerance it had is then worth a
   * reviewer's attention (medium) though nothing in the repository references it.
   */
  serves?: string;
  /**
   * Whether this entry judges this resource (Aurora members are not standalone RDS instances; a registry
   * module created with `create = false` builds nothing). When it returns false the resource is modelled as
   * a `connector`: not judged, failure passes through it to what it references.
   */
  applies?(r: ResourceView): boolean;
  judge?(r: ResourceView): Judgement;
  /** Typical recovery with and without the redundancy this entry looks for. */
  recovery?: { redundant: RecoveryEstimate; single: RecoveryEstimate };
  /** What a failure means, for messages: "writes fail until a standby is promoted or a snapshot restored". */
  impact?: string;
  /**
   * Dependency direction hints. `reverse`: references in these attribute keys mean the *target*
   * needs this resource (a target group lists the ASG that serves it). `association`: the resource
   * is only an edge, `from` key needs `to` key (a route table association makes a subnet need its route table).
   */
  edges?: {
    reverse?: readonly string[];
    association?: {
      from: string;
      to: string;
      /** All keys that may hold the `from` side, `from` first (`lb_target_group_arn`, `elb`). */
      fromKeys?: readonly string[];
      /** All keys that may hold the `to` side, `to` first (a route: `nat_gateway_id`, `gateway_id`, ...). */
      toKeys?: readonly string[];
    };
    /**
     * The dependencies this entry creates through `reverse` or `association` are interchangeable for the
     * resource that needs them: a target group fails only when all its targets fail (k = 1 of them).
     */
    alternatives?: boolean;
  };
  /**
   * Member resources that give this resource its instances (an Aurora cluster's `aws_rds_cluster_instance`s):
   * per format, the member types and the member's attribute key that references this resource. The format
   * counts them into `__members` (see `MEMBERS_KEY`); the members themselves are connectors.
   */
  members?: Partial<Record<Format, { types: readonly string[]; key: string }>>;
  /**
   * Keys that name the source this resource is a promotable copy of (`replicateSourceDb`,
   * `master_instance_name`): when one is set (and `when` holds, for resources whose copy-ness depends on a
   * mode), the component is a replica (`Component.copyOf`). Replication is a copy, not a dependency: the
   * replica does not fail with its source, nor does the source's blast radius grow by it.
   */
  copyOf?: { keys: readonly string[]; when?(r: ResourceView): boolean };
  /**
   * Keys naming the resources this one gives a failover elsewhere (an Azure SQL failover group's `databases`):
   * the component is a failover construct (`Component.failoverFor`), and removing it while they remain is
   * a redundancy reduction of each of them.
   */
  failoverFor?: { keys: readonly string[] };
  /**
   * Resources of this entry whose values at `keys` are equal are alternatives of one redundancy group:
   * a dependent fails only when fewer than `k` of them survive (Route 53 failover records share name + type).
   * Only resources whose `when` key is set take part (`set_identifier`: plain records are not grouped).
   */
  redundancyGroup?: {
    keys: readonly string[];
    k: number;
    when?: string;
    /** A value only known at deploy time (a reference to another resource) groups by the expression written. */
    byExpression?: boolean;
    /**
     * The alternatives are the items of this list property inside one resource (a RecordSetGroup's
     * `RecordSets`), compared at `keys` among the items where `when` is set: what one set's items reference
     * are alternatives for the resource, and a set with an item that references nothing here has an
     * alternative outside the repository, so it needs none of them.
     */
    list?: string;
  };
  /**
   * Resource types (per format) that declare the same real resource in another shape (a regional disk replaced
   * by a zonal one under the same name): a vanished and an appeared component of these types, with the same id
   * stem, are one resource changed, not one removed and another added (see `analysis/moves.ts`).
   */
  sameResourceAs?: Partial<Record<Format, readonly string[]>>;
  /** The regions the configuration places the resource in (DESIGN: "Regions"); undefined when it does not tell. */
  regions?(r: ResourceView): RegionCount | undefined;
  /** Protections beside redundancy this resource may carry (see `SafeguardSpec`). */
  safeguards?: readonly SafeguardSpec[];
  /**
   * It schedules, orchestrates or carries data for others (an Airflow scheduler, a Kafka Connect worker): it
   * matters without declared dependents, since what it runs lives in code and other systems (DESIGN: "Pipelines").
   */
  pipeline?: PipelineRole;
}

/**
 * What a scheduler, orchestrator or ingestion worker is to the data it moves. Nothing references it, yet
 * every pipeline it runs halts when it is down: a lone one is a single point of failure by itself.
 */
export interface PipelineRole {
  part: 'scheduler' | 'orchestrator' | 'ingestion';
  /**
   * One active instance by design (Celery beat, an Airflow 1.x scheduler, a Flink JobManager without high
   * availability): a second copy runs the work twice or is another cluster, not a standby. Its replicas count
   * as one; `why` says so and `fix` names the mode that gives it a standby.
   */
  singleton?: { why: string; fix: string };
  /** The fix in words when more copies of the same definition are not the way (a Connect worker joins a group). */
  fix?: string;
  /** Said with a replica-count fix, when more copies are the way (`Airflow 2.0+ runs several schedulers at once`). */
  note?: string;
}

/**
 * A protection beside redundancy (DESIGN: "Safeguards"): a dead-letter queue, a recoverable copy of the
 * data. Judged from the configuration; a value that cannot be evaluated leaves it out (unknown, not absent).
 */
export interface SafeguardSpec {
  id: string;
  kind: 'isolation' | 'copy';
  /** What it is, for messages: `a dead-letter queue`, `automated backups`. */
  what: string;
  /** The edit that restores it. */
  fix: string;
  /** The key that decides it: its site is the evidence. */
  key: string;
  /** Keys that may decide it before `key`: the first one written is the evidence. */
  decidedBy?: readonly string[];
  /** Only for these resource types, when the entry covers several. */
  types?: readonly string[];
  /**
   * It protects what this resource references in this top-level attribute, in the format's own syntax (a
   * companion resource: `aws_s3_bucket_versioning.bucket`), not itself.
   */
  guardsReferenced?: string;
  /** Present or not, with what is kept; undefined when the configuration does not tell. */
  judge(r: ResourceView): { present: boolean; detail?: string } | undefined;
}

export type AttributeSiteOf = (key: string) => AttributeSite | undefined;
