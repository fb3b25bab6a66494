import { describe, expect, it } from 'vitest';
import { MEMBERS_KEY } from '../../../src/catalog/entry.js';
import { component, edges, extract, extractAll, ids } from './helpers.js';

/** 1-based line of the first line containing `needle`. */
function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`no line with ${needle}`);
  return i + 1;
}

describe('terraform extraction: variables and provenance', () => {
  const files = {
    'variables.tf': `variable "ha" {
  type    = bool
  default = false
}
`,
    'db.tf': `resource "aws_db_instance" "main" {
  engine   = "postgres"
  multi_az = var.ha
}
`,
  };

  it('points a decisive value at the variable default that set it', () => {
    const x = extract(files);
    const db = component(x, 'aws_db_instance.main');
    expect(db.redundancy.instances).toBe(1);
    expect(db.attributes.multiAz).toEqual({
      attribute: 'multi_az',
      value: false,
      site: { file: 'variables.tf', startLine: 3, endLine: 3 },
      text: '  default = false',
      written: { file: 'db.tf', startLine: 3, endLine: 3 },
      writtenText: '  multi_az = var.ha',
    });
    expect(db.location).toEqual({ file: 'db.tf', startLine: 1, endLine: 4 });
    expect(db.fix?.suggestion).toEqual({ file: 'variables.tf', startLine: 3, endLine: 3, replacement: '  default = true' });
  });

  it('terraform.tfvars < *.auto.tfvars (lexical) < configured var files, each value keeping its line', () => {
    const x = extract({
      ...files,
      'terraform.tfvars': '# base\nha = true\n',
      'b.auto.tfvars': 'ha = false # b\n',
      'a.auto.tfvars.json': '{\n  "ha": true\n}\n',
    });
    const db = component(x, 'aws_db_instance.main');
    // b.auto.tfvars is read after a.auto.tfvars.json.
    expect(db.attributes.multiAz!.value).toBe(false);
    expect(db.attributes.multiAz!.site).toEqual({ file: 'b.auto.tfvars', startLine: 1, endLine: 1 });
    expect(db.attributes.multiAz!.text).toBe('ha = false # b');
    expect(db.fix?.suggestion).toEqual({ file: 'b.auto.tfvars', startLine: 1, endLine: 1, replacement: 'ha = true # b' });

    const y = extract(
      { ...files, 'terraform.tfvars': 'ha = false\n', 'prod.tfvars': 'ha = true\n' },
      { terraformVarFiles: [{ stack: '.', files: ['prod.tfvars'] }] },
    );
    const db2 = component(y, 'aws_db_instance.main');
    expect(db2.redundancy.instances).toBe(2);
    expect(db2.attributes.multiAz!.site.file).toBe('prod.tfvars');
    expect(db2.fix).toBeUndefined();
  });

  it('a value taken out of a one-line list default is not fixed by rewriting the whole default', () => {
    const x = extract({
      'main.tf': `variable "flags" {
  default = [false]
}
resource "aws_db_instance" "main" {
  multi_az = var.flags[0]
}
`,
    });
    const db = component(x, 'aws_db_instance.main');
    expect(db.attributes.multiAz!.site).toEqual({ file: 'main.tf', startLine: 2, endLine: 2 });
    // Not `default = true`, which would turn the list into a bool: the attribute itself is rewritten.
    expect(db.fix?.suggestion).toEqual({ file: 'main.tf', startLine: 5, endLine: 5, replacement: '  multi_az = true' });
  });

  it('records where an attribute is written only when its value comes from elsewhere', () => {
    const x = extract({ 'db.tf': 'resource "aws_db_instance" "main" {\n  multi_az = false\n}\n' });
    const a = component(x, 'aws_db_instance.main').attributes.multiAz!;
    expect(a.site).toEqual({ file: 'db.tf', startLine: 2, endLine: 2 });
    expect(a.written).toBeUndefined();
    // A value written inside the attribute's own text (a key of an object value) is its own precise site.
    const y = extract({ 'eks.tf': 'resource "aws_eks_node_group" "g" {\n  scaling_config = {\n    min_size = 1\n  }\n}\n' });
    const m = component(y, 'aws_eks_node_group.g').attributes.minSize!;
    expect(m.site).toEqual({ file: 'eks.tf', startLine: 3, endLine: 3 });
    expect(m.written).toBeUndefined();
  });

  it('the instance count as evidence: 1 without count, the for_each size at for_each', () => {
    const x = extract({
      'main.tf': `resource "aws_instance" "one" {
  ami = "ami-1"
}
resource "aws_instance" "each" {
  for_each = toset(["a", "b", "c"])
  ami      = "ami-1"
}
resource "aws_instance" "two" {
  count = 2
}
`,
    });
    expect(component(x, 'aws_instance.one').attributes.count).toMatchObject({ attribute: 'count', value: 1, site: { startLine: 1 } });
    expect(component(x, 'aws_instance.each').attributes.count).toMatchObject({ attribute: 'for_each', value: 3, site: { startLine: 5 } });
    expect(component(x, 'aws_instance.two').attributes.count).toMatchObject({ attribute: 'count', value: 2, site: { startLine: 9 } });
  });

  it('inserts a missing attribute after the block header', () => {
    const x = extract({ 'db.tf': 'resource "aws_db_instance" "main" {\n  engine = "mysql"\n}\n' });
    const db = component(x, 'aws_db_instance.main');
    expect(db.attributes.multiAz).toEqual({
      attribute: 'multi_az',
      value: undefined,
      site: { file: 'db.tf', startLine: 1, endLine: 1 },
      text: 'resource "aws_db_instance" "main" {',
    });
    expect(db.fix?.suggestion).toEqual({
      file: 'db.tf',
      startLine: 1,
      endLine: 1,
      replacement: 'resource "aws_db_instance" "main" {\n  multi_az = true',
    });
  });

  it('an unevaluable decisive attribute is UNKNOWN with one warning at its line', () => {
    const x = extract({
      'db.tf': 'data "aws_ssm_parameter" "ha" { name = "ha" }\nresource "aws_db_instance" "main" {\n  multi_az = data.aws_ssm_parameter.ha.value\n}\n',
    });
    const db = component(x, 'aws_db_instance.main');
    expect(db.redundancy.instances).toBeNull();
    expect(x.diagnostics).toEqual([
      { file: 'db.tf', line: 3, severity: 'warning', message: 'multi_az of aws_db_instance.main could not be evaluated: uses data.aws_ssm_parameter.ha' },
    ]);
    // Data sources are not components and carry no dependency.
    expect(ids(x)).toEqual(['aws_db_instance.main']);
    expect(x.dependencies).toEqual([]);
  });
});

