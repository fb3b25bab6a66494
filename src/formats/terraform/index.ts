/**
 * The Terraform format: `.tf` / `.tf.json` configuration, `.tfvars` / `.tfvars.json` values.
 * Stacks are root modules; extraction evaluates the configuration statically (variables, locals,
 * count / for_each, local modules) and never runs Terraform or downloads anything.
 */
import { entryFor, moduleEntryFor, moduleType, opaqueModuleEntry } from '../../catalog/lookup.js';
import type { FormatPlugin } from '../format.js';
import { extractStack, type CatalogLookup } from './extract.js';
import { isTerraformFile } from './files.js';
import { moduleCallTargets, moduleCallerFiles } from './related-files.js';
import { terraformSettings } from './settings.js';
import { terraformStacks } from './stacks.js';
import { TERRAGRUNT_CACHE, isTerragruntHcl } from './terragrunt/paths.js';
import { terragruntRelatedFiles } from './terragrunt/related.js';
import { unitReferencedDirs } from './terragrunt/stacks.js';

declare module '../../model/component.js' {
  interface FormatNames {
    terraform: true;
  }
}

const CATALOG_LOOKUP: CatalogLookup = {
  entryFor: (type) => entryFor('terraform', type),
  moduleEntryFor,
  moduleType,
  opaqueModuleEntry,
};

export const terraform: FormatPlugin = {
  name: 'terraform',
  // `.terraform/` and `.terragrunt-cache/` hold downloaded copies, never the repository's own files.
  // `.hcl`: Terragrunt units and the files they include or read.
  filePatterns: { suffixes: ['.tf', '.tf.json', '.tfvars', '.tfvars.json', '.hcl', '.hcl.json'], skipDirs: ['.terraform', TERRAGRUNT_CACHE] },
  claims(path) {
    return isTerraformFile(path) || isTerragruntHcl(path);
  },
  stacks(paths, files, options) {
    return terraformStacks(paths, files, options);
  },
  extract(stack, files, options) {
    return extractStack(stack, files, options, CATALOG_LOOKUP);
  },
  settings: terraformSettings,
  relatedFiles(changed, snapshots) {
    return [...new Set([...moduleCallerFiles(changed, snapshots), ...terragruntRelatedFiles(changed, snapshots)])];
  },
  referencedDirs(files) {
    // Without the config here: get_env() stays unknown, so a directory named by it may be missed.
    return [...new Set([...moduleCallTargets(files), ...unitReferencedDirs(files, {})])];
  },
};

export { extractStack, type CatalogLookup } from './extract.js';
