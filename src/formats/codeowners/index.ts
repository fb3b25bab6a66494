/**
 * CODEOWNERS (DESIGN: "Key people"): who must review which files. GitHub reads the first of
 * `.github/CODEOWNERS`, `CODEOWNERS` and `docs/CODEOWNERS`; that file is the stack and each of its
 * rules a passive component `codeowners:<pattern>` carrying its owners. Which files are
 * infrastructure is for the analysis to say (the other formats' files in the tree).
 */
import { globMatcher } from '../../model/glob.js';
import type { Component, Owner } from '../../model/index.js';
import type { FormatPlugin } from '../format.js';
import { parseCodeowners, type Rule } from './parse.js';
import { relatedOwnedFiles } from './related.js';

declare module '../../model/component.js' {
  interface FormatNames {
    codeowners: true;
  }
}

/** Where GitHub looks, in the order it looks: the first one found is the only one used. */
export const CODEOWNERS_LOCATIONS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'];

export const codeowners: FormatPlugin = {
  name: 'codeowners',
  describesOwnership: true,
  filePatterns: { suffixes: [], names: ['CODEOWNERS'] },
  claims(path) {
    return CODEOWNERS_LOCATIONS.includes(path);
  },
  stacks(paths) {
    const used = CODEOWNERS_LOCATIONS.find((l) => paths.includes(l));
    return used ? [{ format: 'codeowners', id: used, files: [used] }] : [];
  },
  relatedFiles(changed, snapshots) {
    return relatedOwnedFiles(changed, snapshots);
  },
  extract(stack, files) {
    const text = files.read(stack.id);
    if (text === undefined) return { components: [], dependencies: [], diagnostics: [] };
    const { rules, diagnostics } = parseCodeowners(text, stack.id);
    return { components: ruleComponents(rules, stack.id), dependencies: [], diagnostics };
  },
};

/** The owners CODEOWNERS `text` gives a path: the last matching rule's, as GitHub reads it (none when no rule matches). */
export function ownersLookup(text: string): (path: string) => Owner[] {
  const rules = parseCodeowners(text, 'CODEOWNERS').rules.map((r) => ({ match: globMatcher(r.globs), owners: r.owners }));
  return (path) => {
    for (let i = rules.length - 1; i >= 0; i--) if (rules[i]!.match(path)) return rules[i]!.owners;
    return [];
  };
}

/**
 * The owners CODEOWNERS `text` gives a path, as names the dashboard groups by: org teams as
 * `org/team`, users as `@login`; an e-mail address names no GitHub account and is left out.
 */
export function ownerNamesLookup(text: string): (path: string) => string[] {
  const lookup = ownersLookup(text);
  return (path) => lookup(path).flatMap((o) => (o.kind === 'team' ? [o.name] : o.kind === 'user' ? [`@${o.name}`] : []));
}

/** One component per pattern: a pattern written twice is the later line's (it wins wherever both match). */
export function ruleComponents(rules: readonly Rule[], file: string): Component[] {
  const last = new Map<string, number>();
  rules.forEach((r, i) => last.set(r.pattern, i));
  return rules.flatMap((r, order) => (last.get(r.pattern) === order ? [ruleComponent(r, order, file)] : []));
}

function ruleComponent(r: Rule, order: number, file: string): Component {
  const site = { file, startLine: r.line, endLine: r.line };
  return {
    id: `codeowners:${r.pattern}`,
    type: 'codeowners-rule',
    format: 'codeowners',
    stack: file,
    role: 'passive',
    rule: 'codeowners',
    location: site,
    redundancy: { instances: null, zones: null, failover: null, quorum: false },
    attributes: { owners: { attribute: 'owners', value: r.ownersText, site } },
    entryPoint: false,
    regional: false,
    ownership: { pattern: r.pattern, globs: r.globs, owners: r.owners, order },
    label: `CODEOWNERS ${r.pattern}`,
  };
}
