import { UNKNOWN, type CatalogEntry, MEMBERS_KEY } from '../../../src/catalog/entry.js';
import type { Extraction, FormatOptions, Stack } from '../../../src/formats/format.js';
import { extractStack, type CatalogLookup } from '../../../src/formats/terraform/extract.js';
import { terraform } from '../../../src/formats/terraform/index.js';
import { Ctx } from '../../../src/formats/terraform/context.js';
import { ModuleInstance } from '../../../src/formats/terraform/module-instance.js';
import { toJs } from '../../../src/formats/terraform/view.js';
import type { Val } from '../../../src/formats/terraform/values.js';
import { fileSetFromRecord, type Component, type Dependency } from '../../../src/model/index.js';

/**
 * A small catalog of fixed entries, so these tests exercise the format and not the (separately
 * tested, evolving) real catalog.
 */
const zonal = (r: Parameters<NonNullable<CatalogEntry['judge']>>[0], keys: string[]) => r.zones(keys);

export const TEST_ENTRIES: CatalogEntry[] = [
  {
    id: 'test-db',
    title: 'DB instance',
    role: 'database',
    types: { terraform: ['aws_db_instance'] },
    attributes: { multiAz: { terraform: 'multi_az' }, subnets: { terraform: 'db_subnet_group_name' } },
    judge(r) {
      const m = r.get('multiAz');
      if (m === UNKNOWN) return { redundancy: { instances: null, zones: null, failover: null, quorum: false }, decisive: ['multiAz'] };
      const ha = m === true;
      return {
        redundancy: { instances: ha ? 2 : 1, zones: ha ? { count: 2 } : zonal(r, ['subnets']), failover: ha, quorum: false },
        decisive: ['multiAz'],
        ...(ha ? {} : { fix: { key: 'multiAz', value: true } }),
      };
    },
  },
  {
    id: 'test-ec2',
    title: 'EC2',
    role: 'compute',
    types: { terraform: ['aws_instance'] },
    attributes: { subnetId: { terraform: 'subnet_id' }, availabilityZone: { terraform: 'availability_zone' } },
    judge: (r) => ({
      redundancy: { instances: r.count, zones: zonal(r, ['subnetId', 'availabilityZone']), failover: false, quorum: false },
      decisive: ['count', 'subnetId'],
    }),
  },
  {
    id: 'test-asg',
    title: 'ASG',
    role: 'compute',
    types: { terraform: ['aws_autoscaling_group'] },
    attributes: { minSize: { terraform: 'min_size' }, subnets: { terraform: 'vpc_zone_identifier' }, targetGroups: { terraform: 'target_group_arns' } },
    edges: { reverse: ['targetGroups'], alternatives: true } as CatalogEntry['edges'],
    judge: (r) => {
      const min = r.get('minSize');
      return {
        redundancy: { instances: typeof min === 'number' ? min : null, zones: zonal(r, ['subnets']), failover: true, quorum: false },
        decisive: ['minSize', 'subnets'],
        ...(typeof min === 'number' && min < 2 ? { fix: { key: 'minSize', value: 2 } } : {}),
      };
    },
  },
  {
    id: 'test-eks-node-group',
    title: 'node group',
    role: 'compute',
    types: { terraform: ['aws_eks_node_group'] },
    attributes: { minSize: { terraform: 'scaling_config.min_size' }, subnets: { terraform: 'subnet_ids' } },
    judge: (r) => ({
      redundancy: { instances: (r.get('minSize') as number) ?? null, zones: zonal(r, ['subnets']), failover: true, quorum: false },
      decisive: ['minSize'],
    }),
  },
  {
    id: 'test-nat',
    title: 'NAT gateway',
    role: 'gateway',
    types: { terraform: ['aws_nat_gateway'] },
    attributes: { subnetId: { terraform: 'subnet_id' } },
    judge: (r) => ({
      redundancy: { instances: r.count, zones: zonal(r, ['subnetId']), failover: false, quorum: false, zonalManaged: true },
      decisive: ['subnetId'],
    }),
  },
  {
    id: 'test-lb',
    title: 'LB',
    role: 'load-balancer',
    types: { terraform: ['aws_lb'] },
    entryPoint: true,
    judge: (r) => ({ redundancy: { instances: 2, zones: zonal(r, ['subnets', 'subnet_mapping']), failover: true, quorum: false }, decisive: ['subnets'] }),
  },
  { id: 'test-subnet', title: 'subnet', role: 'connector', types: { terraform: ['aws_subnet'] } },
  { id: 'test-route-table', title: 'route table', role: 'connector', types: { terraform: ['aws_route_table'] } },
  { id: 'test-tg', title: 'target group', role: 'connector', types: { terraform: ['aws_lb_target_group'] } },
  {
    id: 'test-listener',
    title: 'listener',
    role: 'connector',
    types: { terraform: ['aws_lb_listener'] },
    attributes: { loadBalancerArn: { terraform: 'load_balancer_arn' } },
    edges: { reverse: ['loadBalancerArn'] },
  },
  {
    id: 'test-rta',
    title: 'route table association',
    role: 'connector',
    types: { terraform: ['aws_route_table_association'] },
    attributes: { subnetId: { terraform: 'subnet_id' }, routeTableId: { terraform: 'route_table_id' } },
    edges: { association: { from: 'subnetId', to: 'routeTableId' } },
  },
  {
    id: 'test-route',
    title: 'route',
    role: 'connector',
    types: { terraform: ['aws_route'] },
    edges: { association: { from: 'route_table_id', to: 'nat_gateway_id', toKeys: ['nat_gateway_id', 'gateway_id'] } },
  },
  {
    id: 'test-tg-attachment',
    title: 'target group attachment',
    role: 'connector',
    types: { terraform: ['aws_lb_target_group_attachment'] },
    edges: { association: { from: 'target_group_arn', to: 'target_id' }, alternatives: true } as CatalogEntry['edges'],
  },
  {
    id: 'test-cluster',
    title: 'Aurora cluster',
    role: 'database',
    types: { terraform: ['aws_rds_cluster'] },
    members: { terraform: { types: ['aws_rds_cluster_instance'], key: 'cluster_identifier' } },
    judge: (r) => {
      const n = r.get(MEMBERS_KEY);
      return {
        redundancy: { instances: typeof n === 'number' ? n : null, zones: null, failover: typeof n === 'number' ? n > 1 : null, quorum: false },
        decisive: [MEMBERS_KEY],
        ...(typeof n === 'number' && n < 2 ? { fix: { key: MEMBERS_KEY, value: 2 } } : {}),
      };
    },
  },
  { id: 'test-cluster-instance', title: 'cluster member', role: 'connector', types: { terraform: ['aws_rds_cluster_instance'] } },
  { id: 'test-iam', title: 'IAM role', role: 'passive', types: { terraform: ['aws_iam_role'] } },
  { id: 'test-s3', title: 'bucket', role: 'storage', types: { terraform: ['aws_s3_bucket'] }, regional: true },
  {
    id: 'test-r53',
    title: 'Route 53 record',
    role: 'dns',
    types: { terraform: ['aws_route53_record'] },
    entryPoint: true,
    redundancyGroup: { keys: ['name', 'type'], k: 1, when: 'set_identifier' },
  } as CatalogEntry,
  {
    id: 'test-rds-module',
    title: 'RDS module',
    role: 'database',
    types: { terraform: ['module:terraform-aws-modules/rds/aws'] },
    attributes: { multiAz: { terraform: 'multi_az' } },
    judge: (r) => {
      const m = r.get('multiAz');
      return {
        redundancy: { instances: m === true ? 2 : m === UNKNOWN ? null : 1, zones: null, failover: m === true, quorum: false },
        decisive: ['multiAz'],
        ...(m === true ? {} : { fix: { key: 'multiAz', value: true } }),
      };
    },
  },
];

