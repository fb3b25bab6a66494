/**
 * Glob matching in linear time. Config globs come from the repository under review (its
 * `.github/spof-review.yml`), so they are untrusted: picomatch, minimatch and micromatch compile a
 * glob to a backtracking JavaScript RegExp, and a glob such as `*(a*)*(a*)*(a*)*(a*)*(a*)*(a*)b`
 * takes picomatch 3.4 s on a directory name of 18 `a`s and 100 s on 22 (DESIGN amendment 44); V8's
 * linear-time RegExp engine is behind a flag. Here a glob becomes a Thompson NFA, run as a DFA built
 * lazily (bounded cache): each character of the path costs one table step, whatever the glob.
 *
 * The syntax is picomatch's with `dot: true`, less negated extglobs `!(...)`: `*` and `?` within a
 * path segment, `**` across segments (a whole segment: `a/**` matches `a` too), `[a-z]`, `[!x]`,
 * POSIX classes (`[[:alpha:]]`), braces `{a,b}` and ranges `{1..3}`, extglobs `*(..)`, `+(..)`,
 * `?(..)`, `@(a|b)`, backslash escapes, a leading `!` negating the glob; a leading `./` is dropped. Any character may be matched,
 * a newline included: a file named `db\n.tf` is matched by `**`.
 *
 * `kind: 'id'` is for component ids, which are not paths: only `*` (any run, `/` and `.` included)
 * and `?` (one character) are special.
 */

/** Longer globs are refused: no real path glob comes near it. */
export const MAX_GLOB_LENGTH = 512;
/** Braces and extglobs nested deeper than this are refused. */
const MAX_NESTING = 8;
/** NFA states of one glob, at most (ranges expand to one alternative per value). */
const MAX_STATES = 4096;
/** DFA states kept per glob; past it the cache starts over (each step then costs at most the NFA's size). */
const MAX_DFA_STATES = 2048;

export type GlobKind = 'path' | 'id';

/** A glob that is too long, too nested or not supported; the message says which. */
export class GlobError extends Error {}

// ---------------------------------------------------------------- syntax tree

type Node =
  | { t: 'char'; c: number }
  | { t: 'set'; test: (c: number) => boolean }
  | { t: 'seq'; items: Node[] }
  | { t: 'alt'; alts: Node[] }
  | { t: 'rep'; node: Node; min: 0 | 1; max: 1 | typeof Infinity };

const SLASH = 0x2f;
const anyChar: Node = { t: 'set', test: () => true };
const notSlash: Node = { t: 'set', test: (c) => c !== SLASH };
const star = (node: Node): Node => ({ t: 'rep', node, min: 0, max: Infinity });
const optional = (node: Node): Node => ({ t: 'rep', node, min: 0, max: 1 });
const seq = (...items: Node[]): Node => ({ t: 'seq', items });
const char = (c: number): Node => ({ t: 'char', c });

const POSIX: Record<string, (c: number) => boolean> = {
  alnum: (c) => isDigit(c) || isAlpha(c),
  alpha: (c) => isAlpha(c),
  digit: (c) => isDigit(c),
  lower: (c) => c >= 0x61 && c <= 0x7a,
  upper: (c) => c >= 0x41 && c <= 0x5a,
  space: (c) => c === 0x20 || (c >= 0x09 && c <= 0x0d),
  word: (c) => isDigit(c) || isAlpha(c) || c === 0x5f,
  xdigit: (c) => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66),
};

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
function isAlpha(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** Where each `{` and extglob `(` closes, and whether a brace has a comma at its level: one pass, no rescanning. */
function pairs(p: string): { closing: Map<number, number>; commaBraces: Set<number> } {
  const closing = new Map<number, number>();
  const commaBraces = new Set<number>();
  const open: { at: number; c: string }[] = [];
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '\\') i++;
    else if (c === '{' || (c === '(' && i > 0 && '*+?@!'.includes(p[i - 1]!))) open.push({ at: i, c });
    else if (c === ',' && open.length > 0 && open[open.length - 1]!.c === '{') commaBraces.add(open[open.length - 1]!.at);
    else if (c === '}' || c === ')') {
      const want = c === '}' ? '{' : '(';
      // An unmatched closer is a literal; an unmatched opener stays open (a literal too).
      for (let k = open.length - 1; k >= 0; k--) {
        if (open[k]!.c !== want) continue;
        closing.set(open[k]!.at, i);
        open.length = k;
        break;
      }
    }
  }
  return { closing, commaBraces };
}

