/**
 * HCL2 native syntax parser: hand-written recursive descent over the on-demand lexer.
 *
 * - Never throws: syntax errors are recorded in `errors`; a fatal error inside a top-level item
 *   drops that item and parsing resumes at the next line that starts (column 1) with an
 *   identifier, i.e. the next top-level block. Errors that leave the structure intact (a missing
 *   newline, a non-literal block label, ...) are recorded without dropping anything.
 * - Linear: templates are scanned in one pass, unterminated comments/heredocs are cached so a
 *   resync never rescans them, nesting is bounded by MAX_DEPTH, and the total amount of text
 *   re-parsed after errors is capped.
 */
import type {
  Attribute,
  BinaryOp,
  Block,
  Body,
  Expr,
  ForExpr,
  HclFile,
  LiteralExpr,
  ObjectItem,
  Pos,
  Range,
  SplatExpr,
  TemplateDirective,
} from './ast.js';
import { Lexer, T, isIdStartCode } from './lexer.js';

export const MAX_DEPTH = 500;
const MAX_ERRORS = 500;

/** Thrown (never escapes) to abandon the current top-level item. */
const ABORT: { readonly abort: true } = { abort: true };

const enum Mode {
  Quoted = 0,
  Heredoc = 1,
  Bare = 2,
  FlushHeredoc = 3,
}

type Part = string | Expr | TemplateDirective;

export interface HclError {
  line: number;
  col: number;
  message: string;
}

/** Line start offsets (0-based) of `text`. */
export function lineStarts(text: string): number[] {
  const ls = [0];
  let i = text.indexOf('\n');
  while (i !== -1) {
    ls.push(i + 1);
    i = text.indexOf('\n', i + 1);
  }
  return ls;
}

/** Precedence of binary operator tokens (0 = not a binary operator). */
const PREC: Uint8Array = (() => {
  const p = new Uint8Array(64);
  p[T.Or] = 1;
  p[T.And] = 2;
  p[T.Eq] = 3;
  p[T.Ne] = 3;
  p[T.Lt] = 4;
  p[T.Gt] = 4;
  p[T.Le] = 4;
  p[T.Ge] = 4;
  p[T.Plus] = 5;
  p[T.Minus] = 5;
  p[T.Star] = 6;
  p[T.Slash] = 6;
  p[T.Percent] = 6;
  return p;
})();

const OPS: BinaryOp[] = [];
OPS[T.Or] = '||';
OPS[T.And] = '&&';
OPS[T.Eq] = '==';
OPS[T.Ne] = '!=';
OPS[T.Lt] = '<';
OPS[T.Gt] = '>';
OPS[T.Le] = '<=';
OPS[T.Ge] = '>=';
OPS[T.Plus] = '+';
OPS[T.Minus] = '-';
OPS[T.Star] = '*';
OPS[T.Slash] = '/';
OPS[T.Percent] = '%';

/** ASCII characters with no meaning inside a template. */
const TEMPLATE_PLAIN = new Uint8Array(128).fill(1);
for (const ch of '"\\$%\n') TEMPLATE_PLAIN[ch.charCodeAt(0)] = 0;

function isSpaceCode(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12 || c === 0xa0 || c === 0x2028 || c === 0x2029 || c === 0xfeff || (c >= 0x2000 && c <= 0x200a) || c === 0x1680 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0x85;
}

export class Parser {
  readonly src: string;
  /** End of the parsed region (exclusive). */
  readonly n: number;
  readonly lx: Lexer;
  readonly errors: HclError[] = [];
  private readonly lines: number[];
  private hint = 0;
  private depth = 0;
  private readonly errAt = new Set<number>();
  /** Offset of the first error of the current top-level item (where to resync from). */
  private firstErr = -1;
  /**
   * Built after the first unterminated heredoc: for each possible marker, the offset of the last
   * line holding only that marker. Later heredocs with no such line after them fail without a
   * scan, so many unterminated heredocs stay linear.
   */
  private hdLastTerminator: Map<string, number> | undefined;
  private backtracked = 0;

  constructor(src: string, lines?: number[], start = 0, end = src.length) {
    this.src = src;
    this.n = end;
    this.lines = lines ?? lineStarts(src);
    this.lx = new Lexer(src, (off, msg) => this.err(off, msg), start, end);
  }

  // ---------------------------------------------------------------- positions & errors

