/**
 * Static evaluation of template values: parameters (defaults, overridden by a parameters file),
 * pseudo parameters, mappings, conditions and the intrinsic functions. What depends on deploy time
 * (`AWS::Region`, resource ids, imports) is unknown, with the reason; references are kept for
 * dependencies, and `Fn::Select` over `Fn::GetAZs` keeps distinct zones distinct.
 */
import { append, type Diagnostic } from '../../model/index.js';
import type { ParameterDef, ResourceDef, Template } from './template.js';
import { field, intrinsicName, scalarString, startOf, type MapNode, type Node } from './tree.js';
import { asText, unionRefs, unknown, type Refs, type Site, type Val } from './values.js';

const PSEUDO = new Set(['AWS::AccountId', 'AWS::NotificationARNs', 'AWS::Partition', 'AWS::Region', 'AWS::StackId', 'AWS::StackName', 'AWS::URLSuffix']);
const MAX_DEPTH = 256;
/** Conditions and parameters evaluated inside one another, at most: deeper is a chain the order of `settle` did not flatten (a cycle). */
const MAX_CHAIN = 256;

export type Truth = { value: boolean } | { why: string };

/** Parameter values from a parameters file, by name, each with where it is written. */
export type ParameterOverrides = ReadonlyMap<string, Val>;

export class Evaluator {
  private readonly resources = new Map<string, ResourceDef>();
  private readonly params = new Map<string, Val>();
  private readonly evaluatingParams = new Set<string>();
  /** Mapping lookups by map/key/key: a value that looks itself (or others) up is read once, never again per use. */
  private readonly lookups = new Map<string, Val>();
  private readonly evaluatingLookups = new Set<string>();
  private readonly conditions = new Map<string, Truth>();
  private readonly evaluatingConditions = new Set<string>();
  private readonly warned = new Set<string>();
  /** Conditions and parameters being evaluated inside one another right now. */
  private chain = 0;
  private settling = false;

  constructor(
    readonly template: Template,
    private readonly overrides: ParameterOverrides,
    private readonly diagnostics: Diagnostic[],
  ) {
    for (const r of template.resources) this.resources.set(r.id, r);
  }

  site(node: Node): Site {
    return { file: this.template.file, start: startOf(node), end: node.endLine, name: node.keyLine === node.line ? node.key : undefined };
  }

