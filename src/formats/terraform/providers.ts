/**
 * The region a resource is created in, where the configuration decides it (DESIGN: "Regions"): its own
 * `region` / `location` argument, else the `region` of the provider configuration it uses: the one its
 * `provider` meta-argument names (`aws.west`), else the default one, passed down to local modules as
 * Terraform does (inherited when the call has no `providers`, mapped by `providers = { aws = aws.west }`).
 * A configuration Terraform would take from the environment (no `region` written, a root module's
 * unset variable) leaves the region unknown: never a guess.
 */
import { regionName, regionSource } from '../../catalog/regions.js';
import type { AttributeSite } from '../../model/index.js';
import { attr, type BodyReader } from './body-reader.js';
import type { Ctx, Located } from './context.js';
import { siteOf } from './evaluate.js';
import type { Block, Expr } from './hcl/ast.js';
import { MAX_MODULE_DEPTH, type ModuleInstance } from './module-instance.js';
import type { ResourceNode } from './resource-node.js';
import { literalString } from './stacks.js';
import { asString, type Site, type Val } from './values.js';

/** A region as named, with where its name is written and, when elsewhere, the line that chose it. */
interface Named {
  name: string;
  value: Val;
  /** The attribute that yields it: the resource's own, or the provider configuration's `region`. */
  at: Site;
  /** What chose the provider configuration: the resource's `provider = aws.west`, else a module call's `providers`. */
  chosen?: { attribute: 'provider' | 'providers'; ref: string; site: Site };
}

/** The region of every evaluated instance of a resource's blocks, when they all name the same one. */
export function regionOfGroup(ctx: Ctx, type: string, nodes: readonly ResourceNode<ModuleInstance>[]): { name: string; site: AttributeSite } | undefined {
  const source = regionSource(type);
  if (!source) return undefined;
  let first: Named | undefined;
  for (const node of nodes) {
    for (const instance of node.instances()) {
      const named = regionOf(node, instance.reader, type, source.own, source.provider);
      if (!named || (first && named.name !== first.name)) return undefined;
      first ??= named;
    }
  }
  return first && { name: first.name, site: siteOfRegion(ctx, first) };
}

function regionOf(node: ResourceNode<ModuleInstance>, reader: BodyReader, type: string, own: string, fromProvider: boolean): Named | undefined {
  if (reader.has(own)) {
    const at = reader.fieldRange(own);
    return named(reader.field(own), at && { ...at, name: own }, type);
  }
  if (!fromProvider) return undefined;
  const written = attr(node.block.body, 'provider');
  const ref = written ? refText(written.expr) : type.slice(0, type.indexOf('_'));
  if (ref === undefined) return undefined;
  const configured = providerRegion(node.mi, ref);
  const out = configured && named(configured.value, configured.at, type);
  const chosen = written ? { attribute: 'provider' as const, ref, site: siteOf(node.file, written.range) } : configured?.mapped;
  return out && chosen ? { ...out, chosen } : out;
}

/** The evaluated `region` of the configuration a reference names in a module instance, once per instance and reference. */
const regions = new WeakMap<ModuleInstance, Map<string, { value: Val; at: Site; mapped?: Named['chosen'] } | undefined>>();
function providerRegion(mi: ModuleInstance, ref: string): { value: Val; at: Site; mapped?: Named['chosen'] } | undefined {
  let known = regions.get(mi);
  if (!known) regions.set(mi, (known = new Map()));
  if (known.has(ref)) return known.get(ref);
  const config = providerConfig(mi, ref);
  const region = config && attr(config.block.node.body, 'region');
  let out: { value: Val; at: Site; mapped?: Named['chosen'] } | undefined;
  if (config && region) {
    const at = siteOf(config.block.file, region.range, 'provider.region');
    const value = config.mi.ctx.ev.guard(at, () => config.mi.ctx.ev.eval(region.expr, { env: config.mi }, at));
    out = { value, at, ...(config.mapped ? { mapped: config.mapped } : {}) };
  }
  known.set(ref, out);
  return out;
}

function named(value: Val | undefined, at: Site | undefined, type: string): Named | undefined {
  const written = value && asString(value);
  const name = written === undefined ? undefined : regionName(written, type);
  return name === undefined || !at ? undefined : { name, value: value!, at };
}

/**
 * The provider configuration a reference names in a module instance: its own `provider` block, else the
 * caller's, through the call's `providers` map when it has one (a call that has one passes nothing else),
 * else the caller's default configuration of the same provider (aliases are never inherited).
 */
function providerConfig(start: ModuleInstance, startRef: string): { mi: ModuleInstance; block: Located<Block>; mapped?: Named['chosen'] } | undefined {
  let mi = start;
  let ref = startRef;
  let mapped: Named['chosen'];
  for (let depth = 0; depth <= MAX_MODULE_DEPTH; depth++) {
    const own = mi.def.providers.get(ref);
    if (own) return { mi, block: own, ...(mapped ? { mapped } : {}) };
    if (mi.input.kind === 'root') return undefined;
    const call = mi.input.call;
    const providers = attr(call.block.body, 'providers');
    if (providers) {
      const to = providerMap(providers.expr)?.get(ref);
      if (to === undefined) return undefined;
      // The outermost mapping is the one a caller edits to move the module.
      mapped = { attribute: 'providers', ref: to, site: siteOf(call.file, providers.range) };
      ref = to;
    } else if (ref.includes('.')) return undefined;
    mi = call.mi;
  }
  return undefined;
}

/** `{ aws = aws.west, aws.replica = aws }`: the child's reference -> the caller's. */
function providerMap(expr: Expr): Map<string, string> | undefined {
  if (expr.kind !== 'object') return undefined;
  const out = new Map<string, string>();
  for (const item of expr.items) {
    const key = refText(item.key);
    const value = refText(item.value);
    if (key === undefined || value === undefined) return undefined;
    out.set(key, value);
  }
  return out;
}

/** A provider reference as written: `aws`, `aws.west`, or the same in a JSON string. */
function refText(expr: Expr): string | undefined {
  if (expr.kind === 'scope') return expr.name;
  if (expr.kind === 'getattr') {
    const object = refText(expr.object);
    return object === undefined || object.includes('.') ? undefined : `${object}.${expr.name}`;
  }
  const text = literalString(expr);
  return text !== undefined && /^[a-z][\w-]*(\.[\w-]+)?$/i.test(text) ? text : undefined;
}

function siteOfRegion(ctx: Ctx, named: Named): AttributeSite {
  const origin = named.value.site && named.value.site.file ? named.value.site : named.at;
  const out: AttributeSite = {
    attribute: named.at.name ?? 'region',
    value: named.name,
    site: { file: origin.file, startLine: origin.start, endLine: origin.end },
    text: ctx.lines.text(origin),
  };
  if (origin !== named.at) {
    out.written = { file: named.at.file, startLine: named.at.start, endLine: named.at.end };
    out.writtenText = ctx.lines.text(named.at);
  }
  const chosen = named.chosen;
  if (chosen) {
    const site = { file: chosen.site.file, startLine: chosen.site.start, endLine: chosen.site.end };
    out.decidedBy = { attribute: chosen.attribute, value: chosen.ref, site, text: ctx.lines.text(chosen.site) };
  }
  return out;
}
