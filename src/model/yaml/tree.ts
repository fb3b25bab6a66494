/**
 * A YAML text as a plain tree that remembers its lines: what every YAML reader (the formats, the
 * config) builds its own tree from, so none of them walks the `yaml` package's nodes. Lines are
 * 1-based and relative to the text that was read.
 */

export interface YamlSpan {
  /** Line the node starts on. */
  line: number;
  /** Line of its last character (a block collection's trailing newline does not count). */
  endLine: number;
}

export interface YamlScalar extends YamlSpan {
  kind: 'scalar';
  value: string | number | boolean | null;
  /** How it is written: `plain` (`a`), `quoted` (`'a'`, `"a"`) or `block` (`|`, `>`). */
  style: 'plain' | 'quoted' | 'block';
  /** An explicit tag as written (`!Ref`, `!reset`); absent without one. */
  tag?: string;
}

export interface YamlSeq extends YamlSpan {
  kind: 'seq';
  items: YamlNode[];
  tag?: string;
}

export interface YamlEntry {
  /** The key node (a scalar, but YAML allows any node, an alias too); null for an empty key. */
  key: YamlNode | null;
  /** Line of the key (of the map when the key is empty). */
  keyLine: number;
  /** A key written without a value holds a null scalar on the key's line. */
  value: YamlNode;
}

export interface YamlMap extends YamlSpan {
  kind: 'map';
  /** In the order written; duplicate keys and `<<` merge keys are left to the reader that knows its rules. */
  entries: YamlEntry[];
  tag?: string;
}

/**
 * A use of an anchored node (`*name`), with its own lines. The target is the anchored node itself,
 * shared by every use: a reader expands it (or shares it) knowing that the whole tree, every alias
 * expanded, stays within the limits it was read with.
 */
export interface YamlAlias extends YamlSpan {
  kind: 'alias';
  name: string;
  /** null when no anchor of that name comes before the alias: each reader has its rule for a dangling alias. */
  target: YamlNode | null;
}

export type YamlNode = YamlScalar | YamlSeq | YamlMap | YamlAlias;

/** The node as a plain JavaScript value (aliases followed), e.g. to name a key that is not a scalar. */
export function plainValue(node: YamlNode): unknown {
  if (node.kind === 'alias') return node.target === null ? null : plainValue(node.target);
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map(plainValue);
  return Object.fromEntries(node.entries.map((e) => [e.key === null ? '' : String(plainValue(e.key)), plainValue(e.value)]));
}
