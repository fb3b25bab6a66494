import { describe, expect, it } from 'vitest';
import { hostnamesIn, resolveHost } from '../../../src/formats/kubernetes/hostnames.js';
import { component, deployment, edges, extract, ids, service } from './helpers.js';

const join = (...docs: string[]) => docs.join('---\n');

const ingress = (name: string, backend: string, ns?: string) => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ${name}${ns ? `\n  namespace: ${ns}` : ''}
spec:
  rules:
  - http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: ${backend}
            port: {number: 80}
`;

describe('kubernetes workloads', () => {
  it('counts replicas (unset = 1), roles from images, quorum systems and ids with the default namespace', () => {
    const x = extract({
      'a.yaml': join(
        deployment('web', { replicas: 3 }),
        deployment('worker'),
        deployment('cache', { image: 'docker.io/library/redis:7', ns: 'data' }),
        service('cache', { ns: 'data' }),
        // A data image nothing reaches and that keeps no data: a client shell, not a data store.
        deployment('redis-cli', { image: 'redis:7' }),
        `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: zk}
spec:
  replicas: 3
  selector: {matchLabels: {app: zk}}
  template:
    metadata: {labels: {app: zk}}
    spec:
      containers: [{name: zk, image: confluentinc/cp-zookeeper:7.6.0}]
`,
        `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: kafka}
spec:
  replicas: 2
  selector: {matchLabels: {app: kafka}}
  template:
    metadata: {labels: {app: kafka}}
    spec:
      containers:
      - name: kafka
        image: apache/kafka:3.7.0
        env:
        - {name: KAFKA_PROCESS_ROLES, value: "broker,controller"}
`,
      ),
    });
    const r = (id: string) => {
      const c = component(x, id);
      return { role: c.role, rule: c.rule, instances: c.redundancy.instances, quorum: c.redundancy.quorum };
    };
    expect(r('Deployment/default/web')).toEqual({ role: 'compute', rule: 'k8s-deployment', instances: 3, quorum: false });
    expect(r('Deployment/default/worker')).toEqual({ role: 'compute', rule: 'k8s-deployment', instances: 1, quorum: false });
    expect(r('Deployment/data/cache')).toEqual({ role: 'cache', rule: 'image-redis', instances: 1, quorum: false });
    expect(r('Deployment/default/redis-cli')).toEqual({ role: 'compute', rule: 'k8s-deployment', instances: 1, quorum: false });
    expect(r('StatefulSet/default/zk')).toEqual({ role: 'database', rule: 'image-zookeeper', instances: 3, quorum: true });
    expect(r('StatefulSet/default/kafka')).toEqual({ role: 'queue', rule: 'image-kafka', instances: 2, quorum: true });
    // No replicas written: the fix inserts it under spec:, at the indentation of spec's children.
    expect(component(x, 'Deployment/default/worker').fix).toEqual({
      description: 'set spec.replicas to 2 or more',
      suggestion: { file: 'a.yaml', startLine: 23, endLine: 23, replacement: 'spec:\n  replicas: 2' },
    });
    // More replicas of plain Redis are more independent caches, not standbys: no replicas fix.
    expect(component(x, 'Deployment/data/cache').fix).toEqual({
      description:
        'run Redis replicated with automatic failover (an operator, or a chart that sets up replicas and failover): more replicas of the plain image are independent servers, each with its own data',
    });
  });

  it('takes the floor of an HPA or a KEDA ScaledObject that targets the workload (kind, name, namespace, group)', () => {
    const x = extract({
      'a.yaml': join(
        deployment('web', { ns: 'shop' }),
        deployment('api', { ns: 'shop', replicas: 4 }),
        deployment('jobs', { ns: 'shop', replicas: 3 }),
        deployment('other', { ns: 'elsewhere' }),
        `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web, namespace: shop}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 3
  maxReplicas: 9
`,
        `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: api, namespace: shop}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api}
  maxReplicas: 9
`,
        `apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata: {name: jobs, namespace: shop}
spec:
  scaleTargetRef: {name: jobs}
  minReplicaCount: 0
`,
        `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: other, namespace: shop}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: other}
  minReplicas: 5
