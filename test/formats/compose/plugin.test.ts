import { describe, expect, it } from 'vitest';
import { compose } from '../../../src/formats/compose/index.js';
import type { Extraction, Stack } from '../../../src/formats/format.js';
import { fileSetFromRecord, type Component, type FileSet } from '../../../src/model/index.js';

function stacksOf(files: FileSet): Stack[] {
  const paths = files.paths().filter((p) => compose.claims(p) || (compose.sniff?.(p, files.read(p)!) ?? false));
  return compose.stacks(paths, files, {});
}

function extract(record: Record<string, string>): Extraction & { stacks: Stack[] } {
  const files = fileSetFromRecord(record);
  const stacks = stacksOf(files);
  const out: Extraction & { stacks: Stack[] } = { components: [], dependencies: [], diagnostics: [], stacks };
  for (const s of stacks) {
    const x = compose.extract(s, files, {});
    out.components.push(...x.components);
    out.dependencies.push(...x.dependencies);
    out.diagnostics.push(...x.diagnostics);
  }
  return out;
}

const byId = (x: Extraction, id: string): Component => {
  const c = x.components.find((k) => k.id === id);
  if (!c) throw new Error(`no ${id} in ${x.components.map((k) => k.id).join(', ')}`);
  return c;
};
const edges = (x: Extraction) => x.dependencies.map((d) => `${d.from} -${d.kind}-> ${d.to}@${d.location?.startLine}`);

describe('compose files and stacks', () => {
  it('claims compose names and sniffs other YAML by a services map of images or builds', () => {
    for (const p of ['compose.yaml', 'compose.yml', 'a/compose.prod.yaml', 'docker-compose.yml', 'x/docker-compose-mysql.yaml', 'docker-compose.override.yml']) {
      expect(compose.claims(p), p).toBe(true);
    }
    for (const p of ['composer.yml', 'k8s/deploy.yaml', 'node_modules/x/docker-compose.yml', 'docker-compose.yml.bak']) expect(compose.claims(p), p).toBe(false);
    expect(compose.sniff!('stack.yml', 'version: "3.9"\nservices:\n  web:\n    image: nginx\n')).toBe(true);
    expect(compose.sniff!('ci.yml', 'services:\n  - postgres:16\nscript: [make]\n')).toBe(false);
    expect(compose.sniff!('k.yaml', 'apiVersion: v1\nkind: Service\nservices:\n  a: {image: x}\n')).toBe(false);
    expect(compose.sniff!('notes.md', 'services:\n  web:\n    image: nginx\n')).toBe(false);
    expect(compose.sniff!('bad.yml', 'services:\n  web: [\n')).toBe(false);
  });

  it('merges the override file into its base stack and lists every file the stack reads', () => {
    const x = extract({
      'docker-compose.yml': 'services:\n  api:\n    image: app\n    env_file: api.env\n    deploy:\n      replicas: ${API_REPLICAS:-2}\n',
      'docker-compose.override.yml': 'services:\n  api:\n    ports: ["80:80"]\n',
      '.env': 'API_REPLICAS=3\n',
      'api.env': 'X=1\n',
      'other/compose.yaml': 'services:\n  w:\n    image: w\n',
    });
    expect(x.stacks).toEqual([
      { format: 'compose', id: 'docker-compose.yml', files: ['.env', 'api.env', 'docker-compose.override.yml', 'docker-compose.yml'] },
      { format: 'compose', id: 'other/compose.yaml', files: ['other/compose.yaml'] },
    ]);
    const api = byId(x, 'services.api');
    expect(api).toMatchObject({ type: 'service', format: 'compose', stack: 'docker-compose.yml', entryPoint: true, location: { file: 'docker-compose.yml', startLine: 2, endLine: 6 } });
    expect(api.redundancy).toEqual({ instances: 3, zones: null, failover: null, quorum: false });
    expect(api.attributes.replicas).toMatchObject({ attribute: 'deploy.replicas', value: 3, site: { file: '.env', startLine: 1 }, text: 'API_REPLICAS=3' });
  });

  it('reads included files as part of the including stack, not as stacks of their own', () => {
    const x = extract({
      'compose.yaml': 'include:\n  - db/compose.yaml\nservices:\n  api:\n    image: app\n    ports: ["80:80"]\n    environment:\n      DB_HOST: db\n',
      'db/compose.yaml': 'services:\n  db:\n    image: postgres:16\n',
    });
    expect(x.stacks.map((s) => [s.id, s.files])).toEqual([['compose.yaml', ['compose.yaml', 'db/compose.yaml']]]);
    expect(byId(x, 'services.db')).toMatchObject({ role: 'database', rule: 'image-postgres', stack: 'compose.yaml', location: { file: 'db/compose.yaml', startLine: 2 } });
    expect(edges(x)).toEqual(['services.api -hostname-> services.db@8']);
  });

  it('resolves extends in the same file and from another file, and guards cycles', () => {
    const x = extract({
      'docker-compose.yml':
        'services:\n  base:\n    image: app\n    deploy: {replicas: 2}\n  web:\n    extends: base\n    ports: ["80:80"]\n  worker:\n    extends:\n      file: common.yml\n      service: job\n  a:\n    extends: b\n  b:\n    extends: a\n    image: loop\n',
      'common.yml': 'services:\n  job:\n    image: worker\n    scale: 4\n',
    });
    expect(byId(x, 'services.web').redundancy.instances).toBe(2);
    expect(byId(x, 'services.worker').redundancy.instances).toBe(4);
    expect(byId(x, 'services.worker').attributes.replicas?.site).toMatchObject({ file: 'common.yml', startLine: 4 });
    expect(x.stacks[0]!.files).toEqual(['common.yml', 'docker-compose.yml']);
    expect(x.diagnostics.some((d) => /extends itself/.test(d.message))).toBe(true);
  });
});

