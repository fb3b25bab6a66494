import type { PipelineRole, RecoveryEstimate } from './entry.js';
import type { ContainerRuntime, ImageKind } from './images.js';
import { recovery, type RecoveryPattern } from './recovery.js';

/*
 * Schedulers, orchestrators and ingestion workers, known by image and command (DESIGN: "Pipelines"). The
 * image alone rarely says it: `apache/airflow` runs the webserver, the workers and the scheduler, and Celery
 * beat runs in the application's own image. What decides is the subcommand, then the mode that decides
 * whether a second copy is a standby (Flink and Spark HA, RedBeat's lock, a NiFi cluster) or runs the work
 * twice.
 */

const kind = (
  id: string,
  title: string,
  pipeline: PipelineRole,
  impact: string,
  patterns: [RecoveryPattern, RecoveryPattern],
): ImageKind => ({ id, title, role: 'compute', pipeline, impact, recovery: recovery(...patterns) as { redundant: RecoveryEstimate; single: RecoveryEstimate } });

export const PIPELINE_KINDS: Record<string, ImageKind> = {
  'airflow-scheduler': kind(
    'image-airflow-scheduler',
    'Airflow scheduler',
    { part: 'scheduler', note: 'Airflow 2.0+ runs several active schedulers against one metadata database; 1.x does not' },
    'no DAG run is scheduled and no queued task is started until a scheduler is back (tasks already running finish)',
    ['schedulersActive', 'schedulerRestart'],
  ),
  'airflow1-scheduler': kind(
    'image-airflow1-scheduler',
    'Airflow 1.x scheduler',
    {
      part: 'scheduler',
      singleton: {
        why: 'Airflow 1.x supports one scheduler: a second one schedules every task twice',
        fix: 'upgrade to Airflow 2 and run 2 or more schedulers (from 2.0 schedulers share the work through row locks in the metadata database); replicas of a 1.x scheduler would run every task twice',
      },
    },
    'no DAG run is scheduled and no queued task is started until a scheduler is back (tasks already running finish)',
    ['schedulersActive', 'schedulerRestart'],
  ),
  'airflow-triggerer': kind(
    'image-airflow-triggerer',
    'Airflow triggerer',
    { part: 'scheduler', note: 'triggerers share the deferred tasks among them' },
    'deferred tasks (sensors and operators waiting on a trigger) do not resume until a triggerer is back',
    ['schedulersActive', 'schedulerRestart'],
  ),
  'dagster-daemon': kind(
    'image-dagster-daemon',
    'Dagster daemon',
    {
      part: 'scheduler',
      singleton: {
        why: 'Dagster runs one daemon per deployment',
        fix: 'Dagster has no standby daemon: run exactly one under a supervisor that replaces it at once (a Kubernetes Deployment or an ECS service, not a single host), and alert on its heartbeats; runs already launched keep running meanwhile',
      },
    },
    'schedules, sensors and the run queue stop: no new run is launched until the daemon is back',
    ['schedulersActive', 'schedulerRestart'],
  ),
  'prefect-server': kind(
    'image-prefect-server',
    'Prefect server',
    { part: 'orchestrator', note: 'the servers share one PostgreSQL database, and scheduled runs are created once whatever the number of servers' },
    'no flow run is scheduled and workers cannot fetch work until the server is back',
    ['schedulersActive', 'schedulerRestart'],
  ),
  'prefect-worker': kind(
    'image-prefect-worker',
    'Prefect worker',
    { part: 'orchestrator', note: 'workers polling one work pool share its runs' },
    'flow runs of its work pool are not started until a worker polls the pool again',
    ['workerGroupRebalance', 'schedulerRestart'],
  ),
  'celery-beat': kind(
    'image-celery-beat',
    'Celery beat',
    {
      part: 'scheduler',
      singleton: {
        why: 'two beat processes send every periodic task twice',
        fix: 'run beat with a lock-based scheduler such as RedBeat (`-S redbeat.RedBeatScheduler`), which keeps one beat active and lets a second one wait as a standby, then run 2; replicas of a plain beat would send every periodic task twice',
      },
    },
    'periodic tasks are not sent: nothing on the beat schedule runs until beat is back',
    ['standbyTakeover', 'schedulerRestart'],
  ),
  'celery-beat-locked': kind(
    'image-celery-beat-locked',
    'Celery beat with a lock (RedBeat)',
    { part: 'scheduler', note: 'the lock keeps one beat active and the other waiting' },
    'periodic tasks are not sent: nothing on the beat schedule runs until beat is back',
    ['standbyTakeover', 'schedulerRestart'],
  ),
  cron: kind(
    'image-cron',
    'cron runner',
    {
      part: 'scheduler',
      singleton: {
        why: 'two cron runners run every job twice',
        fix: 'move the jobs to a scheduler that survives a host failure and runs each job once: Kubernetes CronJobs, EventBridge Scheduler or Cloud Scheduler, or a cron that takes a leader lock; a second copy of this runner would run every job twice',
      },
    },
    'no job of its crontab runs until it is back, and the runs due meanwhile are skipped',
    ['standbyTakeover', 'cronRestart'],
  ),
  'kafka-connect': kind(
    'image-kafka-connect',
    'Kafka Connect worker',
    {
      part: 'ingestion',
      fix: 'run 2 or more distributed workers with the same group id (CONNECT_GROUP_ID; GROUP_ID on Debezium images) and their own advertised host names: the group moves a failed worker\'s connectors to the others',
      note: 'workers with one group id share its connectors',
    },
    'its connectors stop: change data capture and sink tasks pause until a worker of its group is back, and sources that keep a limited change log (binlog, WAL) may move past the last offset',
    ['workerGroupRebalance', 'workerRestart'],
  ),
  'kafka-connect-standalone': kind(
    'image-kafka-connect-standalone',
    'Kafka Connect standalone worker',
    {
      part: 'ingestion',
      singleton: {
        why: 'a standalone worker keeps its offsets in a local file and shares its connectors with no one',
        fix: 'run Connect in distributed mode (connect-distributed) with 2 or more workers sharing a group.id, so the group moves a failed worker\'s connectors to the others',
      },
    },
    'its connectors stop until it is back, resuming from the offsets in its local file if that file survived',
    ['workerGroupRebalance', 'workerRestart'],
  ),
  logstash: kind(
    'image-logstash',
    'Logstash',
    { part: 'ingestion', note: 'list every instance in the shippers\' output (Beats `loadbalance: true`) and give them persistent queues' },
    'events sent to it are not processed: shippers buffer, then block or drop, and nothing reaches its outputs',
    ['aggregatorPeers', 'aggregatorRestart'],
  ),
  fluentd: kind(
    'image-fluentd',
    'Fluentd',
    { part: 'ingestion', note: 'list every aggregator as a server of the forwarders\' forward output' },
    'logs forwarded to it are not processed: forwarders buffer, then drop, and nothing reaches its outputs',
    ['aggregatorPeers', 'aggregatorRestart'],
  ),
  'fluent-bit': kind(
    'image-fluent-bit',
    'Fluent Bit',
    { part: 'ingestion', note: 'list every aggregator as an upstream of the forwarders' },
    'logs forwarded to it are not processed: forwarders buffer, then drop, and nothing reaches its outputs',
    ['aggregatorPeers', 'aggregatorRestart'],
  ),
  vector: kind(
    'image-vector',
    'Vector',
    { part: 'ingestion', note: 'behind a load balancer or a Service the agents send to' },
    'events sent to it are not processed: agents buffer, then drop or block, and nothing reaches its sinks',
    ['aggregatorPeers', 'aggregatorRestart'],
  ),
  nifi: kind(
    'image-nifi',
    'NiFi (standalone)',
    {
      part: 'ingestion',
      singleton: {
        why: 'replicas of a standalone NiFi are independent instances, each with its own flow and queues',
        fix: 'run NiFi as a cluster of 2 or more nodes (NIFI_CLUSTER_IS_NODE=true with a ZooKeeper connect string), which elects a coordinator and keeps the flow on every node',
      },
    },
    'its flows stop and the data queued in it waits on its disk until it is back',
    ['standbyTakeover', 'workerRestart'],
  ),
  'nifi-cluster': kind(
    'image-nifi-cluster',
    'NiFi cluster node',
    { part: 'ingestion', note: 'the cluster runs the flow on every node' },
    'its flows stop and the data queued in it waits on its disk until it is back',
    ['standbyTakeover', 'workerRestart'],
  ),
  'flink-jobmanager': kind(
    'image-flink-jobmanager',
    'Flink JobManager (no high availability)',
    {
      part: 'orchestrator',
      singleton: {
        why: 'without high availability a second JobManager is another cluster, not a standby',
        fix: 'enable JobManager high availability (`high-availability.type: kubernetes`, or zookeeper, with a durable `high-availability.storageDir`), then run a standby JobManager; jobs then restart from their latest checkpoint',
      },
    },
    'every job of the cluster fails and is not restarted until the JobManager is back, and without high availability their state restarts from scratch unless resubmitted from a savepoint',
    ['standbyTakeover', 'workerRestart'],
  ),
  'flink-jobmanager-ha': kind(
    'image-flink-jobmanager-ha',
    'Flink JobManager (high availability)',
    { part: 'orchestrator', note: 'with high availability on, a standby JobManager takes over the leadership' },
    'its jobs restart from their latest checkpoint once a JobManager leads again',
    ['standbyTakeover', 'workerRestart'],
  ),
  'spark-master': kind(
    'image-spark-master',
    'Spark standalone master (no standby)',
    {
      part: 'orchestrator',
      singleton: {
        why: 'without a recovery mode a second master is another cluster, not a standby',
        fix: 'enable standby masters with ZooKeeper (`spark.deploy.recoveryMode=ZOOKEEPER` and `spark.deploy.zookeeper.url` in SPARK_DAEMON_JAVA_OPTS) and run 2 masters; running applications keep going meanwhile',
      },
    },
    'no application can be submitted and no executor is scheduled until the master is back (running applications keep their executors)',
    ['standbyTakeover', 'schedulerRestart'],
  ),
  'spark-master-ha': kind(
    'image-spark-master-ha',
    'Spark standalone master (ZooKeeper standby)',
    { part: 'orchestrator', note: 'with ZooKeeper recovery a standby master takes over' },
    'no application can be submitted until a standby master takes over',
    ['standbyTakeover', 'schedulerRestart'],
  ),
};

