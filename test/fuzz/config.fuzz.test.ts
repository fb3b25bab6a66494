/**
 * The repo config (`.github/spof-review.yml`): generated from its schema with values of every type in
 * every place, and the README's example with syntax-aware edits. Parsing never throws, every error is
 * on a line of the file, and the config it yields (defaults where invalid) can drive a review.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse.js';
import { campaign, mutate, mutationArb, reviewHolds, timeout } from './harness.js';

const FILE = '.github/spof-review.yml';
const EXAMPLE = `fail_on: high
on_error: neutral
paths: { include: ["**"], exclude: ["examples/**"] }
terraform:
  var_files:
    - { stack: "envs/prod/**", files: ["envs/prod/prod.tfvars"] }
  terragrunt:
    env:
      - { units: "live/prod/**", values: { ENVIRONMENT: production } }
cloudformation:
  parameter_files:
    - { stack: "templates/prod-*.yaml", files: ["params/prod.json"] }
policy: { rto: 15m, rpo: 5m }
ignore:
  - { rule: aws-rds-instance, component: "module.dev_*", reason: "dev databases are disposable" }
comments: { mode: update, suggestions: true }
accept_label: spof-accepted
environments:
  "examples/**": non-production
  "live/prod/**": production
`;

const KEYS = ['fail_on', 'on_error', 'paths', 'include', 'exclude', 'terraform', 'var_files', 'terragrunt', 'env', 'units', 'values', 'cloudformation', 'parameter_files', 'stack', 'files', 'policy', 'rto', 'rpo', 'ignore', 'rule', 'component', 'reason', 'comments', 'mode', 'suggestions', 'accept_label', 'environments', '_extends', 'unknown_key'];
const scalar = fc.constantFrom('high', 'never', 'neutral', 'failure', 'update', 'off', '15m', '1h30m', '0', '-1', '99999999999999999999d', '**', '[', '{a,b}', '!(x)', '+(a|b)', '***/**', 'production', 'non-production', 'true', 'null', '~', '""', "''", '1e309', '.nan');
type Tree = { node: string };
const tree = fc.letrec<Tree>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    scalar,
    fc.array(tie('node'), { maxLength: 3 }).map((items) => `[${items.join(', ')}]`),
    fc.array(fc.tuple(fc.constantFrom(...KEYS), tie('node')), { maxLength: 4 }).map((es) => `{${es.map(([k, v]) => `${k}: ${v}`).join(', ')}}`),
  ),
}));
const generated = fc.array(fc.tuple(fc.constantFrom(...KEYS), tree.node), { maxLength: 8 }).map((es) => es.map(([k, v]) => `${k}: ${v}`).join('\n') + '\n');
const edited = fc.array(mutationArb([': ', '- ', '{', '}', '[', ']', '&a ', '*a', '<<: *a', '"', '#', '\t'], KEYS, [['[', ']'], ['{a: ', '}']]), { maxLength: 4 }).map((ms) => ms.reduce(mutate, EXAMPLE));

const FILES = { 'main.tf': 'resource "aws_db_instance" "db" {\n  multi_az = false\n}\n', 'envs/prod/main.tf': 'resource "aws_nat_gateway" "n" {}\n' };

describe('config fuzz', () => {
  it(
    'parsing never throws, errors are on lines of the file, and the config drives a review',
    () => {
      fc.assert(
        fc.property(fc.oneof(generated, edited), (text) => {
          const { config, errors } = parseConfig(text, FILE);
          const lines = text.split('\n').length;
          for (const e of errors) {
            expect(e.file).toBe(FILE);
            expect(e.line).toBeGreaterThanOrEqual(1);
            expect(e.line).toBeLessThanOrEqual(lines);
          }
          reviewHolds({ 'main.tf': 'resource "aws_db_instance" "db" {\n  multi_az = true\n}\n' }, FILES, config);
        }),
        campaign(2),
      );
    },
    timeout(2),
  );
});