describe('compose redundancy', () => {
  const one = (svc: string, extra: Record<string, string> = {}) => extract({ 'compose.yaml': `services:\n  api:\n    image: shop/api:1\n${svc}`, ...extra });

  it('counts deploy.replicas, scale and global mode; unset is one container', () => {
    expect(byId(one(''), 'services.api').redundancy.instances).toBe(1);
    expect(byId(one('    scale: 3\n'), 'services.api').attributes.replicas).toMatchObject({ attribute: 'scale', value: 3 });
    const g = byId(one('    deploy:\n      mode: global\n'), 'services.api');
    expect(g.redundancy.instances).toBe(2);
    expect(g.attributes.replicas).toMatchObject({ attribute: 'deploy.mode', site: { startLine: 5 } });
    const both = one('    scale: 2\n    deploy:\n      replicas: 3\n');
    expect(byId(both, 'services.api').redundancy.instances).toBe(3);
    expect(both.diagnostics.map((d) => d.message)).toEqual([expect.stringMatching(/scale: 2 and deploy.replicas: 3/)]);
  });

  it('caps a service with container_name at one container, with a warning', () => {
    const x = one('    container_name: api\n    deploy:\n      replicas: 3\n');
    expect(byId(x, 'services.api').redundancy.instances).toBe(1);
    expect(byId(x, 'services.api').attributes.replicas).toMatchObject({ attribute: 'container_name', value: 1, site: { startLine: 4 } });
    expect(x.diagnostics).toEqual([expect.objectContaining({ line: 4, severity: 'warning', message: expect.stringMatching(/allows one container: deploy.replicas: 3 cannot run/) })]);
    expect(byId(one('    container_name: api\n'), 'services.api').fix?.suggestion).toBeUndefined();
  });

  it('keeps unknown counts unknown, with a diagnostic at the line', () => {
    const x = one('    deploy:\n      replicas: ${API_REPLICAS}\n');
    expect(byId(x, 'services.api').redundancy.instances).toBeNull();
    expect(x.diagnostics).toEqual([
      expect.objectContaining({ line: 5, message: 'deploy.replicas of services.api could not be evaluated: ${API_REPLICAS} is not set in the reviewed files and has no default; its redundancy is unknown' }),
    ]);
  });

  it('takes roles and quorum from the image; replicas of a database are independent servers', () => {
    const x = extract({
      'compose.yaml':
        'services:\n  db:\n    image: docker.io/bitnami/postgresql:16\n    deploy:\n      replicas: 2\n  zk:\n    image: zookeeper:3.9\n    deploy:\n      replicas: 3\n  web:\n    build: .\n',
    });
    const db = byId(x, 'services.db');
    expect(db).toMatchObject({ role: 'database', rule: 'image-postgres', redundancy: { instances: 1 } });
    expect(db.fix?.description).toMatch(/run PostgreSQL replicated/);
    expect(x.diagnostics.map((d) => d.line)).toEqual([5]);
    expect(byId(x, 'services.zk')).toMatchObject({ role: 'database', rule: 'image-zookeeper', redundancy: { instances: 3, quorum: true } });
    expect(byId(x, 'services.web')).toMatchObject({ role: 'compute', rule: 'compose-service', entryPoint: false });
  });

  it('never invents zones: a compose file describes one host', () => {
    const x = one('    deploy:\n      replicas: 1\n');
    expect(byId(x, 'services.api').redundancy.zones).toBeNull();
    expect(byId(x, 'services.api').fix?.description).toMatch(/not a host failure/);
  });
});