  pos(off: number): Pos {
    const ls = this.lines;
    let h = this.hint;
    const nl = ls.length;
    if (off < ls[h]!) {
      let lo = 0;
      let hi = h - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (ls[mid]! <= off) lo = mid;
        else hi = mid - 1;
      }
      h = lo;
    } else if (h + 1 < nl && off >= ls[h + 1]!) {
      h++;
      if (h + 1 < nl && off >= ls[h + 1]!) {
        let lo = h + 1;
        let hi = nl - 1;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if (ls[mid]! <= off) lo = mid;
          else hi = mid - 1;
        }
        h = lo;
      }
    }
    this.hint = h;
    return { line: h + 1, col: off - ls[h]! + 1, offset: off };
  }

  private range(a: number, b: number): Range {
    return { start: this.pos(a), end: this.pos(b) };
  }

  /** Record an error (deduplicated by offset). */
  err(off: number, message: string): void {
    if (this.firstErr < 0 || off < this.firstErr) this.firstErr = off;
    if (this.errAt.has(off)) return;
    this.errAt.add(off);
    if (this.errors.length >= MAX_ERRORS) {
      if (this.errors.length === MAX_ERRORS) {
        const p = this.pos(off);
        this.errors.push({ line: p.line, col: p.col, message: 'too many errors; further errors are not reported' });
      }
      return;
    }
    const p = this.pos(off);
    this.errors.push({ line: p.line, col: p.col, message });
  }

  /** Record an error and abandon the current top-level item. */
  private fail(off: number, message: string): never {
    this.err(off, message);
    throw ABORT;
  }

  private failHere(what: string): never {
    const lx = this.lx;
    this.fail(lx.start, `${what}, found ${lx.describe()}`);
  }

  private word(w: string): boolean {
    const lx = this.lx;
    return lx.type === T.Ident && lx.end - lx.start === w.length && this.src.startsWith(w, lx.start);
  }

  private text(): string {
    return this.src.slice(this.lx.start, this.lx.end);
  }

  // ---------------------------------------------------------------- file & bodies

  parseFile(): Body {
    const lx = this.lx;
    const body: Body = { attributes: [], blocks: [], range: this.range(0, this.n) };
    lx.nl = false;
    if (this.src.charCodeAt(lx.pos) === 0xfeff) lx.pos++; // byte order mark
    lx.next();
    for (;;) {
      while (lx.type === T.Newline) lx.next();
      if (lx.type === T.EOF) break;
      this.firstErr = -1;
      const itemStart = lx.start;
      try {
        if (lx.type === T.Ident) {
          this.item(body, false);
        } else if (lx.type === T.RBrace) {
          this.fail(lx.start, "unexpected '}': no block is open here");
        } else {
          this.failHere('expected an attribute or block name');
        }
      } catch (e) {
        if (e !== ABORT) {
          this.err(this.firstErr >= 0 ? this.firstErr : itemStart, `internal parser error: ${e instanceof Error ? e.message : String(e)}`);
        }
        this.resync(this.firstErr >= 0 ? this.firstErr : itemStart);
      }
    }
    return body;
  }

  /** Move to the next line after `from` that starts with an identifier in column 1. */
  private resync(from: number): void {
    const lx = this.lx;
    this.depth = 0;
    lx.nl = false;
    if (lx.pos > from) {
      this.backtracked += lx.pos - from;
      // Never re-parse more than a few times the input in total: past that, continue from here.
      if (this.backtracked > 4 * this.n + 65536) from = Math.max(from, lx.start);
    }
    const ls = this.lines;
    const s = this.src;
    let l = this.pos(from).line; // index of the next line
    let target = this.n;
    for (; l < ls.length; l++) {
      const o = ls[l]!;
      if (o >= this.n) break;
      const c = s.charCodeAt(o);
      if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || (c >= 128 && isIdStartCode(s.codePointAt(o)!))) {
        target = o;
        break;
      }
    }
    lx.pos = target;
    lx.next();
  }

  /** One attribute or block; the current token is its identifier. */
  private item(body: Body, singleLine: boolean): void {
    const lx = this.lx;
    const s = this.src;
    const nameStart = lx.start;
    const nameEnd = lx.end;
    const name = s.slice(nameStart, nameEnd);
    lx.next();
    if (lx.type === T.Assign) {
      lx.next();
      const expr = this.expr();
      const attr: Attribute = { name, expr, range: { start: this.pos(nameStart), end: expr.range.end } };
      this.addAttribute(body, attr, nameStart);
      const t = lx.type;
      if (t === T.Newline) {
        lx.next();
      } else if (t === T.EOF || (t === T.RBrace && singleLine)) {
        // fine
      } else if (t === T.RBrace || t === T.Ident) {
        this.err(lx.start, `missing newline after attribute '${name}': each attribute must end with a newline`);
      } else {
        this.failHere(`unexpected token after the value of attribute '${name}' (expected a newline)`);
      }
      return;
    }
    // block
    const labels: string[] = [];
    for (;;) {
      if (lx.type === T.Ident) {
        labels.push(this.text());
        lx.next();
      } else if (lx.type === T.OQuote) {
        const qs = lx.start;
        const e = this.template(Mode.Quoted, lx.end, qs);
        if (e.kind === 'literal') {
          labels.push(e.value as string);
        } else {
          this.err(qs, `block label of '${name}' must be a plain string without interpolation`);
          labels.push(s.slice(qs + 1, e.range.end.offset - 1));
        }
      } else {
        break;
      }
    }
    if (lx.type !== T.LBrace) {
      if (labels.length === 0) {
        this.fail(lx.start, `expected '=' or '{' after attribute name '${name}', found ${lx.describe()}`);
      }
      if (labels.length === 1 && (lx.type === T.Newline || lx.type === T.EOF)) {
        // `name "value"` on its own line: most likely an attribute whose '=' is missing.
        this.fail(lx.start, `expected '=' or '{' after '${name} ${JSON.stringify(labels[0])}', found ${lx.describe()} (an attribute is written ${name} = value, a block ${name} "label" { ... })`);
      }
      this.fail(lx.start, `expected '{' after the labels of block '${name}', found ${lx.describe()}`);
    }
    if (++this.depth > MAX_DEPTH) this.fail(lx.start, `blocks nested too deeply (more than ${MAX_DEPTH} levels)`);
    const open = lx.start;
    const inner: Body = { attributes: [], blocks: [], range: undefined as unknown as Range };
    lx.next();
    if (lx.type === T.RBrace) {
      // empty block
    } else if (lx.type === T.Newline) {
      this.bodyItems(inner, open, name);
    } else {
      // one-line block: a single attribute
      if (lx.type !== T.Ident) this.failHere(`expected an attribute in the one-line block '${name}'`);
      const itemAt = lx.start;
      const nb = inner.blocks.length;
      this.item(inner, true);
      if (inner.blocks.length > nb) this.err(itemAt, `a one-line block ('${name} { ... }') can contain only a single attribute, not a block`);
      if (lx.type !== T.RBrace) {
        if (lx.type === T.Newline || lx.type === T.Ident) {
          this.err(lx.start, `a one-line block ('${name} { ... }') can contain only a single attribute; put the closing '}' on its own line`);
          this.bodyItems(inner, open, name);
        } else {
          this.failHere(`expected '}' to close the one-line block '${name}'`);
        }
      }
    }
    const close = lx.end;
    inner.range = this.range(open, close);
    body.blocks.push({ type: name, labels, body: inner, range: { start: this.pos(nameStart), end: inner.range.end } });
    this.depth--;
    lx.next();
    if (lx.type === T.Newline) {
      lx.next();
    } else if (lx.type !== T.EOF && !(singleLine && lx.type === T.RBrace)) {
      this.err(lx.start, `missing newline after the closing '}' of block '${name}'`);
    }
  }

  /** Items of a multi-line block body, up to and including its '}' as the current token. */
  private bodyItems(body: Body, open: number, name: string): void {
    const lx = this.lx;
    for (;;) {
      const t = lx.type;
      if (t === T.Newline) {
        lx.next();
      } else if (t === T.Ident) {
        this.item(body, false);
      } else if (t === T.RBrace) {
        return;
      } else if (t === T.EOF) {
        const p = this.pos(open);
        this.fail(open, `missing '}' to close block '${name}' opened at line ${p.line}`);
      } else {
        this.failHere(`expected an attribute, a block or '}' in block '${name}'`);
      }
    }
  }

  /** Attribute names of large bodies, for duplicate detection in constant time. */
  private readonly names = new WeakMap<Body, Map<string, Attribute>>();

  private addAttribute(body: Body, attr: Attribute, at: number): void {
    const list = body.attributes;
    const name = attr.name;
    let prev: Attribute | undefined;
    if (list.length < 16) {
      for (let i = 0; i < list.length; i++) {
        if (list[i]!.name === name) {
          prev = list[i];
          break;
        }
      }
    } else {
      let m = this.names.get(body);
      if (m === undefined) {
        m = new Map();
        for (const a of list) if (!m.has(a.name)) m.set(a.name, a);
        this.names.set(body, m);
      }
      prev = m.get(name);
      if (prev === undefined) m.set(name, attr);
    }
    if (prev !== undefined) this.err(at, `attribute '${name}' is already defined at line ${prev.range.start.line}`);
    list.push(attr);
  }

  // ---------------------------------------------------------------- expressions

  expr(): Expr {
    if (++this.depth > MAX_DEPTH) this.fail(this.lx.start, `expression nested too deeply (more than ${MAX_DEPTH} levels)`);
    const lx = this.lx;
    let e = this.binary(1);
    if (lx.type === T.Question) {
      lx.next();
      const then = this.expr();
      if (lx.type !== T.Colon) this.failHere("expected ':' in conditional expression");
      lx.next();
      const els = this.expr();
      e = { kind: 'conditional', cond: e, then, else: els, range: { start: e.range.start, end: els.range.end } };
    }
    this.depth--;
    return e;
  }

  private binary(minPrec: number): Expr {
    const lx = this.lx;
    const depth = this.depth;
    let left = this.unary();
    for (;;) {
      const t = lx.type;
      const p = PREC[t]!;
      if (p === 0 || p < minPrec) {
        this.depth = depth;
        return left;
      }
      // Each operator nests the tree one level deeper (`1 + 1 + ...` is left-deep): counted like nesting,
      // so no walker of the tree recurses further than MAX_DEPTH.
      if (++this.depth > MAX_DEPTH) this.fail(lx.start, `expression nested too deeply (more than ${MAX_DEPTH} levels)`);
      lx.next();
      const right = this.binary(p + 1);
      left = { kind: 'binary', op: OPS[t]!, left, right, range: { start: left.range.start, end: right.range.end } };
    }
  }

  private unary(): Expr {
    const lx = this.lx;
    const t = lx.type;
    if (t === T.Bang || t === T.Minus) {
      if (++this.depth > MAX_DEPTH) this.fail(lx.start, `expression nested too deeply (more than ${MAX_DEPTH} levels)`);
      const start = this.pos(lx.start);
      lx.next();
      const operand = this.unary();
      this.depth--;
      return { kind: 'unary', op: t === T.Bang ? '!' : '-', operand, range: { start, end: operand.range.end } };
    }
    return this.postfix(this.term());
  }

  private term(): Expr {
    const lx = this.lx;
    const s = this.src;
    const st = lx.start;
    const en = lx.end;
    switch (lx.type) {
      case T.Number: {
        const value = Number(s.slice(st, en));
        lx.next();
        return { kind: 'literal', value, range: this.range(st, en) };
      }
      case T.Ident: {
        const len = en - st;
        const c0 = s.charCodeAt(st);
        if (len === 4 && c0 === 116 && s.startsWith('true', st)) {
          lx.next();
          return { kind: 'literal', value: true, range: this.range(st, en) };
        }
        if (len === 5 && c0 === 102 && s.startsWith('false', st)) {
          lx.next();
          return { kind: 'literal', value: false, range: this.range(st, en) };
        }
        if (len === 4 && c0 === 110 && s.startsWith('null', st)) {
          lx.next();
          return { kind: 'literal', value: null, range: this.range(st, en) };
        }
        const name = s.slice(st, en);
        lx.next();
        if (lx.type === T.LParen) return this.call(name, st);
        if (lx.type === T.DColon) {
          let nameEnd = en;
          while (lx.type === T.DColon) {
            lx.next();
            if (lx.type !== T.Ident) this.failHere("expected a name after '::'");
            nameEnd = lx.end;
            lx.next();
          }
          if (lx.type !== T.LParen) this.failHere(`expected '(' after function name '${s.slice(st, nameEnd)}'`);
          return this.call(s.slice(st, nameEnd), st);
        }
        return { kind: 'scope', name, range: this.range(st, en) };
      }
      case T.OQuote:
        return this.template(Mode.Quoted, en, st);
      case T.Heredoc:
        return this.heredoc();
      case T.LParen: {
        const saved = lx.nl;
        lx.nl = true;
        lx.next();
        const inner = this.expr();
        if (lx.type !== T.RParen) this.failHere("expected ')'");
        const end = lx.end;
        lx.nl = saved;
        lx.next();
        return { kind: 'parens', expr: inner, range: this.range(st, end) };
      }
      case T.LBrack:
        return this.tuple();
      case T.LBrace:
        return this.object();
      case T.Newline:
        return this.fail(st, 'expected an expression, found a newline (an expression spanning lines must be wrapped in parentheses or brackets)');
      default:
        return this.failHere('expected an expression');
    }
  }

  private call(name: string, st: number): Expr {
    const lx = this.lx;
    const saved = lx.nl;
    lx.nl = true;
    lx.next();
    const args: Expr[] = [];
    let expandFinal = false;
    while (lx.type !== T.RParen) {
      args.push(this.expr());
      if (lx.type === T.Ellipsis) {
        expandFinal = true;
        lx.next();
        if (lx.type === T.Comma) lx.next();
        if (lx.type !== T.RParen) this.failHere(`expected ')' after the expanded final argument of '${name}(...)'`);
        break;
      }
      if (lx.type === T.Comma) lx.next();
      else if (lx.type !== T.RParen) this.failHere(`expected ',' or ')' in the arguments of '${name}(...)'`);
    }
    const end = lx.end;
    lx.nl = saved;
    lx.next();
    return { kind: 'call', name, args, expandFinal, range: this.range(st, end) };
  }

  private tuple(): Expr {
    const lx = this.lx;
    const st = lx.start;
    const saved = lx.nl;
    lx.nl = true;
    lx.next();
    if (this.word('for')) return this.forExpr(st, false, saved);
    const items: Expr[] = [];
    while (lx.type !== T.RBrack) {
      items.push(this.expr());
      if (lx.type === T.Comma) lx.next();
      else if (lx.type !== T.RBrack) this.failHere("expected ',' or ']' in tuple");
    }
    const end = lx.end;
    lx.nl = saved;
    lx.next();
    return { kind: 'tuple', items, range: this.range(st, end) };
  }

  private object(): Expr {
    const lx = this.lx;
    const st = lx.start;
    const saved = lx.nl;
    lx.nl = false;
    lx.next();
    while (lx.type === T.Newline) lx.next();
    if (this.word('for')) {
      lx.nl = true;
      return this.forExpr(st, true, saved);
    }
    const items: ObjectItem[] = [];
    for (;;) {
      while (lx.type === T.Newline) lx.next();
      if (lx.type === T.RBrace) break;
      if (lx.type === T.EOF) this.fail(st, `missing '}' to close the object opened at line ${this.pos(st).line}`);
      let key = this.expr();
      if (key.kind === 'scope') {
        key = { kind: 'literal', value: key.name, range: key.range };
      } else if (key.kind === 'literal' && typeof key.value === 'boolean') {
        key = { kind: 'literal', value: String(key.value), range: key.range };
      }
      if (lx.type !== T.Assign && lx.type !== T.Colon) this.failHere("expected '=' or ':' after object key");
      lx.next();
      const value = this.expr();
      items.push({ key, value, range: { start: key.range.start, end: value.range.end } });
      if (lx.type === T.Comma || lx.type === T.Newline) lx.next();
      else if (lx.type !== T.RBrace) this.failHere("expected ',', a newline or '}' after object item");
    }
    const end = lx.end;
    lx.nl = saved;
    lx.next();
    return { kind: 'object', items, range: this.range(st, end) };
  }

  /** After `[for` / `{for`: the current token is `for`; newlines are already ignored. */
  private forExpr(st: number, object: boolean, saved: boolean): Expr {
    const lx = this.lx;
    lx.next();
    if (lx.type !== T.Ident) this.failHere("expected a variable name after 'for'");
    let keyVar: string | null = null;
    let valueVar = this.text();
    lx.next();
    if (lx.type === T.Comma) {
      lx.next();
      if (lx.type !== T.Ident) this.failHere("expected a second variable name after ',' in 'for'");
      keyVar = valueVar;
      valueVar = this.text();
      lx.next();
    }
    if (!this.word('in')) this.failHere("expected 'in' in 'for' expression");
    lx.next();
    const collection = this.expr();
    if (lx.type !== T.Colon) this.failHere("expected ':' after the collection of the 'for' expression");
    lx.next();
    let key: Expr | null = null;
    let value: Expr;
    let grouping = false;
    if (object) {
      key = this.expr();
      if (lx.type !== T.FatArrow) this.failHere("expected '=>' in object 'for' expression");
      lx.next();
      value = this.expr();
      if (lx.type === T.Ellipsis) {
        grouping = true;
        lx.next();
      }
    } else {
      value = this.expr();
    }
    let cond: Expr | null = null;
    if (this.word('if')) {
      lx.next();
      cond = this.expr();
    }
    const close = object ? T.RBrace : T.RBrack;
    if (lx.type !== close) this.failHere(`expected '${object ? '}' : ']'}' to close the 'for' expression`);
    const end = lx.end;
    lx.nl = saved;
    lx.next();
    const e: ForExpr = { kind: 'for', object, keyVar, valueVar, collection, key, value, cond, grouping, range: this.range(st, end) };
    return e;
  }

  /** Traversals after a term: `.name`, `.0`, `.*`, `[key]`, `[*]`. */
  private postfix(e: Expr): Expr {
    const lx = this.lx;
    const depth = this.depth;
    for (;;) {
      const t = lx.type;
      // Every attribute, index or splat step nests the tree one level deeper: `a[*][*]...` recursed in
      // this parser until the stack overflowed, and `a.b.b...` reached every walker of the tree.
      if ((t === T.Dot || t === T.LBrack) && ++this.depth > MAX_DEPTH) this.fail(lx.start, `a chain of attributes, indexes or splats nested too deeply (more than ${MAX_DEPTH} levels)`);
      if (t === T.Dot) {
        lx.next();
        if (lx.type === T.Ident) {
          e = { kind: 'getattr', object: e, name: this.text(), range: { start: e.range.start, end: this.pos(lx.end) } };
          lx.next();
        } else if (lx.type === T.Number) {
          const key = this.legacyIndex();
          e = { kind: 'index', object: e, key, range: { start: e.range.start, end: key.range.end } };
        } else if (lx.type === T.Star) {
          e = this.legacySplat(e);
        } else {
          this.failHere("expected an attribute name after '.'");
        }
      } else if (t === T.LBrack) {
        const saved = lx.nl;
        lx.nl = true;
        lx.next();
        if (lx.type === T.Star) {
          lx.next();
          if (lx.type !== T.RBrack) this.failHere("expected ']' after '[*'");
          lx.nl = saved;
          const end = lx.end;
          lx.next();
          e = this.fullSplat(e, end);
        } else {
          const key = this.expr();
          if (lx.type !== T.RBrack) this.failHere("expected ']' after index");
          const end = lx.end;
          lx.nl = saved;
          lx.next();
          e = { kind: 'index', object: e, key, range: { start: e.range.start, end: this.pos(end) } };
        }
      } else {
        this.depth = depth;
        return e;
      }
    }
  }

  /** The current token is a number after '.': take its integer digits only (`a.0.1` is two steps). */
  private legacyIndex(): LiteralExpr {
    const lx = this.lx;
    const s = this.src;
    const st = lx.start;
    let j = st;
    let c = s.charCodeAt(j);
    while (c >= 48 && c <= 57) c = s.charCodeAt(++j);
    const lit: LiteralExpr = { kind: 'literal', value: Number(s.slice(st, j)), range: this.range(st, j) };
    if (j < lx.end) lx.pos = j;
    lx.next();
    return lit;
  }

  /** `source.*.a.b`: the current token is '*'. */
  private legacySplat(source: Expr): Expr {
    const lx = this.lx;
    let end = lx.end;
    lx.next();
    const each: (string | Expr)[] = [];
    while (lx.type === T.Dot) {
      lx.next();
      if (lx.type === T.Ident) {
        each.push(this.text());
        end = lx.end;
        lx.next();
      } else if (lx.type === T.Number) {
        const key = this.legacyIndex();
        each.push(key);
        end = key.range.end.offset;
      } else {
        this.failHere("expected an attribute name after '.' in a '.*' splat");
      }
    }
    const e: SplatExpr = { kind: 'splat', source, each, legacy: true, range: { start: source.range.start, end: this.pos(end) } };
    return e;
  }

  /** `source[*]...`: the current token follows ']'. A nested `[*]` starts a splat over this one. */
  private fullSplat(source: Expr, end: number): Expr {
    const lx = this.lx;
    const each: (string | Expr)[] = [];
    for (;;) {
      if (lx.type === T.Dot) {
        lx.next();
        if (lx.type === T.Ident) {
          each.push(this.text());
          end = lx.end;
          lx.next();
        } else if (lx.type === T.Number) {
          const key = this.legacyIndex();
          each.push(key);
          end = key.range.end.offset;
        } else if (lx.type === T.Star) {
          const inner: SplatExpr = { kind: 'splat', source, each, legacy: false, range: { start: source.range.start, end: this.pos(end) } };
          if (++this.depth > MAX_DEPTH) this.fail(lx.start, `a chain of attributes, indexes or splats nested too deeply (more than ${MAX_DEPTH} levels)`);
          return this.legacySplat(inner);
        } else {
          this.failHere("expected an attribute name after '.'");
        }
      } else if (lx.type === T.LBrack) {
        const saved = lx.nl;
        lx.nl = true;
        lx.next();
        if (lx.type === T.Star) {
          lx.next();
          if (lx.type !== T.RBrack) this.failHere("expected ']' after '[*'");
          lx.nl = saved;
          const e2 = lx.end;
          lx.next();
          const inner: SplatExpr = { kind: 'splat', source, each, legacy: false, range: { start: source.range.start, end: this.pos(end) } };
          if (++this.depth > MAX_DEPTH) this.fail(lx.start, `a chain of attributes, indexes or splats nested too deeply (more than ${MAX_DEPTH} levels)`);
          return this.fullSplat(inner, e2);
        }
        const key = this.expr();
        if (lx.type !== T.RBrack) this.failHere("expected ']' after index");
        end = lx.end;
        lx.nl = saved;
        lx.next();
        each.push(key);
      } else {
        break;
      }
    }
    const e: SplatExpr = { kind: 'splat', source, each, legacy: false, range: { start: source.range.start, end: this.pos(end) } };
    return e;
  }

  // ---------------------------------------------------------------- templates

  private heredoc(): Expr {
    const lx = this.lx;
    const s = this.src;
    const st = lx.start;
    const marker = s.slice(lx.hdMarkStart, lx.hdMarkEnd);
    const flush = lx.hdFlush;
    const bodyStart = lx.end;
    if (this.hdLastTerminator !== undefined && (this.hdLastTerminator.get(marker) ?? -1) < bodyStart) {
      this.fail(st, `unterminated heredoc: no line with the closing marker '${marker}'`);
    }
    return this.template(flush ? Mode.FlushHeredoc : Mode.Heredoc, bodyStart, st, marker);
  }

  /**
   * Scan a template body from `i`. Modes: quoted string (ends at '"', backslash escapes),
   * heredoc (ends at a line holding only the marker; 3 = flush heredoc), bare (ends at the region end).
   * On return the lexer's current token is the one after the template.
   */
  template(mode: number, i: number, exprStart: number, marker = ''): Expr {
    const lx = this.lx;
    const s = this.src;
    const n = this.n;
    const quoted = mode === Mode.Quoted;
    const heredoc = mode === Mode.Heredoc || mode === Mode.FlushHeredoc;
    const flush = mode === Mode.FlushHeredoc;
    let chunk = i;
    let buf = '';
    let parts: Part[] | null = null;
    let strips: number[] | null = null;
    let dirs: string[] | null = null;
    let atLineStart = heredoc;
    let end: number;
    let c = 0;
    const ml = marker.length;
    for (;;) {
      if (atLineStart) {
        atLineStart = false;
        let j = i;
        while ((c = s.charCodeAt(j)) === 32 || c === 9) j++;
        if (s.startsWith(marker, j)) {
          const k = j + ml;
          const d = s.charCodeAt(k);
          if (k >= n || d === 10 || (d === 13 && s.charCodeAt(k + 1) === 10)) {
            if (chunk < i || buf !== '') {
              (parts ??= []).push(buf + s.slice(chunk, i));
              (strips ??= []).push(0);
            }
            end = k;
            break;
          }
        }
      }
      // fast skip of plain text: stop only at '"', '\\', '$', '%', newline
      while (i < n && ((c = s.charCodeAt(i)) >= 128 || TEMPLATE_PLAIN[c] === 1)) i++;
      if (i >= n) {
        if (mode === Mode.Bare) {
          if (parts === null) {
            const value = buf + s.slice(chunk, i);
            lx.pos = n;
            lx.next();
            return { kind: 'literal', value, range: this.range(exprStart, n) };
          }
          (parts ??= []).push(buf + s.slice(chunk, i));
          (strips ??= []).push(0);
          end = n;
          break;
        }
        if (quoted) this.fail(exprStart, 'unterminated string: missing closing \'"\'');
        this.hdLastTerminator ??= this.terminatorLines();
        this.fail(exprStart, `unterminated heredoc: no line with the closing marker '${marker}'`);
      }
      c = s.charCodeAt(i);
      if (c === 34 && quoted) {
        if (parts === null) {
          const value = buf + s.slice(chunk, i);
          lx.pos = i + 1;
          lx.next();
          return { kind: 'literal', value, range: this.range(exprStart, i + 1) };
        }
        if (chunk < i || buf !== '') {
          parts.push(buf + s.slice(chunk, i));
          strips!.push(0);
        }
        end = i + 1;
        break;
      }
      if (c === 92 && quoted) {
        buf += s.slice(chunk, i);
        i = this.escape(i);
        buf += this.escaped;
        chunk = i;
        continue;
      }
      if (c === 10) {
        i++;
        if (heredoc) {
          if (flush) {
            (parts ??= []).push(buf + s.slice(chunk, i));
            (strips ??= []).push(0);
            buf = '';
            chunk = i;
          }
          atLineStart = true;
          continue;
        }
        if (quoted) {
          this.fail(exprStart, 'unterminated string: a quoted string cannot span lines (use a heredoc <<EOF for multi-line text)');
        }
        continue;
      }
      if (c === 36 || c === 37) {
        const d = s.charCodeAt(i + 1);
        if (d === 123) {
          // ${ or %{
          if (chunk < i || buf !== '') {
            (parts ??= []).push(buf + s.slice(chunk, i));
            (strips ??= []).push(0);
            buf = '';
          }
          parts ??= [];
          strips ??= [];
          let j = i + 2;
          let strip = 0;
          if (s.charCodeAt(j) === 126) {
            strip = 1;
            j++;
          }
          const saved = lx.nl;
          lx.nl = true;
          lx.pos = j;
          lx.next();
          if (c === 36) {
            const e = this.expr();
            if (lx.type === T.Tilde) {
              strip |= 2;
              lx.next();
            }
            if (lx.type !== T.RBrace) this.failHere("expected '}' to close the '${' interpolation");
            parts.push(e);
          } else {
            this.directive(i, (dirs ??= []));
            if (lx.type === T.Tilde) {
              strip |= 2;
              lx.next();
            }
            if (lx.type !== T.RBrace) this.failHere("expected '}' to close the '%{' directive");
            parts.push({ kind: 'directive', text: s.slice(i, lx.end), range: this.range(i, lx.end) });
          }
          strips.push(strip);
          lx.nl = saved;
          i = chunk = lx.end;
          continue;
        }
        if (d === c && s.charCodeAt(i + 2) === 123) {
          // $${ -> ${ and %%{ -> %{
          buf += s.slice(chunk, i + 1) + '{';
          i += 3;
          chunk = i;
          continue;
        }
      }
      i++;
    }
    // finish a template with parts
    if (dirs !== null && dirs.length > 0) {
      this.err(exprStart, `template has an unclosed '%{ ${dirs[dirs.length - 1]} }' directive (missing '%{ end${dirs[dirs.length - 1]} }')`);
    }
    lx.pos = end;
    lx.next();
    if (parts === null) return { kind: 'literal', value: '', range: this.range(exprStart, end) };
    return this.finishTemplate(parts, strips!, flush, exprStart, end);
  }

  /** Lines holding only an identifier (possibly indented): identifier -> offset of the last one. */
  private terminatorLines(): Map<string, number> {
    const m = new Map<string, number>();
    const s = this.src;
    const n = this.n;
    for (const o of this.lines) {
      if (o >= n) break;
      let j = o;
      let c = s.charCodeAt(j);
      while (c === 32 || c === 9) c = s.charCodeAt(++j);
      if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95)) continue;
      const ms = j;
      do c = s.charCodeAt(++j);
      while ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45);
      if (j >= n || c === 10 || (c === 13 && s.charCodeAt(j + 1) === 10)) m.set(s.slice(ms, j), o);
    }
    return m;
  }

  private escaped = '';

  /** Backslash escape at i in a quoted string: sets `escaped`, returns the offset after it. */
  private escape(i: number): number {
    const s = this.src;
    const d = s.charCodeAt(i + 1);
    switch (d) {
      case 110: this.escaped = '\n'; return i + 2;
      case 114: this.escaped = '\r'; return i + 2;
      case 116: this.escaped = '\t'; return i + 2;
      case 34: this.escaped = '"'; return i + 2;
      case 92: this.escaped = '\\'; return i + 2;
      case 117: // \uXXXX
      case 85: { // \UXXXXXXXX
        const w = d === 117 ? 4 : 8;
        let v = 0;
        let k = 0;
        for (; k < w; k++) {
          const h = s.charCodeAt(i + 2 + k);
          const x = h >= 48 && h <= 57 ? h - 48 : h >= 97 && h <= 102 ? h - 87 : h >= 65 && h <= 70 ? h - 55 : -1;
          if (x < 0) break;
          v = v * 16 + x;
        }
        if (k === w && v <= 0x10ffff) {
          this.escaped = String.fromCodePoint(v);
          return i + 2 + w;
        }
        this.err(i, `invalid escape sequence '\\${String.fromCharCode(d)}': expected ${w} hex digits of a valid code point`);
        this.escaped = '';
        return i + 2 + k;
      }
      default: {
        if (Number.isNaN(d) || d === 10) {
          this.escaped = '';
          return i + 1;
        }
        this.err(i, `invalid escape sequence '\\${String.fromCharCode(d)}' (valid: \\n \\r \\t \\" \\\\ \\uXXXX \\UXXXXXXXX)`);
        this.escaped = String.fromCharCode(d);
        return i + 2;
      }
    }
  }

  /** `%{ if/else/endif/for/endfor }`: the current token is the keyword. Tracks nesting in `dirs`. */
  private directive(at: number, dirs: string[]): void {
    const lx = this.lx;
    if (lx.type !== T.Ident) this.failHere("expected 'if', 'else', 'endif', 'for' or 'endfor' after '%{'");
    const kw = this.text();
    lx.next();
    switch (kw) {
      case 'if':
        this.expr();
        dirs.push('if');
        break;
      case 'for':
        if (lx.type !== T.Ident) this.failHere("expected a variable name after '%{ for'");
        lx.next();
        if (lx.type === T.Comma) {
          lx.next();
          if (lx.type !== T.Ident) this.failHere("expected a second variable name after ',' in '%{ for'");
          lx.next();
        }
        if (!this.word('in')) this.failHere("expected 'in' in '%{ for' directive");
        lx.next();
        this.expr();
        dirs.push('for');
        break;
      case 'else':
        if (dirs[dirs.length - 1] !== 'if') this.err(at, "'%{ else }' without a matching '%{ if }'");
        break;
      case 'endif':
      case 'endfor': {
        const open = kw.slice(3);
        if (dirs[dirs.length - 1] !== open) this.err(at, `'%{ ${kw} }' without a matching '%{ ${open} }'`);
        else dirs.pop();
        break;
      }
      default:
        this.fail(at, `unknown template directive '%{ ${kw} }' (expected if, else, endif, for or endfor)`);
    }
  }

  private finishTemplate(parts: Part[], strips: number[], flush: boolean, start: number, end: number): Expr {
    if (flush) flushHeredoc(parts);
    // merge adjacent strings
    const out: Part[] = [];
    const os: number[] = [];
    for (let k = 0; k < parts.length; k++) {
      const p = parts[k]!;
      if (typeof p === 'string' && out.length > 0 && typeof out[out.length - 1] === 'string') {
        out[out.length - 1] = (out[out.length - 1] as string) + p;
      } else {
        out.push(p);
        os.push(strips[k]!);
      }
    }
    let dynamic = false;
    for (let k = 0; k < out.length; k++) {
      const st = os[k]!;
      if (typeof out[k] !== 'string') dynamic = true;
      if (st === 0) continue;
      if (st & 1 && k > 0 && typeof out[k - 1] === 'string') out[k - 1] = trimEnd(out[k - 1] as string);
      if (st & 2 && k + 1 < out.length && typeof out[k + 1] === 'string') out[k + 1] = trimStart(out[k + 1] as string);
    }
    const range = this.range(start, end);
    if (!dynamic) {
      return { kind: 'literal', value: out.length === 0 ? '' : (out[0] as string), range };
    }
    const final: Part[] = [];
    for (const p of out) if (p !== '') final.push(p);
    return { kind: 'template', parts: final, range };
  }
}

