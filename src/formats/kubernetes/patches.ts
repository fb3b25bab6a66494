/**
 * The subset of kustomize patching that decides redundancy, applied to our trees: strategic-merge
 * patches merge maps and scalars (replica counts, node selectors, budgets) and may delete an object
 * (`$patch: delete`); JSON 6902 patches `add` / `replace` / `remove` at a path. Lists inside a
 * strategic-merge patch are left as they are (their merge keys are per-field); a patched value keeps
 * the position of the patch line, so findings point at the patch.
 */
import { clone, type KMap, type KNode } from './tree.js';

/** Patches nest no deeper than manifests may (the tree stops at 128 levels); what is deeper is not merged, and said. */
const MAX_PATCH_DEPTH = 128;

/**
 * Merge a strategic-merge patch into an object's root; returns false when the patch deletes the
 * object. `tooDeep` hears the line of a part nested past MAX_PATCH_DEPTH, which is not merged.
 */
export function mergePatch(target: KMap, patch: KMap, tooDeep: (line: number) => void = () => undefined): boolean {
  if (directive(patch) === 'delete') return false;
  mergeInto(target, patch, 0, tooDeep);
  return true;
}

function directive(m: KMap): string | undefined {
  const d = m.fields.get('$patch')?.value;
  return d?.t === 'scalar' && typeof d.value === 'string' ? d.value : undefined;
}

function mergeInto(target: KMap, patch: KMap, depth: number, tooDeep: (line: number) => void): void {
  if (depth > MAX_PATCH_DEPTH) return tooDeep(patch.line);
  for (const [key, f] of patch.fields) {
    if (key.startsWith('$')) continue;
    const cur = target.fields.get(key);
    const v = f.value;
    if (v.t === 'scalar' && v.value === null) {
      // `key: null` deletes the key in a strategic-merge patch.
      target.fields.delete(key);
      continue;
    }
    if (v.t === 'map') {
      if (directive(v) === 'delete') {
        target.fields.delete(key);
        continue;
      }
      if (cur?.value.t === 'map' && directive(v) !== 'replace') {
        mergeInto(cur.value, v, depth + 1, tooDeep);
        continue;
      }
      target.fields.set(key, { key, keyLine: f.keyLine, value: clone(v) });
      continue;
    }
    if (v.t === 'seq') {
      // Lists merge by per-field keys (containers by name, ...): only a list the object lacks is taken.
      if (!cur) target.fields.set(key, { key, keyLine: f.keyLine, value: clone(v) });
      continue;
    }
    target.fields.set(key, { key, keyLine: f.keyLine, value: { ...v } });
  }
}

export interface JsonPatchOp {
  op: string;
  path: string;
  value?: KNode;
  line: number;
}

/** Apply JSON 6902 operations; returns the ones that could not be applied (with why), for diagnostics. */
export function applyJsonPatch(target: KMap, ops: readonly JsonPatchOp[]): { op: JsonPatchOp; why: string }[] {
  const failed: { op: JsonPatchOp; why: string }[] = [];
  for (const op of ops) {
    const why = applyOne(target, op);
    if (why) failed.push({ op, why });
  }
  return failed;
}

function decode(seg: string): string {
  return seg.replace(/~1/g, '/').replace(/~0/g, '~');
}

function applyOne(root: KMap, op: JsonPatchOp): string | undefined {
  if (!op.path.startsWith('/')) return 'the path does not start with /';
  const segs = op.path.slice(1).split('/').map(decode);
  if (segs.length > 64) return 'the path is too deep';
  let parent: KNode = root;
  for (let i = 0; i < segs.length - 1; i++) {
    const s = segs[i]!;
    let next: KNode | undefined;
    if (parent.t === 'map') next = parent.fields.get(s)?.value;
    else if (parent.t === 'seq' && /^\d+$/.test(s)) next = parent.items[Number(s)];
    if (!next) return `${op.path}: /${segs.slice(0, i + 1).join('/')} does not exist`;
    parent = next;
  }
  const last = segs[segs.length - 1]!;
  if (op.op === 'remove') {
    if (parent.t === 'map') parent.fields.delete(last);
    else if (parent.t === 'seq' && /^\d+$/.test(last)) parent.items.splice(Number(last), 1);
    return undefined;
  }
  if (op.op !== 'add' && op.op !== 'replace') return `operation "${op.op}" is not applied`;
  if (!op.value) return 'no value';
  const value = clone(op.value);
  if (parent.t === 'map') {
    if (op.op === 'replace' && !parent.fields.has(last)) return `${op.path} does not exist`;
    parent.fields.set(last, { key: last, keyLine: op.value.line, value });
    return undefined;
  }
  if (parent.t === 'seq') {
    if (last === '-' && op.op === 'add') parent.items.push(value);
    else if (/^\d+$/.test(last) && Number(last) <= parent.items.length) {
      if (op.op === 'replace') parent.items[Number(last)] = value;
      else parent.items.splice(Number(last), 0, value);
    } else return `${op.path}: no such list index`;
    return undefined;
  }
  return `${op.path}: the parent is not a map or list`;
}
