/** Repository contents for the app tests: the payments example inside a larger monorepo. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const EXAMPLE = join(fileURLToPath(import.meta.url), '..', '..', '..', '..', 'fixtures', 'examples', 'payments-cost-cut');

function readSide(side: 'base' | 'head', prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(join(EXAMPLE, side))) out[`${prefix}${name}`] = readFileSync(join(EXAMPLE, side, name), 'utf8');
  return out;
}

/** A backend block marks the payments stack as a root module (no module-caller search needed). */
const BACKEND = 'terraform {\n  backend "s3" {}\n}\n';

/** The payments stack at base (multi-AZ database, NAT per zone) and at head (the cost cut). */
export function payments(side: 'base' | 'head', dir = 'infra/payments'): Record<string, string> {
  return { ...readSide(side, `${dir}/`), [`${dir}/backend.tf`]: BACKEND };
}

/** A small stack with a redundant ASG: never a finding unless changed. */
export function webStack(dir: string, replicas = 3): Record<string, string> {
  return {
    [`${dir}/main.tf`]: `resource "aws_autoscaling_group" "web" {\n  name     = "web"\n  min_size = ${replicas}\n  max_size = 9\n  availability_zones = ["eu-west-1a", "eu-west-1b", "eu-west-1c"]\n}\n`,
    [`${dir}/backend.tf`]: BACKEND,
  };
}

/** A monorepo: the payments stack, `stacks` other stacks, a shared module with two callers, and non-IaC files. */
export function monorepo(opts: { side?: 'base' | 'head'; stacks?: number; filler?: number } = {}): Record<string, string> {
  const files: Record<string, string> = { ...payments(opts.side ?? 'base'), 'README.md': '# infra\n' };
  for (let i = 0; i < (opts.stacks ?? 5); i++) Object.assign(files, webStack(`infra/web-${String(i).padStart(3, '0')}`));
  files['modules/db/main.tf'] =
    'variable "multi_az" {\n  type    = bool\n  default = true\n}\n\nresource "aws_db_instance" "this" {\n  engine   = "postgres"\n  multi_az = var.multi_az\n}\n';
  for (const env of ['prod', 'staging']) files[`envs/${env}/main.tf`] = `module "db" {\n  source   = "../../modules/db"\n  multi_az = true\n}\n`;
  for (let i = 0; i < (opts.filler ?? 0); i++) files[`app/src/file-${i}.ts`] = `export const n${i} = ${i};\n`;
  return files;
}

/**
 * A repository of `total` files: the payments stack, Terraform stacks (a third of the files), a
 * shared module with callers, and application code for the rest. The budget case of the app.
 */
export function bigRepo(side: 'base' | 'head', total = 5000): Record<string, string> {
  const files = monorepo({ side, stacks: Math.floor(total / 6) });
  let i = 0;
  while (Object.keys(files).length < total) files[`services/svc-${Math.floor(i / 50)}/src/file-${i++}.ts`] = `export const v${i} = ${i};\n`;
  return files;
}
