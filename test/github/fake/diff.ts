/** A unified diff (hunks only, 3 lines of context) like the `patch` field GitHub returns. */

type Op = { kind: ' ' | '-' | '+'; text: string };

function lines(text: string): string[] {
  if (text === '') return [];
  const l = text.split('\n');
  if (l[l.length - 1] === '') l.pop();
  return l;
}

/** Line diff by longest common subsequence (test files are small). */
function ops(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) (out.push({ kind: ' ', text: a[i]! }), i++, j++);
    else if (j < m && (i >= n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) (out.push({ kind: '+', text: b[j]! }), j++);
    else (out.push({ kind: '-', text: a[i]! }), i++);
  }
  return out;
}

export function unifiedDiff(before: string, after: string, context = 3): string {
  const all = ops(lines(before), lines(after));
  const changed = all.map((o, i) => (o.kind !== ' ' ? i : -1)).filter((i) => i >= 0);
  if (changed.length === 0) return '';
  // Group changes whose context overlaps.
  const groups: [number, number][] = [];
  for (const i of changed) {
    const last = groups[groups.length - 1];
    if (last && i - last[1] <= 2 * context) last[1] = i;
    else groups.push([i, i]);
  }
  const hunks: string[] = [];
  for (const [first, last] of groups) {
    const start = Math.max(0, first - context);
    const end = Math.min(all.length - 1, last + context);
    let oldLine = 1;
    let newLine = 1;
    for (let k = 0; k < start; k++) {
      if (all[k]!.kind !== '+') oldLine++;
      if (all[k]!.kind !== '-') newLine++;
    }
    const body = all.slice(start, end + 1);
    const oldCount = body.filter((o) => o.kind !== '+').length;
    const newCount = body.filter((o) => o.kind !== '-').length;
    const oldStart = oldCount === 0 ? oldLine - 1 : oldLine;
    const newStart = newCount === 0 ? newLine - 1 : newLine;
    hunks.push(`@@ -${oldStart},${oldCount} +${newStart},${newCount} @@\n${body.map((o) => `${o.kind}${o.text}`).join('\n')}`);
  }
  return hunks.join('\n');
}