`,
      ),
    });
    const web = component(x, 'Deployment/shop/web');
    expect(web.redundancy.instances).toBe(3);
    expect(web.attributes.__autoscaleMin).toMatchObject({ attribute: 'spec.minReplicas', value: 3, text: '  minReplicas: 3' });
    // minReplicas defaults to 1, even over spec.replicas 4; the fix goes into the HPA's spec.
    const api = component(x, 'Deployment/shop/api');
    expect(api.redundancy.instances).toBe(1);
    expect(api.fix?.description).toBe('set spec.minReplicas of HorizontalPodAutoscaler/shop/api to 2 or more');
    expect(api.fix?.suggestion).toEqual({ file: 'a.yaml', startLine: 86, endLine: 86, replacement: 'spec:\n  minReplicas: 2' });
    // KEDA may scale to zero; serving, it runs at least one.
    expect(component(x, 'Deployment/shop/jobs').redundancy.instances).toBe(1);
    // An HPA in another namespace does not scale it.
    expect(component(x, 'Deployment/elsewhere/other').redundancy.instances).toBe(1);
    expect(edges(x)).toContain('HorizontalPodAutoscaler/shop/web -> Deployment/shop/web (target)');
  });

  it('judges DaemonSets by node count, bare Pods as one instance, operators by their count fields', () => {
    const x = extract({
      'a.yaml': join(
        `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers: [{name: a, image: agent:1}]
`,
        `apiVersion: v1
kind: Pod
metadata: {name: debug, labels: {app: debug}}
spec:
  containers: [{name: a, image: busybox}]
`,
        `apiVersion: postgresql.cnpg.io/v1
kind: Cluster
metadata: {name: pg}
spec:
  instances: 3
`,
        `apiVersion: acid.zalan.do/v1
kind: postgresql
metadata: {name: acid}
spec:
  numberOfInstances: 1
`,
        `apiVersion: rabbitmq.com/v1beta1
kind: RabbitmqCluster
metadata: {name: mq}
`,
        `apiVersion: databases.spotahome.com/v1
kind: RedisFailover
metadata: {name: rf}
spec:
  redis: {replicas: 3}
  sentinel: {replicas: 2}
`,
        `apiVersion: kafka.strimzi.io/v1beta2
kind: Kafka
metadata: {name: k}
spec:
  kafka: {replicas: 3}
  zookeeper: {replicas: 3}
`,
        `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: canary}
spec:
  replicas: 5
  selector: {matchLabels: {app: canary}}
  template:
    metadata: {labels: {app: canary}}
    spec:
      containers: [{name: a, image: app:1}]