describe('terraform extraction: count and for_each', () => {
  it('one component per block, instances from count / for_each, count = 0 -> none', () => {
    const x = extract({
      'main.tf': `
variable "ha" { default = true }
variable "names" { default = ["a", "b", "c"] }
locals { sizes = { small = 1, large = 2 } }
resource "aws_instance" "web" {
  count = var.ha ? 3 : 1
}
resource "aws_instance" "named" {
  for_each = toset(var.names)
  tags     = { Name = each.key }
}
resource "aws_instance" "sized" {
  for_each = local.sizes
  ami      = "ami-\${each.value}"
}
resource "aws_instance" "off" {
  count = 0
}
resource "aws_instance" "math" {
  count = length(var.names) * 2 - 1
}
`,
    });
    expect(ids(x)).toEqual(['aws_instance.math', 'aws_instance.named', 'aws_instance.sized', 'aws_instance.web']);
    expect(component(x, 'aws_instance.web').redundancy.instances).toBe(3);
    expect(component(x, 'aws_instance.named').redundancy.instances).toBe(3);
    expect(component(x, 'aws_instance.sized').redundancy.instances).toBe(2);
    expect(component(x, 'aws_instance.math').redundancy.instances).toBe(5);
    expect(x.diagnostics).toEqual([]);
  });

  it('an unknown count of a catalogued resource is a warning with file and line', () => {
    const x = extract({
      'main.tf': `data "aws_availability_zones" "x" {}

resource "aws_instance" "web" {
  count = length(data.aws_availability_zones.x.names)
}
resource "random_id" "r" {
  count = length(data.aws_availability_zones.x.names)
}
`,
    });
    expect(component(x, 'aws_instance.web').redundancy.instances).toBeNull();
    expect(x.diagnostics).toContainEqual({
      file: 'main.tf',
      line: 4,
      severity: 'warning',
      message: 'count of aws_instance.web could not be evaluated: uses data.aws_availability_zones.x',
    });
    // Uncatalogued resources do not add noise.
    expect(x.diagnostics.filter((d) => d.message.includes('random_id'))).toEqual([]);
  });

  it('caps a huge count with a diagnostic and terminates', () => {
    const x = extract({
      'main.tf': `resource "aws_instance" "web" {
  count     = 1e9
  subnet_id = aws_subnet.s[count.index].id
}
resource "aws_subnet" "s" {
  count             = 1e9
  availability_zone = "us-east-1a"
}
`,
    });
    expect(component(x, 'aws_instance.web').redundancy.instances).toBe(10_000);
    expect(x.diagnostics.some((d) => d.line === 2 && /count of aws_instance\.web is 1000000000; capped at 10000/.test(d.message))).toBe(true);
  });
});

