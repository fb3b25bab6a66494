import { describe, expect, it } from 'vitest';
import { review } from '../../src/analysis/index.js';
import { fileSetFromRecord } from '../../src/model/index.js';

const db = (multiAz: string) => `resource "aws_db_instance" "db" {\n  engine   = "postgres"\n  multi_az = ${multiAz}\n}\n`;

describe('review', () => {
  it('does not call a SPOF resolved when its head file merely fails to parse', () => {
    const r = review({ base: fileSetFromRecord({ 'main.tf': db('false') }), head: fileSetFromRecord({ 'main.tf': db('') }) });
    expect(r.findings).toEqual([]);
    expect(r.diagnostics.map((d) => [d.file, d.line, d.severity])).toEqual([['main.tf', 3, 'error']]);
  });

  it('still reports a SPOF resolved when the component was really removed or fixed', () => {
    const removed = review({ base: fileSetFromRecord({ 'main.tf': db('false') }), head: fileSetFromRecord({ 'main.tf': '# nothing here\n' }) });
    expect(removed.findings.map((f) => f.kind)).toEqual(['resolved-spof']);
    const fixed = review({ base: fileSetFromRecord({ 'main.tf': db('false') }), head: fileSetFromRecord({ 'main.tf': db('true') }) });
    expect(fixed.findings.map((f) => f.kind)).toEqual(['resolved-spof']);
  });

  it('says a resource that now only passes failure through to its parts runs nothing itself, never "it now has 1 instance"', () => {
    const kafka = (spec: string, extra = '') =>
      `${extra}apiVersion: kafka.strimzi.io/v1beta2\nkind: Kafka\nmetadata:\n  name: events\n  namespace: streaming\n  annotations:\n    strimzi.io/node-pools: enabled\nspec:\n  kafka:\n${spec}    listeners:\n      - name: plain\n        port: 9092\n        type: internal\n        tls: false\n`;
    const pool = 'apiVersion: kafka.strimzi.io/v1beta2\nkind: KafkaNodePool\nmetadata:\n  name: nodes\n  namespace: streaming\n  labels:\n    strimzi.io/cluster: events\nspec:\n  replicas: 3\n  roles:\n    - broker\n    - controller\n---\n';
    const r = review({ base: fileSetFromRecord({ 'kafka.yaml': kafka('    replicas: 1\n') }), head: fileSetFromRecord({ 'kafka.yaml': kafka('', pool) }) });
    const resolved = r.findings.filter((f) => f.kind === 'resolved-spof' && f.component.id === 'Kafka/streaming/events');
    expect(resolved).toHaveLength(1);
    expect(resolved[0]!.message).toContain('it no longer runs anything itself');
    expect(resolved[0]!.message).not.toContain('it now has 1 instance');
  });
});
