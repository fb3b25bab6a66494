import { describe, expect, it } from 'vitest';
import { OPAQUE_MODULE_RULE, inputReduction, opaqueModuleEntry } from '../../src/catalog/modules/opaque.js';

describe('modules whose code is not read', () => {
  it('recognises a registry module by its signature, only when exactly one signature matches', () => {
    expect(opaqueModuleEntry(new Set(['engine', 'instance_class', 'multi_az', 'identifier']))?.entry.id).toBe('tf-module-aws-rds-by-inputs');
    expect(opaqueModuleEntry(new Set(['cidr', 'azs', 'private_subnets']))?.signature?.name).toBe('VPC module');
    // engine + instance_class without multi_az is not the RDS signature; multi_az alone is a redundancy input.
    expect(opaqueModuleEntry(new Set(['engine', 'instance_class']))).toBeUndefined();
    expect(opaqueModuleEntry(new Set(['name', 'multi_az']))?.entry.id).toBe(OPAQUE_MODULE_RULE);
    expect(opaqueModuleEntry(new Set(['name', 'multi_az']))?.redundancyInputs).toEqual(['multi_az']);
  });

  it('reports a change toward less redundancy, by what the name says', () => {
    expect(inputReduction('multi_az', true, false)?.cut).toBe('one');
    expect(inputReduction('availability_type', 'REGIONAL', 'ZONAL')?.cut).toBe('one');
    expect(inputReduction('deployment_mode', 'ACTIVE_STANDBY_MULTI_AZ', 'SINGLE_INSTANCE')?.cut).toBe('one');
    expect(inputReduction('instances', 3, 1)?.cut).toBe('one');
    expect(inputReduction('instances', { a: {}, b: {} }, { a: {} })?.cut).toBe('one');
    expect(inputReduction('replicas', 3, 2)?.cut).toBe('fewer');
    expect(inputReduction('number_cache_clusters', '2', '1')?.cut).toBe('one');
    expect(inputReduction('single_nat_gateway', false, true)?.cut).toBe('zone');
    expect(inputReduction('one_nat_gateway_per_az', true, false)?.cut).toBe('zone');
    expect(inputReduction('azs', ['a', 'b', 'c'], ['a'])?.cut).toBe('zone');
    expect(inputReduction('azs', ['a', 'b', 'c'], ['a', 'b'])?.cut).toBe('fewer');
  });

  it('never reports more redundancy, an unchanged value, an unknown or absent one, or a cut to zero', () => {
    expect(inputReduction('multi_az', false, true)).toBeUndefined();
    expect(inputReduction('instances', 1, 3)).toBeUndefined();
    expect(inputReduction('instances', 1, 1)).toBeUndefined();
    expect(inputReduction('instances', undefined, 1)).toBeUndefined();
    expect(inputReduction('instances', 3, undefined)).toBeUndefined();
    expect(inputReduction('instances', 3, 0)).toBeUndefined();
    expect(inputReduction('availability_type', 'ZONAL', 'ZONAL')).toBeUndefined();
    expect(inputReduction('azs', ['a', 'b'], ['b', 'a'])).toBeUndefined();
    expect(inputReduction('instance_type', 'large', 'small')).toBeUndefined();
  });
});