function trimEnd(x: string): string {
  let e = x.length;
  while (e > 0 && isSpaceCode(x.charCodeAt(e - 1))) e--;
  return x.slice(0, e);
}

function trimStart(x: string): string {
  let b = 0;
  while (b < x.length && isSpaceCode(x.charCodeAt(b))) b++;
  return x.slice(b);
}

/** `<<-` heredocs: remove the smallest indentation of the non-blank lines (HCL's algorithm). */
function flushHeredoc(parts: Part[]): void {
  let min = Infinity;
  let newline = true;
  const adjust: number[] = [];
  for (let k = 0; k < parts.length; k++) {
    const p = parts[k]!;
    if (newline) {
      newline = false;
      let spaces: number;
      if (typeof p === 'string') {
        let b = 0;
        while (b < p.length && isSpaceCode(p.charCodeAt(b))) b++;
        if (b === p.length && p.endsWith('\n')) {
          spaces = Infinity;
        } else {
          spaces = b;
          adjust.push(k);
        }
      } else {
        spaces = 0;
      }
      if (spaces < min) min = spaces;
    }
    if (typeof p === 'string' && p.endsWith('\n')) newline = true;
  }
  if (min === Infinity || min === 0) return;
  for (const k of adjust) parts[k] = (parts[k] as string).slice(min);
}

