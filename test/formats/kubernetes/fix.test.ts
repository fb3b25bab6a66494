import { describe, expect, it } from 'vitest';
import { rewriteScalar, yamlLiteral } from '../../../src/formats/kubernetes/fix.js';
import { component, extract } from './helpers.js';

describe('kubernetes fixes', () => {
  it('rewrites the scalar of a one-line key, keeping indentation, quotes style, commas and comments', () => {
    expect(rewriteScalar('  replicas: 1', '2')).toBe('  replicas: 2');
    expect(rewriteScalar('  replicas: 1   # one is enough', '2')).toBe('  replicas: 2   # one is enough');
    expect(rewriteScalar('  replicas: "1"', '2')).toBe('  replicas: 2');
    expect(rewriteScalar('    "replicas": 1,', '2')).toBe('    "replicas": 2,');
    expect(rewriteScalar('- count: 1', '2')).toBe('- count: 2');
    expect(rewriteScalar('  sentinel: {replicas: 2}', '3')).toBeUndefined();
    expect(rewriteScalar('  replicas:', '2')).toBeUndefined();
  });

  it('writes YAML literals, quoting what would read as something else', () => {
    expect(yamlLiteral(2)).toBe('2');
    expect(yamlLiteral(true)).toBe('true');
    expect(yamlLiteral('ReadWriteMany')).toBe('ReadWriteMany');
    expect(yamlLiteral('yes')).toBe('"yes"');
    expect(yamlLiteral(['ReadWriteMany'])).toBe('[ReadWriteMany]');
    expect(yamlLiteral({ a: 1 })).toBeUndefined();
  });

  it('rewrites a JSON manifest in place, and never inserts into JSON', () => {
    const json = (replicas: string) => `{
  "apiVersion": "apps/v1",
  "kind": "Deployment",
  "metadata": {"name": "web"},
  "spec": {${replicas}
    "selector": {"matchLabels": {"app": "web"}},
    "template": {"metadata": {"labels": {"app": "web"}}, "spec": {"containers": [{"name": "a", "image": "a:1"}]}}
  }
}
`;
    const written = component(extract({ 'd.json': json('\n    "replicas": 1,') }), 'Deployment/default/web');
    expect(written.fix?.suggestion).toEqual({ file: 'd.json', startLine: 6, endLine: 6, replacement: '    "replicas": 2,' });
    const absent = component(extract({ 'd.json': json('') }), 'Deployment/default/web');
    expect(absent.fix).toEqual({ description: 'set spec.replicas to 2 or more' });
  });

  it('inserts an absent replicas under a spec: block at its children indentation', () => {
    const fourSpaces = `apiVersion: apps/v1
kind: Deployment
metadata:
    name: web
spec:   # the web tier
    selector:
        matchLabels: {app: web}
    template:
        metadata: {labels: {app: web}}
        spec: {containers: [{name: a, image: a:1}]}
`;
    const c = component(extract({ 'a.yaml': fourSpaces }), 'Deployment/default/web');
    expect(c.fix?.suggestion).toEqual({ file: 'a.yaml', startLine: 5, endLine: 5, replacement: 'spec:   # the web tier\n    replicas: 2' });
  });
});
