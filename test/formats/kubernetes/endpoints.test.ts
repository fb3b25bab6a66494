import { describe, expect, it } from 'vitest';
import { component, deployment, edges, extract, service } from './helpers.js';

const join = (...docs: string[]) => docs.join('---\n');

/** A one-replica StatefulSet named `name` with its Service of the same name (the pods are `name-0`...). */
const statefulSet = (name: string, replicas = 1) => `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: ${name}}
spec:
  serviceName: ${name}
  replicas: ${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers:
      - {name: main, image: example.com/${name}:1}
`;

const servers = (...names: string[]) => names.flatMap((n) => [statefulSet(n), service(n)]);

const client = (podSpec: string, containerExtra: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: client}
spec:
  replicas: 2
  selector: {matchLabels: {app: client}}
  template:
    metadata: {labels: {app: client}}
    spec:
${podSpec}      containers:
      - name: main
        image: example.com/client:1
${containerExtra}`;

describe('kubernetes endpoint lists', () => {
  it('makes the Services of a list in an env value one group, and records the servers behind them on the client', () => {
    const x = extract({ 'a.yaml': join(...servers('zk-a', 'zk-b'), deployment('client', { env: { ZOOKEEPER_CONNECT: 'zk-a:2181,zk-b:2181/app', OTHER_ADDR: 'zk-a:2181' } })) });
    // A plain need on zk-a (OTHER_ADDR) is kept beside the alternative: the graph lets it win.
    expect(edges(x).filter((e) => e.startsWith('Deployment/default/client'))).toEqual([
      'Deployment/default/client -> Service/default/zk-a (hostname)',
      'Deployment/default/client -> Service/default/zk-a (hostname) [k=1]',
      'Deployment/default/client -> Service/default/zk-b (hostname) [k=1]',
    ]);
    const uses = component(x, 'Deployment/default/client').endpoints!;
    expect(uses.find((u) => u.via === 'ZOOKEEPER_CONNECT')).toMatchObject({ named: 2, targets: ['StatefulSet/default/zk-a', 'StatefulSet/default/zk-b'], alternatives: true });
    expect(uses.find((u) => u.via === 'OTHER_ADDR')).toMatchObject({ named: 1, targets: ['StatefulSet/default/zk-a'], alternatives: false });
  });

  it('reads ConfigMap keys (configMapKeyRef) with the key line as the site, and --flag lists of args', () => {
    const cm = `apiVersion: v1
kind: ConfigMap
metadata: {name: cfg}
data:
  brokers: "kafka-a:9092,kafka-b:9092"
`;
    const extra = `        env:
        - name: KAFKA_BOOTSTRAP_SERVERS
          valueFrom: {configMapKeyRef: {name: cfg, key: brokers}}
        args: ["--zookeeper", "zk-a:2181,zk-b:2181", "--verbose"]
`;
    const x = extract({ 'c.yaml': cm, 'a.yaml': join(...servers('kafka-a', 'kafka-b', 'zk-a', 'zk-b'), client('', extra)) });
    const uses = component(x, 'Deployment/default/client').endpoints!;
    expect(uses.map((u) => [u.via, u.site.file, u.site.startLine, u.alternatives])).toEqual([
      ['KAFKA_BOOTSTRAP_SERVERS', 'c.yaml', 5, true],
      ['--zookeeper', 'a.yaml', uses[1]!.site.startLine, true],
    ]);
    expect(edges(x).filter((e) => e.includes('zk-') && e.startsWith('Deployment/default/client'))).toEqual([
      'Deployment/default/client -> Service/default/zk-a (hostname) [k=1]',
      'Deployment/default/client -> Service/default/zk-b (hostname) [k=1]',
    ]);
  });

  it('counts the pod names of one StatefulSet as members of one server, and a list naming its own Service as peer configuration', () => {
    const own = `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: es}
spec:
  serviceName: es
  replicas: 3
  selector: {matchLabels: {app: es}}
  template:
    metadata: {labels: {app: es}}
    spec:
      containers:
      - name: main
        image: example.com/es:1
        env:
        - {name: SEED_HOSTS, value: "es-0.es:9300,es-1.es:9300,es-2.es:9300"}
`;
    const x = extract({
      'a.yaml': join(statefulSet('zk', 3), service('zk'), own, service('es'), deployment('client', { env: { ZK_SERVERS: 'zk-0.zk:2181,zk-1.zk:2181,zk-2.zk:2181', JAVA_OPTS: '-Da=zk-0.zk:2181 -Db=zk-1.zk:2181' } })),
    });
    // Several pods in words the list reader does not read as a list are no members (no cut can be judged from them).
    expect(component(x, 'Deployment/default/client').endpoints).toEqual([
      expect.objectContaining({ via: 'ZK_SERVERS', named: 3, targets: ['StatefulSet/default/zk'], members: ['zk-0', 'zk-1', 'zk-2'], alternatives: false }),
      expect.not.objectContaining({ members: expect.anything() }),
    ]);
    expect(edges(x).filter((e) => e.startsWith('Deployment/default/client'))).toEqual(['Deployment/default/client -> Service/default/zk (hostname)']);
    expect(component(x, 'StatefulSet/default/es').endpoints).toBeUndefined();
  });

  it('reads a property set through a flag in a shell command under its name, not peer forms', () => {
    const kafka = `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: kafka}
