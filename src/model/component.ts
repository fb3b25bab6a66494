import type { Hub } from './hub.js';
import type { SourceRange } from './source.js';

/**
 * The input formats' names, as keys. Empty here on purpose: each format adds its name from its own
 * folder (`declare module` in `src/formats/<name>/index.ts`), so adding a format edits no shared type.
 */
export interface FormatNames {}

/** The name of an input format (`terraform`, `kubernetes`, ...): a key some format added to FormatNames. */
export type Format = keyof FormatNames & string;

export type Role =
  | 'database'
  | 'cache'
  | 'queue'
  | 'compute'
  | 'load-balancer'
  | 'gateway'
  | 'dns'
  | 'storage'
  | 'connector'
  | 'passive';

export const STATEFUL_ROLES: ReadonlySet<Role> = new Set(['database', 'cache', 'queue', 'storage']);

/**
 * How a component survives failures. `null` means "could not be evaluated statically":
 * the extractor reports a diagnostic and the analysis never guesses.
 */
export interface Redundancy {
  /** How many instances can serve. */
  instances: number | null;
  /** Failure domains spanned: names where known (us-east-1a), else only a count. */
  zones: Zones | null;
  /** Automatic failover to a standby (multi_az, automatic_failover_enabled, ...). */
  failover: boolean | null;
  /** A majority system: n members tolerate floor((n-1)/2) failures. */
  quorum: boolean;
  /**
   * A managed service that replaces a failed instance inside its zone by itself
   * (NAT gateway, EFS One Zone): a single instance failure does not take it down, a zone failure does.
   */
  zonalManaged?: boolean;
  /** Protection against voluntary disruption and correlated placement (Kubernetes-style workloads). */
  protection?: Protection;
}

export interface Protection {
  /**
   * A PodDisruptionBudget covers it: `allows` (drains evict pods one at a time), `blocks`
   * (maxUnavailable 0, or minAvailable >= replicas: drains and upgrades hang; not protection), `none`.
   */
  budget: 'allows' | 'blocks' | 'none';
  /** Anti-affinity or topology spread: across zones, across nodes, or none. */
  spread: 'zone' | 'host' | 'none';
  /** The spread is a hard rule (requiredDuringScheduling / DoNotSchedule) rather than a preference. */
  spreadRequired: boolean;
  /** Pinned to one node (nodeName, a hostname nodeSelector): every replica dies with that node. */
  pinned: boolean;
}

export interface Zones {
  count: number;
  /** Zone names when they are known; length === count then. */
  names?: string[];
}

/** Where an attribute that matters for redundancy is written, so findings can point at it. */
export interface AttributeSite {
  /** Path in the component's own syntax: `multi_az`, `spec.replicas`, `MultiAZ`. */
  attribute: string;
  /**
   * The evaluated value (JSON-compatible), or undefined when unknown. A format may show a part that is
   * only known at apply time by the reference it comes from (Terraform: `${aws_subnet.a.id}`).
   */
  value: unknown;
  /** Where the value is written: the attribute line, or the variable default / tfvars line it came from. */
  site: SourceRange;
  /** The exact source text of `site` lines, so a suggestion can rewrite them. */
  text?: string;
  /**
   * Where the attribute itself is written in the component's block, when the value comes from elsewhere
   * (`multi_az = var.ha` whose value is a variable default): evidence points here when this line is
   * what changed (the attribute was added, or its expression rewritten), at `site` otherwise.
   */
  written?: SourceRange;
  /** The exact source text of `written` lines. */
  writtenText?: string;
  /**
   * The value that chose this one, written elsewhere (Terraform `count = var.nat_per_az ? 3 : 1`:
   * `var.nat_per_az` at its tfvars line): evidence points here when only it changed.
   */
  decidedBy?: { attribute: string; value: unknown; site: SourceRange; text?: string };
}

