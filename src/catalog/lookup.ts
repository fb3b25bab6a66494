import type { Format } from '../model/index.js';
import type { CatalogEntry } from './entry.js';
import { CATALOG } from './index.js';
export { opaqueModuleEntry } from './modules/opaque.js';

const key = (format: Format, type: string): string => `${format}\u0000${type}`;

/** (format, type) -> entry, built once from the registry. The first entry listing a pair wins (a test forbids duplicates). */
const BY_TYPE: ReadonlyMap<string, CatalogEntry> = (() => {
  const map = new Map<string, CatalogEntry>();
  for (const entry of CATALOG) {
    for (const [format, types] of Object.entries(entry.types) as [Format, readonly string[] | undefined][]) {
      for (const type of types ?? []) {
        const k = key(format, type);
        if (!map.has(k)) map.set(k, entry);
      }
    }
  }
  return map;
})();

/** The catalog entry for a resource type (`aws_db_instance`, `AWS::RDS::DBInstance`, `module:terraform-aws-modules/vpc/aws`). */
export function entryFor(format: Format, type: string): CatalogEntry | undefined {
  return BY_TYPE.get(key(format, type));
}

/** Hosts that serve the public Terraform registry protocol for the same namespaces. */
const PUBLIC_REGISTRIES = new Set(['registry.terraform.io', 'registry.opentofu.org']);
/** Git hosts whose `<owner>/terraform-<provider>-<name>` repositories back registry modules. */
const GIT_HOSTS = new Set(['github.com', 'www.github.com']);

const SEGMENT = /^[a-z0-9][a-z0-9_-]*$/;

/**
 * Normalizes a Terraform module `source` to the registry address the catalog lists
 * (`<namespace>/<name>/<provider>`, lower case, `//<subdir>` kept), or undefined when the source is not a
 * public registry module (local paths, archives, private registries, unrelated git repositories).
 *
 * - `terraform-aws-modules/vpc/aws`, `registry.terraform.io/terraform-aws-modules/vpc/aws`
 *   -> `terraform-aws-modules/vpc/aws`
 * - `terraform-aws-modules/vpc/aws//modules/vpc-endpoints` -> `terraform-aws-modules/vpc/aws//modules/vpc-endpoints`
 *   (a submodule: matches only when an entry lists it)
 * - `git::https://github.com/terraform-aws-modules/terraform-aws-vpc.git?ref=v5.0.0`,
 *   `github.com/terraform-aws-modules/terraform-aws-vpc`, `git@github.com:terraform-aws-modules/terraform-aws-vpc.git`
 *   -> `terraform-aws-modules/vpc/aws`
 */
export function normalizeModuleSource(source: string): string | undefined {
  let s = source.trim();
  if (s === '' || s.length > 2048) return undefined;
  if (s.startsWith('./') || s.startsWith('../') || s.startsWith('/') || s === '.' || s === '..') return undefined;

  // Forced getter (`git::`, `hg::`, `s3::`, ...): only git can point at a module repository.
  let forced: string | undefined;
  const getter = /^([a-z0-9]+)::/i.exec(s);
  if (getter) {
    forced = (getter[1] as string).toLowerCase();
    s = s.slice(getter[0].length);
    if (forced !== 'git') return undefined;
  }

  // Query (`?ref=v5.0.0`, `?depth=1`): dropped; a `//subdir` after it is kept (subdir before query is the norm).
  const q = s.indexOf('?');
  if (q >= 0) {
    const rest = s.slice(q);
    const sub = rest.indexOf('//');
    s = s.slice(0, q) + (sub >= 0 ? rest.slice(sub) : '');
  }

  // Scheme (`https://`, `ssh://`, `tfr://`, `git://`) and scp-like `git@github.com:owner/repo`.
  let scheme: string | undefined;
  const m = /^([a-z][a-z0-9+.-]*):\/\//i.exec(s);
  if (m) {
    scheme = (m[1] as string).toLowerCase();
    s = s.slice(m[0].length);
    if (scheme === 'http' || scheme === 'https' || scheme === 'ssh' || scheme === 'git' || scheme === 'git+ssh') {
      s = s.replace(/^[^@/]+@/, '');
    } else if (scheme !== 'tfr') {
      return undefined;
    }
  } else {
    const scp = /^[^@/:]+@([^:/]+):(.+)$/.exec(s);
    if (scp) s = `${scp[1] as string}/${scp[2] as string}`;
  }

  // Subdirectory.
  let subdir = '';
  const d = s.indexOf('//');
  if (d >= 0) {
    subdir = s
      .slice(d + 2)
      .replace(/^\.\//, '')
      .replace(/\/+$/, '');
    s = s.slice(0, d);
  }
  s = s.replace(/\/+$/, '');
  const parts = s.split('/').filter((p) => p !== '');
  const withSubdir = (base: string): string => (subdir === '' ? base : `${base}//${subdir}`).toLowerCase();

  const first = (parts[0] ?? '').toLowerCase();
  const hasHost = first.includes('.') || first.includes(':');

  // Git repositories named terraform-<provider>-<name> (the registry's publishing convention).
  if (hasHost && GIT_HOSTS.has(first) && parts.length === 3) {
    const owner = (parts[1] as string).toLowerCase();
    const repo = (parts[2] as string).toLowerCase().replace(/\.git$/, '');
    const named = /^terraform-([a-z0-9]+)-([a-z0-9][a-z0-9_-]*)$/.exec(repo);
    if (!named || !SEGMENT.test(owner)) return undefined;
    return withSubdir(`${owner}/${named[2] as string}/${named[1] as string}`);
  }
  if (forced === 'git' || (scheme !== undefined && scheme !== 'tfr')) return undefined;

  // Registry addresses: [<host>/]<namespace>/<name>/<provider>.
  let address = parts;
  if (hasHost) {
    if (!PUBLIC_REGISTRIES.has(first)) return undefined;
    address = parts.slice(1);
  }
  if (address.length !== 3) return undefined;
  const lowered = address.map((p) => p.toLowerCase());
  if (!lowered.every((p) => SEGMENT.test(p))) return undefined;
  return withSubdir(lowered.join('/'));
}

/** The catalog entry of a registry module source (see `normalizeModuleSource`), if the catalog knows it. */
export function moduleEntryFor(source: string): CatalogEntry | undefined {
  const normalized = normalizeModuleSource(source);
  return normalized === undefined ? undefined : entryFor('terraform', `module:${normalized}`);
}

/** The component type the formats give a registry module judged from its inputs: `module:<normalized source>`. */
export function moduleType(source: string): string | undefined {
  const normalized = normalizeModuleSource(source);
  return normalized === undefined ? undefined : `module:${normalized}`;
}