class Parser {
  private i = 0;
  private readonly closing: Map<number, number>;
  private readonly commaBraces: Set<number>;

  constructor(
    private readonly p: string,
    private readonly kind: GlobKind,
  ) {
    ({ closing: this.closing, commaBraces: this.commaBraces } = pairs(p));
  }

  parse(): Node {
    const node = this.sequence(0, -1, '');
    if (this.i < this.p.length) throw new GlobError(`unexpected "${this.p[this.i]}" at ${this.i + 1}`);
    return node;
  }

  /** Items up to `end` (the index of the closing bracket, -1 for the end), stopping before a top-level separator in `seps`. */
  private sequence(depth: number, end: number, seps: string): Node {
    const items: Node[] = [];
    const p = this.p;
    const stop = end < 0 ? p.length : end;
    while (this.i < stop) {
      const c = p[this.i]!;
      if (seps.includes(c)) break;
      if (this.kind === 'id') {
        this.i++;
        items.push(c === '*' ? star(anyChar) : c === '?' ? anyChar : char(c.charCodeAt(0)));
        continue;
      }
      const next = p[this.i + 1];
      if (c === '\\') {
        this.i += 2;
        items.push(char((next ?? '\\').charCodeAt(0)));
      } else if (next === '(' && '*+?@!'.includes(c) && this.closing.has(this.i + 1)) {
        items.push(this.extglob(c, depth));
      } else if (c === '*') {
        items.push(this.stars(items));
      } else if (c === '?') {
        this.i++;
        items.push(notSlash);
      } else if (c === '[') {
        items.push(this.bracket());
      } else if (c === '{' && this.closing.has(this.i)) {
        items.push(this.brace(depth));
      } else {
        this.i++;
        items.push(char(c.charCodeAt(0)));
      }
    }
    return items.length === 1 ? items[0]! : seq(...items);
  }

  /** `*` (within a segment), or `**` standing for a whole segment: any number of segments. */
  private stars(items: Node[]): Node {
    const p = this.p;
    const start = this.i;
    while (p[this.i] === '*') this.i++;
    const before = start === 0 ? '/' : p[start - 1]!;
    const after = this.i >= p.length ? '/' : p[this.i]!;
    if (this.i - start < 2 || !'/{,(|'.includes(before) || !'/}),|'.includes(after)) return star(notSlash);
    if (after === '/' && this.i < p.length) {
      this.i++;
      return optional(seq(star(anyChar), char(SLASH))); // `**/`: zero or more whole segments
    }
    const last = items[items.length - 1];
    if (last?.t === 'char' && last.c === SLASH) {
      items.pop();
      return optional(seq(char(SLASH), star(anyChar))); // `a/**` matches `a` too
    }
    return star(anyChar);
  }

  private extglob(op: string, depth: number): Node {
    if (op === '!') throw new GlobError('negated extglobs "!(...)" are not supported');
    if (depth >= MAX_NESTING) throw new GlobError(`nested deeper than ${MAX_NESTING} levels`);
    const end = this.closing.get(this.i + 1)!;
    this.i += 2;
    const alts: Node[] = [];
    for (;;) {
      alts.push(this.sequence(depth + 1, end, '|'));
      if (this.i >= end) break;
      this.i++; // '|'
    }
    this.i = end + 1;
    const body: Node = alts.length === 1 ? alts[0]! : { t: 'alt', alts };
    if (op === '*') return star(body);
    if (op === '+') return { t: 'rep', node: body, min: 1, max: Infinity };
    if (op === '?') return optional(body);
    return body;
  }

  private brace(depth: number): Node {
    const end = this.closing.get(this.i)!;
    const inner = this.p.slice(this.i + 1, end);
    if (!this.commaBraces.has(this.i)) {
      const range = braceRange(inner);
      if (range === undefined) {
        this.i++;
        return char(0x7b); // `{a}`: a literal, as picomatch reads it
      }
      this.i = end + 1;
      return { t: 'alt', alts: range.map((v) => seq(...[...v].map((ch) => char(ch.charCodeAt(0))))) };
    }
    if (depth >= MAX_NESTING) throw new GlobError(`nested deeper than ${MAX_NESTING} levels`);
    this.i++;
    const alts: Node[] = [];
    for (;;) {
      alts.push(this.sequence(depth + 1, end, ','));
      if (this.i >= end) break;
      this.i++; // ','
    }
    this.i = end + 1;
    return { t: 'alt', alts };
  }

