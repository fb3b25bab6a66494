/**
 * HCL JSON syntax (`.tf.json`) mapped onto the native-syntax AST.
 *
 * HCL's JSON spec leaves the block/attribute split to the application's schema. Terraform's
 * structure is used here:
 * - top-level keys are block types with a fixed number of labels (`resource` and `data`: type and
 *   name, `module`/`variable`/`output`/`provider`: name, `locals`/`terraform`: none);
 * - each label level is one JSON object level (`"resource": {"aws_instance": {"web": {...}}}`),
 *   and an array may appear at any level to give several blocks;
 * - known nested blocks are blocks (`lifecycle`, `provisioner`, `connection`, `dynamic` +
 *   `content`, `validation`, `precondition`, `required_providers`, `backend`, ...);
 * - inside resource/data/provider bodies, where only the provider schema could tell, a property
 *   whose value is an object or a non-empty array of objects is taken as nested block(s), except
 *   for well-known map arguments (`tags`, `labels`, `for_each`, `triggers`, ...); everything else
 *   is an attribute.
 * - a `"//"` property is a comment and is ignored;
 * - an unknown top-level key whose value is not an object stays a top-level attribute, and in a
 *   `.tfvars.json` file every top-level property is an attribute (variable values).
 *
 * String values are templates: a string containing `${` or `%{` is parsed with the native
 * template parser (so `"${aws_vpc.main.id}"` becomes a template with a traversal); others are
 * string literals. Positions come from jsonc-parser offsets and point into the JSON text.
 */
import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { Attribute, Body, Expr, HclFile, ObjectItem, Pos, Range } from './ast.js';
import { MAX_DEPTH, Parser, lineStarts, parseBareTemplate, sortErrors } from './parse.js';

interface BlockSpec {
  labels: number;
  body: BodySpec;
}

interface BodySpec {
  blocks: Record<string, BlockSpec>;
  /** Guess nested blocks from the JSON shape (object / array of objects). */
  auto: boolean;
}

const ATTRS: BodySpec = { blocks: {}, auto: false };
const block = (labels: number, body: BodySpec = ATTRS): BlockSpec => ({ labels, body });

/** Nested blocks of resources, guessed from shape. */
const NESTED: BodySpec = { blocks: {}, auto: true };
NESTED.blocks.dynamic = block(1, { blocks: { content: block(0, NESTED) }, auto: false });

const CONDITIONS: Record<string, BlockSpec> = { precondition: block(0), postcondition: block(0) };
const LIFECYCLE: BodySpec = { blocks: CONDITIONS, auto: false };
const CONNECTION = block(0);
const RESOURCE: BodySpec = {
  blocks: {
    lifecycle: block(0, LIFECYCLE),
    connection: CONNECTION,
    provisioner: block(1, { blocks: { connection: CONNECTION }, auto: false }),
    dynamic: NESTED.blocks.dynamic!,
  },
  auto: true,
};

const TOP: Record<string, BlockSpec> = {
  resource: block(2, RESOURCE),
  data: block(2, RESOURCE),
  ephemeral: block(2, RESOURCE),
  module: block(1),
  variable: block(1, { blocks: { validation: block(0) }, auto: false }),
  output: block(1, { blocks: { precondition: block(0) }, auto: false }),
  provider: block(1, NESTED),
  locals: block(0),
  terraform: block(0, {
    blocks: {
      required_providers: block(0),
      backend: block(1),
      cloud: block(0, { blocks: { workspaces: block(0) }, auto: false }),
      provider_meta: block(1),
    },
    auto: false,
  }),
  moved: block(0),
  import: block(0),
  removed: block(0, { blocks: { lifecycle: block(0, LIFECYCLE), provisioner: RESOURCE.blocks.provisioner! }, auto: false }),
  check: block(1, { blocks: { data: block(2, RESOURCE), assert: block(0) }, auto: false }),
};
const UNKNOWN_TOP = block(0, NESTED);

