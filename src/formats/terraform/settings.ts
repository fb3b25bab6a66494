/** Terraform's section of the repo config (`terraform: { var_files, terragrunt }`) and the options it becomes. */
import type { Checker, ConfigMap, Value } from '../../config/parse.js';
import type { ConfiguredFilesEntry } from '../shared/configured-files.js';
import type { FormatSettings } from '../format.js';
import type { TerragruntEnvEntry } from './terragrunt/env.js';

export interface TerraformSection {
  var_files: ConfiguredFilesEntry[];
  /** Terragrunt units: `env` gives `get_env()` values per unit glob. */
  terragrunt: { env: TerragruntEnvEntry[] };
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
    /** Terragrunt: `get_env()` values per unit directory glob. */
    terragruntEnv?: TerragruntEnvEntry[];
  }
}

export const terraformSettings: FormatSettings<TerraformSection> = {
  key: 'terraform',
  defaults: () => ({ var_files: [], terragrunt: { env: [] } }),
  parse(section, checker) {
    const keys = checker.keys(section, 'terraform', ['var_files', 'terragrunt']);
    const varFiles = keys.get('var_files');
    const terragrunt = keys.get('terragrunt');
    return {
      var_files: varFiles ? checker.stackFiles(varFiles, 'terraform.var_files') : [],
      terragrunt: { env: terragrunt ? terragruntEnv(terragrunt, checker) : [] },
    };
  },
  options: (section) => ({ terraformVarFiles: section.var_files, terragruntEnv: section.terragrunt.env }),
};


/** `terragrunt: { env: [{ units: "live/prod/**", values: { ENVIRONMENT: prod } }] }`; bad entries are reported and left out. */
function terragruntEnv(v: Value, checker: Checker): TerragruntEnvEntry[] {
  const section = checker.map(v, 'terraform.terragrunt');
  if (!section) return [];
  const env = checker.keys(section, 'terraform.terragrunt', ['env']).get('env');
  if (!env || (env.t === 'scalar' && env.value === null)) return [];
  if (env.t !== 'seq') {
    checker.error(env.line, 'terraform.terragrunt.env: expected a list of { units: glob, values: { NAME: value } }; the default applies');
    return [];
  }
  const out: TerragruntEnvEntry[] = [];
  env.items.forEach((item, i) => {
    const path = `terraform.terragrunt.env[${i}]`;
    const entry = checker.map(item, path);
    if (!entry) return;
    const fields = checker.keys(entry, path, ['units', 'values']);
    const unitsV = fields.get('units');
    const units = unitsV ? checker.string(unitsV, `${path}.units`, { nonEmpty: true, glob: 'path' }) : '**';
    const valuesV = fields.get('values');
    const valuesMap = valuesV ? checker.map(valuesV, `${path}.values`) : undefined;
    if (!valuesMap) {
      if (!valuesV) checker.error(entry.line, `${path}: "values" is required`);
      return;
    }
    const values: Record<string, string> = {};
    for (const e of (valuesMap satisfies ConfigMap).entries) {
      if (e.value.t === 'scalar' && e.value.value !== null && typeof e.value.value !== 'object') values[e.key] = String(e.value.value);
      else checker.error(e.line, `${path}.values.${e.key}: expected a string, number or boolean`);
    }
    if (units !== undefined) out.push({ units, values });
  });
  return out;
}
