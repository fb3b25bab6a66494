/**
 * The extraction context of one stack: its files (parsed once, their lines indexed once), the
 * diagnostics, the evaluator, and the module definitions of the directories it reads.
 */
import type { Diagnostic, FileSet } from '../../model/index.js';
import { SourceLines } from '../shared/lines.js';
import { Evaluator } from './evaluate.js';
import { dirOf, isIgnored, isTfConfig, parseFile } from './files.js';
import type { Attribute, Block, HclFile } from './hcl/ast.js';

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
  private readonly dirFiles = new Map<string, string[]>();
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
    this.ev = new Evaluator((site, message) => this.diag(site?.file ?? rootDir, site?.start ?? 1, 'warning', message));
    for (const p of stackFiles) {
      if (!isTfConfig(p) || isIgnored(p)) continue;
      const d = dirOf(p);
      const l = this.dirFiles.get(d);
      if (l) l.push(p);
      else this.dirFiles.set(d, [p]);
    }
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
      for (const e of file.errors.slice(0, 20)) this.diag(path, e.line, 'error', `syntax error: ${e.message}`);
      if (file.errors.length > 20) this.diag(path, file.errors[20]!.line, 'error', `${file.errors.length - 20} more syntax errors`);
    }
    this.parsed.set(path, file);
    return file;
  }

  /** The configuration files of a module directory: from the stack's files, else from the whole file set. */
  configFiles(dir: string): string[] {
    const own = this.dirFiles.get(dir);
    if (own) return [...own].sort();
    if (!this.allDirFiles) {
      this.allDirFiles = new Map();
      for (const p of this.files.paths()) {
        if (!isTfConfig(p) || isIgnored(p)) continue;
        const d = dirOf(p);
        const l = this.allDirFiles.get(d);
        if (l) l.push(p);
        else this.allDirFiles.set(d, [p]);
      }
    }
    return [...(this.allDirFiles.get(dir) ?? [])].sort();
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

  constructor(
    ctx: Ctx,
    readonly dir: string,
    paths: readonly string[],
  ) {
    const dup = (file: string, b: { range: { start: { line: number } } }, what: string) =>
      ctx.diag(file, b.range.start.line, 'warning', `duplicate ${what}; the first declaration is used`);
    for (const path of paths) {
      const f = ctx.parse(path);
      if (!f) continue;
      for (const b of f.body.blocks) {
        const [l0, l1] = b.labels;
        switch (b.type) {
          case 'resource':
            if (l0 === undefined || l1 === undefined) break;
            if (this.resources.has(`${l0}.${l1}`)) dup(path, b, `resource ${l0}.${l1}`);
            else this.resources.set(`${l0}.${l1}`, { file: path, node: b });
            break;
          case 'data':
            if (l0 === undefined || l1 === undefined) break;
            if (!this.data.has(`${l0}.${l1}`)) this.data.set(`${l0}.${l1}`, { file: path, node: b });
            break;
          case 'variable':
            if (l0 === undefined) break;
            if (this.variables.has(l0)) dup(path, b, `variable ${l0}`);
            else this.variables.set(l0, { file: path, node: b });
            break;
          case 'module':
            if (l0 === undefined) break;
            if (this.calls.has(l0)) dup(path, b, `module ${l0}`);
            else this.calls.set(l0, { file: path, node: b });
            break;
          case 'output':
            if (l0 === undefined) break;
            if (!this.outputs.has(l0)) this.outputs.set(l0, { file: path, node: b });
            break;
          case 'locals':
            for (const a of b.body.attributes) {
              if (this.locals.has(a.name)) dup(path, a, `local.${a.name}`);
              else this.locals.set(a.name, { file: path, node: a });
            }
            break;
          default:
            break;
        }
      }
    }
  }
}
