/** CloudFormation's section of the repo config (`cloudformation: { parameter_files }`) and the options it becomes. */
import type { ConfiguredFilesEntry } from '../shared/configured-files.js';
import type { FormatSettings } from '../format.js';

export interface CloudFormationSection {
  /** Parameters files per template glob (CLI `[{ParameterKey, ParameterValue}]` or `{ Parameters: {...} }`). */
  parameter_files: ConfiguredFilesEntry[];
}

declare module '../../config/types.js' {
  interface FormatSections {
    cloudformation: CloudFormationSection;
  }
}

declare module '../format.js' {
  interface FormatOptions {
    /**
     * CloudFormation: parameters files (repo-relative globs, or relative to the template's directory) per
     * template glob; their values override parameter defaults, later files over earlier ones.
     */
    cloudformationParameterFiles?: ConfiguredFilesEntry[];
  }
}

export const cloudformationSettings: FormatSettings<CloudFormationSection> = {
  key: 'cloudformation',
  defaults: () => ({ parameter_files: [] }),
  parse(section, checker) {
    const parameterFiles = checker.keys(section, 'cloudformation', ['parameter_files']).get('parameter_files');
    return { parameter_files: parameterFiles ? checker.stackFiles(parameterFiles, 'cloudformation.parameter_files') : [] };
  },
  options: (section) => ({ cloudformationParameterFiles: section.parameter_files }),
};
