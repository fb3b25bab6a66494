/**
 * Root module variable values, in Terraform's precedence order (later overrides earlier):
 * defaults < terraform.tfvars < terraform.tfvars.json < *.auto.tfvars(.json) (lexical) < var files
 * named by the config (in the order given). Every value keeps the line that set it.
 */
import type { FormatOptions } from '../format.js';
import type { OutsideFile } from '../shared/configured-files.js';
import { siteOf, type Env } from './evaluate.js';
import { isIgnored, isTfvars } from './files.js';
import type { Ctx } from './context.js';
import { autoVarFiles, configuredVarFiles } from './stacks.js';
import { errorV, type Val } from './values.js';

/** Var files read by Terraform for this stack, lowest precedence first. */
export function varFilesInOrder(stackId: string, stackFiles: readonly string[], options: FormatOptions, outside?: (o: OutsideFile) => void): string[] {
  const candidates = stackFiles.filter((p) => isTfvars(p) && !isIgnored(p));
  const auto = autoVarFiles(stackId, candidates);
  const configured = configuredVarFiles(stackId, candidates, options, outside).filter((p) => !auto.includes(p));
  // Var files the stack lists but the options given here do not name (a caller that planned the
  // stack with other options): still read, after the others.
  const rest = candidates.filter((p) => !auto.includes(p) && !configured.includes(p)).sort();
  return [...auto, ...configured, ...rest];
}

/** tfvars hold literals only: any reference is an error, not a lookup. */
const NO_ENV: Env = {
  variable: (n) => errorV(`var.${n} in a var file`),
  local: (n) => errorV(`local.${n} in a var file`),
  resource: () => undefined,
  module: () => undefined,
  path: (n) => errorV(`path.${n} in a var file`),
};

export function rootVariableValues(ctx: Ctx, varFiles: readonly string[]): Map<string, Val> {
  const values = new Map<string, Val>();
  for (const path of varFiles) {
    const f = ctx.parse(path);
    if (!f) continue;
    for (const a of f.body.attributes) {
      const site = siteOf(path, a.range, a.name);
      values.set(a.name, ctx.ev.eval(a.expr, { env: NO_ENV }, site));
    }
    // A JSON var file whose values were read as blocks by the JSON parser: `{ "x": { ... } }`.
    for (const b of f.body.blocks) {
      if (b.labels.length || values.has(b.type)) continue;
      const site = siteOf(path, b.range, b.type);
      const fields = new Map<string, Val>();
      for (const a of b.body.attributes) fields.set(a.name, ctx.ev.eval(a.expr, { env: NO_ENV }, siteOf(path, a.range, a.name)));
      values.set(b.type, { t: 'obj', fields, n: fields.size + 1, site });
    }
  }
  return values;
}
