import { describe, expect, it } from 'vitest';
import { snapshot } from '../../../src/analysis/index.js';
import { fileSetFromRecord } from '../../../src/model/index.js';

/** The region named for each component of a one-stack configuration, by id (absent: not named). */
function regions(files: Record<string, string>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const c of snapshot(fileSetFromRecord(files)).components) out[c.id] = c.region?.name;
  return out;
}

const PROVIDERS = `provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "west"
  region = var.dr_region
}

variable "dr_region" {
  type    = string
  default = "us-west-2"
}
`;

describe('terraform: the region of each resource, from its provider configuration (DESIGN: "Regions")', () => {
  it('names the default configuration, an alias through a variable default, and a resource argument of its own', () => {
    const r = regions({
      'main.tf': `${PROVIDERS}
resource "aws_sqs_queue" "east" {}

resource "aws_sqs_queue" "west" {
  provider = aws.west
}

resource "aws_sqs_queue" "own" {
  region = "eu-central-1"
}
`,
    });
    expect(r).toMatchObject({ 'aws_sqs_queue.east': 'us-east-1', 'aws_sqs_queue.west': 'us-west-2', 'aws_sqs_queue.own': 'eu-central-1' });
  });

  it('passes the default configuration down to a local module, maps it through providers, and never inherits an alias', () => {
    const r = regions({
      'main.tf': `${PROVIDERS}
module "inherits" {
  source = "./queue"
}

module "mapped" {
  source    = "./queue"
  providers = { aws = aws.west }
}

module "aliased" {
  source = "./aliased"
}
`,
      'queue/main.tf': 'resource "aws_sqs_queue" "q" {}\n',
      'aliased/main.tf': 'resource "aws_sqs_queue" "q" {\n  provider = aws.west\n}\n',
    });
    expect(r['module.inherits.aws_sqs_queue.q']).toBe('us-east-1');
    expect(r['module.mapped.aws_sqs_queue.q']).toBe('us-west-2');
    expect(r['module.aliased.aws_sqs_queue.q']).toBeUndefined();
  });

  it('reads the same from JSON configuration', () => {
    const r = regions({
      'main.tf.json': JSON.stringify({
        provider: { aws: [{ region: 'us-east-1' }, { alias: 'west', region: 'us-west-2' }] },
        resource: { aws_sqs_queue: { east: {}, west: { provider: 'aws.west' } } },
      }),
    });
    expect(r).toMatchObject({ 'aws_sqs_queue.east': 'us-east-1', 'aws_sqs_queue.west': 'us-west-2' });
  });

  it('leaves unknown what the configuration does not decide: no region written, a variable without a value, a global service', () => {
    const r = regions({
      'main.tf': `provider "aws" {}

provider "aws" {
  alias  = "west"
  region = var.region
}

variable "region" {
  type = string
}

resource "aws_sqs_queue" "env" {}

resource "aws_sqs_queue" "unset" {
  provider = aws.west
}

resource "aws_globalaccelerator_endpoint_group" "eu" {
  provider              = aws.west
  listener_arn          = "arn:aws:globalaccelerator::123456789012:accelerator/1/listener/2"
  endpoint_group_region = "eu-west-1"
}

resource "aws_route53_record" "www" {
  provider = aws.west
  zone_id  = "Z1"
  name     = "www.example.com"
  type     = "CNAME"
  ttl      = 60
  records  = ["example.com"]
}
`,
    });
    expect(r['aws_sqs_queue.env']).toBeUndefined();
    expect(r['aws_sqs_queue.unset']).toBeUndefined();
    expect(r['aws_route53_record.www']).toBeUndefined();
    // Global, but an endpoint group names its own region.
    expect(r['aws_globalaccelerator_endpoint_group.eu']).toBe('eu-west-1');
  });

  it('names a Google resource that defaults to the provider region, an Azure resource by its location, and no multi-region bucket', () => {
    const r = regions({
      'main.tf': `provider "google" {
  region = "europe-west1"
}

resource "google_sql_database_instance" "db" {
  database_version = "POSTGRES_15"
  settings {
    tier = "db-custom-2-7680"
  }
}

resource "google_storage_bucket" "raw" {
  name     = "raw"
  location = "EU"
}

resource "azurerm_redis_cache" "sessions" {
  name                = "sessions"
  location            = "West Europe"
  resource_group_name = "rg"
  capacity            = 1
  family              = "C"
  sku_name            = "Standard"
}
`,
    });
    expect(r['google_sql_database_instance.db']).toBe('europe-west1');
    expect(r['google_storage_bucket.raw']).toBeUndefined();
    expect(r['azurerm_redis_cache.sessions']).toBe('westeurope');
  });
});
