/**
 * The Terraform format: `.tf` / `.tf.json` configuration, `.tfvars` / `.tfvars.json` values.
 * Stacks are root modules; extraction evaluates the configuration statically (variables, locals,
 * count / for_each, local modules) and never runs Terraform or downloads anything.
 */
import { CATALOG, type CatalogEntry } from '../../catalog/index.js';
import type { FormatPlugin } from '../format.js';
import { extractStack, type CatalogLookup } from './extract.js';
import { isIgnored, isTfConfig, isTfvars } from './files.js';
import { terraformStacks } from './stacks.js';

let fallback: CatalogLookup | undefined;

/** Catalog lookup by Terraform type / registry module source. */
function catalogLookup(): CatalogLookup {
  if (fallback) return fallback;
  const byType = new Map<string, CatalogEntry>();
  for (const e of CATALOG) for (const t of e.types.terraform ?? []) if (!byType.has(t)) byType.set(t, e);
  fallback = {
    entryFor: (type) => byType.get(type),
    moduleEntryFor: (source) => byType.get(`module:${normalizeModuleSource(source)}`),
  };
  return fallback;
}

/** `terraform-aws-modules/vpc/aws`, without version pins, `//subdir` or `?ref=`. */
export function normalizeModuleSource(source: string): string {
  let s = source.trim();
  s = s.replace(/^registry\.terraform\.io\//, '');
  s = s.replace(/\?.*$/, '');
  s = s.replace(/([^:/])\/\/.*$/, '$1');
  return s.replace(/\/+$/, '');
}

export const terraform: FormatPlugin = {
  name: 'terraform',
  claims(path) {
    return (isTfConfig(path) || isTfvars(path)) && !isIgnored(path);
  },
  stacks(paths, files, options) {
    return terraformStacks(paths, files, options);
  },
  extract(stack, files, options) {
    return extractStack(stack, files, options, catalogLookup());
  },
};

export { extractStack, type CatalogLookup } from './extract.js';