/** Parse a `.tf` file. Never throws. */
export function parseNative(path: string, text: string): HclFile {
  const p = new Parser(text);
  let body: Body;
  try {
    body = p.parseFile();
  } catch (e) {
    // Defensive: parseFile catches everything per item; this is for the truly unexpected.
    p.err(0, `internal parser error: ${e instanceof Error ? e.message : String(e)}`);
    body = { attributes: [], blocks: [], range: { start: { line: 1, col: 1, offset: 0 }, end: p.pos(text.length) } };
  }
  return { path, body, errors: sortErrors(p.errors) };
}

/** Errors in file order (recovery can find them out of order). */
export function sortErrors(errors: HclError[]): HclError[] {
  return errors.sort((a, b) => a.line - b.line || a.col - b.col);
}

/**
 * Parse `src[start, end)` as a bare template (no quotes, no backslash escapes, `$${`/`%%{` escapes),
 * as HCL's JSON syntax does for string values. Positions are offsets into `src`.
 */
export function parseBareTemplate(
  src: string,
  lines: number[],
  start: number,
  end: number,
): { expr: Expr; errors: HclError[] } {
  const p = new Parser(src, lines, start, end);
  let expr: Expr;
  try {
    expr = p.template(Mode.Bare, start, start);
  } catch (e) {
    if (e !== ABORT) p.err(start, `internal parser error: ${e instanceof Error ? e.message : String(e)}`);
    expr = { kind: 'literal', value: src.slice(start, end), range: { start: p.pos(start), end: p.pos(end) } };
  }
  return { expr, errors: p.errors };
}

export type { Block };