  /** `[...]`: one character of a set; never `/`. An unclosed `[` is a literal. */
  private bracket(): Node {
    const p = this.p;
    let j = this.i + 1;
    const negated = p[j] === '!' || p[j] === '^';
    if (negated) j++;
    const tests: ((c: number) => boolean)[] = [];
    let first = true;
    for (; j < p.length; first = false) {
      const c = p[j]!;
      if (c === ']' && !first) break;
      if (c === '[' && p[j + 1] === ':') {
        const close = p.indexOf(':]', j + 2);
        const name = close < 0 ? '' : p.slice(j + 2, close);
        const test = POSIX[name];
        if (!test) throw new GlobError(`unknown character class "[:${name}:]"`);
        tests.push(test);
        j = close + 2;
        continue;
      }
      let lo = c.charCodeAt(0);
      if (c === '\\' && j + 1 < p.length) lo = p.charCodeAt(++j);
      j++;
      if (p[j] === '-' && j + 1 < p.length && p[j + 1] !== ']') {
        let hi = p.charCodeAt(j + 1);
        j += 2;
        if (hi === 0x5c && j < p.length) hi = p.charCodeAt(j++);
        const [a, b] = lo <= hi ? [lo, hi] : [hi, lo];
        tests.push((x) => x >= a && x <= b);
      } else {
        const v = lo;
        tests.push((x) => x === v);
      }
    }
    if (j >= p.length) {
      this.i++;
      return char(0x5b);
    }
    this.i = j + 1;
    const inSet = (x: number) => tests.some((t) => t(x));
    return { t: 'set', test: negated ? (x) => x !== SLASH && !inSet(x) : (x) => x !== SLASH && inSet(x) };
  }
}

/** `1..3`, `a..e`: the values, or undefined when the text is no range. */
function braceRange(inner: string): string[] | undefined {
  const m = /^(-?\d{1,6}|[a-zA-Z])\.\.(-?\d{1,6}|[a-zA-Z])$/.exec(inner);
  if (!m) return undefined;
  const numeric = /\d/.test(m[1]!);
  if (numeric !== /\d/.test(m[2]!)) return undefined;
  const a = numeric ? Number(m[1]) : m[1]!.charCodeAt(0);
  const b = numeric ? Number(m[2]) : m[2]!.charCodeAt(0);
  if (Math.abs(b - a) > 1000) throw new GlobError(`the range {${inner}} has more than 1000 values`);
  const out: string[] = [];
  for (let v = a; a <= b ? v <= b : v >= b; v += a <= b ? 1 : -1) out.push(numeric ? String(v) : String.fromCharCode(v));
  return out;
}

// ---------------------------------------------------------------- NFA

/** `test` consumes one character; `eps` are epsilon edges; the accepting state has neither. */
interface State {
  test?: (c: number) => boolean;
  out: number;
  eps: number[];
}

class Nfa {
  readonly states: State[] = [];

  add(state: State): number {
    if (this.states.length >= MAX_STATES) throw new GlobError(`more than ${MAX_STATES} states (too many alternatives or ranges)`);
    this.states.push(state);
    return this.states.length - 1;
  }

  /** Compiles `node` so that it ends in `next`; returns its entry state. Builds from the end, so no patching. */
  compile(node: Node, next: number, depth = 0): number {
    if (depth > 4 * MAX_NESTING + 8) throw new GlobError(`nested deeper than ${MAX_NESTING} levels`);
    switch (node.t) {
      case 'char': {
        const c = node.c;
        return this.add({ test: (x) => x === c, out: next, eps: [] });
      }
      case 'set':
        return this.add({ test: node.test, out: next, eps: [] });
      case 'seq': {
        let entry = next;
        for (let k = node.items.length - 1; k >= 0; k--) entry = this.compile(node.items[k]!, entry, depth + 1);
        return entry;
      }
      case 'alt':
        return this.add({ out: -1, eps: node.alts.map((a) => this.compile(a, next, depth + 1)) });
      case 'rep': {
        // loop: either the body (which comes back to loop) or on to next.
        const loop = this.add({ out: -1, eps: [] });
        if (node.max === Infinity) {
          const body = this.compile(node.node, loop, depth + 1);
          this.states[loop]!.eps.push(body, next);
          return node.min === 1 ? this.compile(node.node, loop, depth + 1) : loop;
        }
        const body = this.compile(node.node, next, depth + 1);
        this.states[loop]!.eps.push(body, next);
        return loop;
      }
    }
  }
}

interface DState {
  set: Int32Array;
  accepting: boolean;
  next: Map<number, DState>;
}

