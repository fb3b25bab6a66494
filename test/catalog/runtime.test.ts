import { describe, expect, it } from 'vitest';
import { runtimeKey, runtimeKind } from '../../src/catalog/images.js';

const rt = (image: string | undefined, words: string[] = [], env: Record<string, string> = {}) => ({
  ...(image !== undefined ? { image } : {}),
  words,
  env: Object.entries(env).map(([name, value]) => ({ name, value })),
});

describe('what a container runs', () => {
  it('reads quorum systems from images the tutorials and distributions publish', () => {
    expect(runtimeKey(rt('registry.k8s.io/kubernetes-zookeeper:1.0-3.4.10'))).toBe('zookeeper');
    expect(runtimeKey(rt('k8s.gcr.io/etcd-amd64:3.1.10'))).toBe('etcd');
    expect(runtimeKey(rt('bitnami/mariadb-galera:11.4'))).toBe('galera');
    expect(runtimeKey(rt('ghcr.io/zalando/spilo-16:3.2-p2'))).toBe('patroni');
    expect(runtimeKind(rt('bitnami/mariadb-galera:11.4'))?.quorum).toBe(true);
  });

  it('reads the server program of an in-house image from its command, not from what a client passes', () => {
    expect(runtimeKey(rt('ghcr.io/acme/zk:3.8', ['sh', '-c', 'exec start-zookeeper --servers=3 --data_dir=/var/lib/zookeeper']))).toBe('zookeeper');
    expect(runtimeKey(rt('ghcr.io/acme/kv:3.5', ['/usr/local/bin/etcd', '--name', 'kv']))).toBe('etcd');
    expect(runtimeKey(rt('ghcr.io/acme/api:1', ['api', '--registry', 'etcd', '--etcd-endpoints', 'http://etcd:2379']))).toBeUndefined();
    expect(runtimeKey(rt('ghcr.io/acme/tool:1', ['sh', '-c', 'etcdctl get /config && run-app']))).toBeUndefined();
    expect(runtimeKey(rt('ghcr.io/acme/zk:3.8', [], { ZOO_MY_ID: '1', ZOO_SERVERS: 'server.1=zk-0:2888:3888' }))).toBe('zookeeper');
    expect(runtimeKey(rt('ghcr.io/acme/api:1', [], { ETCD_ENDPOINTS: 'http://etcd:2379', ZOOKEEPER_CONNECT: 'zk:2181' }))).toBeUndefined();
  });

  it('picks the variant the configuration selects, which decides how replicas survive failures', () => {
    expect(runtimeKey(rt('mongo:7', ['mongod', '--replSet', 'rs0', '--bind_ip_all']))).toBe('mongo-replset');
    expect(runtimeKind(rt('mongo:7', ['mongod', '--replSet', 'rs0']))?.quorum).toBe(true);
    expect(runtimeKey(rt('mongo:7'))).toBe('mongo');
    expect(runtimeKey(rt('mariadb:11', ['--wsrep-new-cluster', '--wsrep_cluster_address=gcomm://db-0,db-1,db-2']))).toBe('galera');
    expect(runtimeKey(rt('postgres:16', [], { PATRONI_SCOPE: 'main' }))).toBe('patroni');
    expect(runtimeKind(rt('postgres:16', [], { PATRONI_SCOPE: 'main' }))?.quorum).toBeFalsy();
    expect(runtimeKey(rt('apache/kafka:3.7.0', [], { KAFKA_PROCESS_ROLES: 'controller' }))).toBe('kafka-controller');
    expect(runtimeKey(rt('bitnami/kafka:3.7', [], { KAFKA_CFG_PROCESS_ROLES: 'broker,controller' }))).toBe('kafka');
    expect(runtimeKey(rt('apache/kafka:3.7.0', ['/opt/kafka/bin/kafka-server-start.sh', 'config.properties', '--override', 'process.roles=controller']))).toBe('kafka-controller');
  });
});
