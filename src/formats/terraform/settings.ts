/** Terraform's section of the repo config (`terraform: { var_files }`) and the options it becomes. */
import type { ConfiguredFilesEntry } from '../shared/configured-files.js';
import type { FormatSettings } from '../format.js';

export interface TerraformSection {
  var_files: ConfiguredFilesEntry[];
}

declare module '../../config/types.js' {
  interface FormatSections {
    terraform: TerraformSection;
  }
}

declare module '../format.js' {
  interface FormatOptions {
    /** Terraform: extra var files (repo-relative globs matched per stack) to evaluate. */
    terraformVarFiles?: ConfiguredFilesEntry[];
  }
}

export const terraformSettings: FormatSettings<TerraformSection> = {
  key: 'terraform',
  defaults: () => ({ var_files: [] }),
  parse(section, checker) {
    const varFiles = checker.keys(section, 'terraform', ['var_files']).get('var_files');
    return { var_files: varFiles ? checker.stackFiles(varFiles, 'terraform.var_files') : [] };
  },
  options: (section) => ({ terraformVarFiles: section.var_files }),
};