  private warnOnce(key: string, line: number, message: string): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.diagnostics.push({ file: this.template.file, line, severity: 'warning', message });
  }

  /* -- existence ------------------------------------------------------------------------------- */

  /** Whether a resource is created: its Condition decides (unknown when the condition is). */
  exists(r: ResourceDef): Truth {
    if (!r.condition) return { value: true };
    return this.condition(r.condition.name, r.condition.line);
  }

  resource(id: string): ResourceDef | undefined {
    return this.resources.get(id);
  }

  condition(name: string, line: number): Truth {
    const cached = this.conditions.get(name);
    if (cached) return cached;
    const entry = this.template.conditions.get(name);
    if (!entry) {
      this.warnOnce(`cond:${name}`, line, `condition ${name} is not defined in Conditions`);
      return { why: `condition ${name}, which is not defined` };
    }
    if (this.evaluatingConditions.has(name)) return { why: `condition ${name}, which refers to itself` };
    this.settle(`c:${name}`);
    if (this.chain >= MAX_CHAIN) return this.tooLong(`condition ${name}`, entry.keyLine);
    this.evaluatingConditions.add(name);
    this.chain++;
    let t: Truth;
    try {
      t = this.truth(entry.value, 0);
    } finally {
      this.evaluatingConditions.delete(name);
      this.chain--;
    }
    if ('why' in t && !t.why.startsWith('condition ')) t = { why: `condition ${name}, which uses ${t.why}` };
    this.conditions.set(name, t);
    return t;
  }

  /** A condition expression: `Fn::Equals`, `Fn::And`, `Fn::Or`, `Fn::Not`, `Condition`, or a literal. */
  truth(node: Node, depth: number): Truth {
    if (depth > MAX_DEPTH) return { why: 'a condition nested too deeply' };
    const fn = intrinsicName(node);
    const arg = fn ? (node as MapNode).entries[0]!.value : undefined;
    switch (fn) {
      case 'Condition': {
        const name = scalarString(arg);
        return name === undefined ? { why: 'a Condition that is not a name' } : this.condition(name, node.line);
      }
      case 'Fn::Equals': {
        if (arg?.kind !== 'seq' || arg.items.length !== 2) return { why: 'an Fn::Equals without two values' };
        const [a, b] = arg.items.map((i) => this.eval(i, depth + 1));
        const x = asText(a!);
        const y = asText(b!);
        if (x === undefined) return { why: whyOf(a!) };
        if (y === undefined) return { why: whyOf(b!) };
        return { value: x === y };
      }
      case 'Fn::Not': {
        const inner = arg?.kind === 'seq' ? arg.items[0] : arg;
        if (!inner) return { why: 'an empty Fn::Not' };
        const t = this.truth(inner, depth + 1);
        return 'value' in t ? { value: !t.value } : t;
      }
      case 'Fn::And':
      case 'Fn::Or': {
        if (arg?.kind !== 'seq') return { why: `an ${fn} without a list` };
        const decisive = fn === 'Fn::Or';
        let firstUnknown: string | undefined;
        for (const item of arg.items) {
          const t = this.truth(item, depth + 1);
          if ('value' in t) {
            if (t.value === decisive) return { value: decisive };
          } else firstUnknown ??= t.why;
        }
        return firstUnknown !== undefined ? { why: firstUnknown } : { value: !decisive };
      }
      default: {
        const v = this.eval(node, depth + 1);
        if (v.t === 'bool') return { value: v.v };
        const s = asText(v);
        if (s === 'true' || s === 'false') return { value: s === 'true' };
        return { why: v.t === 'unknown' ? v.why : 'a condition that is not true or false' };
      }
    }
  }

  /* -- parameters ------------------------------------------------------------------------------ */

  param(name: string): Val {
    const cached = this.params.get(name);
    if (cached) return cached;
    const def = this.template.parameters.get(name)!;
    if (this.evaluatingParams.has(name)) return unknown(`parameter ${name}, whose default refers to itself`);
    this.settle(`p:${name}`);
    if (this.chain >= MAX_CHAIN) return unknown(this.tooLong(`parameter ${name}`, def.line).why);
    this.evaluatingParams.add(name);
    this.chain++;
    let v: Val;
    try {
      v = this.paramValue(def);
    } finally {
      this.evaluatingParams.delete(name);
      this.chain--;
    }
    this.params.set(name, v);
    return v;
  }

  /** Not evaluated: an error (something was not reviewed), once per template. */
  private tooLong(what: string, line: number): { why: string } {
    const why = `${what}, at the end of a chain of conditions or parameters longer than ${MAX_CHAIN} (a cycle)`;
    if (!this.warned.has('chain')) {
      this.warned.add('chain');
      this.diagnostics.push({ file: this.template.file, line, severity: 'error', message: `not reviewed: ${why}; what depends on it is unknown` });
    }
    return { why };
  }

  /**
   * Evaluates what a condition or parameter names (`Condition`, `Fn::If`, `Ref`, `Fn::Sub` names,
   * the conditions of the resources it references) before it, leaves first, with an explicit stack:
   * a chain of 5,000 conditions each naming the next is 5,000 shallow evaluations, not one 5,000 deep.
   */
  private settle(root: string): void {
    if (this.settling) return;
    this.settling = true;
    try {
      const seen = new Set<string>([root]);
      const stack: { key: string; deps: string[]; next: number }[] = [{ key: root, deps: this.namedBy(root), next: 0 }];
      const order: string[] = [];
      while (stack.length > 0) {
        const top = stack[stack.length - 1]!;
        if (top.next < top.deps.length) {
          const d = top.deps[top.next++]!;
          if (!seen.has(d)) {
            seen.add(d);
            stack.push({ key: d, deps: this.namedBy(d), next: 0 });
          }
          continue;
        }
        stack.pop();
        if (top.key !== root) order.push(top.key);
      }
      for (const key of order) {
        const name = key.slice(2);
        if (key.startsWith('c:')) this.condition(name, this.template.conditions.get(name)?.keyLine ?? 1);
        else this.param(name);
      }
    } finally {
      this.settling = false;
    }
  }

  /** The conditions (`c:`) and parameters (`p:`) a condition or parameter names, not yet evaluated. */
  private namedBy(key: string): string[] {
    const name = key.slice(2);
    const root = key.startsWith('c:') ? this.template.conditions.get(name)?.value : this.template.parameters.get(name)?.default;
    if (root === undefined) return [];
    const out: string[] = [];
    const add = (k: string) => {
      const n = k.slice(2);
      if (k.startsWith('c:') ? this.template.conditions.has(n) && !this.conditions.has(n) : this.template.parameters.has(n) && !this.params.has(n)) out.push(k);
    };
    const named = (n: string) => {
      if (this.template.parameters.has(n)) add(`p:${n}`);
      else {
        const condition = this.resources.get(n)?.condition;
        if (condition) add(`c:${condition.name}`);
      }
    };
    const nodes: Node[] = [root];
    for (let node = nodes.pop(); node !== undefined; node = nodes.pop()) {
      if (node.kind === 'seq') append(nodes, node.items);
      if (node.kind !== 'map') continue;
      const fn = intrinsicName(node);
      const arg = fn ? node.entries[0]!.value : undefined;
      if (fn === 'Condition') {
        const n = scalarString(arg);
        if (n !== undefined) add(`c:${n}`);
      } else if (fn === 'Fn::If' && arg?.kind === 'seq') {
        const n = scalarString(arg.items[0]);
        if (n !== undefined) add(`c:${n}`);
      } else if (fn === 'Ref') {
        const n = scalarString(arg);
        if (n !== undefined) named(n);
      } else if (fn === 'Fn::GetAtt') {
        const n = arg?.kind === 'seq' ? scalarString(arg.items[0]) : scalarString(arg)?.split('.')[0];
        if (n !== undefined) named(n);
      } else if (fn === 'Fn::Sub') {
        const text = scalarString(arg?.kind === 'seq' ? arg.items[0] : arg) ?? '';
        for (const m of text.matchAll(/\$\{([^}!][^}]*)\}/g)) named(m[1]!.trim().split('.')[0]!);
      }
      for (const e of node.entries) nodes.push(e.value);
    }
    return out;
  }

  private paramValue(def: ParameterDef): Val {
    if (def.type.startsWith('AWS::SSM::Parameter::Value<')) return unknown(`parameter ${def.name}, read from SSM Parameter Store at deploy time`);
    const given = this.overrides.get(def.name);
    let v: Val;
    if (given) v = given;
    else if (def.default) v = this.eval(def.default, 0);
    else return unknown(`parameter ${def.name}, which has no default`);
    if (isListType(def.type) && (v.t === 'str' || v.t === 'num')) {
      // Lists are written as one comma-separated string; every item keeps the line it came from.
      const text = String(v.v);
      const items: Val[] = text === '' ? [] : text.split(',').map((s) => ({ t: 'str', v: s.trim(), site: v.site }));
      return { t: 'list', items, site: v.site };
    }
    return v;
  }

  /* -- values ---------------------------------------------------------------------------------- */

  eval(node: Node, depth = 0): Val {
    if (depth > MAX_DEPTH) return unknown('a value nested too deeply');
    switch (node.kind) {
      case 'scalar': {
        const site = this.site(node);
        const v = node.value;
        if (v === null) return { t: 'null', site };
        if (typeof v === 'string') return { t: 'str', v, site };
        if (typeof v === 'number') return { t: 'num', v, site };
        return { t: 'bool', v, site };
      }
      case 'seq': {
        const items: Val[] = [];
        for (const i of node.items) {
          const v = this.eval(i, depth + 1);
          if (v.t !== 'novalue') items.push(v);
        }
        return { t: 'list', items, site: this.site(node), refs: unionRefs(items.map((i) => i.refs)) };
      }
      case 'map': {
        const fn = intrinsicName(node);
        if (fn) return this.call(fn, node.entries[0]!.value, node, depth);
        const fields = new Map<string, Val>();
        for (const e of node.entries) {
          const v = this.eval(e.value, depth + 1);
          if (v.t !== 'novalue') fields.set(e.key, v);
        }
        return { t: 'obj', fields, site: this.site(node), refs: unionRefs([...fields.values()].map((f) => f.refs)) };
      }
    }
  }

  /** Evaluate every argument only for the resources it references (functions whose value we do not need). */
  private refsOf(arg: Node, depth: number): Refs | undefined {
    return this.eval(arg, depth + 1).refs;
  }

  private call(fn: string, arg: Node, node: Node, depth: number): Val {
    const site = this.site(node);
    switch (fn) {
      case 'Ref':
        return this.ref(scalarString(arg), node.line, site);
      case 'Fn::GetAtt':
        return this.getAtt(arg, node.line, depth, site);
      case 'Fn::Sub':
        return this.sub(arg, node.line, depth, site);
      case 'Fn::If': {
        if (arg.kind !== 'seq' || arg.items.length !== 3) return unknown('an Fn::If without [condition, then, else]', this.refsOf(arg, depth), site);
        const name = scalarString(arg.items[0]);
        const t = name === undefined ? { why: 'an Fn::If whose condition is not a name' } : this.condition(name, node.line);
        if ('value' in t) return this.eval(arg.items[t.value ? 1 : 2]!, depth + 1);
        const a = this.eval(arg.items[1]!, depth + 1);
        const b = this.eval(arg.items[2]!, depth + 1);
        return unknown(t.why, unionRefs([a.refs, b.refs]), site);
      }
      case 'Fn::Select':
        return this.select(arg, depth, site);
      case 'Fn::GetAZs': {
        // '' and AWS::Region both mean the stack's own region.
        const ownRegion = intrinsicName(arg) === 'Ref' && scalarString((arg as MapNode).entries[0]!.value) === 'AWS::Region';
        const region: Val = ownRegion || (arg.kind === 'scalar' && arg.value === null) ? { t: 'str', v: '' } : this.eval(arg, depth + 1);
        const key = region.t === 'str' ? region.v : undefined;
        if (key === undefined) return unknown('Fn::GetAZs of a region that is not known', region.refs, site);
        return { t: 'unknown', why: 'Fn::GetAZs (the zones of the region are known at deploy time)', allZones: true, sym: `region:${key}`, site };
      }
      case 'Fn::Join': {
        if (arg.kind !== 'seq' || arg.items.length !== 2) return unknown('an Fn::Join without [delimiter, list]', this.refsOf(arg, depth), site);
        const delim = this.eval(arg.items[0]!, depth + 1);
        const list = this.eval(arg.items[1]!, depth + 1);
        const refs = unionRefs([delim.refs, list.refs]);
        if (delim.t !== 'str' || list.t !== 'list') return unknown(`Fn::Join of ${whyOf(list.t === 'list' ? delim : list)}`, refs, site);
        const parts: string[] = [];
        for (const i of list.items) {
          const s = asText(i);
          if (s === undefined) return unknown(whyOf(i), refs, site);
          parts.push(s);
        }
        return { t: 'str', v: parts.join(delim.v), site, refs };
      }
      case 'Fn::Split': {
        if (arg.kind !== 'seq' || arg.items.length !== 2) return unknown('an Fn::Split without [delimiter, string]', this.refsOf(arg, depth), site);
        const delim = this.eval(arg.items[0]!, depth + 1);
        const s = this.eval(arg.items[1]!, depth + 1);
        const refs = unionRefs([delim.refs, s.refs]);
        if (delim.t !== 'str' || delim.v === '' || s.t !== 'str') return unknown(whyOf(s.t === 'str' ? delim : s), refs, site);
        return { t: 'list', items: s.v.split(delim.v).map((x) => ({ t: 'str' as const, v: x, site: s.site })), site, refs };
      }
      case 'Fn::FindInMap':
        return this.findInMap(arg, depth, site);
      case 'Fn::Equals':
      case 'Fn::And':
      case 'Fn::Or':
      case 'Fn::Not':
      case 'Condition': {
        const t = this.truth(node, depth + 1);
        return 'value' in t ? { t: 'bool', v: t.value, site } : unknown(t.why, undefined, site);
      }
      case 'Fn::Base64':
      case 'Fn::Cidr':
      case 'Fn::Length':
      case 'Fn::ToJsonString':
        return unknown(`${fn} (not evaluated)`, this.refsOf(arg, depth), site);
      case 'Fn::ImportValue': {
        const name = this.eval(arg, depth + 1);
        return unknown(`Fn::ImportValue ${asText(name) ?? ''} (another stack's output)`.replace('  ', ' '), name.refs, site);
      }
      case 'Fn::Transform':
        return unknown('Fn::Transform (a macro expanded at deploy time)', undefined, site);
      default:
        return unknown(`${fn} (not evaluated)`, this.refsOf(arg, depth), site);
    }
  }

  private ref(name: string | undefined, line: number, site: Site): Val {
    if (name === undefined) return unknown('a Ref that is not a name', undefined, site);
    if (name === 'AWS::NoValue') return { t: 'novalue' };
    if (PSEUDO.has(name)) return unknown(`pseudo parameter ${name}, known at deploy time`, undefined, site);
    if (this.template.parameters.has(name)) return this.param(name);
    return this.resourceValue(name, undefined, line, site, 'Ref');
  }

  private resourceValue(id: string, attr: string | undefined, line: number, site: Site, how: string): Val {
    const r = this.resources.get(id);
    const what = attr ? `${id}.${attr}` : `the id of ${id}`;
    if (!r) {
      if (!this.template.transformed) this.warnOnce(`ref:${id}`, line, `${how} to ${id}, which is neither a parameter nor a resource of the template`);
      return unknown(`${what}, which is not in the template`, undefined, site);
    }
    const exists = this.exists(r);
    if ('value' in exists && !exists.value) return unknown(`${what}, which is not created (its condition is false)`, undefined, site);
    return { t: 'unknown', why: `${what}, known at deploy time`, res: id, attr, refs: new Set([id]), site };
  }

  private getAtt(arg: Node, line: number, depth: number, site: Site): Val {
    let id: string | undefined;
    let attr: string | undefined;
    if (arg.kind === 'scalar') {
      const s = scalarString(arg) ?? '';
      const dot = s.indexOf('.');
      if (dot > 0) {
        id = s.slice(0, dot);
        attr = s.slice(dot + 1);
      }
    } else if (arg.kind === 'seq' && arg.items.length === 2) {
      id = scalarString(arg.items[0]);
      const a = this.eval(arg.items[1]!, depth + 1);
      attr = asText(a) ?? '?';
    }
    if (id === undefined || attr === undefined) return unknown('an Fn::GetAtt that is not [resource, attribute]', undefined, site);
    return this.resourceValue(id, attr, line, site, 'Fn::GetAtt');
  }

  private sub(arg: Node, line: number, depth: number, site: Site): Val {
    let template: string | undefined;
    const vars = new Map<string, Val>();
    if (arg.kind === 'scalar') template = scalarString(arg);
    else if (arg.kind === 'seq' && arg.items.length >= 1) {
      template = scalarString(arg.items[0]);
      const m = arg.items[1];
      if (m?.kind === 'map') {
        for (const e of m.entries) {
          const v = this.eval(e.value, depth + 1);
          vars.set(e.key, v);
        }
      }
    }
    if (template === undefined) return unknown('an Fn::Sub without a string', this.refsOf(arg, depth), site);
    let out = '';
    let firstUnknown: string | undefined;
    let last = 0;
    const used: Val[] = [];
    for (const m of template.matchAll(/\$\{([^}]*)\}/g)) {
      out += template.slice(last, m.index);
      last = m.index + m[0].length;
      const name = m[1]!.trim();
      if (name.startsWith('!')) {
        out += `\${${name.slice(1)}}`;
        continue;
      }
      let v = vars.get(name);
      if (!v) {
        const dot = name.indexOf('.');
        v =
          dot > 0 && !this.template.parameters.has(name) && !PSEUDO.has(name)
            ? this.resourceValue(name.slice(0, dot), name.slice(dot + 1), line, site, 'Fn::Sub')
            : this.ref(name, line, site);
      }
      used.push(v);
      const s = asText(v);
      if (s === undefined) firstUnknown ??= whyOf(v);
      else out += s;
    }
    out += template.slice(last);
    const refs = unionRefs(used.map((v) => v.refs));
    if (firstUnknown !== undefined) return unknown(firstUnknown, refs, site);
    return { t: 'str', v: out, site, refs };
  }

  private select(arg: Node, depth: number, site: Site): Val {
    if (arg.kind !== 'seq' || arg.items.length !== 2) return unknown('an Fn::Select without [index, list]', this.refsOf(arg, depth), site);
    const index = this.eval(arg.items[0]!, depth + 1);
    const list = this.eval(arg.items[1]!, depth + 1);
    const refs = unionRefs([index.refs, list.refs]);
    const text = asText(index);
    const i = text !== undefined && /^\s*\d+\s*$/.test(text) ? Number(text) : undefined;
    if (i === undefined) return unknown(`Fn::Select with the index ${whyOf(index)}`, refs, site);
    if (list.t === 'list') {
      const item = list.items[i];
      return item ?? unknown(`Fn::Select index ${i} beyond a list of ${list.items.length}`, refs, site);
    }
    if (list.t === 'unknown' && list.allZones) {
      // The i-th zone of the region: unnamed, but distinct from every other index.
      return { t: 'unknown', why: `zone ${i} of Fn::GetAZs (named at deploy time)`, sym: `${list.sym}#${i}`, refs, site };
    }
    return unknown(whyOf(list), refs, site);
  }

  private findInMap(arg: Node, depth: number, site: Site): Val {
    if (arg.kind !== 'seq' || arg.items.length < 3) return unknown('an Fn::FindInMap without [map, key, key]', this.refsOf(arg, depth), site);
    const keys = arg.items.slice(0, 3).map((i) => this.eval(i, depth + 1));
    const names = keys.map(asText);
    const missing = names.findIndex((n) => n === undefined);
    if (missing >= 0) return unknown(`Fn::FindInMap with a key that is ${whyOf(keys[missing]!)}`, unionRefs(keys.map((k) => k.refs)), site);
    const [m, top, second] = names as [string, string, string];
    const value = field(field(field(this.template.mappings, m), top), second);
    if (!value) {
      this.warnOnce(`map:${m}/${top}/${second}`, arg.line, `Fn::FindInMap: ${m} has no ${top} / ${second}`);
      return unknown(`Fn::FindInMap ${m}.${top}.${second}, which is not in Mappings`, undefined, site);
    }
    const key = JSON.stringify([m, top, second]);
    const cached = this.lookups.get(key);
    if (cached) return cached;
    // Mappings hold literals in CloudFormation; one written as a lookup of itself is a cycle.
    if (this.evaluatingLookups.has(key)) return unknown(`Fn::FindInMap ${m}.${top}.${second}, whose value looks itself up`, undefined, site);
    this.evaluatingLookups.add(key);
    let v: Val;
    try {
      v = this.eval(value, depth + 1);
    } finally {
      this.evaluatingLookups.delete(key);
    }
    this.lookups.set(key, v);
    return v;
  }
}

function isListType(type: string): boolean {
  return type === 'CommaDelimitedList' || type.startsWith('List<');
}

/** Why a value is not a usable literal, for messages. */
export function whyOf(v: Val): string {
  if (v.t === 'unknown') return v.why;
  if (v.t === 'novalue') return 'AWS::NoValue';
  return `a ${v.t === 'obj' ? 'map' : v.t === 'list' ? 'list' : 'value'} where a plain value is expected`;
}
