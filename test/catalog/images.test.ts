import { describe, expect, it } from 'vitest';
import { IMAGE_KINDS, imageKind, imageName } from '../../src/catalog/images.js';

describe('image kinds', () => {
  it('strips registry, namespace, tag and digest', () => {
    expect(imageName('docker.io/bitnami/postgresql:16.2')).toBe('postgresql');
    expect(imageName('registry:5000/team/redis@sha256:abc')).toBe('redis');
    expect(imageName('confluentinc/cp-kafka:7.6.0')).toBe('cp-kafka');
  });

  it('maps images and aliases to roles, with quorum systems marked', () => {
    expect(imageKind('bitnami/postgresql:16')?.role).toBe('database');
    expect(imageKind('valkey/valkey:8')?.role).toBe('cache');
    expect(imageKind('confluentinc/cp-zookeeper:7')?.quorum).toBe(true);
    expect(imageKind('quay.io/coreos/etcd:v3.5')?.quorum).toBe(true);
    expect(imageKind('nginx:1.27')).toBeUndefined();
    expect(imageKind(undefined)).toBeUndefined();
  });

  it('has unique ids in the catalog id shape', () => {
    const ids = IMAGE_KINDS.map((k) => k.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });
});