spec:
  serviceName: kafka
  replicas: 3
  selector: {matchLabels: {app: kafka}}
  template:
    metadata: {labels: {app: kafka}}
    spec:
      containers:
      - name: kafka
        image: example.com/kafka:1
        command:
        - sh
        - -c
        - "exec kafka-server-start.sh server.properties --override broker.id=1 \\
          --override listeners=PLAINTEXT://:9092 \\
          --override zookeeper.connect=zk-0.zk-hs.default.svc.cluster.local:2181,zk-1.zk-hs.default.svc.cluster.local:2181 \\
          --override log.dir=/var/lib/kafka"
`;
    const text = join(statefulSet('zk', 3).replace('serviceName: zk', 'serviceName: zk-hs'), service('zk-hs', { selector: 'zk' }), kafka, service('kafka'));
    const x = extract({ 'a.yaml': text });
    expect(component(x, 'StatefulSet/default/kafka').endpoints).toEqual([
      expect.objectContaining({ via: '--override zookeeper.connect', named: 2, targets: ['StatefulSet/default/zk'], members: ['zk-0', 'zk-1'] }),
    ]);
    // Cited on the script's line that shows it, not on the first line of the script.
    const line = text.split('\n').findIndex((l) => l.includes('zookeeper.connect=')) + 1;
    expect(component(x, 'StatefulSet/default/kafka').endpoints![0]!.site).toEqual({ file: 'a.yaml', startLine: line, endLine: line });
  });

  it('leaves out a Service name alone over a replicated workload, and a Service over several workloads', () => {
    const x = extract({
      'a.yaml': join(
        deployment('api', { replicas: 3 }),
        service('api'),
        deployment('blue'),
        deployment('green', { labels: 'app: blue' }),
        service('blue'),
        deployment('client', { env: { API_URL: 'http://api:8080', BLUE_URL: 'http://blue:8080' } }),
      ),
    });
    expect(component(x, 'Deployment/default/client').endpoints).toBeUndefined();
  });
});

describe('kubernetes load-balancer files in ConfigMaps', () => {
  const proxyConf = (key: string, body: string) => `apiVersion: v1
kind: ConfigMap
metadata: {name: proxy-conf}
data:
  ${key}: |
${body
  .split('\n')
  .map((l) => (l === '' ? '' : `    ${l}`))
  .join('\n')}`;

  it('reads an nginx upstream from a mounted ConfigMap, citing each server on its line in the manifest', () => {
    const conf = proxyConf('nginx.conf', 'upstream api {\n  server api-a:8080;\n  server api-b:8080 backup;\n  server api-c:8080 down;\n}\n');
    const mount = '        volumeMounts:\n        - {name: conf, mountPath: /etc/nginx/conf.d}\n';
    const x = extract({ 'p.yaml': conf, 'a.yaml': join(...servers('api-a', 'api-b', 'api-c'), client('      volumes:\n      - {name: conf, configMap: {name: proxy-conf}}\n', mount)) });
    expect(component(x, 'Deployment/default/client').endpoints).toEqual([
      {
        via: 'upstream api in ConfigMap proxy-conf nginx.conf',
        value: 'api-a:8080, api-b:8080',
        named: 2,
        targets: ['StatefulSet/default/api-a', 'StatefulSet/default/api-b'],
        alternatives: true,
        site: { file: 'p.yaml', startLine: 7, endLine: 7 },
      },
    ]);
    const backends = x.dependencies.filter((d) => d.kind === 'backend');
    expect(backends.map((d) => [d.to, d.location?.startLine, d.group?.k])).toEqual([
      ['Service/default/api-a', 7, 1],
      ['Service/default/api-b', 8, 1],
    ]);
  });

  it('reads only what is mounted: items and subPath filter the keys; an unmounted volume is not read', () => {
    const conf = `apiVersion: v1
kind: ConfigMap
metadata: {name: proxy-conf}
data:
  haproxy: |
    backend api
      server a api-a:8080
      server b api-b:8080
  unused.conf: |
    upstream x {
      server api-a:1;
      server api-b:1;
    }
`;
    const projected = '      volumes:\n      - name: conf\n        projected:\n          sources:\n          - configMap: {name: proxy-conf, items: [{key: haproxy, path: haproxy.cfg}]}\n      - {name: idle, configMap: {name: proxy-conf}}\n';
    const mount = '        volumeMounts:\n        - {name: conf, mountPath: /usr/local/etc/haproxy/haproxy.cfg, subPath: haproxy.cfg}\n';
    const x = extract({ 'p.yaml': conf, 'a.yaml': join(...servers('api-a', 'api-b'), client(projected, mount)) });
    expect(component(x, 'Deployment/default/client').endpoints!.map((u) => [u.via, u.site.startLine])).toEqual([['backend api in ConfigMap proxy-conf haproxy.cfg', 7]]);
  });

  it('cites the key line when the value is not a literal block (its lines do not map one to one)', () => {
    const conf = `apiVersion: v1
kind: ConfigMap
metadata: {name: proxy-conf}
data:
  nginx.conf: "upstream api {\\n  server api-a:8080;\\n  server api-b:8080;\\n}\\n"
`;
    const x = extract({ 'p.yaml': conf, 'a.yaml': join(...servers('api-a', 'api-b'), client('      volumes:\n      - {name: conf, configMap: {name: proxy-conf}}\n', '        volumeMounts:\n        - {name: conf, mountPath: /etc/nginx}\n')) });
    expect(component(x, 'Deployment/default/client').endpoints![0]!.site.startLine).toBe(5);
  });
});