export interface Component {
  /** Contract id: Terraform address, `Kind/ns/name`, `services.x`, CloudFormation logical id. */
  id: string;
  type: string;
  format: Format;
  /** Root module dir / manifest dir / compose file / template file. */
  stack: string;
  role: Role;
  /** Catalog rule id that judged this component (stable; shows in findings). */
  rule: string;
  location: SourceRange;
  redundancy: Redundancy;
  /** Attributes that decided the redundancy, by catalog key. */
  attributes: Record<string, AttributeSite>;
  entryPoint: boolean;
  /** Regional managed services (S3, SQS, IAM, ...) never fail alone. */
  regional: boolean;
  /**
   * Member of a redundancy group of alternatives that stand for one thing (Route 53 failover records
   * sharing a name): the group fails only when fewer than `k` members survive, so a member whose
   * group still serves is not counted as failed (neither as a dependent nor as an entry point).
   * Group ids are unique within a stack.
   */
  alternativeOf?: { group: string; k: number };
  /**
   * `single-host`: every component of the stack runs on one machine by design (a compose project that
   * replicates nothing). The host is the failure domain: members are not reported as SPOFs one by
   * one, and a diff reports only explicit cuts of redundancy the base had.
   */
  failureDomain?: 'single-host';
  /**
   * Why this compose service is known to run on one Docker engine with the rest of its project even
   * though the project replicates something (Compose file format 2, which `docker stack deploy` does
   * not accept; `container_name`, one per engine): members on one host guard against a container's
   * crash, not the host's. New single services there are rated low; cuts of what it had are not.
   */
  oneEngine?: string;
  /**
   * A promotable copy of another component (a read replica, a geo-secondary, a replica server), set by the
   * judge step from its catalog entry's `copyOf`. `via` names the top-level attributes (in the format's own
   * syntax: `replicate_source_db`, `SourceDBInstanceIdentifier`) that name the source: a dependency written
   * there is replication, not a need, so failure does not flow through it, and a copy matters only by
   * what depends on it (its data has a second home: the source).
   */
  copyOf?: { via: string[] };
  /**
   * A failover construct (an Azure SQL failover group): it gives what it names through the attributes in `via`
   * (its databases) a second region to fail over to. Set by the judge step from the entry's `failoverFor`.
   * Removing it while they remain takes that failover away from them.
   */
  failoverFor?: { via: string[] };
  /**
   * The lists of alternative servers this component names as a client, each where it is written: an env
   * value's hosts (`zk1:2181,zk2:2181,zk3:2181`), a proxy's upstream servers. The diff reports a list cut
   * to one server (issue 9): that server becomes a single point of failure for this client.
   */
  endpoints?: EndpointUse[];
  /**
   * Protections beside redundancy, as written (DESIGN: "Safeguards"): a dead-letter queue that isolates a
   * poison message, the recoverable copies of a data store's data (backups, point-in-time recovery, object
   * versioning, replication). Only those the configuration decides are listed; unknown ones are left out.
   * With `guardsReferenced`, they protect what this component references in those top-level attributes
   * (an `aws_s3_bucket_versioning` protects its `bucket`), not this component.
   */
  safeguards?: Safeguard[];
  guardsReferenced?: string[];
  /** The regions the configuration places it in, when it says (DESIGN: "Regions"). */
  regions?: { count: number; names?: string[]; site?: AttributeSite };
  /**
   * The one region it is created in, where the configuration names it (DESIGN: "Regions"): Terraform's
   * provider `region` (an alias's, a module's passed-down one), or its own `region` / `location`. Unknown
   * and global resources (IAM, Route 53, CloudFront) have none. `site` is where the name is written.
   */
  region?: { name: string; site?: AttributeSite };
  /**
   * A CODEOWNERS rule (DESIGN: "Key people"): who must review the files its pattern matches. Such a
   * component is passive in the failure graph; the people who can review are what fails.
   */
  ownership?: Ownership;
  /**
   * It schedules, orchestrates or carries data for others (an Airflow scheduler, a Kafka Connect worker), set
   * from its catalog entry or the image it runs: what it runs halts with it, so it matters without dependents.
   */
  pipeline?: { part: 'scheduler' | 'orchestrator' | 'ingestion' };
  /** Human label for messages, e.g. `aws_db_instance.main (PostgreSQL)`. */
  label?: string;
  /**
   * The one edit that makes the component redundant, when there is one. The format writes the
   * replacement in its own syntax (`multi_az = true`, `MultiAZ: true`, `replicas: 2`).
   */
  fix?: { description: string; suggestion?: { file: string; startLine: number; endLine: number; replacement: string } };
}

