import { describe, expect, it } from 'vitest';
import { IMAGE_KINDS, imageKind, imageName, replicasAreIndependent } from '../../src/catalog/images.js';

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

  it('knows the common stateful images, with whether their replicas form one system', () => {
    const stateful = [
      'clickhouse/clickhouse-server:24.3', 'chrislusf/seaweedfs:3.6', 'minio/minio', 'bitnami/etcd:3.5', 'cassandra:4', 'scylladb/scylla:5',
      'elasticsearch:8.13.0', 'opensearchproject/opensearch:2', 'mongo:7', 'mariadb:11', 'mysql:8', 'postgres:16-alpine', 'timescale/timescaledb-ha:pg16',
      'pgvector/pgvector:pg16', 'valkey/valkey:8', 'memcached:1.6', 'rabbitmq:3-management', 'nats:2', 'apache/kafka:3.7.0', 'zookeeper:3.9',
      'influxdb:2.7', 'questdb/questdb', 'victoriametrics/victoria-metrics', 'prom/prometheus', 'grafana/loki:3.0.0', 'grafana/tempo', 'hashicorp/vault:1.16',
      'hashicorp/consul', 'sonatype/nexus3:3.68.1', 'redpandadata/redpanda',
    ];
    for (const image of stateful) expect([image, imageKind(image)?.role]).toEqual([image, expect.stringMatching(/^(database|cache|queue|storage)$/)]);
    // Copies of a plain single-server image are separate datasets; clustering software forms one system.
    expect(replicasAreIndependent(imageKind('influxdb:2.7'))).toBe(true);
    expect(replicasAreIndependent(imageKind('postgres:16'))).toBe(true);
    expect(replicasAreIndependent(imageKind('clickhouse/clickhouse-server:24.3'))).toBe(false);
    // One image, several roles (master, volume, filer): services sharing it are no cluster.
    expect(imageKind('chrislusf/seaweedfs')?.cluster).toBeUndefined();
    expect(imageKind('hashicorp/vault')?.quorum).toBe(true);
  });

  it('has unique ids in the catalog id shape', () => {
    const ids = IMAGE_KINDS.map((k) => k.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });
});
