/**
 * Modules whose code was not read (issue 9: a private registry, a git URL, a path outside the checkout)
 * and that no signature recognised: the format keeps their redundancy-named inputs (`multi_az`,
 * `instances`, `azs`, ...) on a connector judged by `tf-module-redundancy-input`. A change of one of them
 * toward less redundancy between base and head is the finding; the value at head alone never is (what the
 * module does with `instances = 1` is unknown). The effect is inferred from the input's name, and the
 * message says so.
 */
import { OPAQUE_MODULE_RULE, inputReduction, type InputCut, type InputReduction } from '../catalog/modules/opaque.js';
import type { AttributeSite, Component, Evidence, Finding, FindingKind, Severity } from '../model/index.js';
import type { Side } from './diff.js';
import { fingerprint } from './fingerprint.js';
import { doesWork } from './spof.js';

const RANK: Record<InputCut, number> = { one: 3, zone: 2, fewer: 1 };

interface Cut extends InputReduction {
  name: string;
  before: unknown;
  after: AttributeSite;
  old: AttributeSite;
}

export function reducedModuleInputs(base: Side, head: Side): Finding[] {
  const out: Finding[] = [];
  for (const [key, after] of head.components) {
    if (after.rule !== OPAQUE_MODULE_RULE) continue;
    const before = base.components.get(key);
    if (!before || before.rule !== OPAQUE_MODULE_RULE) continue;
    const cuts: Cut[] = [];
    for (const [name, site] of Object.entries(after.attributes)) {
      const old = before.attributes[name];
      const reduction = old && inputReduction(name, old.value, site.value);
      if (reduction) cuts.push({ ...reduction, name, before: old.value, after: site, old });
    }
    if (cuts.length) out.push(finding(head, key, after, cuts));
  }
  return out;
}

function finding(head: Side, key: string, c: Component, cuts: Cut[]): Finding {
  const worst = cuts.reduce((a, b) => (RANK[b.cut] > RANK[a.cut] ? b : a)).cut;
  const { dependents, entryPoints } = reach(head, key);
  const severity: Severity = worst === 'one' ? (dependents.length || entryPoints.length ? 'high' : 'medium') : worst === 'zone' ? 'medium' : 'low';
  const kind: FindingKind = worst === 'fewer' ? 'redundancy-reduced' : 'new-spof';
  const says = cuts.map((c) => c.says).join('; ');
  const inferred = `its code was not read, so this is inferred from ${cuts.length > 1 ? "the inputs' names" : "the input's name"}`;
  const blast = dependents.length || entryPoints.length ? list([...new Set([...dependents, ...entryPoints])]) : 'whatever uses it outside this configuration (nothing here references its outputs)';
  const fix = `restore ${cuts.map((x) => `${x.name} = ${show(x.before)}`).join(' and ')}, unless the module keeps that redundancy another way`;
  const message =
    worst === 'one'
      ? `If ${c.id} fails (${says}; ${inferred}), what it runs stops serving, taking down ${blast}; fix: ${fix}.`
      : worst === 'zone'
        ? `If the zone of ${c.id} fails (${says}; ${inferred}), what it runs goes down until the zone recovers, taking down ${blast}; fix: ${fix}.`
        : `${c.id} keeps less redundancy (${says}; ${inferred}); it still tolerates one failure, with less room; fix: ${fix}.`;
  const title = worst === 'fewer' ? `Redundancy reduced (inferred from its inputs): ${c.id}` : `New ${worst === 'one' ? 'instance' : 'zonal'} SPOF (inferred from its inputs): ${c.id}`;
  return {
    fingerprint: fingerprint(kind, c.stack, c.id, c.rule),
    kind,
    severity,
    rule: c.rule,
    title,
    message,
    fix,
    component: { id: c.id, type: c.type, format: c.format, stack: c.stack },
    location: { ...c.location },
    evidence: cuts.map(evidenceOf),
    redundancy: { before: null, after: null },
    blastRadius: { before: 0, after: dependents.length + entryPoints.length, dependents, entryPoints },
  };
}

/** The input's line at head: where it is written when that line changed, else where its value comes from. */
function evidenceOf(cut: Cut): Evidence {
  const site = cut.after;
  const at = site.written && cut.old.writtenText !== site.writtenText ? site.written : site.site;
  return { file: at.file, line: at.startLine, attribute: cut.name, before: cut.before ?? null, after: site.value ?? null };
}

function reach(side: Side, key: string): { dependents: string[]; entryPoints: string[] } {
  const g = side.analysis.graph;
  if (!g.has(key)) return { dependents: [], entryPoints: [] };
  const failing = g
    .failureClosure(key)
    .filter((n) => n !== key)
    .map((n) => g.component(n));
  return { dependents: failing.filter(doesWork).map((x) => x.id), entryPoints: failing.filter((x) => x.entryPoint).map((x) => x.id) };
}

function list(ids: readonly string[], max = 3): string {
  return ids.length <= max ? ids.join(', ') : `${ids.slice(0, max).join(', ')} and ${ids.length - max} more`;
}

function show(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v) ?? String(v);
}
