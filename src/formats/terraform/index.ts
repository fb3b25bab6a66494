/**
 * The Terraform format: `.tf` / `.tf.json` configuration, `.tfvars` / `.tfvars.json` values.
 * Stacks are root modules; extraction evaluates the configuration statically (variables, locals,
 * count / for_each, local modules) and never runs Terraform or downloads anything.
 */
import { entryFor, moduleEntryFor, moduleType } from '../../catalog/lookup.js';
import type { FormatPlugin } from '../format.js';
import { extractStack, type CatalogLookup } from './extract.js';
import { isIgnored, isTfConfig, isTfvars } from './files.js';
import { terraformStacks } from './stacks.js';

const CATALOG_LOOKUP: CatalogLookup = {
  entryFor: (type) => entryFor('terraform', type),
  moduleEntryFor,
  moduleType,
};

export const terraform: FormatPlugin = {
  name: 'terraform',
  claims(path) {
    return (isTfConfig(path) || isTfvars(path)) && !isIgnored(path);
  },
  stacks(paths, files, options) {
    return terraformStacks(paths, files, options);
  },
  extract(stack, files, options) {
    return extractStack(stack, files, options, CATALOG_LOOKUP);
  },
};

export { extractStack, type CatalogLookup } from './extract.js';