/** Terragrunt's blocks (`terragrunt.hcl.json`, `root.hcl.json`); every other top-level key (`inputs`) is an attribute. */
const TERRAGRUNT_TOP: Record<string, BlockSpec> = {
  include: block(1),
  dependency: block(1),
  dependencies: block(0),
  terraform: block(0, { blocks: { extra_arguments: block(1), before_hook: block(1), after_hook: block(1), error_hook: block(1) }, auto: false }),
  locals: block(0),
  generate: block(1),
  remote_state: block(0),
  feature: block(1),
};

/** Arguments that are maps (or meta-arguments), never nested blocks, even when given a JSON object. */
const MAP_ATTRS = new Set([
  'tags', 'tags_all', 'labels', 'annotations', 'for_each', 'count', 'depends_on', 'provider', 'providers',
  'triggers', 'triggers_replace', 'variables', 'environment_variables', 'metadata', 'parameters',
  'app_settings', 'settings', 'properties', 'dimensions', 'headers', 'outputs', 'inputs', 'values',
  'default', 'context', 'attributes', 'options', 'environment_config', 'resource_labels', 'user_labels',
  'node_labels', 'extra_args', 'request_parameters', 'response_parameters', 'stage_variables',
]);

const JSON_MESSAGES: Record<string, string> = {
  InvalidSymbol: 'invalid symbol',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'expected a property name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: "expected ':'",
  CommaExpected: "expected ','",
  CloseBraceExpected: "expected '}'",
  CloseBracketExpected: "expected ']'",
  EndOfFileExpected: 'expected end of file after the top-level value',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'unterminated comment',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unterminated number',
  InvalidUnicode: 'invalid unicode escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character in string',
};

/** Deepest `[`/`{` nesting outside strings. */
function maxNesting(text: string): { depth: number; at: number } {
  let d = 0;
  let max = 0;
  let at = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      for (i++; i < n; i++) {
        const q = text.charCodeAt(i);
        if (q === 92) i++;
        else if (q === 34 || q === 10) break;
      }
    } else if (c === 123 || c === 91) {
      if (++d > max) {
        max = d;
        at = i;
        if (max > MAX_DEPTH) break;
      }
    } else if (c === 125 || c === 93) {
      d--;
    }
  }
  return { depth: max, at };
}

class JsonConverter {
  readonly p: Parser;
  readonly lines: number[];

  constructor(readonly text: string) {
    this.lines = lineStarts(text);
    this.p = new Parser(text, this.lines);
  }

  pos(off: number): Pos {
    return this.p.pos(off);
  }

  range(node: JsonNode): Range {
    return { start: this.pos(node.offset), end: this.pos(node.offset + node.length) };
  }

  err(off: number, message: string): void {
    this.p.err(off, message);
  }

  body(node: JsonNode, spec: BodySpec): Body {
    const body: Body = { attributes: [], blocks: [], range: this.range(node) };
    const seen = new Map<string, Attribute>();
    for (const prop of node.children ?? []) {
      const keyNode = prop.children?.[0];
      const value = prop.children?.[1];
      if (keyNode === undefined || value === undefined) continue;
      const key = String(keyNode.value);
      if (key === '//') continue;
      const bs = spec.blocks[key];
      if (bs !== undefined) {
        this.blocks(key, value, bs.labels, [], prop.offset, body, bs.body);
      } else if (spec.auto && !MAP_ATTRS.has(key) && looksLikeBlock(value)) {
        this.blocks(key, value, 0, [], prop.offset, body, NESTED);
      } else {
        const attr: Attribute = { name: key, expr: this.expr(value), range: this.range(prop) };
        const prev = seen.get(key);
        if (prev !== undefined) this.err(prop.offset, `attribute '${key}' is already defined at line ${prev.range.start.line}`);
        else seen.set(key, attr);
        body.attributes.push(attr);
      }
    }
    return body;
  }

