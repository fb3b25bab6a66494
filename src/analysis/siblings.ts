import type { Component, Finding, Severity } from '../model/index.js';
import { STATEFUL_ROLES, severityRank } from '../model/index.js';
import type { Spof } from './api.js';
import type { Side } from './diff.js';
import { rate } from './environment.js';

/**
 * One more of a numbered set. `ci-agent-6` added next to `ci-agent-1` .. `ci-agent-5`, each a single
 * instance with its own name, is a pool the team runs that way on purpose: the new member is a copy of
 * a shape the base already had, and it adds capacity rather than removing any. Reporting it as a new
 * SPOF at full severity says nothing the reviewer does not know; it is rated low and names the
 * siblings, so the pattern stays visible. Stateless members only: `db2` next to `db1` holds other data.
 */
export const SIBLING_CEILING: Severity = 'low';

/** The id with every run of digits made alike: `module.ci-agent-6.aws_instance.a` -> `module.ci-agent-#.aws_instance.a`. */
function numberedShape(id: string): string | undefined {
  return /\d/.test(id) ? id.replace(/\d+/g, '#') : undefined;
}

/** Base SPOFs of the same stack, type and kinds whose ids differ from the component's only in numbers. */
export function numberedSiblings(base: Side, after: Component, spof: Spof): Component[] {
  const shape = numberedShape(after.id);
  // A second database is new data with its own dependents, not one more interchangeable member.
  if (shape === undefined || STATEFUL_ROLES.has(after.role)) return [];
  const out: Component[] = [];
  for (const s of base.analysis.spofs.values()) {
    const c = s.component;
    if (c.id === after.id || c.format !== after.format || c.stack !== after.stack || c.type !== after.type) continue;
    if (numberedShape(c.id) !== shape || !spof.kinds.every((k) => s.kinds.includes(k))) continue;
    out.push(c);
  }
  return out.sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
}

export function rateAsSibling(finding: Finding, siblings: readonly Component[]): void {
  if (!siblings.length || severityRank(finding.severity) <= severityRank(SIBLING_CEILING)) return;
  const names = siblings.length > 3 ? `${siblings[0]!.id} .. ${siblings.at(-1)!.id} (${siblings.length})` : siblings.map((s) => s.id).join(', ');
  rate(finding, SIBLING_CEILING, `it is one more of a numbered set whose members were already single before this change (${names}); it adds a member and removes no redundancy`);
}
