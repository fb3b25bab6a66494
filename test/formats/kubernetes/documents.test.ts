import { describe, expect, it } from 'vitest';
import { LIMITS, parseDocuments, screen } from '../../../src/formats/kubernetes/documents.js';
import { objectsOf } from '../../../src/formats/kubernetes/objects.js';
import { at, fieldAt, text, type KNode } from '../../../src/formats/kubernetes/tree.js';
import type { Diagnostic } from '../../../src/model/index.js';

const objects = (text: string, file = 'm.yaml') => {
  const parsed = parseDocuments(file, text);
  const diags: Diagnostic[] = [...parsed.diagnostics];
  return { objects: objectsOf(file, parsed.docs, diags), diags };
};

describe('manifest documents', () => {
  it('reads every document of a multi-document file with the line of each object and field', () => {
    const { objects: objs, diags } = objects(`# leading comment
apiVersion: v1
kind: Service
metadata:
  name: web
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 3
`);
    expect(diags).toEqual([]);
    expect(objs.map((o) => `${o.kind}/${o.namespace}/${o.name}@${o.line}-${o.endLine}`)).toEqual(['Service/default/web@2-5', 'Deployment/shop/web@7-13']);
    const f = fieldAt(objs[1]!.root, ['spec', 'replicas'])!;
    expect(f.keyLine).toBe(13);
    expect(f.value).toMatchObject({ t: 'scalar', value: 3, line: 13 });
    expect(objs[0]!.namespaced).toBe(false);
  });

  it('flattens List kinds and skips maps that are not objects', () => {
    const { objects: objs } = objects(`apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: ConfigMap
  metadata: {name: a}
- apiVersion: v1
  kind: Secret
  metadata: {name: b}
---
just: some yaml
`);
    expect(objs.map((o) => `${o.kind}/${o.name}@${o.line}`)).toEqual(['ConfigMap/a@4', 'Secret/b@7']);
  });

  it('reads JSON manifests', () => {
    const { objects: objs } = objects('{\n  "apiVersion": "apps/v1",\n  "kind": "Deployment",\n  "metadata": {"name": "api"},\n  "spec": {\n    "replicas": 2\n  }\n}\n', 'd.json');
    expect(objs).toHaveLength(1);
    expect(fieldAt(objs[0]!.root, ['spec', 'replicas'])).toMatchObject({ keyLine: 6 });
  });

  it('skips only the document with a syntax error, and says where', () => {
    const parsed = parseDocuments(
      'x.yaml',
      `apiVersion: v1
kind: ConfigMap
metadata: {name: a}
---
apiVersion: v1
kind: ConfigMap
data:
  list: [a, b
  other: 1
---
apiVersion: v1
kind: ConfigMap
metadata: {name: c}
`,
    );
    expect(parsed.docs.map((d) => text(at(d.root ?? undefined, ['metadata', 'name'])))).toEqual(['a', 'c']);
    expect(parsed.diagnostics).toHaveLength(1);
    expect(parsed.diagnostics[0]).toMatchObject({ file: 'x.yaml', line: 9, severity: 'error' });
    expect(parsed.diagnostics[0]!.message).toMatch(/^YAML syntax error, document skipped/);
  });

  it('resolves aliases and merge keys, keeping the anchored positions', () => {
    const { objects: objs } = objects(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: a
  labels: &labels
    app: a
spec:
  selector:
    matchLabels: *labels
  template:
    metadata:
      labels:
        <<: *labels
        tier: web
`);
    const o = objs[0]!;
    expect(text(at(o.root, ['spec', 'selector', 'matchLabels', 'app']))).toBe('a');
    expect(at(o.root, ['spec', 'selector', 'matchLabels', 'app'])?.line).toBe(6);
    expect(text(at(o.root, ['spec', 'template', 'metadata', 'labels', 'app']))).toBe('a');
    expect(text(at(o.root, ['spec', 'template', 'metadata', 'labels', 'tier']))).toBe('web');
  });

  it('stops an alias bomb at the node budget, with an error and bounded time', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      levels.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const started = performance.now();
    const parsed = parseDocuments('bomb.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n${levels.map((l) => `  ${l}`).join('\n')}\n`);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(parsed.docs).toEqual([]);
    expect(parsed.diagnostics[0]).toMatchObject({ severity: 'error' });
    expect(parsed.diagnostics[0]!.message).toMatch(/aliases expand to more than 50000 nodes/);
  });

  it('refuses pathological nesting, sizes and binary content before parsing', () => {
    expect(screen(`a: ${'['.repeat(LIMITS.maxFlowDepth + 1)}`)?.message).toMatch(/nested more than 256|nesting deeper than 256/);
    expect(screen(`${'- '.repeat(LIMITS.maxDashChain + 1)}a`)?.message).toMatch(/sequence indicators/);
    expect(screen('x'.repeat(LIMITS.maxBytes + 1))?.message).toMatch(/larger than 2 MiB/);
    expect(screen('apiVersion: v1\u0000')?.message).toMatch(/binary/);
    // Brackets in scripts do not add up across top-level keys.
    expect(screen(`a: "${'['.repeat(200)}"\nb: "${'['.repeat(200)}"\n`)).toBeUndefined();
    const started = performance.now();
    const deep = parseDocuments('deep.yaml', `a: ${'['.repeat(200_000)}`);
    expect(deep.diagnostics[0]).toMatchObject({ line: 1, severity: 'error' });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('caps deep block nesting and warns once', () => {
    const lines = Array.from({ length: LIMITS.maxDepth + 20 }, (_, i) => `${' '.repeat(i)}k${i}:`);
    const parsed = parseDocuments('deep.yaml', `${lines.join('\n')} end\n`);
    expect(parsed.diagnostics.filter((d) => /nesting deeper/.test(d.message))).toHaveLength(1);
    let n: KNode | null | undefined = parsed.docs[0]?.root;
    let depth = 0;
    while (n && n.t === 'map') {
      n = [...n.fields.values()][0]?.value;
      depth++;
    }
    expect(depth).toBeLessThanOrEqual(LIMITS.maxDepth + 1);
  });

  it('warns about duplicate keys and keeps the last one', () => {
    const parsed = parseDocuments('d.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n  name: b\n');
    expect(parsed.diagnostics).toEqual([{ file: 'd.yaml', line: 5, severity: 'warning', message: 'duplicate key "name": the last one is used' }]);
    expect(text(at(parsed.docs[0]!.root!, ['metadata', 'name']))).toBe('b');
  });

  it('skips objects without a name, with a warning', () => {
    const { objects: objs, diags } = objects('apiVersion: v1\nkind: Service\nspec: {}\n');
    expect(objs).toEqual([]);
    expect(diags[0]).toMatchObject({ line: 1, severity: 'warning', message: 'Service without metadata.name was skipped' });
  });

  it('never throws on random bytes', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = 'ab: -[]{}&*!|>\'"#%@`\n\t,?01';
    for (let i = 0; i < 300; i++) {
      const s = Array.from({ length: 1 + Math.floor(rand() * 200) }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
      expect(() => parseDocuments('r.yaml', s)).not.toThrow();
    }
  });
});
