import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hclLiteral } from '../../../src/formats/terraform/fix.js';
import { terraform } from '../../../src/formats/terraform/index.js';
import { ZONES_KEY } from '../../../src/catalog/entry.js';
import { fileSetFromMap, fileSetFromRecord, type FileSet } from '../../../src/model/index.js';

const EXAMPLE = join(import.meta.dirname, '../../../fixtures/examples/payments-cost-cut');

function readDir(dir: string): FileSet {
  const rec: Record<string, string> = {};
  for (const f of readdirSync(dir)) rec[f] = readFileSync(join(dir, f), 'utf8');
  return fileSetFromRecord(rec);
}

function extractOne(fs: FileSet) {
  const stacks = terraform.stacks(fs.paths().filter((p) => terraform.claims(p)), fs, {});
  expect(stacks).toHaveLength(1);
  return terraform.extract(stacks[0]!, fs, {});
}

describe('terraform plugin with the real catalog', () => {
  it('reads the bundled example: NAT gateways per zone vs one, database standby from tfvars', () => {
    const base = extractOne(readDir(join(EXAMPLE, 'base')));
    const head = extractOne(readDir(join(EXAMPLE, 'head')));
    const get = (x: typeof base, id: string) => x.components.find((c) => c.id === id)!;

    expect(get(base, 'aws_nat_gateway.main').redundancy.zones?.count).toBe(3);
    expect(get(head, 'aws_nat_gateway.main').redundancy.zones).toEqual({ count: 1, names: ['eu-west-1a'] });

    const db = get(head, 'aws_db_instance.payments');
    expect(db.redundancy.instances).toBe(1);
    expect(db.attributes.multiAz).toMatchObject({ value: false, site: { file: 'terraform.tfvars', startLine: 2, endLine: 2 }, text: 'db_multi_az = false' });
    expect(db.fix?.suggestion).toEqual({ file: 'terraform.tfvars', startLine: 2, endLine: 2, replacement: 'db_multi_az = true' });

    // Subnets need their route tables, route tables their NAT gateway: the path a zonal NAT failure takes.
    const edges = head.dependencies.map((d) => `${d.from} -> ${d.to}`);
    expect(edges).toContain('aws_subnet.private -> aws_route_table.private');
    expect(edges).toContain('aws_route_table.private -> aws_nat_gateway.main');
    expect(edges).toContain('aws_autoscaling_group.api -> aws_subnet.private');
    expect(edges).toContain('aws_lb.api -> aws_lb_listener.https');
    expect(head.diagnostics).toEqual([]);
    expect(head.components.every((c) => c.stack === '.' && c.format === 'terraform')).toBe(true);
  });

  it('resolves zones through the subnets of the terraform-aws-modules/vpc registry module', () => {
    const x = extractOne(
      fileSetFromRecord({
        'main.tf': `
module "vpc" {
  source             = "terraform-aws-modules/vpc/aws"
  version            = "5.8.1"
  azs                = ["eu-west-1a", "eu-west-1b", "eu-west-1c"]
  private_subnets    = ["10.0.1.0/24", "10.0.2.0/24", "10.0.3.0/24"]
  public_subnets     = ["10.0.101.0/24", "10.0.102.0/24", "10.0.103.0/24"]
  database_subnets   = ["10.0.201.0/24", "10.0.202.0/24"]
  enable_nat_gateway = true
  single_nat_gateway = true
}
resource "aws_instance" "pinned" {
  subnet_id = module.vpc.private_subnets[1]
}
resource "aws_instance" "spread" {
  count     = 3
  subnet_id = module.vpc.private_subnets[count.index]
}
`,
      }),
    );
    const get = (id: string) => x.components.find((c) => c.id === id)!;
    expect(get('module.vpc')).toMatchObject({ type: 'module:terraform-aws-modules/vpc/aws', role: 'gateway' });
    expect(get('module.vpc').redundancy.zones).toEqual({ count: 1, names: ['eu-west-1a'] });
    expect(get('module.vpc').fix?.suggestion).toEqual({ file: 'main.tf', startLine: 10, endLine: 10, replacement: '  single_nat_gateway = false' });
    expect(get('aws_instance.pinned').redundancy.zones).toEqual({ count: 1, names: ['eu-west-1b'] });
    expect(get('aws_instance.spread').redundancy.zones?.count).toBe(3);
    expect(x.dependencies.map((d) => `${d.from} -> ${d.to}`).sort()).toEqual(['aws_instance.pinned -> module.vpc', 'aws_instance.spread -> module.vpc']);
  });

  it('runs a GKE node pool without node_locations in its cluster\'s node_locations (multi-zonal cluster)', () => {
    const x = extractOne(
      fileSetFromRecord({
        'gke.tf': `
resource "google_container_cluster" "multi" {
  name           = "multi"
  location       = "us-central1-a"
  node_locations = ["us-central1-a", "us-central1-b", "us-central1-c"]
}
resource "google_container_node_pool" "inherits" {
  cluster    = google_container_cluster.multi.id
  location   = google_container_cluster.multi.location
  node_count = 1
}
resource "google_container_node_pool" "own" {
  cluster        = google_container_cluster.multi.name
  location       = "us-central1-a"
  node_locations = ["us-central1-b"]
  node_count     = 1
}
resource "google_container_cluster" "zonal" {
  name     = "zonal"
  location = "us-central1-a"
}
resource "google_container_node_pool" "zonal" {
  cluster    = google_container_cluster.zonal.id
  location   = google_container_cluster.zonal.location
  node_count = 1
}
`,
      }),
    );
    const get = (id: string) => x.components.find((c) => c.id === id)!;
    expect(get('google_container_cluster.multi').redundancy).toMatchObject({ instances: 1, zones: { count: 1 } });
    expect(get('google_container_node_pool.inherits').redundancy).toMatchObject({ instances: 3, zones: { count: 3 } });
    expect(get('google_container_node_pool.own').redundancy).toMatchObject({ instances: 1, zones: { count: 1, names: ['us-central1-b'] } });
    expect(get('google_container_node_pool.zonal').redundancy).toMatchObject({ instances: 1, zones: { count: 1, names: ['us-central1-a'] } });
    expect(x.diagnostics).toEqual([]);
  });

  it('places an absent nested attribute in its enclosing block: evidence line and inserted suggestion', () => {
    const x = extractOne(
      fileSetFromRecord({
        'aks.tf': `resource "azurerm_kubernetes_cluster" "one_zone" {
  name = "aks"

  default_node_pool {
    name       = "system"
    node_count = 3
  }
}

resource "azurerm_postgresql_flexible_server" "db" {
  name = "pg"
  zone = "1"
}
`,
      }),
    );
    const aks = x.components.find((c) => c.id === 'azurerm_kubernetes_cluster.one_zone')!;
    expect(aks.attributes['default_node_pool.zones']?.site).toEqual({ file: 'aks.tf', startLine: 4, endLine: 4 });
    expect(aks.fix?.suggestion).toEqual({ file: 'aks.tf', startLine: 4, endLine: 4, replacement: '  default_node_pool {\n    zones = ["1", "2", "3"]' });
    // The enclosing block is not written: the whole block is inserted after the resource's first line.
    const db = x.components.find((c) => c.id === 'azurerm_postgresql_flexible_server.db')!;
    expect(db.attributes['high_availability.mode']?.site.startLine).toBe(10);
    expect(db.fix?.suggestion).toEqual({
      file: 'aks.tf',
      startLine: 10,
      endLine: 10,
      replacement: 'resource "azurerm_postgresql_flexible_server" "db" {\n  high_availability {\n    mode = "ZoneRedundant"\n  }',
    });
    expect(db.fix?.description).toContain('high_availability.mode = "ZoneRedundant"');
  });

  it('keeps the deciding values of a module that builds nothing that can fail, for evidence when it starts to', () => {
    const x = extractOne(
      fileSetFromRecord({
        'vpc.tf': `module "vpc" {
  source             = "terraform-aws-modules/vpc/aws"
  azs                = ["eu-west-1a", "eu-west-1b"]
  public_subnets     = ["10.0.101.0/24", "10.0.102.0/24"]
  enable_nat_gateway = false
  single_nat_gateway = true
}
`,
      }),
    );
    const vpc = x.components.find((c) => c.id === 'module.vpc')!;
    expect(vpc.role).toBe('connector');
    expect(vpc.attributes['enable_nat_gateway']).toMatchObject({ value: false, site: { file: 'vpc.tf', startLine: 5 } });
    expect(vpc.attributes['single_nat_gateway']).toMatchObject({ value: true, site: { file: 'vpc.tf', startLine: 6 } });
  });

  it('writes fix values as HCL literals: maps of simple values too', () => {
    expect(hclLiteral({ one: {}, reader: {} })).toBe('{ one = {}, reader = {} }');
    expect(hclLiteral({ 'my key': 'x', n: 2, list: ['a'] })).toBe('{ "my key" = "x", n = 2, list = ["a"] }');
    expect(hclLiteral({})).toBe('{}');
    expect(hclLiteral({ f: () => 1 })).toBeUndefined();
  });

  it('shows an evidence value that is not known statically as its expression, not as null', () => {
    const x = extractOne(
      fileSetFromRecord({
        'main.tf': `module "vpc" {
  source          = "terraform-aws-modules/vpc/aws"
  azs             = ["eu-west-1a", "eu-west-1b", "eu-west-1c"]
  private_subnets = ["10.0.1.0/24", "10.0.2.0/24", "10.0.3.0/24"]
}
module "kafka" {
  source                     = "terraform-aws-modules/msk-kafka-cluster/aws"
  number_of_broker_nodes     = 2
  broker_node_client_subnets = slice(module.vpc.private_subnets, 0, 2)
}
module "pinned" {
  source                     = "terraform-aws-modules/msk-kafka-cluster/aws"
  number_of_broker_nodes     = 2
  broker_node_client_subnets = [module.vpc.private_subnets[0], "subnet-#1"] # pinned: see OPS-12 // not code
}
`,
      }),
    );
    // Comments after the expression are not part of it; '#' inside a string is.
    expect(x.components.find((c) => c.id === 'module.pinned')!.attributes['broker_node_client_subnets']?.value).toBe('[module.vpc.private_subnets[0], "subnet-#1"]');
    const kafka = x.components.find((c) => c.id === 'module.kafka')!;
    expect(kafka.redundancy).toMatchObject({ instances: 2, zones: { count: 2 } });
    // Not statically known: evidence shows the expression as written rather than a list of nulls.
    expect(kafka.attributes['broker_node_client_subnets']?.value).toBe('slice(module.vpc.private_subnets, 0, 2)');
  });

  it('reverses the edges of registry module entries as for resources: a target group needs the autoscaling module', () => {
    const x = extractOne(
      fileSetFromRecord({
        'main.tf': `resource "aws_lb_target_group" "app" {
  port = 80
}
module "asg" {
  source   = "terraform-aws-modules/autoscaling/aws"
  min_size = 1
  traffic_source_attachments = {
    alb = { traffic_source_identifier = aws_lb_target_group.app.arn }
  }
}
module "legacy" {
  source            = "terraform-aws-modules/autoscaling/aws"
  min_size          = 1
  target_group_arns = [aws_lb_target_group.app.arn]
}
`,
      }),
    );
    const edges = x.dependencies.map((d) => `${d.from} -> ${d.to}${d.group ? ` (k=${d.group.k})` : ''}`).sort();
    expect(edges).toEqual(['aws_lb_target_group.app -> module.asg (k=1)', 'aws_lb_target_group.app -> module.legacy (k=1)']);
  });

  it('records the one line a component\'s zone names are written on, for evidence (for_each keys, element(var.azs, i))', () => {
    const x = extractOne(
      fileSetFromRecord({
        'main.tf': `variable "azs" {
  default = ["eu-west-1a", "eu-west-1b"]
}
locals {
  web_zones = toset(["eu-west-1a", "eu-west-1c"])
}
resource "aws_instance" "web" {
  for_each          = local.web_zones
  availability_zone = each.key
}
resource "aws_subnet" "private" {
  count             = 3
  availability_zone = element(var.azs, count.index)
}
resource "aws_autoscaling_group" "app" {
  min_size            = 2
  vpc_zone_identifier = aws_subnet.private[*].id
}
resource "aws_instance" "mixed" {
  count             = 2
  availability_zone = count.index == 0 ? "eu-west-1a" : var.azs[1]
}
`,
      }),
    );
    const get = (id: string) => x.components.find((c) => c.id === id)!;
    expect(get('aws_instance.web').attributes[ZONES_KEY]).toMatchObject({ attribute: 'zones', value: ['eu-west-1a', 'eu-west-1c'], site: { file: 'main.tf', startLine: 5 } });
    expect(get('aws_autoscaling_group.app').attributes[ZONES_KEY]).toMatchObject({ value: ['eu-west-1a', 'eu-west-1b'], site: { startLine: 2 } });
    // Zones written on different lines: no single line to show.
    expect(get('aws_instance.mixed').attributes[ZONES_KEY]).toBeUndefined();
  });

  it('extracts a generated monorepo of 10,000 resources in 50 stacks, base and head, without diagnostics', async () => {
    const { generateMonorepo } = await import('../../../bench/generate.js');
    const { mkdtempSync, rmSync, readdirSync: rd, statSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'spof-tf-'));
    try {
      const { base, head, resources } = generateMonorepo(dir, { stacks: 50, resourcesPerStack: 200 });
      expect(resources).toBeGreaterThanOrEqual(10_000);
      const load = (root: string): FileSet => {
        const m = new Map<string, string>();
        const rec = (d: string, rel: string) => {
          for (const e of rd(d)) {
            const p = join(d, e);
            const r = rel ? `${rel}/${e}` : e;
            if (statSync(p).isDirectory()) rec(p, r);
            else m.set(r, readFileSync(p, 'utf8'));
          }
        };
        rec(root, '');
        return fileSetFromMap(m);
      };
      const sides = [load(base), load(head)];
      let components = 0;
      for (const fs of sides) {
        const stacks = terraform.stacks(fs.paths().filter((p) => terraform.claims(p)), fs, {});
        expect(stacks).toHaveLength(50);
        for (const s of stacks) {
          const x = terraform.extract(s, fs, {});
          components += x.components.length;
          expect(x.diagnostics).toEqual([]);
        }
      }
      // Speed is measured by `npm run bench`, not asserted here.
      expect(components).toBeGreaterThan(19_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
