/**
 * What the configuration says about the outputs of a few well-known registry modules, so that
 * placement resolves through them without downloading anything: the subnets of
 * terraform-aws-modules/vpc are placed in `azs` by index (`element(var.azs, i)` in the module),
 * one subnet per CIDR given in `<kind>_subnets`.
 */
import { normalizeModuleSource } from '../../catalog/lookup.js';
import type { BodyReader } from './body-reader.js';
import { asString, list, str, unknown, type LazyObject, type Refs, type Val } from './values.js';

const VPC = 'terraform-aws-modules/vpc/aws';
const SUBNET_OUTPUT = /^(private|public|database|elasticache|redshift|intra|outpost)_subnets$/;
const GROUP_OUTPUT = /^(database|elasticache|redshift)_subnet_group(_name)?$/;

/** A subnet the module creates: only its zone is known (a name, or a fixed element of an unknown list). */
class ModuleSubnet implements LazyObject {
  readonly type = 'aws_subnet';
  constructor(
    readonly id: string,
    private readonly zone: Val,
  ) {}
  has(name: string): boolean {
    return name === 'availability_zone';
  }
  get(name: string): Val | undefined {
    return name === 'availability_zone' ? this.zone : undefined;
  }
}

/** A subnet group the module creates over its subnets of one kind. */
class ModuleSubnetGroup implements LazyObject {
  readonly type = 'aws_db_subnet_group';
  constructor(
    readonly id: string,
    private readonly subnets: Val,
  ) {}
  has(name: string): boolean {
    return name === 'subnet_ids';
  }
  get(name: string): Val | undefined {
    return name === 'subnet_ids' ? this.subnets : undefined;
  }
}

/** Zones of a list field: known names, or fixed elements of an unknown list (`slice(data.x.names, 0, 3)`). */
function zoneList(v: Val | undefined): Val[] | undefined {
  if (!v || v.t !== 'list') return undefined;
  const out: Val[] = [];
  for (const it of v.items) {
    const s = asString(it);
    if (s !== undefined) out.push(str(s));
    else if (it.t === 'unknown' && it.sym) out.push(unknown(it.why, { sym: it.sym }));
    else return undefined;
  }
  return out;
}

function subnets(inputs: BodyReader, kind: string, id: string, refs: Refs): Val | undefined {
  const azs = zoneList(inputs.field('azs'));
  const cidrs = inputs.field(`${kind}_subnets`);
  if (!azs || !azs.length || !cidrs || cidrs.t !== 'list') return undefined;
  const items: Val[] = cidrs.items.map((_, j) =>
    unknown(`${id}.${kind}_subnets[${j}]`, { refs, scalar: true, sym: `${id}.${kind}_subnets[${j}]`, inst: new ModuleSubnet(`${id}.${kind}_subnets[${j}]`, azs[j % azs.length]!) }),
  );
  return list(items, { own: refs });
}

/**
 * The value of output `name` of a registry module instance when the configuration determines its
 * placement; undefined otherwise (the caller treats the output as unknown).
 */
export function registryOutput(source: string | undefined, inputs: BodyReader, id: string, name: string, refs: Refs): Val | undefined {
  if (source === undefined || normalizeModuleSource(source) !== VPC) return undefined;
  const s = SUBNET_OUTPUT.exec(name);
  if (s) return subnets(inputs, s[1]!, id, refs);
  const g = GROUP_OUTPUT.exec(name);
  if (g) {
    const members = subnets(inputs, g[1]!, id, refs);
    if (!members) return undefined;
    return unknown(`${id}.${name}`, { refs, sym: `${id}.${name}`, inst: new ModuleSubnetGroup(`${id}.${name}`, members) });
  }
  return undefined;
}
