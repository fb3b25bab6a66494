/**
 * A template as a small position-keeping tree, the same for YAML and JSON: maps, sequences and
 * scalars with their lines. Short-form intrinsics (`!Ref x`) become their long form (`{ Ref: x }`)
 * marked `short`, so evaluation sees one shape and fixes still know how the value was written.
 */

export interface NodeBase {
  /** First line of the value (1-based). */
  line: number;
  /** Last line of the value. */
  endLine: number;
  /** The map key this node is the value of, and the line of that key. */
  key?: string;
  keyLine?: number;
  /** A local YAML tag that is not an intrinsic function (`!Rain::Module`), kept so tools' markers can be told apart. */
  tag?: string;
}

export interface MapEntry {
  key: string;
  keyLine: number;
  value: Node;
}

export interface MapNode extends NodeBase {
  kind: 'map';
  entries: MapEntry[];
  /** Entries by key (the last one wins on duplicates, as CloudFormation's parsers do). */
  byKey: Map<string, MapEntry>;
  /** Written as a YAML short-form tag (`!If [...]`). */
  short?: boolean;
}

export interface SeqNode extends NodeBase {
  kind: 'seq';
  items: Node[];
}

export interface ScalarNode extends NodeBase {
  kind: 'scalar';
  value: string | number | boolean | null;
  /** Written with quotes (`'false'`, `"2"`): a fix keeps the style. */
  quoted: boolean;
}

export type Node = MapNode | SeqNode | ScalarNode;

export function makeMap(line: number, endLine: number, entries: MapEntry[]): MapNode {
  const byKey = new Map<string, MapEntry>();
  for (const e of entries) byKey.set(e.key, e);
  return { kind: 'map', line, endLine, entries, byKey };
}

/** The value at `key` of a map node, or undefined. */
export function field(node: Node | undefined, key: string): Node | undefined {
  return node?.kind === 'map' ? node.byKey.get(key)?.value : undefined;
}

export function entryOf(node: Node | undefined, key: string): MapEntry | undefined {
  return node?.kind === 'map' ? node.byKey.get(key) : undefined;
}

/** A scalar's value as a string (numbers and booleans included), else undefined. */
export function scalarString(node: Node | undefined): string | undefined {
  if (node?.kind !== 'scalar' || node.value === null) return undefined;
  return String(node.value);
}

/** The intrinsic function a node calls (`Ref`, `Fn::If`, `Condition`), if it is a one-key map of that shape. */
export function intrinsicName(node: Node): string | undefined {
  if (node.kind !== 'map' || node.entries.length !== 1) return undefined;
  const k = node.entries[0]!.key;
  return k === 'Ref' || k === 'Condition' || k.startsWith('Fn::') ? k : undefined;
}

/** First line of a node including its key (`MultiAZ: true` starts at the key). */
export function startOf(node: Node): number {
  return Math.min(node.keyLine ?? node.line, node.line);
}

/** A node as plain JSON in long form (`{ "Ref": "Ha" }`), for evidence about a value that is not known statically. */
export function sourceForm(node: Node, depth = 0): unknown {
  if (depth > 32) return '...';
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map((i) => sourceForm(i, depth + 1));
  return Object.fromEntries(node.entries.map((e) => [e.key, sourceForm(e.value, depth + 1)]));
}
