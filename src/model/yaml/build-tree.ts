import { isAlias, isMap, isScalar, isSeq, Scalar, type Node as ParsedNode, type YAMLMap, type YAMLSeq } from 'yaml';
import type { YamlLimits, YamlOverLimit } from './limits.js';
import type { YamlAlias, YamlEntry, YamlNode, YamlScalar } from './tree.js';

/** Nodes counted so far in one text, over all its documents. */
export interface Budget {
  nodes: number;
  aliasNodes: number;
}

/** Thrown when a node budget runs out: the text is not read further. */
export class OverBudget extends Error {
  constructor(readonly over: YamlOverLimit) {
    super(over.limit);
  }
}

/** A built node with its size (nodes, aliases expanded) and height (levels below it, aliases expanded). */
interface Built {
  node: YamlNode;
  size: number;
  height: number;
}

type Span = { line: number; endLine: number };

/**
 * Builds one document's tree. Every parsed node is visited once: an alias refers to the node already
 * built for its anchor, so an alias bomb costs its text, not its expansion; sizes and heights are
 * measured as if aliases were expanded, and that is what the limits bound.
 */
export class TreeBuilder {
  /** Anchors met so far, in document order: an alias refers to the last one of its name before it. */
  private readonly anchors = new Map<string, ParsedNode>();
  /** Anchored nodes: null while being built (an alias met then is inside its own anchor). */
  private readonly anchored = new Map<ParsedNode, Built | null>();

  constructor(
    private readonly lineOf: (offset: number) => number,
    private readonly limits: YamlLimits,
    private readonly budget: Budget,
    private readonly overLimits: YamlOverLimit[],
  ) {}

  /** The tree of a parsed node. */
  root(n: ParsedNode): YamlNode | null {
    return this.build(n, 0, true)?.node ?? null;
  }

  /** The node at `depth`, or null when it is left out (too deep, cyclic). `counted`: values count against the node budget, keys do not. */
  private build(n: ParsedNode, depth: number, counted: boolean): Built | null {
    const span = this.span(n);
    if (isAlias(n)) return this.alias(n.source, span, depth, counted);
    if (depth > this.limits.maxDepth) return this.over({ limit: 'depth', line: span.line });
    if (counted) this.count(1, 0, span.line);
    const anchor = (n as { anchor?: string }).anchor;
    if (anchor) {
      this.anchors.set(anchor, n);
      this.anchored.set(n, null);
    }
    const tag = typeof n.tag === 'string' ? { tag: n.tag } : {};
    const built = isMap(n) ? this.map(n, span, tag, depth, counted) : isSeq(n) ? this.seq(n, span, tag, depth, counted) : { node: this.scalar(n, span, tag), size: 1, height: 0 };
    if (anchor) this.anchored.set(n, built);
    return built;
  }

  private map(n: YAMLMap, span: Span, tag: { tag?: string }, depth: number, counted: boolean): Built {
    const entries: YamlEntry[] = [];
    const built: Built = { node: { kind: 'map', entries, ...span, ...tag }, size: 1, height: 0 };
    for (const pair of n.items) {
      const keyNode = pair.key as ParsedNode | null;
      // Keys sit at their map's level: a map the limit allows keeps its keys.
      const key = keyNode ? (this.build(keyNode, depth, false)?.node ?? null) : null;
      const keyLine = keyNode?.range ? this.lineOf(keyNode.range[0]) : span.line;
      const valueNode = pair.value as ParsedNode | null;
      const value = valueNode ? this.build(valueNode, depth + 1, counted) : this.nullAt(keyLine, counted);
      if (value === null) continue;
      entries.push({ key, keyLine, value: value.node });
      grow(built, value);
    }
    return built;
  }

  private seq(n: YAMLSeq, span: Span, tag: { tag?: string }, depth: number, counted: boolean): Built {
    const items: YamlNode[] = [];
    const built: Built = { node: { kind: 'seq', items, ...span, ...tag }, size: 1, height: 0 };
    for (const item of n.items) {
      const value = this.build(item as ParsedNode, depth + 1, counted);
      if (value === null) continue;
      items.push(value.node);
      grow(built, value);
    }
    return built;
  }

  private alias(name: string, span: Span, depth: number, counted: boolean): Built | null {
    const anchored = this.anchors.get(name);
    const target = anchored === undefined ? undefined : this.anchored.get(anchored);
    if (target === null) return this.over({ limit: 'cycle', line: span.line, alias: name });
    if (target === undefined) {
      // No anchor of that name before it (the parser lets that pass), or one left out as too deep.
      if (counted) this.count(1, 0, span.line);
      return { node: { kind: 'alias', name, target: null, ...span }, size: 1, height: 0 };
    }
    if (depth + target.height > this.limits.maxDepth) return this.over({ limit: 'depth', line: span.line });
    // Going over the budget here is reported at the node the alias expands: the anchor that explodes.
    if (counted) this.count(target.size, target.size, target.node.line);
    const node: YamlAlias = { kind: 'alias', name, target: target.node, ...span };
    return { node, size: target.size, height: target.height };
  }

  private scalar(n: ParsedNode, span: Span, tag: { tag?: string }): YamlScalar {
    const v = isScalar(n) ? n.value : null;
    const value = v === null || v === undefined ? null : typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : typeof v === 'bigint' ? Number(v) : String(v);
    const type = isScalar(n) ? n.type : undefined;
    const style = type === Scalar.QUOTE_DOUBLE || type === Scalar.QUOTE_SINGLE ? 'quoted' : type === Scalar.BLOCK_FOLDED || type === Scalar.BLOCK_LITERAL ? 'block' : 'plain';
    return { kind: 'scalar', value, style, ...span, ...tag };
  }

  /** The null value of a key written without one. */
  private nullAt(line: number, counted: boolean): Built {
    if (counted) this.count(1, 0, line);
    return { node: { kind: 'scalar', value: null, style: 'plain', line, endLine: line }, size: 1, height: 0 };
  }

  private count(nodes: number, aliasNodes: number, line: number): void {
    this.budget.nodes += nodes;
    this.budget.aliasNodes += aliasNodes;
    if (this.budget.nodes > this.limits.maxNodes) throw new OverBudget({ limit: 'nodes', line });
    if (this.budget.aliasNodes > this.limits.maxAliasNodes) throw new OverBudget({ limit: 'aliasNodes', line });
  }

  /** Records a limit (each kind once per document) and leaves the node out. */
  private over(over: YamlOverLimit): null {
    if (!this.overLimits.some((o) => o.limit === over.limit)) this.overLimits.push(over);
    return null;
  }

  private span(n: ParsedNode): Span {
    const range = n.range;
    if (!range) return { line: 1, endLine: 1 };
    return { line: this.lineOf(range[0]), endLine: this.lineOf(Math.max(range[0], range[1] - 1)) };
  }
}

function grow(parent: Built, child: Built): void {
  parent.size += child.size;
  parent.height = Math.max(parent.height, child.height + 1);
}