  /** Expand the label levels of a block property into blocks. */
  blocks(type: string, node: JsonNode, remaining: number, labels: string[], start: number, out: Body, spec: BodySpec): void {
    if (node.type === 'array') {
      for (const el of node.children ?? []) this.blocks(type, el, remaining, labels, el.offset, out, spec);
      return;
    }
    if (node.type !== 'object') {
      this.err(node.offset, `expected a JSON object for block '${type}'${remaining > 0 ? ` (with ${remaining} more label level${remaining > 1 ? 's' : ''})` : ''}, found ${node.type}`);
      return;
    }
    if (remaining === 0) {
      const body = this.body(node, spec);
      out.blocks.push({ type, labels, body, range: { start: this.pos(start), end: body.range.end } });
      return;
    }
    for (const prop of node.children ?? []) {
      const keyNode = prop.children?.[0];
      const value = prop.children?.[1];
      if (keyNode === undefined || value === undefined) continue;
      const key = String(keyNode.value);
      if (key === '//') continue;
      this.blocks(type, value, remaining - 1, [...labels, key], prop.offset, out, spec);
    }
  }

  expr(node: JsonNode): Expr {
    switch (node.type) {
      case 'string':
        return this.string(node);
      case 'number':
      case 'boolean':
      case 'null':
        return { kind: 'literal', value: node.type === 'null' ? null : (node.value as number | boolean), range: this.range(node) };
      case 'array':
        return { kind: 'tuple', items: (node.children ?? []).map((c) => this.expr(c)), range: this.range(node) };
      case 'object': {
        const items: ObjectItem[] = [];
        for (const prop of node.children ?? []) {
          const keyNode = prop.children?.[0];
          const value = prop.children?.[1];
          if (keyNode === undefined || value === undefined) continue;
          items.push({ key: this.string(keyNode), value: this.expr(value), range: this.range(prop) });
        }
        return { kind: 'object', items, range: this.range(node) };
      }
      default:
        return { kind: 'literal', value: null, range: this.range(node) };
    }
  }

  /** A JSON string: a literal, or a template when it holds `${` or `%{`. */
  string(node: JsonNode): Expr {
    const value = typeof node.value === 'string' ? node.value : String(node.value ?? '');
    const range = this.range(node);
    if (!value.includes('${') && !value.includes('%{')) return { kind: 'literal', value, range };
    const start = node.offset + 1;
    const end = node.offset + node.length - 1;
    if (end - start === value.length && this.text.startsWith(value, start)) {
      // No JSON escapes: parse in place, positions are exact.
      const r = parseBareTemplate(this.text, this.lines, start, end);
      for (const e of r.errors) this.p.errors.push(e);
      return { ...r.expr, range } as Expr;
    }
    // JSON escapes present: parse the decoded text and map its offsets back into the file.
    const r = parseBareTemplate(value, lineStarts(value), 0, value.length);
    const map = decodedOffsets(this.text, start, end, value.length);
    const sub = lineStarts(value);
    for (const e of r.errors) {
      const off = map[Math.min(value.length, (sub[e.line - 1] ?? 0) + e.col - 1)]!;
      const p = this.pos(off);
      this.p.errors.push({ line: p.line, col: p.col, message: e.message });
    }
    const remapped = remap(r.expr, (off) => this.pos(map[Math.min(Math.max(off, 0), value.length)]!));
    return { ...remapped, range } as Expr;
  }
}

/** For each index of the decoded string (and its end), the file offset it came from. */
function decodedOffsets(text: string, start: number, end: number, decodedLength: number): Int32Array {
  const map = new Int32Array(decodedLength + 1);
  let i = start;
  let k = 0;
  while (i < end && k < decodedLength) {
    map[k] = i;
    if (text.charCodeAt(i) === 92) {
      const e = text.charCodeAt(i + 1);
      if (e === 117) {
        // \uXXXX: one UTF-16 unit
        i += 6;
      } else {
        i += 2;
      }
    } else {
      i++;
    }
    k++;
  }
  for (; k <= decodedLength; k++) map[k] = Math.min(i, end);
  return map;
}