`,
      ),
    });
    const s = (id: string) => {
      const c = component(x, id);
      return `${c.rule} ${c.role} ${c.redundancy.instances}${c.redundancy.quorum ? ' quorum' : ''}${c.redundancy.failover === null ? '' : c.redundancy.failover ? ' failover' : ' no-failover'}`;
    };
    expect(s('DaemonSet/default/agent')).toBe('k8s-daemonset compute 2');
    expect(component(x, 'DaemonSet/default/agent').redundancy.protection).toMatchObject({ spread: 'host', spreadRequired: true });
    expect(s('Pod/default/debug')).toBe('k8s-pod compute 1 no-failover');
    expect(component(x, 'Pod/default/debug').fix?.description).toMatch(/run it from a Deployment/);
    expect(s('Cluster/default/pg')).toBe('k8s-cnpg-cluster database 3 failover');
    expect(s('postgresql/default/acid')).toBe('k8s-zalando-postgresql database 1 no-failover');
    expect(s('RabbitmqCluster/default/mq')).toBe('k8s-rabbitmq-cluster queue 1');
    expect(s('RedisFailover/default/rf')).toBe('k8s-redis-failover cache 2 quorum');
    expect(s('Kafka/default/k')).toBe('k8s-strimzi-kafka queue 3');
    expect(s('Rollout/default/canary')).toBe('k8s-argo-rollout compute 5');
    // A flow-style value is not rewritten: the fix is described only.
    expect(component(x, 'RedisFailover/default/rf').fix).toEqual({ description: 'set spec.sentinel.replicas to 3 or more (an odd number, so a majority survives one failure)' });
  });

  it('says when a count cannot be evaluated, and does not guess', () => {
    const x = extract({ 'a.yaml': deployment('web', { replicas: '${WEB_REPLICAS}' }) });
    expect(component(x, 'Deployment/default/web').redundancy.instances).toBeNull();
    expect(x.diagnostics).toEqual([
      { file: 'a.yaml', line: 6, severity: 'warning', message: 'spec.replicas of Deployment/default/web could not be evaluated ("${WEB_REPLICAS}"): its redundancy is unknown' },
    ]);
  });

  it('warns about an object defined twice and keeps the first', () => {
    const x = extract({ 'a.yaml': deployment('web', { replicas: 3 }), 'b.yaml': deployment('web', { replicas: 1 }) });
    expect(component(x, 'Deployment/default/web').redundancy.instances).toBe(3);
    expect(x.diagnostics).toEqual([{ file: 'b.yaml', line: 1, severity: 'warning', message: 'Deployment/default/web is defined again (first at a.yaml:1); the first definition is used' }]);
  });
});

describe('kubernetes relations', () => {
  it('links ingress -> service -> pods -> services named in env, namespace-aware', () => {
    const x = extract({
      'a.yaml': join(
        ingress('front', 'frontend', 'shop'),
        service('frontend', { ns: 'shop' }),
        deployment('frontend', { ns: 'shop', replicas: 3, env: { CART_ADDR: 'cart:7070', API_URL: 'http://api.backend.svc.cluster.local/v1', MODE: 'cart' } }),
        service('cart', { ns: 'shop' }),
        deployment('cart', { ns: 'shop', env: { REDIS_HOST: 'redis' } }),
        service('redis', { ns: 'shop' }),
        deployment('redis', { ns: 'shop', image: 'redis:7' }),
        service('api', { ns: 'backend' }),
        deployment('api', { ns: 'backend' }),
        // Same name, other namespace: a Service selects only pods of its own namespace.
        deployment('cart', { ns: 'other' }),
      ),
    });
    expect(edges(x)).toEqual([
      'Deployment/shop/cart -> Service/shop/redis (hostname)',
      'Deployment/shop/frontend -> Service/backend/api (hostname)',
      'Deployment/shop/frontend -> Service/shop/cart (hostname)',
      'Ingress/shop/front -> Service/shop/frontend (backend)',
      'Service/backend/api -> Deployment/backend/api (selector)',
      'Service/shop/cart -> Deployment/shop/cart (selector)',
      'Service/shop/frontend -> Deployment/shop/frontend (selector)',
      'Service/shop/redis -> Deployment/shop/redis (selector)',
    ]);
    expect(component(x, 'Ingress/shop/front')).toMatchObject({ role: 'connector', entryPoint: true });
    expect(component(x, 'Service/shop/cart')).toMatchObject({ role: 'connector', entryPoint: false });
  });

  it('makes LoadBalancer / NodePort Services and Gateway routes entry points; several selected workloads are alternatives', () => {
    const x = extract({
      'a.yaml': join(
        service('web', { type: 'LoadBalancer' }),
        deployment('web', { replicas: 1 }),
        `${deployment('web-canary', { replicas: 1 }).replace(/app: web-canary/g, 'app: web')}`.replace('name: web-canary\nspec', 'name: web-canary\nspec'),
        `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: web}
spec:
  parentRefs: [{name: public}]
  rules:
  - backendRefs:
    - {name: web, port: 80}
`,
      ),
    });
    expect(component(x, 'Service/default/web').entryPoint).toBe(true);
    expect(component(x, 'HTTPRoute/default/web')).toMatchObject({ entryPoint: true, role: 'connector' });
    expect(edges(x)).toEqual([
      'HTTPRoute/default/web -> Service/default/web (backend)',
      'Service/default/web -> Deployment/default/web (selector) [k=1]',
      'Service/default/web -> Deployment/default/web-canary (selector) [k=1]',
    ]);
  });

  it('reaches operator resources through the Services and pod labels their operators create', () => {
    const x = extract({
      'a.yaml': join(
        `apiVersion: postgresql.cnpg.io/v1
kind: Cluster
metadata: {name: pg}
spec: {instances: 1}
`,
        deployment('app', { env: { DB_HOST: 'pg-rw', DSN: 'postgres://u@pg-ro:5432/db' } }),
        `apiVersion: v1
kind: Service
metadata: {name: pg-custom}
spec:
  selector: {cnpg.io/cluster: pg}
