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
  // `.terraform/` holds downloaded module and provider copies, never the repository's own files.
  filePatterns: { suffixes: ['.tf', '.tf.json', '.tfvars', '.tfvars.json'], skipDirs: ['.terraform'] },
  claims(path) {
    return isTerraformFile(path);
  },
  stacks(paths, files, options) {
    return terraformStacks(paths, files, options);
  },
  extract(stack, files, options) {
    return extractStack(stack, files, options, CATALOG_LOOKUP);
  },
  settings: terraformSettings,
  relatedFiles(changed, snapshots) {
    return moduleCallerFiles(changed, snapshots);
  },
  referencedDirs(files) {
    return moduleCallTargets(files);
  },
};

export { extractStack, type CatalogLookup } from './extract.js';
