import { UNKNOWN, type CatalogEntry, type Judgement, type ResourceView } from '../entry.js';
import { asString, bool, judgement, num, redundancy, unknownRedundancy } from '../judging/index.js';
import { K8S_RECOVERY } from './recovery.js';
import { countOf, judgeReplicas } from './replicas.js';

/*
 * Published Helm charts a GitOps repository installs by name (a Flux HelmRelease, an Argo CD Application):
 * their templates are not in the repository, so what they deploy is read from the values the release
 * writes, with the value names and defaults of the chart's own documentation. A chart is known by its
 * name in a repository it is published at; the same name elsewhere (a fork, a community chart) is not it.
 */

export interface KnownChart {
  /** Rule-like id: `bitnami-redis`. */
  id: string;
  /** Chart name in its repository. */
  chart: string;
  /** Repositories that publish it, without scheme or trailing slash (Helm repositories and OCI registries). */
  repositories: readonly string[];
  /**
   * What judges the release: a catalog entry over the values (attribute paths from the values' root), or
   * the official Apache Airflow chart, whose scheduler and triggerer blocks the format reads as it does in a
   * chart's own values.yaml (`formats/kubernetes/helm.ts`).
   */
  judge: { entry: CatalogEntry; advice?: string } | 'airflow';
  /**
   * The major version from which the entry's value names hold, and top-level keys only older majors use:
   * a release of an older chart (by its version, or by those keys when the version does not say) is unknown.
   */
  valuesSince?: { major: number; legacyKeys: readonly string[] };
}

/** `https://charts.bitnami.com/bitnami/` -> `charts.bitnami.com/bitnami`. */
export function chartRepository(url: string): string {
  return url
    .trim()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .replace(/\/+$/, '')
    .toLowerCase();
}

const BITNAMI = ['charts.bitnami.com/bitnami', 'registry-1.docker.io/bitnamicharts', 'docker.io/bitnamicharts'];

/**
 * Bitnami Redis: `architecture` `replication` (the default) runs a master and `replica.replicaCount` replicas
 * (default 3), which serve reads only: without `sentinel.enabled` none is promoted when the master fails.
 * With Sentinel every node runs a sentinel and a majority of them (quorum 2 by default) elects the new master,
 * so the nodes are a majority system. `standalone` is one master.
 */
function judgeBitnamiRedis(r: ResourceView): Judgement {
  // Every key is decisive in every mode, so evidence shows what changed and never a count as new.
  const decisive = ['architecture', 'sentinel', 'replicas'];
  const architecture = asString(r.get('architecture'));
  if (architecture === UNKNOWN) return judgement(unknownRedundancy(), decisive);
  if ((architecture ?? 'replication') !== 'replication') {
    return judgement(redundancy(1, null, false), decisive, {
      key: 'architecture',
      value: 'replication',
      note: 'with sentinel.enabled: true and 3 nodes, so Sentinel promotes a replica when the master fails',
    });
  }
  const sentinel = bool(r, 'sentinel');
  if (sentinel === UNKNOWN) return judgement(unknownRedundancy(), ['sentinel', 'architecture', 'replicas']);
  if (sentinel !== true) {
    return judgement(redundancy(1, null, false), decisive, {
      key: 'sentinel',
      value: true,
      note: 'the replicas serve reads only: without Sentinel none is promoted when the master fails',
    });
  }
  if (bool(r, 'replicaAutoscaling') === true) return judgement(unknownRedundancy(), ['replicaAutoscaling', ...decisive]);
  const nodes = judgeReplicas(r, { key: 'replicas', absent: 3, failover: true, quorum: true });
  return { ...nodes, decisive: [...new Set([...nodes.decisive, ...decisive])] };
}

/** Sentinel marks a master down after `sentinel.downAfterMilliseconds` (60 s by default), then promotes a replica. */
const SENTINEL_FAILOVER = { rto: 'about 1-2 min (Sentinel marks the master down after 60 s by default, then promotes a replica)', rpo: 'seconds (asynchronous replication)', rtoMaxSeconds: 150, rpoMaxSeconds: 10 };

