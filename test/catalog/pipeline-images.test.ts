import { describe, expect, it } from 'vitest';
import { runtimeKey, runtimeKind } from '../../src/catalog/images.js';
import { pipelineGroup, tagMajor } from '../../src/catalog/pipeline-images.js';

const rt = (image: string | undefined, words: string[] = [], env: Record<string, string> = {}, files?: string) => ({
  ...(image !== undefined ? { image } : {}),
  words,
  env: Object.entries(env).map(([name, value]) => ({ name, value })),
  ...(files !== undefined ? { files } : {}),
});

describe('schedulers, orchestrators and ingestion workers', () => {
  it('tells an Airflow scheduler from the other Airflow processes by its subcommand, and 1.x from the tag', () => {
    expect(runtimeKey(rt('apache/airflow:2.9.3', ['scheduler']))).toBe('airflow-scheduler');
    expect(runtimeKey(rt('apache/airflow:2.9.3', ['webserver']))).toBeUndefined();
    expect(runtimeKey(rt('apache/airflow:2.9.3', ['celery', 'worker']))).toBeUndefined();
    expect(runtimeKey(rt('apache/airflow:2.9.3', ['triggerer']))).toBe('airflow-triggerer');
    expect(runtimeKey(rt('apache/airflow:1.10.15', ['scheduler']))).toBe('airflow1-scheduler');
    expect(runtimeKey(rt('puckel/docker-airflow:latest', ['scheduler']))).toBe('airflow1-scheduler');
    expect(runtimeKey(rt('ghcr.io/acme/etl:7', ['bash', '-c', 'airflow db migrate && exec airflow scheduler']))).toBe('airflow-scheduler');
    expect(runtimeKey(rt('apache/airflow:slim-2.8.1-python3.11', ['scheduler']))).toBe('airflow-scheduler');
    expect(runtimeKind(rt('apache/airflow:1.10.15', ['scheduler']))?.pipeline?.singleton).toBeDefined();
    expect(runtimeKind(rt('apache/airflow:2.9.3', ['scheduler']))?.pipeline?.singleton).toBeUndefined();
  });

  it('reads the mode that makes a second copy a standby rather than a second run of the work', () => {
    expect(runtimeKey(rt('ghcr.io/acme/shop:4', ['celery', '-A', 'shop', 'beat', '-l', 'info']))).toBe('celery-beat');
    expect(runtimeKey(rt('ghcr.io/acme/shop:4', ['celery -A shop beat -S redbeat.RedBeatScheduler']))).toBe('celery-beat-locked');
    expect(runtimeKey(rt('ghcr.io/acme/shop:4', ['celery', '-A', 'shop', 'worker', '-B']))).toBe('celery-beat');
    expect(runtimeKey(rt('ghcr.io/acme/shop:4', ['celery', '-A', 'shop', 'worker']))).toBeUndefined();
    expect(runtimeKey(rt('flink:1.19', ['jobmanager']))).toBe('flink-jobmanager');
    expect(runtimeKey(rt('flink:1.19', ['jobmanager'], { FLINK_PROPERTIES: 'high-availability.type: kubernetes\nhigh-availability.storageDir: s3://ha/flink' }))).toBe('flink-jobmanager-ha');
    expect(runtimeKey(rt('flink:1.19', ['jobmanager'], {}, 'high-availability: zookeeper\n'))).toBe('flink-jobmanager-ha');
    expect(runtimeKey(rt('flink:1.19', ['taskmanager']))).toBeUndefined();
    expect(runtimeKey(rt('bitnami/spark:3.5', [], { SPARK_MODE: 'master' }))).toBe('spark-master');
    expect(runtimeKey(rt('bitnami/spark:3.5', [], { SPARK_MODE: 'master', SPARK_DAEMON_JAVA_OPTS: '-Dspark.deploy.recoveryMode=ZOOKEEPER -Dspark.deploy.zookeeper.url=zk:2181' }))).toBe('spark-master-ha');
    expect(runtimeKey(rt('bitnami/spark:3.5', [], { SPARK_MODE: 'worker' }))).toBeUndefined();
    expect(runtimeKey(rt('apache/nifi:1.25.0'))).toBe('nifi');
    expect(runtimeKey(rt('apache/nifi:1.25.0', [], { NIFI_CLUSTER_IS_NODE: 'true' }))).toBe('nifi-cluster');
  });

  it('knows cron runners, Connect workers, Prefect, Dagster and log aggregators', () => {
    expect(runtimeKey(rt('alpine:3.20', ['crond', '-f', '-l', '2']))).toBe('cron');
    expect(runtimeKey(rt('ghcr.io/acme/jobs:1', ['supercronic', '/etc/crontab']))).toBe('cron');
    expect(runtimeKey(rt('mcuadros/ofelia:0.3', ['daemon', '--docker']))).toBe('cron');
    expect(runtimeKey(rt('debezium/connect:2.6'))).toBe('kafka-connect');
    expect(runtimeKey(rt('confluentinc/cp-kafka-connect:7.6.1'))).toBe('kafka-connect');
    // A Kafka image running a Connect worker is a Connect worker, not a broker.
    expect(runtimeKey(rt('bitnami/kafka:3.7', ['/opt/bitnami/kafka/bin/connect-distributed.sh', '/config/connect.properties']))).toBe('kafka-connect');
    expect(runtimeKey(rt('bitnami/kafka:3.7', ['connect-standalone.sh', 'worker.properties', 'sink.properties']))).toBe('kafka-connect-standalone');
    expect(runtimeKey(rt('prefecthq/prefect:3-latest', ['prefect', 'server', 'start']))).toBe('prefect-server');
    expect(runtimeKey(rt('prefecthq/prefect:3-latest', ['prefect', 'worker', 'start', '--pool', 'etl']))).toBe('prefect-worker');
    expect(runtimeKey(rt('ghcr.io/acme/dagster:1', ['dagster-daemon', 'run']))).toBe('dagster-daemon');
    expect(runtimeKey(rt('docker.elastic.co/logstash/logstash:8.14.0'))).toBe('logstash');
    expect(runtimeKey(rt('fluent/fluentd:v1.17-1'))).toBe('fluentd');
    expect(runtimeKey(rt('cr.fluentbit.io/fluent/fluent-bit:3.1'))).toBe('fluent-bit');
    expect(runtimeKey(rt('timberio/vector:0.39.0-debian'))).toBe('vector');
    // Names too common to mean the software without its namespace.
    expect(runtimeKey(rt('ghcr.io/acme/vector:1'))).toBeUndefined();
    expect(runtimeKey(rt('ghcr.io/acme/connect:1'))).toBeUndefined();
  });

  it('groups workers by what their configuration says they share', () => {
    expect(pipelineGroup('kafka-connect', rt('debezium/connect:2.6', [], { GROUP_ID: 'cdc' }))).toBe('kafka-connect\u0000cdc');
    expect(pipelineGroup('kafka-connect', rt('confluentinc/cp-kafka-connect:7.6.1', [], { CONNECT_GROUP_ID: 'sinks' }))).toBe('kafka-connect\u0000sinks');
    expect(pipelineGroup('kafka-connect', rt('debezium/connect:2.6'))).toBeUndefined();
    expect(pipelineGroup('prefect-worker', rt('prefecthq/prefect:3', ['prefect', 'worker', 'start', '--pool', 'etl']))).toBe('prefect-worker\u0000etl');
    expect(pipelineGroup('prefect-worker', rt('prefecthq/prefect:3', ['prefect worker start --pool=etl']))).toBe('prefect-worker\u0000etl');
  });

  it('reads the major version of an image tag, and nothing from a tag that names none', () => {
    expect(tagMajor('apache/airflow:2.9.3')).toBe(2);
    expect(tagMajor('registry.example.com:5000/apache/airflow:1.10.15-python3.8')).toBe(1);
    expect(tagMajor('apache/airflow:latest')).toBeUndefined();
    expect(tagMajor('apache/airflow')).toBeUndefined();
  });
});