/** Image repository names (no registry, namespace or tag) that say what runs whatever the command. */
const BY_IMAGE: Record<string, string> = {
  'cp-kafka-connect': 'kafka-connect',
  'cp-kafka-connect-base': 'kafka-connect',
  'cp-server-connect': 'kafka-connect',
  'cp-server-connect-base': 'kafka-connect',
  logstash: 'logstash',
  'logstash-oss': 'logstash',
  'logstash-oss-with-opensearch-output-plugin': 'logstash',
  fluentd: 'fluentd',
  'fluent-bit': 'fluent-bit',
  ofelia: 'cron',
  supercronic: 'cron',
};

/** Programs that run a scheduler of their own (the first program of a shell command). */
const CRON_PROGRAMS = new Set(['crond', 'cron', 'supercronic', 'go-crond', 'ofelia']);

/** The tokens of a container's words: the words split on blanks, quotes and shell separators dropped. */
function tokens(words: readonly string[]): string[] {
  return words.flatMap((w) => w.split(/[\s;&|]+/)).map((t) => t.replace(/^["']|["']$/g, '')).filter((t) => t !== '');
}

/** The major version in an image tag (`apache/airflow:2.9.3-python3.11` -> 2, `slim-2.8.1` -> 2), if it says one. */
export function tagMajor(image: string | undefined): number | undefined {
  if (!image) return undefined;
  const noDigest = image.split('@')[0] ?? image;
  const tag = /:([^/:]+)$/.exec(noDigest)?.[1];
  const major = tag === undefined ? undefined : /(?:^|-)v?(\d+)\.\d+/.exec(tag)?.[1];
  return major === undefined ? undefined : Number(major);
}

/**
 * The pipeline software a container runs, if any: the image, the subcommand and the mode (see the file's
 * comment). `name` is the image's repository name, `programs` the first program of each shell command.
 */
export function pipelineKey(rt: ContainerRuntime, name: string | undefined, programs: readonly string[]): string | undefined {
  const words = tokens(rt.words);
  const text = rt.words.join(' ');
  const env = (pattern: RegExp) => rt.env.find((e) => pattern.test(e.name));
  const image = (rt.image ?? '').toLowerCase();
  const has = (word: string) => words.includes(word);

  if (name === 'airflow' || name === 'docker-airflow' || name === 'airflow-scheduler' || programs.includes('airflow')) {
    if (name !== 'airflow-scheduler' && !has('scheduler') && !has('standalone')) return has('triggerer') ? 'airflow-triggerer' : undefined;
    // puckel/docker-airflow only ever shipped Airflow 1.10.
    const major = name === 'docker-airflow' ? 1 : tagMajor(rt.image);
    return major === 1 ? 'airflow1-scheduler' : 'airflow-scheduler';
  }
  if (programs.includes('dagster-daemon') && has('run')) return 'dagster-daemon';
  if (name === 'prefect' || programs.includes('prefect')) {
    if (/\bserver\s+start\b/.test(text)) return 'prefect-server';
    if (/\b(worker|agent)\s+start\b/.test(text)) return 'prefect-worker';
    return undefined;
  }
  if (programs.includes('celery') || /\bcelery\b/.test(words.slice(0, 4).join(' '))) {
    const beat = has('beat') || (has('worker') && (has('-B') || has('--beat')));
    if (!beat) return undefined;
    const scheduler = env(/^(CELERY_)?BEAT_SCHEDULER$/)?.value ?? '';
    return /redbeat/i.test(text) || /redbeat/i.test(scheduler) ? 'celery-beat-locked' : 'celery-beat';
  }
  if (programs.some((p) => CRON_PROGRAMS.has(p)) || (programs.includes('busybox') && has('crond'))) return 'cron';
  if (programs.some((p) => p === 'connect-standalone' || p === 'connect-standalone.sh')) return 'kafka-connect-standalone';
  if (programs.some((p) => p === 'connect-distributed' || p === 'connect-distributed.sh')) return 'kafka-connect';
  if (name === 'flink') {
    if (!has('jobmanager') && !has('standalone-job')) return undefined;
    const properties = `${env(/^FLINK_PROPERTIES$/)?.value ?? ''} ${text} ${rt.files ?? ''}`;
    return /high-availability(\.type)?\s*[:=]\s*["']?(zookeeper|kubernetes|org\.)/i.test(properties) ? 'flink-jobmanager-ha' : 'flink-jobmanager';
  }
  if (name === 'spark') {
    const master = env(/^SPARK_MODE$/)?.value === 'master' || /org\.apache\.spark\.deploy\.master\.Master\b/.test(text) || programs.includes('start-master.sh');
    if (!master) return undefined;
    const options = `${rt.env.filter((e) => /^SPARK_(DAEMON_JAVA_OPTS|MASTER_OPTS)$/.test(e.name)).map((e) => e.value).join(' ')} ${text} ${rt.files ?? ''}`;
    return /spark\.deploy\.recoveryMode=ZOOKEEPER/i.test(options) ? 'spark-master-ha' : 'spark-master';
  }
  if (name === 'nifi') return env(/^NIFI_CLUSTER_IS_NODE$/)?.value.toLowerCase() === 'true' || /nifi\.cluster\.is\.node\s*=\s*true/.test(rt.files ?? '') ? 'nifi-cluster' : 'nifi';
  return pipelineByImage(rt.image);
}

/**
 * The pipeline software an image says it runs whatever its command (a Logstash, a Debezium Connect image),
 * for readers that have the image only (a Helm chart's values). Software whose mode decides (NiFi, Flink,
 * Spark, Airflow) is not told by the image alone.
 */
export function pipelineByImage(image: string | undefined): string | undefined {
  if (!image) return undefined;
  const full = image.toLowerCase();
  if (/(^|\/)debezium\/connect(-base)?(:|@|$)/.test(full)) return 'kafka-connect';
  if (/(^|\/)(timberio|vectordotdev)\/vector(:|@|$)/.test(full)) return 'vector';
  const name = (full.split('@')[0]!.split('/').pop() ?? '').split(':')[0]!;
  return BY_IMAGE[name];
}

/**
 * What makes workers of one software alternatives of one group, read from their configuration: the Kafka
 * Connect group id, the Prefect work pool. Undefined when the software has no groups or none is written.
 */
export function pipelineGroup(key: string | undefined, rt: ContainerRuntime): string | undefined {
  if (key === 'kafka-connect') {
    const id = rt.env.find((e) => /^(CONNECT_GROUP_ID|GROUP_ID)$/.test(e.name))?.value.trim();
    return id ? `kafka-connect\u0000${id}` : undefined;
  }
  if (key === 'prefect-worker') {
    const words = tokens(rt.words);
    const at = words.findIndex((w) => w === '--pool' || w === '-p' || w === '--work-queue' || w === '-q');
    const inline = words.map((w) => /^--pool=(.+)$/.exec(w)?.[1]).find((p) => p !== undefined);
    const pool = inline ?? (at >= 0 ? words[at + 1] : undefined) ?? rt.env.find((e) => e.name === 'PREFECT_WORKER_POOL')?.value;
    return pool ? `prefect-worker\u0000${pool}` : undefined;
  }
  return undefined;
}