const bitnamiRedis: CatalogEntry = {
  id: 'k8s-chart-bitnami-redis',
  title: 'Redis (Bitnami chart)',
  role: 'cache',
  types: { kubernetes: ['helm-chart:bitnami-redis'] },
  attributes: {
    architecture: { kubernetes: 'architecture' },
    sentinel: { kubernetes: 'sentinel.enabled' },
    replicas: { kubernetes: 'replica.replicaCount' },
    replicaAutoscaling: { kubernetes: 'replica.autoscaling.enabled' },
  },
  judge: judgeBitnamiRedis,
  recovery: { redundant: SENTINEL_FAILOVER, single: K8S_RECOVERY.operatorSingle },
  impact: 'writes fail (reads too, unless replicas serve them) until the master is back, and whatever it stores without persistence is lost',
};

/**
 * Bitnami PostgreSQL: one primary whatever the `architecture` (default `standalone`); `replication` adds
 * `readReplicas.replicaCount` read-only replicas, and the chart promotes none of them when the primary fails.
 * Automatic failover is another chart's (postgresql-ha) or an operator's.
 */
const bitnamiPostgresql: CatalogEntry = {
  id: 'k8s-chart-bitnami-postgresql',
  title: 'PostgreSQL (Bitnami chart)',
  role: 'database',
  types: { kubernetes: ['helm-chart:bitnami-postgresql'] },
  attributes: { architecture: { kubernetes: 'architecture' } },
  judge(r) {
    const architecture = asString(r.get('architecture'));
    if (architecture === UNKNOWN) return judgement(unknownRedundancy(), ['architecture']);
    return judgement(redundancy(1, null, false), ['architecture']);
  },
  recovery: { redundant: K8S_RECOVERY.operatorFailover, single: K8S_RECOVERY.operatorSingle },
  impact: 'PostgreSQL writes fail until the primary pod is back, or its data restored if its volume is lost',
};

/**
 * ingress-nginx (the Kubernetes project's chart): the controller every Ingress of its class goes through.
 * `controller.kind` `Deployment` (the default) runs `controller.replicaCount` pods (default 1), or the floor
 * of an enabled `controller.autoscaling` (`minReplicas`, default 1); `DaemonSet` or `Both` runs one per node.
 * A KEDA-scaled controller (`controller.keda.enabled`) has a floor the values do not say.
 */
function judgeIngressNginx(r: ResourceView): Judgement {
  const kind = asString(r.get('kind'));
  const decisive = ['kind', 'autoscaling'];
  if (kind === UNKNOWN) return judgement(unknownRedundancy(), decisive);
  if (kind === 'DaemonSet' || kind === 'Both') return judgement(redundancy(2, null, null), decisive);
  const autoscaling = bool(r, 'autoscaling');
  if (autoscaling === UNKNOWN) return judgement(unknownRedundancy(), ['autoscaling', 'kind']);
  if (bool(r, 'keda') === true) return judgement(unknownRedundancy(), ['keda', ...decisive]);
  const pods = judgeReplicas(r, { key: autoscaling === true ? 'minReplicas' : 'replicas', absent: 1 });
  return { ...pods, decisive: [...pods.decisive, ...decisive] };
}

const ingressNginx: CatalogEntry = {
  id: 'k8s-chart-ingress-nginx',
  title: 'ingress-nginx controller',
  role: 'compute',
  types: { kubernetes: ['helm-chart:ingress-nginx'] },
  entryPoint: true,
  serves: 'every Ingress of its class on the cluster',
  attributes: {
    kind: { kubernetes: 'controller.kind' },
    replicas: { kubernetes: 'controller.replicaCount' },
    autoscaling: { kubernetes: 'controller.autoscaling.enabled' },
    minReplicas: { kubernetes: 'controller.autoscaling.minReplicas' },
    keda: { kubernetes: 'controller.keda.enabled' },
  },
  judge: judgeIngressNginx,
  recovery: { redundant: K8S_RECOVERY.replicas, single: K8S_RECOVERY.reschedule },
  impact: 'every host and path routed through its Ingress class stops answering',
};

/**
 * Bitnami MongoDB: `architecture` `standalone` (the default) is one server; `replicaset` runs `replicaCount`
 * data-bearing members (default 2) and, with `arbiter.enabled` (default true), an arbiter that only votes:
 * a primary is elected by a majority of the voting members. Hidden members (`hidden.enabled`) also vote,
 * in numbers this reading does not follow, so they leave the count unknown.
 */