`,
      ),
    });
    expect(edges(x)).toEqual(['Deployment/default/app -> Cluster/default/pg (hostname)', 'Service/default/pg-custom -> Cluster/default/pg (selector)']);
  });

  it('makes a Strimzi Kafka cluster need its node pools, and its clients reach it through the bootstrap Service', () => {
    const pool = (name: string, role: string) =>
      `apiVersion: kafka.strimzi.io/v1beta2\nkind: KafkaNodePool\nmetadata:\n  name: ${name}\n  labels: {strimzi.io/cluster: events}\nspec:\n  replicas: 3\n  roles: [${role}]\n`;
    const x = extract({
      'a.yaml': join(
        pool('controllers', 'controller'),
        pool('brokers', 'broker'),
        'apiVersion: kafka.strimzi.io/v1beta2\nkind: Kafka\nmetadata: {name: events}\nspec:\n  kafka: {listeners: []}\n',
        deployment('consumer', { env: { KAFKA_BOOTSTRAP_SERVERS: 'events-kafka-bootstrap:9092' } }),
      ),
    });
    expect(edges(x)).toEqual([
      'Deployment/default/consumer -> Kafka/default/events (hostname)',
      'Kafka/default/events -> KafkaNodePool/default/brokers (selector)',
      'Kafka/default/events -> KafkaNodePool/default/controllers (selector)',
    ]);
    expect(component(x, 'Kafka/default/events').role).toBe('connector');
    expect(component(x, 'KafkaNodePool/default/controllers').redundancy).toMatchObject({ instances: 3, quorum: true });
  });

  it('does not make a workload depend on its own Service (StatefulSet peers)', () => {
    const x = extract({
      'a.yaml': join(service('etcd'), deployment('etcd', { env: { ETCD_INITIAL_CLUSTER: 'etcd-0=http://etcd-0.etcd:2380' } })),
    });
    expect(edges(x)).toEqual(['Service/default/etcd -> Deployment/default/etcd (selector)']);
  });

  it('finds hostnames in values, linearly', () => {
    expect(hostnamesIn('redis-cart:6379', 'REDIS_ADDR').sort()).toEqual(['redis-cart']);
    expect(hostnamesIn('http://api.ns.svc.cluster.local:8080/path', 'X')).toContain('api.ns.svc.cluster.local');
    expect(hostnamesIn('kafka-0.kafka:9092,kafka-1.kafka:9092', 'BROKERS')).toEqual(expect.arrayContaining(['kafka-0.kafka', 'kafka-1.kafka']));
    expect(hostnamesIn('redis', 'CACHE_HOST')).toEqual(['redis']);
    expect(hostnamesIn('redis', 'MODE')).toEqual([]);
    expect(hostnamesIn('--redis=redis:6379', 'args', true)).toEqual(['redis']);
    const lookup = (ns: string, name: string) => (ns === 'shop' && name === 'api' ? 'Service/shop/api' : undefined);
    expect(resolveHost('api', 'shop', lookup)).toBe('Service/shop/api');
    expect(resolveHost('api.shop', 'other', lookup)).toBe('Service/shop/api');
    expect(resolveHost('api-0.api', 'shop', lookup)).toBe('Service/shop/api');
    expect(resolveHost('api-0.api.shop.svc.cluster.local', 'x', lookup)).toBe('Service/shop/api');
    expect(resolveHost('api', 'other', lookup)).toBeUndefined();
    const started = performance.now();
    hostnamesIn(`${'a'.repeat(4000)}:`, 'URL');
    hostnamesIn(`${'a.'.repeat(2000)}`, 'URL');
    expect(performance.now() - started).toBeLessThan(200);
  });
});

describe('kubernetes volumes and protection', () => {
  const pvc = (mode: string) => `apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
spec:
  accessModes: [${mode}]
  resources: {requests: {storage: 1Gi}}
