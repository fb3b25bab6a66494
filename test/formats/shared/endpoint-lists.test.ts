import { describe, expect, it } from 'vitest';
import { endpointListIn } from '../../../src/formats/shared/endpoint-lists.js';

const hosts = (key: string, value: string, bare = false) => endpointListIn(key, value, bare)?.hosts;

describe('endpoint lists', () => {
  it('reads the client lists of the common systems', () => {
    expect(hosts('ZOOKEEPER_CONNECT', 'zk1:2181,zk2:2181,zk3:2181/kafka')).toEqual(['zk1', 'zk2', 'zk3']);
    expect(hosts('KAFKA_BOOTSTRAP_SERVERS', 'PLAINTEXT://k1:9092,PLAINTEXT://k2:9092')).toEqual(['k1', 'k2']);
    expect(hosts('MONGO_URL', 'mongodb://app:s3cret@m1:27017,m2:27017,m3:27017/shop?replicaSet=rs0')).toEqual(['m1', 'm2', 'm3']);
    expect(hosts('SPRING_DATASOURCE_URL', 'jdbc:postgresql://pg1:5432,pg2:5432/app?targetServerType=primary')).toEqual(['pg1', 'pg2']);
    expect(hosts('ELASTICSEARCH_HOSTS', '["http://es01:9200","http://es02:9200"]')).toEqual(['es01', 'es02']);
    expect(hosts('ETCD_ENDPOINTS', 'http://etcd1:2379,http://etcd2:2379,http://etcd3:2379')).toEqual(['etcd1', 'etcd2', 'etcd3']);
    expect(hosts('REDIS_SENTINELS', 'sentinel1:26379;sentinel2:26379')).toEqual(['sentinel1', 'sentinel2']);
    expect(hosts('CASSANDRA_CONTACT_POINTS', 'cass1,cass2', true)).toEqual(['cass1', 'cass2']);
  });

  it('a single endpoint is a list of one', () => {
    expect(hosts('DATABASE_URL', 'postgres://u:p@db:5432/app?sslmode=disable')).toEqual(['db']);
    expect(hosts('REDIS_HOST', 'redis', true)).toEqual(['redis']);
  });

  it('peer, quorum and listener configuration is not a list of alternatives', () => {
    expect(hosts('ZOO_SERVERS', 'server.1=zoo1:2888:3888;2181 server.2=zoo2:2888:3888;2181')).toBeUndefined();
    expect(hosts('KAFKA_CONTROLLER_QUORUM_VOTERS', '1@c1:9093,2@c2:9093')).toBeUndefined();
    expect(hosts('ETCD_INITIAL_CLUSTER', 'etcd1=http://etcd1:2380,etcd2=http://etcd2:2380')).toBeUndefined();
    expect(hosts('KAFKA_ADVERTISED_LISTENERS', 'INTERNAL://kafka1:19092,EXTERNAL://localhost:9092')).toBeUndefined();
    expect(hosts('ZOOKEEPER_SERVERS', 'zoo1:2888:3888;zoo2:2888:3888')).toBeUndefined();
  });

  it('words that are not endpoints make the value no list', () => {
    expect(hosts('APP_MODE', 'api worker')).toBeUndefined();
    expect(hosts('JAVA_OPTS', '-Xmx1g -Dfoo=bar')).toBeUndefined();
    expect(hosts('PATHS', 'a/b,c/d')).toBeUndefined();
  });

  it('reads a bounded part of a huge value', () => {
    expect(hosts('HOSTS', 'x:1,'.repeat(1_000_000))).toBeUndefined();
  });
});