function judgeBitnamiMongodb(r: ResourceView): Judgement {
  const decisive = ['architecture', 'replicas', 'arbiter'];
  const architecture = asString(r.get('architecture'));
  if (architecture === UNKNOWN) return judgement(unknownRedundancy(), decisive);
  if ((architecture ?? 'standalone') !== 'replicaset') {
    return judgement(redundancy(1, null, false), decisive, { key: 'architecture', value: 'replicaset', note: 'two members and the arbiter elect a new primary when one fails' });
  }
  const arbiter = bool(r, 'arbiter');
  if (arbiter === UNKNOWN) return judgement(unknownRedundancy(), ['arbiter', 'architecture', 'replicas']);
  if (bool(r, 'hidden') === true) return judgement(unknownRedundancy(), ['hidden', ...decisive]);
  const members = countOf(num(r, 'replicas'), 2);
  if (members === null) return judgement(unknownRedundancy(), ['replicas', 'architecture', 'arbiter']);
  const voters = members + (arbiter === false ? 0 : 1);
  const red = redundancy(voters, null, voters >= 3, { quorum: true });
  if (voters >= 3) return judgement(red, decisive);
  const want = arbiter === false ? 3 : 2;
  return judgement(red, ['replicas', 'architecture', 'arbiter'], { key: 'replicas', value: want, note: 'so a majority of the voting members, the arbiter included, survives one failure' });
}

const bitnamiMongodb: CatalogEntry = {
  id: 'k8s-chart-bitnami-mongodb',
  title: 'MongoDB (Bitnami chart)',
  role: 'database',
  types: { kubernetes: ['helm-chart:bitnami-mongodb'] },
  attributes: {
    architecture: { kubernetes: 'architecture' },
    replicas: { kubernetes: 'replicaCount' },
    arbiter: { kubernetes: 'arbiter.enabled' },
    hidden: { kubernetes: 'hidden.enabled' },
  },
  judge: judgeBitnamiMongodb,
  recovery: { redundant: K8S_RECOVERY.quorum, single: K8S_RECOVERY.operatorSingle },
  impact: 'reads and writes fail until a primary is back, or its data restored if its volume is lost',
};

export const KNOWN_CHARTS: readonly KnownChart[] = [
  { id: 'apache-airflow', chart: 'airflow', repositories: ['airflow.apache.org'], judge: 'airflow' },
  // Chart 14 replaced `cluster.enabled` / `cluster.slaveCount` / `slave.*` with `architecture` and `replica.*`.
  { id: 'bitnami-redis', chart: 'redis', repositories: BITNAMI, judge: { entry: bitnamiRedis }, valuesSince: { major: 14, legacyKeys: ['cluster', 'slave', 'usePassword'] } },
  // The value names of the chart's 10.x README (2021) and later; older charts wrote `replicaSet.enabled` / `usePassword`.
  { id: 'bitnami-mongodb', chart: 'mongodb', repositories: BITNAMI, judge: { entry: bitnamiMongodb }, valuesSince: { major: 10, legacyKeys: ['replicaSet', 'usePassword'] } },
  { id: 'ingress-nginx', chart: 'ingress-nginx', repositories: ['kubernetes.github.io/ingress-nginx'], judge: { entry: ingressNginx } },
  {
    id: 'bitnami-postgresql',
    chart: 'postgresql',
    repositories: BITNAMI,
    judge: {
      entry: bitnamiPostgresql,
      advice:
        'run PostgreSQL with automatic failover: the bitnami/postgresql-ha chart (repmgr and Pgpool) or an operator such as CloudNativePG; this chart\'s read replicas are never promoted',
    },
  },
];

/**
 * The lowest major version a version constraint allows, when it says one: `11.3.4`, `16.x`, `^17.0.0`,
 * `~16`, `v14`; undefined for ranges (`>=1.0.0`), wildcards and anything else.
 */
export function chartMajor(version: string | undefined): number | undefined {
  const m = /^\s*[v^~=]?\s*(\d+)(?:\.(?:\d+|x|X|\*)){0,2}(?:[-+][\w.]*)?\s*$/.exec(version ?? '');
  return m ? Number(m[1]) : undefined;
}

/** The known chart a release installs, from its repository URL and chart name; undefined for any other. */
export function knownChart(repositoryUrl: string, chart: string): KnownChart | undefined {
  const repository = chartRepository(repositoryUrl);
  const name = chart.trim();
  return KNOWN_CHARTS.find((c) => c.chart === name && c.repositories.includes(repository));
}

export const CHART_ENTRIES: CatalogEntry[] = KNOWN_CHARTS.flatMap((c) => (c.judge === 'airflow' ? [] : [c.judge.entry]));