describe('terraform extraction: zones', () => {
  const network = (az: string) => `
variable "azs" { default = ["us-east-1a", "us-east-1b", "us-east-1c"] }
data "aws_availability_zones" "available" {}
resource "aws_subnet" "public" {
  count             = 3
  availability_zone = ${az}
}
resource "aws_subnet" "private" {
  count             = 3
  availability_zone = ${az}
}
`;

  it('resolves subnets placed with var.azs[count.index], per instance', () => {
    const x = extract({
      'main.tf': `${network('var.azs[count.index]')}
resource "aws_instance" "one" {
  subnet_id = aws_subnet.private[0].id
}
resource "aws_instance" "per_az" {
  count     = 3
  subnet_id = aws_subnet.private[count.index].id
}
resource "aws_instance" "wrapped" {
  count     = 5
  subnet_id = element(aws_subnet.private.*.id, count.index)
}
resource "aws_autoscaling_group" "asg" {
  min_size            = 2
  vpc_zone_identifier = aws_subnet.private[*].id
}
resource "aws_instance" "literal" {
  availability_zone = "us-east-1b"
}
`,
    });
    expect(component(x, 'aws_instance.one').redundancy.zones).toEqual({ count: 1, names: ['us-east-1a'] });
    expect(component(x, 'aws_instance.per_az').redundancy.zones).toEqual({ count: 3, names: ['us-east-1a', 'us-east-1b', 'us-east-1c'] });
    expect(component(x, 'aws_instance.wrapped').redundancy.zones?.count).toBe(3);
    expect(component(x, 'aws_autoscaling_group.asg').redundancy.zones?.count).toBe(3);
    expect(component(x, 'aws_instance.literal').redundancy.zones).toEqual({ count: 1, names: ['us-east-1b'] });
  });

  it('counts zones from data.aws_availability_zones by index when names are unknown', () => {
    const x = extract({
      'main.tf': `${network('data.aws_availability_zones.available.names[count.index]')}
resource "aws_autoscaling_group" "asg" {
  min_size            = 3
  vpc_zone_identifier = aws_subnet.private[*].id
}
resource "aws_instance" "one" {
  subnet_id = aws_subnet.private[1].id
}
`,
    });
    expect(component(x, 'aws_autoscaling_group.asg').redundancy.zones).toEqual({ count: 3 });
    expect(component(x, 'aws_instance.one').redundancy.zones).toEqual({ count: 1 });
  });

  it('element(var.azs, count.index) and unresolvable placement', () => {
    const x = extract({
      'main.tf': `${network('element(var.azs, count.index)')}
variable "subnet_id" {}
resource "aws_instance" "a" {
  count     = 2
  subnet_id = aws_subnet.public[count.index].id
}
resource "aws_instance" "b" {
  subnet_id = var.subnet_id
}
`,
    });
    expect(component(x, 'aws_instance.a').redundancy.zones).toEqual({ count: 2, names: ['us-east-1a', 'us-east-1b'] });
    expect(component(x, 'aws_instance.b').redundancy.zones).toBeNull();
  });

  it('a single NAT gateway serving three private subnets sits in one zone; one per AZ spans three', () => {
    const common = `${network('var.azs[count.index]')}
resource "aws_route_table" "private" {
  count = 3
}
resource "aws_route_table_association" "private" {
  count          = 3
  subnet_id      = aws_subnet.private[count.index].id
  route_table_id = aws_route_table.private[count.index].id
}
`;
    const singleText = `${common}
resource "aws_nat_gateway" "nat" {
  subnet_id = aws_subnet.public[0].id
}
resource "aws_route" "nat" {
  count                  = 3
  route_table_id         = aws_route_table.private[count.index].id
  nat_gateway_id         = aws_nat_gateway.nat.id
  destination_cidr_block = "0.0.0.0/0"
}
`;
    const single = extract({ 'main.tf': singleText });
    const nat1 = component(single, 'aws_nat_gateway.nat');
    expect(nat1.redundancy.zones).toEqual({ count: 1, names: ['us-east-1a'] });
    const natLine = lineOf(singleText, 'subnet_id = aws_subnet.public[0].id');
    expect(nat1.attributes.subnetId!.site).toEqual({ file: 'main.tf', startLine: natLine, endLine: natLine });
    expect(edges(single)).toEqual([
      'aws_nat_gateway.nat -> aws_subnet.public',
      'aws_route_table.private -> aws_nat_gateway.nat (association)',
      'aws_subnet.private -> aws_route_table.private (association)',
    ]);
    // Associations and routes are edges, not components.
    expect(ids(single)).not.toContain('aws_route_table_association.private');
    expect(ids(single)).not.toContain('aws_route.nat');

    const perAz = extract({
      'main.tf': `${common}
resource "aws_nat_gateway" "nat" {
  count     = 3
  subnet_id = aws_subnet.public[count.index].id
}
resource "aws_route" "nat" {
  count          = 3
  route_table_id = aws_route_table.private[count.index].id
  nat_gateway_id = aws_nat_gateway.nat[count.index].id
}
`,
    });
    expect(component(perAz, 'aws_nat_gateway.nat').redundancy).toMatchObject({ instances: 3, zones: { count: 3 } });
  });
});

