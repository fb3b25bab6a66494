/**
 * The targets one attribute references, and which of them are alternatives. An attribute's value is
 * a list of units (its items, or its instances), each naming the resources it references. Several
 * targets of the same type are alternatives (k = 1: an ASG across three subnets survives while one
 * does) unless some unit needs two of them at once. Shared by every format that resolves references.
 */
export function referencedTargets(
  from: string,
  field: string,
  units: readonly ReadonlySet<string>[],
  typeOf: ReadonlyMap<string, string>,
): { targets: Set<string>; groupOf: Map<string, string> } {
  const targets = new Set<string>();
  for (const u of units) for (const r of u) targets.add(r);
  targets.delete(from);
  const groupOf = new Map<string, string>();
  const byType = new Map<string, string[]>();
  for (const r of targets) {
    const t = typeOf.get(r)!;
    const list = byType.get(t);
    if (list) list.push(r);
    else byType.set(t, [r]);
  }
  for (const [t, members] of byType) {
    if (members.length < 2) continue;
    const memberSet = new Set(members);
    const exclusive = units.every((u) => {
      let n = 0;
      for (const r of u) if (memberSet.has(r)) n++;
      return n <= 1;
    });
    if (!exclusive) continue;
    for (const m of members) groupOf.set(m, `${from}:${field}:${t}`);
  }
  return { targets, groupOf };
}
