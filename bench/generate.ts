import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A synthetic Terraform monorepo shaped like real ones: per stack a VPC with per-AZ subnets and
 * NAT gateways, then services (security group, IAM, ALB, target group, listener, launch template,
 * ASG, database, cache, bucket, alarms). `resourcesPerStack` is approximate (whole services).
 */
export interface MonorepoSpec {
  stacks: number;
  resourcesPerStack: number;
}

const NETWORK = (azs: number) => `variable "azs" {
  type    = list(string)
  default = [${Array.from({ length: azs }, (_, i) => `"eu-west-1${'abc'[i]}"`).join(', ')}]
}

variable "environment" {
  type    = string
  default = "prod"
}

locals {
  name = "svc-\${var.environment}"
  tags = { Environment = var.environment, Team = "platform" }
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
  tags       = local.tags
}

resource "aws_subnet" "public" {
  count             = length(var.azs)
  vpc_id            = aws_vpc.main.id
  availability_zone = var.azs[count.index]
  cidr_block        = cidrsubnet(aws_vpc.main.cidr_block, 8, count.index)
}

resource "aws_subnet" "private" {
  count             = length(var.azs)
  vpc_id            = aws_vpc.main.id
  availability_zone = var.azs[count.index]
  cidr_block        = cidrsubnet(aws_vpc.main.cidr_block, 8, count.index + 10)
}

resource "aws_internet_gateway" "main" {
  vpc_id = aws_vpc.main.id
}

resource "aws_eip" "nat" {
  count  = length(var.azs)
  domain = "vpc"
}

resource "aws_nat_gateway" "main" {
  count         = length(var.azs)
  allocation_id = aws_eip.nat[count.index].id
  subnet_id     = aws_subnet.public[count.index].id
}

resource "aws_route_table" "private" {
  count  = length(var.azs)
  vpc_id = aws_vpc.main.id
}

resource "aws_route" "private_nat" {
  count                  = length(var.azs)
  route_table_id         = aws_route_table.private[count.index].id
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = aws_nat_gateway.main[count.index].id
}

resource "aws_route_table_association" "private" {
  count          = length(var.azs)
  subnet_id      = aws_subnet.private[count.index].id
  route_table_id = aws_route_table.private[count.index].id
}
`;
const NETWORK_RESOURCES = 9;

const SERVICE = (s: number, multiAz: boolean) => `
resource "aws_security_group" "svc${s}" {
  name   = "\${local.name}-svc${s}"
  vpc_id = aws_vpc.main.id
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_iam_role" "svc${s}" {
  name               = "\${local.name}-svc${s}"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [] })
}

resource "aws_iam_role_policy" "svc${s}" {
  role   = aws_iam_role.svc${s}.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["s3:GetObject"], Resource = "\${aws_s3_bucket.svc${s}.arn}/*" }] })
}

resource "aws_s3_bucket" "svc${s}" {
  bucket = "\${local.name}-svc${s}-assets"
  tags   = local.tags
}

resource "aws_lb" "svc${s}" {
  name               = "svc${s}"
  load_balancer_type = "application"
  subnets            = aws_subnet.public[*].id
  security_groups    = [aws_security_group.svc${s}.id]
}

resource "aws_lb_target_group" "svc${s}" {
  name     = "svc${s}"
  port     = 8080
  protocol = "HTTP"
  vpc_id   = aws_vpc.main.id
}

resource "aws_lb_listener" "svc${s}" {
  load_balancer_arn = aws_lb.svc${s}.arn
  port              = 443
  protocol          = "HTTPS"
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.svc${s}.arn
  }
}

resource "aws_launch_template" "svc${s}" {
  name_prefix   = "svc${s}"
  image_id      = "ami-0123456789abcdef0"
  instance_type = "m6i.large"
  user_data     = base64encode("DB=\${aws_db_instance.svc${s}.address} CACHE=\${aws_elasticache_replication_group.svc${s}.primary_endpoint_address}")
}

resource "aws_autoscaling_group" "svc${s}" {
  name                = "svc${s}"
  min_size            = 2
  max_size            = 6
  desired_capacity    = 3
  vpc_zone_identifier = aws_subnet.private[*].id
  target_group_arns   = [aws_lb_target_group.svc${s}.arn]
  launch_template {
    id      = aws_launch_template.svc${s}.id
    version = "$Latest"
  }
}

resource "aws_db_subnet_group" "svc${s}" {
  name       = "svc${s}"
  subnet_ids = aws_subnet.private[*].id
}

resource "aws_db_instance" "svc${s}" {
  identifier           = "svc${s}"
  engine               = "postgres"
  instance_class       = "db.r6g.large"
  allocated_storage    = 100
  multi_az             = ${multiAz}
  db_subnet_group_name = aws_db_subnet_group.svc${s}.name
  vpc_security_group_ids = [aws_security_group.svc${s}.id]
  backup_retention_period = 7
}

resource "aws_elasticache_replication_group" "svc${s}" {
  replication_group_id       = "svc${s}"
  description                = "svc${s} cache"
  node_type                  = "cache.r6g.large"
  num_cache_clusters         = 2
  automatic_failover_enabled = true
  multi_az_enabled           = true
}

resource "aws_cloudwatch_metric_alarm" "svc${s}_cpu" {
  alarm_name          = "svc${s}-cpu"
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 2
  metric_name         = "CPUUtilization"
  namespace           = "AWS/RDS"
  period              = 60
  statistic           = "Average"
  threshold           = 80
  dimensions = { DBInstanceIdentifier = aws_db_instance.svc${s}.id }
}
`;
const SERVICE_RESOURCES = 13;

/** Write base/ and head/ trees; the head differs in one stack, where one database loses multi_az. */
export function generateMonorepo(dir: string, spec: MonorepoSpec): { base: string; head: string; resources: number } {
  rmSync(dir, { recursive: true, force: true });
  const services = Math.max(1, Math.round((spec.resourcesPerStack - NETWORK_RESOURCES) / SERVICE_RESOURCES));
  const changedStack = Math.floor(spec.stacks / 2);
  for (const side of ['base', 'head'] as const) {
    for (let st = 0; st < spec.stacks; st++) {
      const stackDir = join(dir, side, 'stacks', `team${st % 7}`, `stack${st}`);
      mkdirSync(stackDir, { recursive: true });
      writeFileSync(join(stackDir, 'network.tf'), NETWORK(3));
      let text = '';
      for (let s = 0; s < services; s++) {
        const weakened = side === 'head' && st === changedStack && s === 0;
        text += SERVICE(s, !weakened);
      }
      writeFileSync(join(stackDir, 'services.tf'), text);
    }
  }
  return {
    base: join(dir, 'base'),
    head: join(dir, 'head'),
    resources: spec.stacks * (NETWORK_RESOURCES + services * SERVICE_RESOURCES),
  };
}