describe('terraform extraction: dependencies', () => {
  it('references through locals, nested blocks and depends_on; deduplicated', () => {
    const x = extract({
      'main.tf': `
resource "aws_db_instance" "db" {
  multi_az = true
}
resource "aws_iam_role" "r" {}
locals {
  db_host = aws_db_instance.db.address
  env     = { DB = local.db_host }
}
resource "aws_instance" "app" {
  user_data = "host=\${local.db_host}"
  iam_instance_profile = aws_iam_role.r.name
  root_block_device {
    tags = local.env
  }
  depends_on = [aws_db_instance.db, aws_s3_bucket.b]
}
resource "aws_s3_bucket" "b" {}
`,
    });
    expect(edges(x)).toEqual([
      'aws_instance.app -> aws_db_instance.db',
      'aws_instance.app -> aws_iam_role.r',
      'aws_instance.app -> aws_s3_bucket.b (depends_on)',
    ]);
    const d = x.dependencies.find((k) => k.to === 'aws_db_instance.db')!;
    expect(d.location).toEqual({ file: 'main.tf', startLine: 11, endLine: 11 });
  });

  it('a configured attribute of another resource depends on that resource only', () => {
    const x = extract({
      'main.tf': `
resource "aws_subnet" "a" { availability_zone = "us-east-1a" }
resource "aws_instance" "x" {
  subnet_id = aws_subnet.a.id
  user_data = aws_subnet.a.id
}
resource "aws_instance" "y" { user_data = aws_instance.x.user_data }
`,
    });
    expect(edges(x)).toEqual(['aws_instance.x -> aws_subnet.a', 'aws_instance.y -> aws_instance.x']);
  });

  it("reading where another resource runs places the reader beside it: it needs the subnets, not the resource", () => {
    const x = extract({
      'main.tf': `
resource "aws_subnet" "a" { availability_zone = "us-east-1a" }
resource "aws_mq_broker" "mq" { subnet_ids = [aws_subnet.a.id] }
resource "aws_lambda_function" "configure" {
  vpc_config { subnet_ids = aws_mq_broker.mq.subnet_ids }
}
resource "aws_lambda_function" "consumer" {
  environment { variables = { BROKER = aws_mq_broker.mq.id } }
}
`,
    });
    expect(edges(x)).toEqual([
      'aws_lambda_function.configure -> aws_subnet.a',
      'aws_lambda_function.consumer -> aws_mq_broker.mq',
      'aws_mq_broker.mq -> aws_subnet.a',
    ]);
  });

  it('a list of same-typed resources (or instances spread over them) is a group of alternatives', () => {
    const x = extract({
      'main.tf': `
resource "aws_subnet" "a" { availability_zone = "us-east-1a" }
resource "aws_subnet" "b" { availability_zone = "us-east-1b" }
resource "aws_security_group" "sg" {}
resource "aws_lb" "lb" {
  subnets         = [aws_subnet.a.id, aws_subnet.b.id]
  security_groups = [aws_security_group.sg.id]
}
resource "aws_instance" "spread" {
  count     = 2
  subnet_id = element([aws_subnet.a.id, aws_subnet.b.id], count.index)
}
resource "aws_instance" "both" {
  user_data = "\${aws_subnet.a.id},\${aws_subnet.b.id}"
}
`,
    });
    expect(edges(x, { groups: true })).toEqual([
      'aws_instance.both -> aws_subnet.a',
      'aws_instance.both -> aws_subnet.b',
      'aws_instance.spread -> aws_subnet.a [aws_instance.spread:subnet_id:aws_subnet k=1]',
      'aws_instance.spread -> aws_subnet.b [aws_instance.spread:subnet_id:aws_subnet k=1]',
      'aws_lb.lb -> aws_security_group.sg',
      'aws_lb.lb -> aws_subnet.a [aws_lb.lb:subnets:aws_subnet k=1]',
      'aws_lb.lb -> aws_subnet.b [aws_lb.lb:subnets:aws_subnet k=1]',
    ]);
    expect(component(x, 'aws_lb.lb').redundancy.zones).toEqual({ count: 2, names: ['us-east-1a', 'us-east-1b'] });
  });

  it('reverse edges and alternative associations from the catalog', () => {
    const x = extract({
      'main.tf': `
resource "aws_lb" "lb" {}
resource "aws_lb_target_group" "tg" {}
resource "aws_lb_listener" "l" {
  load_balancer_arn = aws_lb.lb.arn
  default_action {
    target_group_arn = aws_lb_target_group.tg.arn
  }
}
resource "aws_autoscaling_group" "a" {
  min_size          = 2
  target_group_arns = [aws_lb_target_group.tg.arn]
}
resource "aws_instance" "i" {
  count = 2
}
resource "aws_instance" "j" {}
resource "aws_lb_target_group_attachment" "i" {
  count            = 2
  target_group_arn = aws_lb_target_group.tg.arn
  target_id        = aws_instance.i[count.index].id
}
resource "aws_lb_target_group_attachment" "j" {
  target_group_arn = aws_lb_target_group.tg.arn
  target_id        = aws_instance.j.id
}
`,
    });
    expect(edges(x, { groups: true })).toEqual([
      'aws_lb.lb -> aws_lb_listener.l',
      'aws_lb_listener.l -> aws_lb_target_group.tg',
      'aws_lb_target_group.tg -> aws_autoscaling_group.a [aws_lb_target_group.tg:targets k=1]',
      'aws_lb_target_group.tg -> aws_instance.i [aws_lb_target_group.tg:targets k=1] (association)',
      'aws_lb_target_group.tg -> aws_instance.j [aws_lb_target_group.tg:targets k=1] (association)',
    ]);
  });

  it('cluster members are counted into __members', () => {
    const x = extract({
      'main.tf': `
resource "aws_rds_cluster" "c" {
  cluster_identifier = "orders"
}
resource "aws_rds_cluster_instance" "m" {
  count              = 2
  cluster_identifier = aws_rds_cluster.c.id
}
resource "aws_rds_cluster_instance" "byname" {
  cluster_identifier = "orders"
}
resource "aws_rds_cluster" "lonely" {}
`,
    });
    expect(component(x, 'aws_rds_cluster.c').redundancy.instances).toBe(3);
    expect(component(x, 'aws_rds_cluster.lonely').redundancy.instances).toBe(0);
    expect(component(x, 'aws_rds_cluster_instance.m').role).toBe('connector');
  });

  it('cluster members as evidence: the count of the only member resource, with a fix there', () => {
    const x = extract({
      'variables.tf': 'variable "readers" {\n  default = 1\n}\n',
      'main.tf': `resource "aws_rds_cluster" "lit" {}
resource "aws_rds_cluster_instance" "lit" {
  count              = 1
  cluster_identifier = aws_rds_cluster.lit.id
}
resource "aws_rds_cluster" "var" {}
resource "aws_rds_cluster_instance" "var" {
  count              = var.readers
  cluster_identifier = aws_rds_cluster.var.id
}
resource "aws_rds_cluster" "each" {}
resource "aws_rds_cluster_instance" "each" {
  for_each           = toset(["writer"])
  cluster_identifier = aws_rds_cluster.each.id
}
resource "aws_rds_cluster" "blocks" {}
resource "aws_rds_cluster_instance" "writer" {
  cluster_identifier = aws_rds_cluster.blocks.id
}
`,
    });
    const lit = component(x, 'aws_rds_cluster.lit');
    expect(lit.attributes[MEMBERS_KEY]).toMatchObject({ attribute: 'aws_rds_cluster_instance.lit.count', value: 1, site: { file: 'main.tf', startLine: 3 } });
    expect(lit.fix).toEqual({
      description: 'set aws_rds_cluster_instance.lit.count = 2',
      suggestion: { file: 'main.tf', startLine: 3, endLine: 3, replacement: '  count              = 2' },
    });
    const fromVar = component(x, 'aws_rds_cluster.var');
    expect(fromVar.attributes[MEMBERS_KEY]).toMatchObject({ value: 1, site: { file: 'variables.tf', startLine: 2 }, written: { file: 'main.tf', startLine: 8 } });
    expect(fromVar.fix?.suggestion).toEqual({ file: 'variables.tf', startLine: 2, endLine: 2, replacement: '  default = 2' });
    const each = component(x, 'aws_rds_cluster.each');
    expect(each.attributes[MEMBERS_KEY]).toMatchObject({ attribute: 'aws_rds_cluster_instance.each.for_each', site: { startLine: 13 } });
    expect(each.fix?.suggestion).toBeUndefined();
    const blocks = component(x, 'aws_rds_cluster.blocks');
    expect(blocks.attributes[MEMBERS_KEY]).toMatchObject({ attribute: 'aws_rds_cluster_instance members', value: 1, site: { startLine: 16 } });
    expect(blocks.fix).toEqual({ description: 'declare 2 aws_rds_cluster_instance members' });
  });

  it('Route 53 failover records: a dependency on one is a dependency on the group', () => {
    const x = extract({
      'main.tf': `
resource "aws_route53_record" "primary" {
  name           = "api.example.com"
  type           = "A"
  set_identifier = "primary"
  failover_routing_policy { type = "PRIMARY" }
}
resource "aws_route53_record" "secondary" {
  name           = "api.example.com"
  type           = "A"
  set_identifier = "secondary"
  failover_routing_policy { type = "SECONDARY" }
}
resource "aws_instance" "client" {
  user_data = aws_route53_record.primary.fqdn
}
`,
    });
    const g = x.dependencies.filter((d) => d.from === 'aws_instance.client');
    expect(g.map((d) => d.to).sort()).toEqual(['aws_route53_record.primary', 'aws_route53_record.secondary']);
    expect(new Set(g.map((d) => d.group?.id)).size).toBe(1);
    expect(g[0]!.group?.k).toBe(1);
    // The records themselves are marked as members of that group, so the analysis knows the name survives one of them.
    expect(component(x, 'aws_route53_record.primary').alternativeOf).toEqual({ group: g[0]!.group!.id, k: 1 });
    expect(component(x, 'aws_route53_record.secondary').alternativeOf).toEqual({ group: g[0]!.group!.id, k: 1 });
    expect(component(x, 'aws_instance.client').alternativeOf).toBeUndefined();
  });

  it('a record alone under its name is no redundancy group', () => {
    const x = extract({
      'main.tf': `
resource "aws_route53_record" "primary" {
  name           = "api.example.com"
  type           = "A"
  set_identifier = "primary"
  failover_routing_policy { type = "PRIMARY" }
}
`,
    });
    expect(component(x, 'aws_route53_record.primary').alternativeOf).toBeUndefined();
  });
});