/** One owner of a CODEOWNERS rule, as written: `@alice` (user), `@org/team` (team), `alice@example.com` (email). */
export interface Owner {
  kind: 'user' | 'team' | 'email';
  /** As written, without a leading `@`: `alice`, `org/team`, `alice@example.com`. */
  name: string;
}

export interface Ownership {
  /** The pattern as written. */
  pattern: string;
  /**
   * The same pattern as globs of `model/glob.ts` (case-sensitive): a path the rule covers matches one
   * of them. None for a pattern that matches nothing (`/`).
   */
  globs: string[];
  /** Empty: the rule un-owns what it matches. */
  owners: Owner[];
  /** Position among the file's rules: of the rules matching a path, the highest wins. */
  order: number;
}

export interface Safeguard {
  /** Stable: `dead-letter`, `backups`, `point-in-time-recovery`, `versioning`, `replication`, `soft-delete`. */
  id: string;
  /** `isolation` keeps one bad input from blocking the rest; `copy` is a recoverable copy of the data. */
  kind: 'isolation' | 'copy';
  present: boolean;
  /** What is kept, when the configuration says (`7 days`). */
  detail?: string;
  /** What it is and how to restore it, for messages: `a dead-letter queue`. */
  what: string;
  fix: string;
  /** Where it is decided (or where it would be written). */
  site?: AttributeSite;
}

export interface EndpointUse {
  /** What names the list, unique for its component: `KAFKA_BOOTSTRAP_SERVERS`, `upstream backend in nginx.conf`. */
  via: string;
  /** The value as written (capped), for evidence. */
  value: string;
  /** How many hosts it names, resolved or not (an external name is an alternative that cannot be judged). */
  named: number;
  /** The components its hosts resolve to, in order. */
  targets: string[];
  /** Written as a list of alternatives (not a peer list, not one URL among other words). */
  alternatives: boolean;
  /**
   * When every host names one member of the single target rather than the whole of it (the pods
   * `zk-0`, `zk-1` of a StatefulSet, by their own DNS names): those members, in order. Two or more are
   * alternatives within that target; one is a single instance of it.
   */
  members?: string[];
  site: SourceRange;
}

export type DependencyKind = 'reference' | 'depends_on' | 'selector' | 'backend' | 'hostname' | 'target' | 'volume' | 'association';

/**
 * A rename the files themselves declare (Terraform `moved` blocks): `from` is the component id before
 * the change, `to` the id after; a module address moves everything under it.
 */
export interface DeclaredMove {
  from: string;
  to: string;
}

/** A -> B: `from` needs `to` to work. */
export interface Dependency {
  from: string;
  to: string;
  kind: DependencyKind;
  /**
   * Alternatives: dependencies of the same `from` sharing a group id are interchangeable,
   * and `from` fails only when fewer than `k` of them survive (an ASG across three subnets).
   */
  group?: { id: string; k: number };
  location?: SourceRange;
  /** The attribute that declares it, for evidence: `aws_ecs_task_definition.api.container_definitions`. */
  attribute?: string;
  /**
   * The top-level attribute of `from` that declares it, when `attribute` is not set (CloudFormation:
   * `SourceDBInstanceIdentifier`): tells replication (`Component.copyOf`) from a need.
   */
  via?: string;
  /**
   * Set when `from` needs every member of a shared set (or `k` of them): `to` is then the hub's id, not
   * a component's. Readers that want component pairs expand it (`expandHub`).
   */
  hub?: Hub;
}

/** The dependency as component pairs: a hub dependency becomes one per member (a group when the hub has `k`). */
export function expandHub<D extends Dependency>(d: D): D[] {
  if (!d.hub) return [d];
  const { hub, ...rest } = d;
  return hub.members
    .filter((m) => m !== d.from)
    .map((to) => ({ ...rest, to, ...(hub.k !== undefined ? { group: { id: hub.id, k: hub.k } } : {}) }) as D);
}
