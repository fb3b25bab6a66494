/**
 * Extraction of a Terragrunt unit: the module it runs, evaluated as a root module whose variables are
 * the unit's merged `inputs` (each value at the line that set it: the unit's `inputs`, an included
 * file's, a shared `.tfvars`). A remote source is a module call with those inputs, judged like a
 * registry module when the catalog knows it; otherwise its body was not read and the unit says so.
 */
import type { FileSet } from '../../../model/index.js';
import { dirOf } from '../../shared/paths.js';
import type { Extraction, FormatOptions, Stack } from '../../format.js';
import type { CatalogLookup } from '../blocks.js';
import { MODULE_META } from '../body-reader.js';
import { Ctx, ModuleDef } from '../context.js';
import { extractFromRoot } from '../extract.js';
import type { Block, Expr, Range } from '../hcl/ast.js';
import { ModuleInstance } from '../module-instance.js';
import type { Site, Val } from '../values.js';
import { unitEnv } from './env.js';
import { isUnitConfig } from './paths.js';
import { rootVariableValues } from '../variables.js';
import { UnknownInputs, evaluateUnit, unitVarFiles, type EvaluatedUnit } from './unit.js';

/** The unit configuration of a stack planned as a Terragrunt unit. */
export function unitConfigOf(stack: Stack): string | undefined {
  return stack.files.find((f) => isUnitConfig(f) && dirOf(f) === stack.id);
}

export function extractUnit(stack: Stack, unitFile: string, files: FileSet, options: FormatOptions, catalog: CatalogLookup): Extraction {
  const ctx = new Ctx(files, stack.id, stack.files);
  const unit = evaluateUnit(ctx, unitFile, unitEnv(unitFile, options));
  const none = (): Extraction => ({ components: [], dependencies: [], diagnostics: ctx.diagnostics });
  const inputsUnknown = (): void => {
    const at = unit.inputsSite ?? { file: unit.file, start: 1, end: 1 };
    ctx.diag(at.file, at.start, 'warning', `the inputs of unit ${unit.dir} could not be evaluated (they use ${unit.inputsWhy ?? 'something not known statically'}); the module's variables are unknown`);
  };
  const source = unit.source;
  const moduleDir = source.kind === 'local' ? source.dir : source.kind === 'own' ? unit.dir : undefined;
  const fromFiles = rootVariableValues(ctx, unitVarFiles(unit.dir, moduleDir, stack.files));
  const values: ReadonlyMap<string, Val> = unit.inputs ? new Map([...unit.inputs, ...fromFiles]) : withKnown(new UnknownInputs(unit.inputsWhy), fromFiles);
  switch (source.kind) {
    case 'unknown':
      ctx.diag(source.site.file, source.site.start, 'warning', `terraform source of unit ${unit.dir} could not be evaluated (it uses ${source.why}); its resources are not reviewed`);
      return none();
    case 'remote': {
      if (!catalog.moduleEntryFor(source.source)) {
        ctx.diag(source.site.file, source.site.start, 'warning', `unit ${unit.dir} runs a remote module (${source.source}) whose body is not in the repository; its resources are not reviewed`);
        return none();
      }
      if (!unit.inputs) {
        inputsUnknown();
        return none();
      }
      const def = remoteCall(ctx, unit, source.source, source.site, [...unit.inputs.keys()]);
      return extractFromRoot(ctx, stack.id, new ModuleInstance(ctx, def, '', { kind: 'root', values }, [unit.dir], true, stack.id), catalog);
    }
    case 'local':
    case 'own': {
      const dir = source.kind === 'local' ? source.dir : unit.dir;
      const def = ctx.moduleDef(dir);
      if (!def) {
        if (source.kind === 'local') {
          ctx.diag(source.site.file, source.site.start, 'error', `terraform source of unit ${unit.dir}: ${dir} has no Terraform files in the repository; this unit is not reviewed`);
        }
        return none();
      }
      if (!unit.inputs) inputsUnknown();
      return extractFromRoot(ctx, stack.id, new ModuleInstance(ctx, def, '', { kind: 'root', values }, [dir], true, stack.id), catalog);
    }
  }
}

/**
 * A root module with one call of the remote module, `name = var.name` for every input: the inputs'
 * values (and their lines) reach the call as a root module's variables do.
 */
function remoteCall(ctx: Ctx, unit: EvaluatedUnit, source: string, site: Site, inputs: readonly string[]): ModuleDef {
  const def = new ModuleDef(ctx, unit.dir, []);
  const range = rangeOf(site);
  const literal = (value: string): Expr => ({ kind: 'literal', value, range });
  const varRef = (name: string): Expr => ({ kind: 'getattr', object: { kind: 'scope', name: 'var', range }, name, range });
  const block = (type: string, labels: string[], attributes: { name: string; expr: Expr }[]): Block => ({
    type,
    labels,
    body: { attributes: attributes.map((a) => ({ ...a, range })), blocks: [], range },
    range,
  });
  for (const name of inputs) def.variables.set(name, { file: unit.file, node: block('variable', [name], []) });
  const callName = unit.dir === '.' ? 'unit' : unit.dir.slice(unit.dir.lastIndexOf('/') + 1).replace(/[^A-Za-z0-9_-]/g, '_');
  const attributes = [{ name: 'source', expr: literal(source) }, ...inputs.filter((n) => !MODULE_META.has(n)).map((name) => ({ name, expr: varRef(name) }))];
  def.calls.set(callName, { file: site.file, node: block('module', [callName], attributes) });
  return def;
}

function rangeOf(site: Site): Range {
  return { start: { line: site.start, col: 1, offset: 0 }, end: { line: site.end, col: 2, offset: 0 } };
}

/** Unknown inputs under what var files set: those variables are known. */
function withKnown(unknownInputs: UnknownInputs, known: ReadonlyMap<string, Val>): ReadonlyMap<string, Val> {
  for (const [name, value] of known) unknownInputs.set(name, value);
  return unknownInputs;
}
