import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../src/catalog/index.js';
import { IMAGE_KINDS } from '../../src/catalog/images.js';
import { chartMajor, chartRepository } from '../../src/catalog/kubernetes/charts.js';
import { AUTOSCALE_MIN_KEY, INDEPENDENT_KEY, PINNED_KEY, QUORUM_KEY, SHARED_BY_KEY } from '../../src/catalog/kubernetes/index.js';
import { entryFor } from '../../src/catalog/lookup.js';
import { judge, summary, UNKNOWN } from './view.js';

const k8s = (type: string, attrs: Record<string, unknown> = {}, zones: { count: number } | null = null) => judge({ type, format: 'kubernetes', attrs, zones });

describe('kubernetes catalog', () => {
  it('counts replicas, defaulting to 1, and lets an autoscaler floor override them', () => {
    expect(summary(k8s('Deployment'))).toEqual({ instances: 1, zones: null, failover: null });
    expect(summary(k8s('Deployment', { 'spec.replicas': 3 }))).toMatchObject({ instances: 3 });
    expect(summary(k8s('StatefulSet', { 'spec.replicas': '2' }))).toMatchObject({ instances: 2 });
    const hpa = k8s('Deployment', { 'spec.replicas': 5, [AUTOSCALE_MIN_KEY]: 1 });
    expect(hpa.redundancy.instances).toBe(1);
    expect(hpa.decisive).toEqual([AUTOSCALE_MIN_KEY]);
    expect(hpa.fix).toEqual({ key: AUTOSCALE_MIN_KEY, value: 2, note: undefined });
    // KEDA's minReplicaCount 0 still serves with one replica.
    expect(k8s('Deployment', { [AUTOSCALE_MIN_KEY]: 0 }).redundancy.instances).toBe(1);
    expect(k8s('Deployment', { 'spec.replicas': UNKNOWN }).redundancy.instances).toBeNull();
    expect(k8s('Deployment', { 'spec.replicas': 3 }).fix).toBeUndefined();
  });

  it('needs three members for a quorum workload, and caps zones at the instance count', () => {
    const etcd = k8s('StatefulSet', { 'spec.replicas': 2, [QUORUM_KEY]: true });
    expect(etcd.redundancy).toMatchObject({ instances: 2, quorum: true });
    expect(etcd.fix).toMatchObject({ key: 'replicas', value: 3 });
    expect(k8s('StatefulSet', { 'spec.replicas': 3, [QUORUM_KEY]: true }).fix).toBeUndefined();
    expect(k8s('Deployment', { 'spec.replicas': 1 }, { count: 2 }).redundancy.zones).toEqual({ count: 1 });
  });

  it('treats DaemonSets as redundant by node count unless pinned, bare Pods as one instance', () => {
    expect(summary(k8s('DaemonSet'))).toMatchObject({ instances: 2 });
    expect(summary(k8s('DaemonSet', { [PINNED_KEY]: true }, { count: 1 }))).toEqual({ instances: 1, zones: 1, failover: null });
    expect(summary(k8s('Pod'))).toEqual({ instances: 1, zones: 1, failover: false });
  });

  it('judges operator resources from their count fields', () => {
    expect(summary(k8s('postgresql.cnpg.io/Cluster', { 'spec.instances': 3 }))).toEqual({ instances: 3, zones: null, failover: true });
    expect(summary(k8s('postgresql.cnpg.io/Cluster'))).toEqual({ instances: 1, zones: null, failover: false });
    expect(summary(k8s('acid.zalan.do/postgresql', { 'spec.numberOfInstances': 2 }))).toMatchObject({ instances: 2, failover: true });
    const zk = k8s('kafka.strimzi.io/Kafka', { 'spec.kafka.replicas': 3, 'spec.zookeeper.replicas': 1 });
    expect(zk.redundancy).toMatchObject({ instances: 1, quorum: true });
    expect(zk.fix).toMatchObject({ key: 'zookeeperReplicas', value: 3 });
    expect(k8s('kafka.strimzi.io/KafkaNodePool', { 'spec.replicas': 2, 'spec.roles': ['controller', 'broker'] }).redundancy).toMatchObject({ instances: 2, quorum: true });
    expect(k8s('kafka.strimzi.io/KafkaNodePool', { 'spec.replicas': 1, 'spec.roles': ['broker'] }).redundancy).toMatchObject({ instances: 1, quorum: false });
    expect(k8s('databases.spotahome.com/RedisFailover').redundancy).toMatchObject({ instances: 3, failover: true });
    expect(k8s('app.redislabs.com/RedisEnterpriseDatabase', { 'spec.replication': true }).redundancy).toMatchObject({ instances: 2, failover: true });
    expect(k8s('cache.cs.sap.com/Valkey', { 'spec.replicas': 3 }).redundancy).toMatchObject({ instances: 1, failover: false });
    expect(k8s('cache.cs.sap.com/Valkey', { 'spec.replicas': 3, 'spec.sentinel.enabled': true }).redundancy).toMatchObject({ instances: 3, failover: true });
    expect(k8s('mongodbcommunity.mongodb.com/MongoDBCommunity', { 'spec.members': 3 }).redundancy).toMatchObject({ instances: 3, quorum: true });
    expect(k8s('monitoring.coreos.com/Prometheus', { 'spec.replicas': 2 }).redundancy.instances).toBe(2);
    expect(k8s('monitoring.coreos.com/Alertmanager').redundancy.instances).toBe(1);
    expect(entryFor('kubernetes', 'kafka.strimzi.io/Kafka')!.applies!({ get: () => undefined } as never)).toBe(false);
  });

  it('makes a ReadWriteOnce claim one instance only when several replicas share it', () => {
    const shared = k8s('PersistentVolumeClaim', { 'spec.accessModes': ['ReadWriteOnce'], [SHARED_BY_KEY]: 3 });
    expect(shared.redundancy).toMatchObject({ instances: 1, failover: false });
    expect(shared.redundancy.zonalManaged).toBeUndefined();
    expect(k8s('PersistentVolumeClaim', { 'spec.accessModes': ['ReadWriteOnce'], [SHARED_BY_KEY]: 1 }).redundancy.zonalManaged).toBe(true);
    expect(k8s('PersistentVolumeClaim', { 'spec.accessModes': ['ReadWriteMany'], [SHARED_BY_KEY]: 3 }).redundancy.zonalManaged).toBe(true);
  });

  it('makes LoadBalancer and NodePort Services entry points, ClusterIP ones not', () => {
    expect(k8s('Service', { 'spec.type': 'LoadBalancer' }).entryPoint).toBe(true);
    expect(k8s('Service', { 'spec.type': 'NodePort' }).entryPoint).toBe(true);
    expect(k8s('Service').entryPoint).toBe(false);
    expect(entryFor('kubernetes', 'Ingress')).toMatchObject({ role: 'connector', entryPoint: true });
    expect(entryFor('kubernetes', 'HTTPRoute')).toMatchObject({ role: 'connector', entryPoint: true });
  });

  it('resolves every well-known image to a rule of the catalog (the rule a workload running it gets)', () => {
    const ids = new Set(CATALOG.map((e) => e.id));
    for (const k of IMAGE_KINDS) expect(ids.has(k.id), k.id).toBe(true);
    expect(CATALOG.filter((e) => e.types.kubernetes).every((e) => e.id.startsWith('k8s-'))).toBe(true);
  });

  it('counts replicas of an image that does not replicate its data as one server, with no replicas fix', () => {
    const redis = k8s('Deployment', { 'spec.replicas': 3, [INDEPENDENT_KEY]: true });
    expect(redis.redundancy.instances).toBe(1);
    expect(redis.fix).toBeUndefined();
    expect(k8s('StatefulSet', { [INDEPENDENT_KEY]: true, [AUTOSCALE_MIN_KEY]: 4 }).redundancy.instances).toBe(1);
  });
});

describe('known charts', () => {
  it('reads the lowest major a chart version constraint allows, and none from a range', () => {
    expect(['11.3.4', '16.x', '^17.0.0', '~16', 'v14', '19.6.4-debian'].map(chartMajor)).toEqual([11, 16, 17, 16, 14, 19]);
    expect(['>=1.0.0', '*', '', undefined, '>=14 <15'].map(chartMajor)).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(chartRepository('oci://registry-1.docker.io/bitnamicharts/')).toBe('registry-1.docker.io/bitnamicharts');
  });
});