describe('compose fixes', () => {
  const fixOf = (record: Record<string, string>) => byId(extract(record), 'services.api').fix;

  it('rewrites the replicas line, the .env line or the inline default it comes from', () => {
    expect(fixOf({ 'compose.yaml': 'services:\n  api:\n    image: a\n    deploy:\n      replicas: 1 # one is enough\n' })?.suggestion).toEqual({
      file: 'compose.yaml',
      startLine: 5,
      endLine: 5,
      replacement: '      replicas: 2 # one is enough',
    });
    expect(
      fixOf({ 'compose.yaml': 'services:\n  api:\n    image: a\n    deploy:\n      replicas: ${API_REPLICAS:-2}\n', '.env': '# sizes\nexport API_REPLICAS="1"\n' })?.suggestion,
    ).toEqual({ file: '.env', startLine: 2, endLine: 2, replacement: 'export API_REPLICAS="2"' });
    expect(fixOf({ 'compose.yaml': 'services:\n  api:\n    image: a\n    deploy:\n      replicas: "${API_REPLICAS:-1}"\n' })?.suggestion?.replacement).toBe(
      '      replicas: "${API_REPLICAS:-2}"',
    );
    expect(fixOf({ 'compose.yaml': 'services:\n  api:\n    image: a\n    scale: 1\n' })).toEqual({
      description: expect.stringMatching(/^set scale: 2/),
      suggestion: { file: 'compose.yaml', startLine: 4, endLine: 4, replacement: '    scale: 2' },
    });
  });

  it('inserts deploy.replicas under deploy or under the service, in the file\'s indentation', () => {
    expect(fixOf({ 'compose.yaml': 'services:\n    api:\n        image: a\n' })?.suggestion).toEqual({
      file: 'compose.yaml',
      startLine: 2,
      endLine: 2,
      replacement: '    api:\n        deploy:\n            replicas: 2',
    });
    expect(fixOf({ 'compose.yaml': 'services:\n  api:\n    image: a\n    deploy:\n      resources: {}\n' })?.suggestion).toEqual({
      file: 'compose.yaml',
      startLine: 4,
      endLine: 4,
      replacement: '    deploy:\n      replicas: 2',
    });
    expect(fixOf({ 'compose.yaml': 'services:\n  api: {image: a}\n' })?.suggestion).toBeUndefined();
    expect(fixOf({ 'compose.yaml': 'x: &d\n  replicas: 1\nservices:\n  api:\n    image: a\n    deploy: *d\n' })?.suggestion).toBeUndefined();
  });
});