/** A compiled glob: `match(text)` runs in time linear in the text. */
export class Glob {
  private readonly states: State[];
  private readonly start: number;
  private readonly accept: number;
  private cache = new Map<string, DState>();
  private startState: DState;
  private readonly mark: Int32Array;
  private generation = 0;
  /** A leading `!` (not `!(`): the glob matches what the rest does not, as picomatch reads it. */
  private readonly negated: boolean;

  constructor(
    readonly pattern: string,
    kind: GlobKind = 'path',
  ) {
    if (pattern.length > MAX_GLOB_LENGTH) throw new GlobError(`longer than ${MAX_GLOB_LENGTH} characters`);
    this.negated = kind === 'path' && pattern.startsWith('!') && !pattern.startsWith('!(');
    const source = kind === 'path' ? pattern.slice(this.negated ? 1 : 0).replace(/^(?:\.\/)+/, '') : pattern;
    const tree = new Parser(source, kind).parse();
    const nfa = new Nfa();
    this.accept = nfa.add({ out: -1, eps: [] });
    this.start = nfa.compile(tree, this.accept);
    this.states = nfa.states;
    this.mark = new Int32Array(this.states.length);
    this.startState = this.dstate(this.closure([this.start]));
  }

  match(text: string): boolean {
    return this.run(text) !== this.negated;
  }

  private run(text: string): boolean {
    let d = this.startState;
    for (let k = 0; k < text.length; k++) {
      const c = text.charCodeAt(k);
      let n = d.next.get(c);
      if (n === undefined) {
        n = this.step(d, c);
        d.next.set(c, n);
      }
      if (n.set.length === 0) return false;
      d = n;
    }
    return d.accepting;
  }

  private step(d: DState, c: number): DState {
    const targets: number[] = [];
    for (const s of d.set) {
      const st = this.states[s]!;
      if (st.test !== undefined && st.test(c)) targets.push(st.out);
    }
    if (this.cache.size >= MAX_DFA_STATES) {
      // Start over rather than grow: a pathological glob then costs the NFA's size per character, still linear.
      this.cache = new Map();
      this.startState = this.dstate(this.closure([this.start]));
    }
    return this.dstate(this.closure(targets));
  }

  /** The states reachable over epsilon edges, sorted; an explicit stack, no recursion. */
  private closure(from: number[]): Int32Array {
    const gen = ++this.generation;
    const out: number[] = [];
    const stack = from.slice();
    while (stack.length > 0) {
      const s = stack.pop()!;
      if (this.mark[s] === gen) continue;
      this.mark[s] = gen;
      const st = this.states[s]!;
      if (st.test !== undefined || s === this.accept) out.push(s);
      for (let k = st.eps.length - 1; k >= 0; k--) stack.push(st.eps[k]!);
    }
    return Int32Array.from(out.sort((a, b) => a - b));
  }

  private dstate(set: Int32Array): DState {
    const key = set.join(',');
    let d = this.cache.get(key);
    if (d === undefined) {
      d = { set, accepting: set.includes(this.accept), next: new Map() };
      this.cache.set(key, d);
    }
    return d;
  }
}

/** Why a glob cannot be used (too long, too nested, unsupported syntax), or undefined. */
export function globProblem(pattern: string, kind: GlobKind = 'path'): string | undefined {
  try {
    new Glob(pattern, kind);
    return undefined;
  } catch (e) {
    if (e instanceof GlobError) return e.message;
    throw e;
  }
}

const compiled = new Map<string, Glob | null>();

/**
 * A matcher for a glob (any of several, for a list); compiled once per pattern. A glob the config
 * check refused (`globProblem`) matches nothing here: the check reported it already.
 */
export function globMatcher(patterns: string | readonly string[], kind: GlobKind = 'path'): (text: string) => boolean {
  const globs: Glob[] = [];
  for (const pattern of typeof patterns === 'string' ? [patterns] : patterns) {
    const key = `${kind}\u0000${pattern}`;
    let g = compiled.get(key);
    if (g === undefined) {
      try {
        g = new Glob(pattern, kind);
      } catch (e) {
        if (!(e instanceof GlobError)) throw e;
        g = null;
      }
      if (compiled.size > 10_000) compiled.clear();
      compiled.set(key, g);
    }
    if (g !== null) globs.push(g);
  }
  if (globs.length === 1) {
    const g = globs[0]!;
    return (text) => g.match(text);
  }
  return (text) => globs.some((g) => g.match(text));
}