describe('terraform extraction: modules', () => {
  it('expands local modules with addresses, inputs from the caller and dependencies across modules', () => {
    const x = extract({
      'main.tf': `
variable "ha" { default = false }
module "net" {
  source = "./modules/net"
  azs    = ["us-east-1a", "us-east-1b"]
}
module "db" {
  source     = "./modules/db"
  multi_az   = var.ha
  subnet_ids = module.net.private_subnet_ids
}
resource "aws_instance" "app" {
  user_data = module.db.endpoint
  subnet_id = module.net.private_subnet_ids[1]
}
`,
      'modules/net/main.tf': `
variable "azs" { type = list(string) }
resource "aws_subnet" "private" {
  count             = length(var.azs)
  availability_zone = var.azs[count.index]
}
output "private_subnet_ids" { value = aws_subnet.private[*].id }
`,
      'modules/db/main.tf': `
variable "multi_az" {}
variable "subnet_ids" {}
resource "aws_db_subnet_group" "this" { subnet_ids = var.subnet_ids }
resource "aws_db_instance" "this" {
  multi_az             = var.multi_az
  db_subnet_group_name = aws_db_subnet_group.this.name
}
output "endpoint" { value = aws_db_instance.this.address }
`,
    });
    expect(ids(x)).toEqual([
      'aws_instance.app',
      'module.db.aws_db_instance.this',
      'module.db.aws_db_subnet_group.this',
      'module.net.aws_subnet.private',
    ]);
    const db = component(x, 'module.db.aws_db_instance.this');
    expect(db.redundancy.zones).toEqual({ count: 2, names: ['us-east-1a', 'us-east-1b'] });
    expect(db.attributes.multiAz!.site).toEqual({ file: 'main.tf', startLine: 2, endLine: 2 });
    expect(db.location.file).toBe('modules/db/main.tf');
    expect(component(x, 'aws_instance.app').redundancy.zones).toEqual({ count: 1, names: ['us-east-1b'] });
    expect(edges(x)).toEqual([
      'aws_instance.app -> module.db.aws_db_instance.this',
      'aws_instance.app -> module.net.aws_subnet.private',
      'module.db.aws_db_instance.this -> module.db.aws_db_subnet_group.this',
      'module.db.aws_db_subnet_group.this -> module.net.aws_subnet.private',
    ]);
  });

  it('nested modules and module count multiply instances; depends_on a module means all of it', () => {
    const x = extract({
      'main.tf': `
module "a" {
  source = "./a"
  count  = 2
}
resource "aws_instance" "after" {
  depends_on = [module.a]
}
`,
      'a/main.tf': 'module "b" { source = "./b" }\n',
      'a/b/main.tf': 'resource "aws_instance" "x" {\n  count = 2\n}\n',
      'c.tf': 'resource "aws_db_instance" "first" {}\nmodule "c" {\n  source     = "./c"\n  depends_on = [aws_db_instance.first]\n}\n',
      'c/main.tf': 'resource "aws_instance" "y" {}\n',
    });
    expect(ids(x)).toEqual(['aws_db_instance.first', 'aws_instance.after', 'module.a.module.b.aws_instance.x', 'module.c.aws_instance.y']);
    expect(component(x, 'module.a.module.b.aws_instance.x').redundancy.instances).toBe(4);
    expect(edges(x)).toEqual([
      'aws_instance.after -> module.a.module.b.aws_instance.x (depends_on)',
      'module.c.aws_instance.y -> aws_db_instance.first (depends_on)',
    ]);
  });

  it('a registry module with a catalog entry is one component judged from its inputs', () => {
    const x = extract({
      'main.tf': `variable "ha" { default = false }
resource "aws_subnet" "a" { availability_zone = "us-east-1a" }
module "db" {
  source   = "terraform-aws-modules/rds/aws"
  version  = "~> 6.0"
  multi_az = var.ha
  subnet_ids = [aws_subnet.a.id]
}
module "vpc" {
  source = "git::https://example.com/vpc.git?ref=v1"
}
resource "aws_instance" "app" {
  user_data = module.db.db_instance_address
  subnet_id = module.vpc.private_subnets[0]
}
`,
    });
    const db = component(x, 'module.db');
    expect(db.type).toBe('module:terraform-aws-modules/rds/aws');
    expect(db.rule).toBe('test-rds-module');
    expect(db.redundancy.instances).toBe(1);
    expect(db.attributes.multiAz!.site).toEqual({ file: 'main.tf', startLine: 1, endLine: 1 });
    const vpc = component(x, 'module.vpc');
    expect(vpc).toMatchObject({ type: 'module', role: 'connector', rule: 'unclassified' });
    expect(edges(x)).toEqual(['aws_instance.app -> module.db', 'aws_instance.app -> module.vpc', 'module.db -> aws_subnet.a']);
  });

  it('module inputs take optional() defaults of object types, and for_each instances', () => {
    const x = extract({
      'main.tf': `
module "db" {
  source   = "./db"
  for_each = { orders = { multi_az = true }, audit = {} }
  config   = each.value
}
`,
      'db/main.tf': `
variable "config" {
  type = object({
    multi_az = optional(bool, false)
    size     = optional(number)
  })
}
resource "aws_db_instance" "this" {
  multi_az = var.config.multi_az
}
`,
    });
    const db = component(x, 'module.db.aws_db_instance.this');
    // Two module instances configured differently: orders (multi-AZ) and audit (the optional
    // default, false). The weakest instance decides, and the evidence points at its default.
    expect(db.redundancy.instances).toBe(1);
    expect(db.attributes.multiAz!.value).toBe(false);
    expect(db.attributes.multiAz!.site).toEqual({ file: 'db/main.tf', startLine: 3, endLine: 6 });
  });

  it('an explosion of nested module instances is bounded, and its counts are unknown rather than short', () => {
    const files: Record<string, string> = { 'main.tf': 'module "m" {\n  source = "./m"\n  count  = 10\n}\n' };
    let dir = 'm';
    for (let i = 0; i < 8; i++) {
      files[`${dir}/main.tf`] = 'module "m" {\n  source = "./m"\n  count  = 10\n}\nresource "aws_instance" "x" {\n  count = 10\n}\n';
      dir += '/m';
    }
    const x = extract(files);
    expect(x.diagnostics.some((d) => d.message.includes('module instances in this stack'))).toBe(true);
    expect(component(x, 'module.m.aws_instance.x').redundancy.instances).toBe(100);
    const deep = x.components.find((c) => c.id.split('module.m').length > 5)!;
    expect(deep.redundancy.instances).toBeNull();
  });

  it('missing and cyclic local modules are opaque, with a warning', () => {
    const x = extract({
      'main.tf': 'module "gone" { source = "./nope" }\nmodule "loop" { source = "./loop" }\n',
      'loop/main.tf': 'module "again" { source = "../loop" }\nresource "aws_instance" "x" {}\n',
    });
    expect(ids(x)).toEqual(['module.gone', 'module.loop.aws_instance.x', 'module.loop.module.again']);
    expect(x.diagnostics.map((d) => d.message).join('\n')).toMatch(/not found[\s\S]*cycle/);
  });
});