describe('compose relations', () => {
  it('reads depends_on (both forms), links, network_mode, volumes_from and host names in environment and env_file', () => {
    const x = extract({
      'compose.yaml': [
        'services:',
        '  api:',
        '    image: shop/api',
        '    env_file: [config/api.env]',
        '    environment:',
        '      - DATABASE_URL=postgres://app@db:5432/app',
        '      - MODE=cache',
        '    depends_on:',
        '      queue: {condition: service_healthy}',
        '      optional: {condition: service_started, required: false}',
        '  worker:',
        '    image: shop/worker',
        '    depends_on: [queue]',
        '    links: ["db:database"]',
        '    environment:',
        '      PG: database:5432',
        '  sidecar:',
        '    image: envoy',
        '    network_mode: service:api',
        '  backup:',
        '    image: restic',
        '    volumes_from: ["db:ro", "container:the-cache"]',
        '  db: {image: postgres}',
        '  cache: {image: redis, container_name: the-cache}',
        '  queue:',
        '    image: rabbitmq',
        '    networks:',
        '      back: {aliases: [mq]}',
        '  optional: {image: x}',
        '',
      ].join('\n'),
      'config/api.env': 'AMQP_URL=amqp://mq:5672\nREDIS_HOST=the-cache\n',
    });
    expect(edges(x).sort()).toEqual(
      [
        'services.api -hostname-> services.cache@2',
        'services.api -hostname-> services.db@6',
        'services.api -hostname-> services.queue@1',
        'services.api -depends_on-> services.queue@9',
        'services.worker -depends_on-> services.queue@13',
        'services.worker -reference-> services.db@14',
        'services.worker -hostname-> services.db@16',
        'services.sidecar -reference-> services.api@19',
        'services.backup -volume-> services.db@22',
        'services.backup -volume-> services.cache@22',
      ].sort(),
    );
    expect(x.dependencies.find((d) => d.location?.file === 'config/api.env')).toBeDefined();
    expect(x.diagnostics).toEqual([]);
  });

  it('warns about relations to services that are not defined', () => {
    const x = extract({ 'compose.yaml': 'services:\n  api:\n    image: a\n    depends_on: [elasticsearch]\n' });
    expect(x.diagnostics).toEqual([expect.objectContaining({ line: 4, message: 'depends_on of services.api names elasticsearch, which this project does not define (a file combined with -f is not seen): that dependency is left out' })]);
    expect(x.dependencies).toEqual([]);
  });

  it('treats services of one clustering image that name each other, or share a coordinator, as one cluster', () => {
    const zoo = (i: number) => `  zoo${i}:\n    image: confluentinc/cp-zookeeper:7\n    environment:\n      ZOOKEEPER_SERVERS: zoo1:2888:3888;zoo2:2888:3888;zoo3:2888:3888\n`;
    const kafka = (i: number) => `  kafka${i}:\n    image: confluentinc/cp-kafka:7\n    environment:\n      KAFKA_ZOOKEEPER_CONNECT: zoo${i}:2181\n`;
    const x = extract({
      'compose.yaml': `services:\n${zoo(1)}${zoo(2)}${zoo(3)}${kafka(1)}${kafka(2)}${kafka(3)}  pg1:\n    image: postgres\n    environment: {PRIMARY_HOST: pg2}\n  pg2: {image: postgres}\n`,
    });
    for (const z of ['zoo1', 'zoo2', 'zoo3']) expect(byId(x, `services.${z}`).redundancy).toMatchObject({ instances: 3, quorum: true });
    for (const k of ['kafka1', 'kafka2', 'kafka3']) {
      expect(byId(x, `services.${k}`).redundancy.instances).toBe(3);
      expect(byId(x, `services.${k}`).attributes.cluster?.value).toEqual(['kafka1', 'kafka2', 'kafka3']);
    }
    // Peers do not need each other; brokers still need their coordinator; PostgreSQL does not cluster.
    expect(edges(x).filter((e) => /zoo. -hostname-> services\.zoo/.test(e))).toEqual([]);
    expect(edges(x)).toContain('services.kafka1 -hostname-> services.zoo1@17');
    expect(byId(x, 'services.pg1').redundancy.instances).toBe(1);
    expect(edges(x)).toContain('services.pg1 -hostname-> services.pg2@28');
  });
});

describe('compose bad input', () => {
  it('reads the valid file beside a malformed one, an alias bomb and a non-compose top level', () => {
    let bomb = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < 10; i++) bomb += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
    const t0 = performance.now();
    const x = extract({
      'ok/compose.yaml': 'services:\n  api: {image: a}\n',
      'bad/compose.yaml': 'services:\n  api:\n    image: [\n',
      'bomb/compose.yaml': `${bomb}services:\n  api:\n    image: a\n    environment: *a9\n`,
      'list/compose.yaml': '- services\n',
      'empty/compose.yaml': '',
      'weird/compose.yaml': 'services: 3\n',
    });
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(x.components.map((c) => `${c.stack}:${c.id}`)).toEqual(['ok/compose.yaml:services.api']);
    const files = x.diagnostics.map((d) => `${d.file}:${d.line}:${d.severity}`);
    expect(files).toEqual(['bad/compose.yaml:3:error', 'bomb/compose.yaml:5:error', 'list/compose.yaml:1:error', 'weird/compose.yaml:1:error']);
  });
});

describe('compose in a review', () => {
  it('re-reviews a stack when only its .env changes, pointing evidence and suggestion at the .env line', async () => {
    const { review } = await import('../../../src/analysis/index.js');
    const composeFile = 'services:\n  api:\n    image: shop/api\n    ports: ["80:80"]\n    deploy:\n      replicas: ${API_REPLICAS:-2}\n';
    const r = review({
      base: fileSetFromRecord({ 'app/compose.yaml': composeFile, 'app/.env': 'API_REPLICAS=2\n' }),
      head: fileSetFromRecord({ 'app/compose.yaml': composeFile, 'app/.env': 'API_REPLICAS=1\n' }),
    });
    expect(r.stats.stacks).toEqual({ reviewed: 1, unchanged: 0 });
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({
      kind: 'new-spof',
      severity: 'high',
      component: { id: 'services.api', type: 'service', format: 'compose', stack: 'app/compose.yaml' },
      location: { file: 'app/compose.yaml', startLine: 2 },
      evidence: [{ file: 'app/.env', line: 1, attribute: 'deploy.replicas', before: 2, after: 1 }],
      suggestion: { file: 'app/.env', startLine: 1, endLine: 1, replacement: 'API_REPLICAS=2' },
    });
  });
});
