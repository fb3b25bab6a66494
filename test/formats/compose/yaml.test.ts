import { describe, expect, it } from 'vitest';
import { EMPTY_ENV } from '../../../src/formats/compose/interpolate.js';
import { get, text, type CNode } from '../../../src/formats/compose/tree.js';
import { MAX_TEXT, parseYaml } from '../../../src/formats/compose/yaml.js';

const parse = (t: string) => parseYaml('c.yml', t, EMPTY_ENV);
const at = (n: CNode | undefined, ...path: string[]) => path.reduce<CNode | undefined>((x, k) => get(x, k), n);

describe('compose YAML reader', () => {
  it('keeps the line of every key and value, and where collections end', () => {
    const { roots, diagnostics } = parse('services:\n  api:\n    image: x\n    deploy:\n      replicas: 2\n  db:\n    image: postgres\n');
    expect(diagnostics).toEqual([]);
    const services = at(roots[0], 'services');
    expect(services?.kind === 'map' && services.entries.get('db')?.key).toEqual({ file: 'c.yml', line: 6 });
    expect(at(roots[0], 'services', 'api', 'deploy', 'replicas')?.src).toEqual({ file: 'c.yml', line: 5 });
    expect(at(roots[0], 'services', 'api')?.src.end).toBe(5);
  });

  it('expands anchors and << merge keys, explicit keys winning', () => {
    const { roots } = parse('x-base: &base\n  image: app:1\n  deploy: {replicas: 3}\nservices:\n  a:\n    <<: *base\n    image: app:2\n  b: *base\n');
    expect(text(at(roots[0], 'services', 'a', 'image'))).toBe('app:2');
    expect(text(at(roots[0], 'services', 'a', 'deploy', 'replicas'))).toBe('3');
    expect(text(at(roots[0], 'services', 'b', 'image'))).toBe('app:1');
  });

  it('keeps the compose merge tags', () => {
    const { roots, diagnostics } = parse('services:\n  a:\n    ports: !reset []\n    environment: !override\n      A: 1\n');
    expect(diagnostics).toEqual([]);
    expect(at(roots[0], 'services', 'a', 'ports')?.tag).toBe('!reset');
    expect(at(roots[0], 'services', 'a', 'environment')?.tag).toBe('!override');
  });

  it('reports malformed YAML with its line and reads nothing from the file', () => {
    const { roots, diagnostics } = parse('services:\n  api:\n    image: x\n   ports:\n      - "80:80"\n');
    expect(roots).toEqual([]);
    expect(diagnostics).toEqual([{ file: 'c.yml', line: 4, severity: 'error', message: 'invalid YAML: All mapping items must start at the same column' }]);
    const dup = parse('services:\n  api:\n    image: a\n    image: b\n');
    expect(dup.diagnostics[0]).toMatchObject({ line: 4, severity: 'error' });
  });

  it('stops an alias bomb with a diagnostic, in bounded time', () => {
    let bomb = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < 12; i++) bomb += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
    bomb += 'services:\n  api:\n    image: x\n    environment: *a11\n';
    const t0 = performance.now();
    const { roots, diagnostics } = parse(bomb);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(roots).toEqual([]);
    expect(diagnostics[0]?.message).toMatch(/alias expansion/);
  });

  it('bounds nesting depth, size and binary content', () => {
    const deep = parse(`services: ${'['.repeat(5000)}${']'.repeat(5000)}\n`);
    expect(deep.roots).toEqual([]);
    expect(deep.diagnostics[0]?.severity).toBe('error');
    const nested = parse('services:\n' + Array.from({ length: 100 }, (_, i) => `${'  '.repeat(i + 1)}k${i}:`).join('\n') + ' 1\n');
    expect(nested.roots).toEqual([]);
    expect(nested.diagnostics[0]?.message).toMatch(/nested deeper/);
    const huge = parse('services: {}\n' + '#'.repeat(MAX_TEXT));
    expect(huge.diagnostics[0]?.message).toMatch(/over the 2 MB limit/);
    expect(parse('services:\u0000').diagnostics[0]?.message).toMatch(/binary/);
  });

  it('reads every document of a multi-document file', () => {
    const { roots } = parse('services:\n  a: {image: x}\n---\nservices:\n  b: {image: y}\n');
    expect(roots).toHaveLength(2);
  });
});