`;
  const mounting = (name: string, replicas: number) =>
    deployment(name, { replicas, podSpec: '      volumes:\n      - name: d\n        persistentVolumeClaim:\n          claimName: data' });

  it('makes a ReadWriteOnce claim shared by several replicas one instance they all need', () => {
    const shared = extract({ 'a.yaml': join(pvc('ReadWriteOnce'), mounting('web', 3)) });
    expect(edges(shared)).toEqual(['Deployment/default/web -> PersistentVolumeClaim/default/data (volume)']);
    expect(component(shared, 'PersistentVolumeClaim/default/data').redundancy).toMatchObject({ instances: 1, failover: false });
    expect(component(shared, 'PersistentVolumeClaim/default/data').redundancy.zonalManaged).toBeUndefined();
    // One replica, or a ReadWriteMany claim: a disk that outlives its node (zonal-managed), not a SPOF.
    for (const x of [extract({ 'a.yaml': join(pvc('ReadWriteOnce'), mounting('web', 1)) }), extract({ 'a.yaml': join(pvc('ReadWriteMany'), mounting('web', 3)) })]) {
      expect(component(x, 'PersistentVolumeClaim/default/data').redundancy.zonalManaged).toBe(true);
    }
  });

  const pdb = (spec: string) => `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web}
spec:
  ${spec}
  selector: {matchLabels: {app: web}}
`;

  it('judges budgets: allowing, blocking (reported), absent', () => {
    const p = (files: Record<string, string>) => component(extract(files), 'Deployment/default/web').redundancy.protection?.budget;
    expect(p({ 'a.yaml': deployment('web', { replicas: 3 }) })).toBe('none');
    expect(p({ 'a.yaml': join(deployment('web', { replicas: 3 }), pdb('maxUnavailable: 1')) })).toBe('allows');
    expect(p({ 'a.yaml': join(deployment('web', { replicas: 3 }), pdb('minAvailable: 2')) })).toBe('allows');
    expect(p({ 'a.yaml': join(deployment('web', { replicas: 3 }), pdb('minAvailable: 50%')) })).toBe('allows');
    expect(p({ 'a.yaml': join(deployment('web', { replicas: 3 }), pdb('maxUnavailable: 0')) })).toBe('blocks');
    expect(p({ 'a.yaml': join(deployment('web', { replicas: 3 }), pdb('minAvailable: 3')) })).toBe('blocks');
    expect(p({ 'a.yaml': join(deployment('web', { replicas: 1 }), pdb('minAvailable: 1')) })).toBe('blocks');
    expect(p({ 'a.yaml': join(deployment('web', { replicas: 3 }), pdb('minAvailable: 100%')) })).toBe('blocks');
    // Two plain Redis pods are one instance (independent servers), but a budget counts pods: one may go.
    const redis = extract({ 'a.yaml': join(deployment('web', { replicas: 2, image: 'redis:7' }), service('web'), pdb('minAvailable: 1')) });
    expect(component(redis, 'Deployment/default/web').redundancy).toMatchObject({ instances: 1, protection: { budget: 'allows' } });
    expect(redis.diagnostics).toEqual([
      { file: 'a.yaml', line: 6, severity: 'warning', message: 'Deployment/default/web runs 2 replicas of plain Redis, which do not replicate its data: they are independent servers, counted as one instance' },
    ]);
    const x = extract({ 'a.yaml': join(deployment('web', { replicas: 2 }), pdb('maxUnavailable: 0')) });
    expect(x.diagnostics).toEqual([
      {
        file: 'a.yaml',
        line: 23,
        severity: 'warning',
        message:
          'PodDisruptionBudget/default/web allows no voluntary eviction of Deployment/default/web (maxUnavailable 0): node drains and cluster upgrades hang on its pods; it is not disruption protection (allow one: maxUnavailable: 1)',
      },
    ]);
  });

  it('reads anti-affinity and topology spread (host vs zone, required vs preferred) and pinning', () => {
    const prot = (podSpec: string, replicas = 3) => {
      const c = component(extract({ 'a.yaml': deployment('web', { replicas, podSpec }) }), 'Deployment/default/web');
      return { ...c.redundancy.protection, zones: c.redundancy.zones?.count ?? null };
    };
    const tsc = (key: string, when: string, app = 'web') =>
      `      topologySpreadConstraints:\n      - maxSkew: 1\n        topologyKey: ${key}\n        whenUnsatisfiable: ${when}\n        labelSelector: {matchLabels: {app: ${app}}}`;
    expect(prot(tsc('topology.kubernetes.io/zone', 'DoNotSchedule'))).toEqual({ budget: 'none', spread: 'zone', spreadRequired: true, pinned: false, zones: 2 });
    expect(prot(tsc('topology.kubernetes.io/zone', 'ScheduleAnyway'))).toEqual({ budget: 'none', spread: 'zone', spreadRequired: false, pinned: false, zones: null });
    expect(prot(tsc('kubernetes.io/hostname', 'DoNotSchedule'))).toMatchObject({ spread: 'host', spreadRequired: true, zones: null });
    // A rule about other pods is not this workload's spread.
    expect(prot(tsc('kubernetes.io/hostname', 'DoNotSchedule', 'db'))).toMatchObject({ spread: 'none' });
    const anti = (kind: 'required' | 'preferred') =>
      kind === 'required'
        ? '      affinity:\n        podAntiAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n          - topologyKey: kubernetes.io/hostname\n            labelSelector: {matchLabels: {app: web}}'
        : '      affinity:\n        podAntiAffinity:\n          preferredDuringSchedulingIgnoredDuringExecution:\n          - weight: 100\n            podAffinityTerm:\n              topologyKey: topology.kubernetes.io/zone\n              labelSelector: {matchExpressions: [{key: app, operator: In, values: [web]}]}';
    expect(prot(anti('required'))).toMatchObject({ spread: 'host', spreadRequired: true });
    expect(prot(anti('preferred'))).toMatchObject({ spread: 'zone', spreadRequired: false });
    // A required zone spread of one replica proves one zone, not two.
    expect(prot(tsc('topology.kubernetes.io/zone', 'DoNotSchedule'), 1)).toMatchObject({ zones: 1 });
    expect(prot('      nodeName: worker-1')).toMatchObject({ pinned: true, zones: 1 });
    expect(prot('      nodeSelector:\n        kubernetes.io/hostname: worker-1')).toMatchObject({ pinned: true, zones: 1 });
    expect(prot('      nodeSelector:\n        disktype: ssd')).toMatchObject({ pinned: false, zones: null });
    // Confined to one zone: every replica fails with it.
    const zoned = component(extract({ 'a.yaml': deployment('web', { replicas: 3, podSpec: '      nodeSelector:\n        topology.kubernetes.io/zone: eu-west-1a' }) }), 'Deployment/default/web');
    expect(zoned.redundancy.zones).toEqual({ count: 1, names: ['eu-west-1a'] });
    expect(zoned.attributes.zone).toMatchObject({ value: 'eu-west-1a', site: { startLine: 16 } });
  });
});

describe('helm charts', () => {
  it('reads replica counts, autoscaling floors, images and exposure from values.yaml, kinds from template text', () => {
    const x = extract(
      {
        'c/Chart.yaml': 'apiVersion: v2\nname: shop\nversion: 1.0.0\n',
        'c/values.yaml': `replicaCount: 1
