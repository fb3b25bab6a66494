import type { AttributeSite, Format, Redundancy, Role, SourceRange, Zones } from '../model/index.js';

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
}

export interface Judgement {
  redundancy: Redundancy;
  /** Keys of the attributes that decided the redundancy, for evidence and suggestions. */
  decisive: string[];
  /** A one-edit fix that makes the component redundant, when there is one. */
  fix?: { key: string; value: unknown; note?: string };
  /** Entry points depend on the resource's configuration (internal vs internet-facing LB). */
  entryPoint?: boolean;
}

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
  /** Whether this entry judges this resource (Aurora members are not standalone RDS instances). */
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
  edges?: { reverse?: readonly string[]; association?: { from: string; to: string } };
}

export type AttributeSiteOf = (key: string) => AttributeSite | undefined;