const byType = new Map<string, CatalogEntry>();
for (const e of TEST_ENTRIES) for (const t of e.types.terraform ?? []) byType.set(t, e);

export const TEST_CATALOG: CatalogLookup = {
  entryFor: (t) => byType.get(t),
  moduleEntryFor: (s) => byType.get(`module:${s.replace(/\?.*$/, '')}`),
};

export interface Result {
  stacks: Stack[];
  byStack: Map<string, Extraction>;
}

export function extractAll(files: Record<string, string>, options: FormatOptions = {}, catalog: CatalogLookup = TEST_CATALOG): Result {
  const fs = fileSetFromRecord(files);
  const paths = fs.paths().filter((p) => terraform.claims(p));
  const stacks = terraform.stacks(paths, fs, options);
  const byStack = new Map<string, Extraction>();
  for (const s of stacks) byStack.set(s.id, extractStack(s, fs, options, catalog));
  return { stacks, byStack };
}

/** Extract the single stack of a file set (the root `.` unless told). */
export function extract(files: Record<string, string>, options: FormatOptions = {}, stack = '.'): Extraction {
  const r = extractAll(files, options);
  const x = r.byStack.get(stack);
  if (!x) throw new Error(`no stack ${stack}; stacks: ${r.stacks.map((s) => s.id).join(', ')}`);
  return x;
}

export function component(x: Extraction, id: string): Component {
  const c = x.components.find((k) => k.id === id);
  if (!c) throw new Error(`no component ${id}; have ${x.components.map((k) => k.id).join(', ')}`);
  return c;
}

export function ids(x: Extraction): string[] {
  return x.components.map((c) => c.id).sort();
}

/** Dependencies as `from -> to` strings (with `[group]` when grouped), sorted. */
export function edges(x: Extraction, opts: { groups?: boolean } = {}): string[] {
  return x.dependencies
    .map((d: Dependency) => `${d.from} -> ${d.to}${opts.groups && d.group ? ` [${d.group.id} k=${d.group.k}]` : ''}${d.kind !== 'reference' ? ` (${d.kind})` : ''}`)
    .sort();
}

/** Evaluate the locals of a root module: `local('x')` -> JS value (UNKNOWN when unknown). */
export function locals(files: Record<string, string>, dir = '.'): { local(name: string): unknown; raw(name: string): Val; ctx: Ctx } {
  const fs = fileSetFromRecord(files);
  const ctx = new Ctx(fs, dir, fs.paths());
  const def = ctx.moduleDef(dir);
  if (!def) throw new Error('no module');
  const mi = new ModuleInstance(ctx, def, '', { kind: 'root', values: new Map() }, [dir], true, dir);
  return { local: (n) => toJs(mi.local(n)), raw: (n) => mi.local(n), ctx };
}

export { UNKNOWN };