image:
  repository: example.com/shop
ingress:
  enabled: true
autoscaling:
  enabled: true
  minReplicas: 3
worker:
  replicas: 1
  image: example.com/worker:1
redis:
  replicaCount: 1
  image:
    repository: bitnami/redis
notAWorkload:
  replicas: 2
`,
        'c/templates/deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: {{ .Values.replicaCount }}\n---\napiVersion: apps/v1\nkind: StatefulSet\nspec:\n  replicas: {{ .Values.redis.replicaCount }}\n',
      },
      'c',
    );
    expect(ids(x)).toEqual(['Deployment/default/shop', 'StatefulSet/default/shop-redis', 'Workload/default/shop-worker']);
    const shop = component(x, 'Deployment/default/shop');
    expect(shop).toMatchObject({ entryPoint: true, rule: 'k8s-helm-values', redundancy: { instances: 3 } });
    expect(shop.attributes.__autoscaleMin).toMatchObject({ attribute: 'autoscaling.minReplicas', value: 3, site: { file: 'c/values.yaml', startLine: 8 } });
    const redis = component(x, 'StatefulSet/default/shop-redis');
    expect(redis).toMatchObject({ role: 'cache', rule: 'image-redis', redundancy: { instances: 1 } });
    expect(redis.attributes.replicas).toMatchObject({ attribute: 'redis.replicaCount', site: { startLine: 13 } });
    expect(redis.fix?.suggestion).toEqual({ file: 'c/values.yaml', startLine: 13, endLine: 13, replacement: '  replicaCount: 2' });
    expect(redis.fix?.description).toMatch(/^set redis\.replicaCount to 2 or more/);
  });
});
