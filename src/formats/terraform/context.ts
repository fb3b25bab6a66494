/**
 * The extraction context of one stack: its files (parsed once, their lines indexed once), the
 * diagnostics, the evaluator, and the module definitions of the directories it reads.
 */
import type { Diagnostic, FileSet } from '../../model/index.js';
import { SourceLines } from '../shared/lines.js';
import { Evaluator } from './evaluate.js';
import { parseFile } from './files.js';
import type { Attribute, Block, HclFile } from './hcl/ast.js';
import { literalString, moduleDirectories } from './stacks.js';

/** A declaration and the file it is written in. */
export interface Located<T> {
  file: string;
  node: T;
}

export class Ctx {
  readonly diagnostics: Diagnostic[] = [];
  private readonly diagSeen = new Set<string>();
  readonly ev: Evaluator;
  /** Source lines of every file the stack reads, for the text of attribute sites and fixes. */
  readonly lines: SourceLines;
  private readonly parsed = new Map<string, HclFile | undefined>();
  private readonly defs = new Map<string, ModuleDef | undefined>();
  private readonly dirFiles: Map<string, string[]>;
  private allDirFiles: Map<string, string[]> | undefined;
  moduleInstances = 0;
  /** Module calls (ids) whose instances were not all evaluated: counts of everything inside are unknown. */
  readonly truncatedCalls = new Set<string>();

  constructor(
    readonly files: FileSet,
    readonly rootDir: string,
    stackFiles: readonly string[],
  ) {
    this.lines = new SourceLines(files);
    this.ev = new Evaluator((site, message, severity = 'warning') => this.diag(site?.file ?? rootDir, site?.start ?? 1, severity, message));
    this.dirFiles = moduleDirectories(stackFiles);
  }

  diag(file: string, line: number, severity: Diagnostic['severity'], message: string): void {
    const key = `${file}:${line}:${severity}:${message}`;
    if (this.diagSeen.has(key)) return;
    this.diagSeen.add(key);
    this.diagnostics.push({ file, line, severity, message });
  }

  /** Parse a file once; syntax errors become error diagnostics. */
  parse(path: string): HclFile | undefined {
    if (this.parsed.has(path)) return this.parsed.get(path);
    const text = this.files.read(path);
    let file: HclFile | undefined;
    if (text !== undefined) {
      file = parseFile(path, text);
      for (const error of file.errors.slice(0, 20)) this.diag(path, error.line, 'error', `syntax error: ${error.message}`);
      if (file.errors.length > 20) this.diag(path, file.errors[20]!.line, 'error', `${file.errors.length - 20} more syntax errors`);
    }
    this.parsed.set(path, file);
    return file;
  }

  /** The configuration files of a module directory: from the stack's files, else from the whole file set. */
  configFiles(dir: string): string[] {
    const own = this.dirFiles.get(dir);
    if (own) return [...own];
    this.allDirFiles ??= moduleDirectories(this.files.paths());
    return [...(this.allDirFiles.get(dir) ?? [])];
  }

  moduleDef(dir: string): ModuleDef | undefined {
    if (this.defs.has(dir)) return this.defs.get(dir);
    const paths = this.configFiles(dir);
    const def = paths.length ? new ModuleDef(this, dir, paths) : undefined;
    this.defs.set(dir, def);
    return def;
  }
}

/** The declarations of one directory. */
export class ModuleDef {
  readonly variables = new Map<string, Located<Block>>();
  readonly locals = new Map<string, Located<Attribute>>();
  /** `type.name` -> block, in file order. */
  readonly resources = new Map<string, Located<Block>>();
  readonly data = new Map<string, Located<Block>>();
  readonly calls = new Map<string, Located<Block>>();
  readonly outputs = new Map<string, Located<Block>>();
  /** `moved` blocks, in file order. */
  readonly moved: Located<Block>[] = [];
  /** Provider configurations by reference: `aws` (the default one), `aws.west` (an alias). */
  readonly providers = new Map<string, Located<Block>>();

  constructor(
    ctx: Ctx,
    readonly dir: string,
    paths: readonly string[],
  ) {
    const duplicate = (file: string, declared: { range: { start: { line: number } } }, what: string) =>
      ctx.diag(file, declared.range.start.line, 'warning', `duplicate ${what}; the first declaration is used`);
    for (const path of paths) {
      const file = ctx.parse(path);
      if (!file) continue;
      for (const block of file.body.blocks) {
        const [first, second] = block.labels;
        const located = { file: path, node: block };
        switch (block.type) {
          case 'resource':
            if (first === undefined || second === undefined) break;
            if (this.resources.has(`${first}.${second}`)) duplicate(path, block, `resource ${first}.${second}`);
            else this.resources.set(`${first}.${second}`, located);
            break;
          case 'data':
            if (first === undefined || second === undefined) break;
            if (!this.data.has(`${first}.${second}`)) this.data.set(`${first}.${second}`, located);
            break;
          case 'variable':
            if (first === undefined) break;
            if (this.variables.has(first)) duplicate(path, block, `variable ${first}`);
            else this.variables.set(first, located);
            break;
          case 'module':
            if (first === undefined) break;
            if (this.calls.has(first)) duplicate(path, block, `module ${first}`);
            else this.calls.set(first, located);
            break;
          case 'output':
            if (first === undefined) break;
            if (!this.outputs.has(first)) this.outputs.set(first, located);
            break;
          case 'moved':
            this.moved.push(located);
            break;
          case 'provider': {
            if (first === undefined) break;
            const aliasAttr = block.body.attributes.find((a) => a.name === 'alias');
            const alias = literalString(aliasAttr?.expr);
            // An alias that is not a literal names no configuration a resource can be seen to use.
            if (aliasAttr && alias === undefined) break;
            const ref = alias === undefined ? first : `${first}.${alias}`;
            if (!this.providers.has(ref)) this.providers.set(ref, located);
            break;
          }
          case 'locals':
            for (const local of block.body.attributes) {
              if (this.locals.has(local.name)) duplicate(path, local, `local.${local.name}`);
              else this.locals.set(local.name, { file: path, node: local });
            }
            break;
          default:
            break;
        }
      }
    }
  }
}