/** Copy of an expression tree with every position replaced via `pos(offset)`. */
function remap(e: Expr, pos: (off: number) => Pos): Expr {
  const r = (x: Range): Range => ({ start: pos(x.start.offset), end: pos(x.end.offset) });
  const m = (x: Expr): Expr => remap(x, pos);
  switch (e.kind) {
    case 'literal':
    case 'scope':
      return { ...e, range: r(e.range) };
    case 'template':
      return {
        ...e,
        parts: e.parts.map((p) => (typeof p === 'string' ? p : p.kind === 'directive' ? { ...p, range: r(p.range) } : m(p))),
        range: r(e.range),
      };
    case 'getattr':
      return { ...e, object: m(e.object), range: r(e.range) };
    case 'index':
      return { ...e, object: m(e.object), key: m(e.key), range: r(e.range) };
    case 'splat':
      return { ...e, source: m(e.source), each: e.each.map((x) => (typeof x === 'string' ? x : m(x))), range: r(e.range) };
    case 'call':
      return { ...e, args: e.args.map(m), range: r(e.range) };
    case 'tuple':
      return { ...e, items: e.items.map(m), range: r(e.range) };
    case 'object':
      return { ...e, items: e.items.map((it) => ({ key: m(it.key), value: m(it.value), range: r(it.range) })), range: r(e.range) };
    case 'conditional':
      return { ...e, cond: m(e.cond), then: m(e.then), else: m(e.else), range: r(e.range) };
    case 'binary':
      return { ...e, left: m(e.left), right: m(e.right), range: r(e.range) };
    case 'unary':
      return { ...e, operand: m(e.operand), range: r(e.range) };
    case 'for':
      return {
        ...e,
        collection: m(e.collection),
        key: e.key === null ? null : m(e.key),
        value: m(e.value),
        cond: e.cond === null ? null : m(e.cond),
        range: r(e.range),
      };
    case 'parens':
      return { ...e, expr: m(e.expr), range: r(e.range) };
  }
}

function looksLikeBlock(v: JsonNode): boolean {
  if (v.type === 'object') return true;
  if (v.type === 'array') {
    const c = v.children ?? [];
    return c.length > 0 && c.every((x) => x.type === 'object');
  }
  return false;
}

/** Parse a `.tf.json` file. Never throws. */
export function parseJson(path: string, text: string): HclFile {
  const cv = new JsonConverter(text);
  const empty = (): Body => ({ attributes: [], blocks: [], range: { start: cv.pos(0), end: cv.pos(text.length) } });
  try {
    const nest = maxNesting(text);
    if (nest.depth > MAX_DEPTH) {
      cv.err(nest.at, `JSON nested too deeply (more than ${MAX_DEPTH} levels)`);
      return { path, body: empty(), errors: sortErrors(cv.p.errors) };
    }
    const errs: ParseError[] = [];
    const root = parseTree(text, errs, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: false });
    for (const e of errs) {
      const code = printParseErrorCode(e.error);
      cv.err(e.offset, `invalid JSON: ${JSON_MESSAGES[code] ?? code}`);
    }
    if (root === undefined || root.type !== 'object') {
      if (root !== undefined) cv.err(root.offset, `a .tf.json file must hold a JSON object at the top level, found ${root.type}`);
      return { path, body: empty(), errors: sortErrors(cv.p.errors) };
    }
    if (path.endsWith('.tfvars.json')) {
      // Variable definitions: every property is an attribute.
      const body = cv.body(root, ATTRS);
      body.range = { start: cv.pos(0), end: cv.pos(text.length) };
      return { path, body, errors: sortErrors(cv.p.errors) };
    }
    const body: Body = { attributes: [], blocks: [], range: { start: cv.pos(0), end: cv.pos(text.length) } };
    for (const prop of root.children ?? []) {
      const keyNode = prop.children?.[0];
      const value = prop.children?.[1];
      if (keyNode === undefined || value === undefined) continue;
      const key = String(keyNode.value);
      if (key === '//') continue;
      const terragrunt = path.endsWith('.hcl.json');
      const spec = terragrunt ? TERRAGRUNT_TOP[key] : TOP[key];
      if (spec === undefined && (terragrunt || !looksLikeBlock(value))) {
        // Not a Terraform block type: keep it as a top-level attribute.
        body.attributes.push({ name: key, expr: cv.expr(value), range: cv.range(prop) });
        continue;
      }
      const s = spec ?? UNKNOWN_TOP;
      cv.blocks(key, value, s.labels, [], prop.offset, body, s.body);
    }
    return { path, body, errors: sortErrors(cv.p.errors) };
  } catch (e) {
    cv.err(0, `internal parser error: ${e instanceof Error ? e.message : String(e)}`);
    return { path, body: empty(), errors: sortErrors(cv.p.errors) };
  }
}
