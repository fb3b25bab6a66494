import type { Severity } from '../model/index.js';

/** `.github/spof-review.yml` after validation and defaults (see DESIGN.md "Repo config"). */
export interface Config {
  fail_on: Severity | 'never';
  paths: { include: string[]; exclude: string[] };
  terraform: { var_files: { stack: string; files: string[] }[] };
  /** Parameters files per template glob (CLI `[{ParameterKey, ParameterValue}]` or `{ Parameters: {...} }`). */
  cloudformation: { parameter_files: { stack: string; files: string[] }[] };
  policy: { rto?: string; rpo?: string };
  ignore: { rule: string; component: string; reason: string }[];
  comments: { mode: 'update' | 'off'; suggestions: boolean };
  accept_label: string;
}

export const DEFAULT_CONFIG: Config = {
  fail_on: 'high',
  paths: { include: ['**'], exclude: [] },
  terraform: { var_files: [] },
  cloudformation: { parameter_files: [] },
  policy: {},
  ignore: [],
  comments: { mode: 'update', suggestions: true },
  accept_label: 'spof-accepted',
};