describe('terraform extraction: files', () => {
  it('reads .tf.json through the JSON parser', () => {
    const x = extract({
      'main.tf.json': JSON.stringify(
        {
          variable: { ha: { default: true } },
          resource: {
            aws_db_instance: { main: { multi_az: '${var.ha}' } },
            aws_instance: { app: { user_data: '${aws_db_instance.main.address}' } },
          },
        },
        null,
        2,
      ),
    });
    expect(component(x, 'aws_db_instance.main').redundancy.instances).toBe(2);
    expect(edges(x)).toEqual(['aws_instance.app -> aws_db_instance.main']);
  });

  it('a file with a syntax error is an error diagnostic; the other files still count', () => {
    const x = extract({
      'broken.tf': 'resource "aws_instance" "a" {\n  ami = \n}\nresource "aws_instance" "ok" {}\n',
      'good.tf': 'resource "aws_db_instance" "db" {\n  multi_az = true\n}\n',
    });
    expect(ids(x)).toContain('aws_db_instance.db');
    const errors = x.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]!.file).toBe('broken.tf');
    expect(errors[0]!.line).toBeGreaterThanOrEqual(2);
  });

  it('nested blocks read like objects, dynamic blocks expand', () => {
    const x = extract({
      'main.tf': `
variable "subnets" { default = ["s1", "s2"] }
resource "aws_subnet" "s" {
  for_each          = toset(var.subnets)
  availability_zone = each.key == "s1" ? "us-east-1a" : "us-east-1b"
}
resource "aws_eks_node_group" "ng" {
  scaling_config {
    min_size = 2
  }
  subnet_ids = [for k, s in aws_subnet.s : s.id]
}
resource "aws_lb" "nlb" {
  dynamic "subnet_mapping" {
    for_each = aws_subnet.s
    content {
      subnet_id = subnet_mapping.value.id
    }
  }
}
`,
    });
    const ng = component(x, 'aws_eks_node_group.ng');
    expect(ng.redundancy.instances).toBe(2);
    expect(ng.redundancy.zones?.count).toBe(2);
    expect(ng.attributes.minSize!.site).toEqual({ file: 'main.tf', startLine: 9, endLine: 9 });
    expect(ng.attributes.minSize!.text).toBe('    min_size = 2');
    expect(component(x, 'aws_lb.nlb').redundancy.zones?.count).toBe(2);
    expect(edges(x)).toContain('aws_lb.nlb -> aws_subnet.s');
  });

  it('several stacks extract independently', () => {
    const r = extractAll({
      'a/main.tf': 'resource "aws_instance" "x" {}\n',
      'b/main.tf': 'resource "aws_instance" "y" {}\n',
    });
    expect([...r.byStack.keys()]).toEqual(['a', 'b']);
    expect(r.byStack.get('a')!.components[0]).toMatchObject({ id: 'aws_instance.x', stack: 'a', location: { file: 'a/main.tf' } });
  });
});
