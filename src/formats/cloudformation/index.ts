/**
 * The CloudFormation format: YAML (short-form intrinsics included) and JSON templates. Each template
 * is a stack; extraction evaluates parameters (defaults and parameters files), conditions, mappings
 * and intrinsic functions statically, and never deploys, downloads nested templates or runs macros.
 */
import { entryFor } from '../../catalog/lookup.js';
import type { FormatPlugin } from '../format.js';
import { extractTemplate, type CatalogLookup } from './extract.js';
import { isSniffable, isTemplateName, looksLikeTemplate } from './files.js';
import { cloudformationSettings } from './settings.js';
import { cloudformationStacks } from './stacks.js';

declare module '../../model/component.js' {
  interface FormatNames {
    cloudformation: true;
  }
}

const CATALOG_LOOKUP: CatalogLookup = { entryFor: (type) => entryFor('cloudformation', type) };

export const cloudformation: FormatPlugin = {
  name: 'cloudformation',
  // Parameters files are JSON too.
  filePatterns: { suffixes: ['.yaml', '.yml', '.json', '.template'] },
  claims(path) {
    return isTemplateName(path);
  },
  sniff(path, text) {
    return isSniffable(path) && looksLikeTemplate(text);
  },
  stacks(paths, files, options) {
    return cloudformationStacks(paths, files, options);
  },
  extract(stack, files, options) {
    return extractTemplate(stack, files, options, CATALOG_LOOKUP);
  },
  settings: cloudformationSettings,
};

export { extractTemplate, type CatalogLookup } from './extract.js';
