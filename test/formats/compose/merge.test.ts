import { describe, expect, it } from 'vitest';
import { EMPTY_ENV } from '../../../src/formats/compose/interpolate.js';
import { merge } from '../../../src/formats/compose/merge.js';
import { get, isMap, items, text, type CNode } from '../../../src/formats/compose/tree.js';
import { parseYaml } from '../../../src/formats/compose/yaml.js';

const svc = (file: string, t: string): CNode => get(get(parseYaml(file, t, EMPTY_ENV).roots[0], 'services'), 'api')!;

describe('compose merge rules', () => {
  const base = svc(
    'base.yml',
    'services:\n  api:\n    image: app:1\n    command: ["run", "--fast"]\n    ports: ["80:80"]\n    environment:\n      - A=1\n      - B=2\n    depends_on: [db]\n    deploy:\n      replicas: 2\n      resources: {limits: {memory: 1G}}\n',
  );

  it('merges maps, replaces scalars and commands, appends sequences and merges list and map forms', () => {
    const over = svc(
      'over.yml',
      'services:\n  api:\n    image: app:2\n    command: ["run"]\n    ports: ["80:80", "443:443"]\n    environment:\n      B: 3\n      C: 4\n    depends_on:\n      cache: {condition: service_healthy}\n    deploy:\n      replicas: 1\n',
    );
    const m = merge(base, over)!;
    expect(text(get(m, 'image'))).toBe('app:2');
    expect(items(get(m, 'command')).map(text)).toEqual(['run']);
    expect(items(get(m, 'ports')).map(text)).toEqual(['80:80', '443:443']);
    const env = get(m, 'environment');
    expect(isMap(env) && [...env.entries].map(([k, e]) => `${k}=${text(e.value)}`)).toEqual(['A=1', 'B=3', 'C=4']);
    const deps = get(m, 'depends_on');
    expect(isMap(deps) && [...deps.entries.keys()]).toEqual(['db', 'cache']);
    expect(text(get(get(m, 'deploy'), 'replicas'))).toBe('1');
    expect(get(get(m, 'deploy'), 'replicas')?.src).toEqual({ file: 'over.yml', line: 12 });
    expect(get(get(m, 'deploy'), 'resources')).toBeDefined();
  });

  it('removes a value tagged !reset and replaces one tagged !override', () => {
    const over = svc('over.yml', 'services:\n  api:\n    ports: !reset []\n    environment: !override\n      C: 4\n');
    const m = merge(base, over)!;
    expect(get(m, 'ports')).toBeUndefined();
    const env = get(m, 'environment');
    expect(isMap(env) && [...env.entries.keys()]).toEqual(['C']);
  });
});
