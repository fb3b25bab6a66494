/** Terraform file kinds, repo-relative POSIX path helpers and a bounded parse cache. */
import { parseHcl, parseHclJson } from './hcl/index.js';
import type { HclFile } from './hcl/ast.js';
import { baseName, dirOf, relativeTo, resolvePath } from '../shared/paths.js';

export { baseName, dirOf, relativeTo, resolvePath };

export function isTfConfig(path: string): boolean {
  return path.endsWith('.tf') || path.endsWith('.tf.json');
}

export function isTfvars(path: string): boolean {
  return path.endsWith('.tfvars') || path.endsWith('.tfvars.json');
}

export function isJson(path: string): boolean {
  return path.endsWith('.json');
}

/** Files under a `.terraform/` directory are downloaded copies, never reviewed. */
export function isIgnored(path: string): boolean {
  return path.startsWith('.terraform/') || path.includes('/.terraform/');
}

/** A Terraform file of the repository's own: configuration or values, not a downloaded copy. */
export function isTerraformFile(path: string): boolean {
  return (isTfConfig(path) || isTfvars(path)) && !isIgnored(path);
}

/** `terraform.tfvars`, `terraform.tfvars.json`, `*.auto.tfvars`, `*.auto.tfvars.json`: read automatically by Terraform. */
export function isAutoVarFile(path: string): boolean {
  const b = baseName(path);
  return b === 'terraform.tfvars' || b === 'terraform.tfvars.json' || b.endsWith('.auto.tfvars') || b.endsWith('.auto.tfvars.json');
}

/** Terraform's precedence among the automatic var files of one directory: later overrides earlier. */
export function autoVarFileRank(path: string): number {
  const b = baseName(path);
  if (b === 'terraform.tfvars') return 0;
  if (b === 'terraform.tfvars.json') return 1;
  return 2;
}

export function isLocalSource(source: string): boolean {
  return source.startsWith('./') || source.startsWith('../') || source === '.' || source === '..';
}

// ---------------------------------------------------------------------------------------------
// Parse cache: stacks() and extract() (and base/head, which share most files) parse a file once.

const CACHE_LIMIT_CHARS = 64 * 1024 * 1024;
/** Up to two versions per path (base and head), least recently used evicted first. */
const cache = new Map<string, { text: string; file: HclFile }[]>();
let cachedChars = 0;

export function parseFile(path: string, text: string): HclFile {
  const versions = cache.get(path);
  const hit = versions?.find((v) => v.text === text);
  if (versions && hit) {
    cache.delete(path);
    cache.set(path, versions);
    return hit.file;
  }
  let file: HclFile;
  try {
    file = isJson(path) ? parseHclJson(path, text) : parseHcl(path, text);
  } catch (err) {
    // The parser contract is never to throw; stay safe if it does.
    file = {
      path,
      body: { attributes: [], blocks: [], range: { start: { line: 1, col: 1, offset: 0 }, end: { line: 1, col: 1, offset: 0 } } },
      errors: [{ line: 1, col: 1, message: `could not parse: ${err instanceof Error ? err.message : String(err)}` }],
    };
  }
  if (text.length <= CACHE_LIMIT_CHARS / 8) {
    const list = versions ?? [];
    list.push({ text, file });
    cachedChars += text.length;
    if (list.length > 2) cachedChars -= list.shift()!.text.length;
    cache.delete(path);
    cache.set(path, list);
    while (cachedChars > CACHE_LIMIT_CHARS) {
      const oldest = cache.keys().next();
      if (oldest.done) break;
      for (const v of cache.get(oldest.value)!) cachedChars -= v.text.length;
      cache.delete(oldest.value);
    }
  }
  return file;
}

