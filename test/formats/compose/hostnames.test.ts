import { describe, expect, it } from 'vitest';
import { hostnamesIn } from '../../../src/formats/compose/hostnames.js';

describe('host names in values', () => {
  it('finds hosts in URLs, host:port lists and connection strings', () => {
    expect(hostnamesIn('DATABASE_URL', 'postgres://app:s3cr@t@db:5432/app?sslmode=disable')).toEqual(['db']);
    expect(hostnamesIn('SPRING_DATASOURCE_URL', 'jdbc:postgresql://pg:5432/app')).toEqual(['pg']);
    expect(hostnamesIn('KAFKA_ZOOKEEPER_CONNECT', 'zoo1:2181,zoo2:2182,zoo3:2183/kafka')).toEqual(['zoo1', 'zoo2', 'zoo3']);
    expect(hostnamesIn('ZOO_SERVERS', 'server.1=zoo1:2888:3888;2181 server.2=zoo2:2888:3888;2181')).toEqual(['zoo1', 'zoo2']);
    expect(hostnamesIn('KAFKA_ADVERTISED_LISTENERS', 'INTERNAL://kafka1:19092,EXTERNAL://127.0.0.1:9092')).toEqual(['kafka1', '127.0.0.1']);
    expect(hostnamesIn('KAFKA_CONTROLLER_QUORUM_VOTERS', '1@controller-1:9093,2@controller-2:9093')).toEqual(['controller-1', 'controller-2']);
    expect(hostnamesIn('ConnectionStrings__Default', 'Server=sqlserver;Database=app;User Id=sa')).toEqual(['sqlserver']);
    expect(hostnamesIn('MONGO_URL', 'mongodb://a:27017,b:27017/db?replicaSet=rs0')).toEqual(['a', 'b']);
    expect(hostnamesIn('DSN', 'user:pass@tcp(mysql:3306)/app')).toEqual(['mysql']);
  });

  it('takes bare words for hosts only under variables named for hosts', () => {
    expect(hostnamesIn('REDIS_HOST', 'redis')).toEqual(['redis']);
    expect(hostnamesIn('ES_SEEDS', 'es01,es02')).toEqual(['es01', 'es02']);
    expect(hostnamesIn('APP_MODE', 'api')).toEqual([]);
    expect(hostnamesIn('LOG_FORMAT', 'api:debug')).toEqual([]);
    expect(hostnamesIn('PREFIX', 'api/v1')).toEqual([]);
  });

  it('bounds the work on huge values', () => {
    const big = 'x:1,'.repeat(1_000_000);
    const t0 = performance.now();
    expect(hostnamesIn('HOSTS', big)).toEqual(['x']);
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});
