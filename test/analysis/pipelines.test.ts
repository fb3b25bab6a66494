import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { review, scan } from '../../src/analysis/index.js';
import { fileSetFromRecord } from '../../src/model/index.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'compose');
const side = (name: string, which: 'base' | 'head') => fileSetFromRecord({ 'docker-compose.yml': readFileSync(join(FIXTURES, name, which, 'docker-compose.yml'), 'utf8') });
const findings = (name: string) => review({ base: side(name, 'base'), head: side(name, 'head') }).findings;

describe('schedulers and ingestion workers in findings', () => {
  it('fixes a lone Celery beat with a lock-based beat, never with copies that send every task twice', () => {
    const [beat] = findings('celery-beat-fix-text');
    expect(beat?.fix).toMatch(/RedBeat/);
    expect(beat?.fix).not.toMatch(/deploy\.replicas/);
    expect(beat?.suggestion).toBeUndefined();
    expect(beat?.message).toMatch(/periodic tasks are not sent/);
    // What it runs halts with it, and the message names what its configuration connects it to.
    expect(beat?.message).toMatch(/every pipeline it runs \(nothing in this repository references it; its configuration connects it to services\.rabbitmq\)/);
  });

  it('says a Connect worker left alone joins a group as another worker, and names the Kafka it carries data through', () => {
    const [connect] = findings('kafka-connect-worker-removed');
    expect(connect?.message).toMatch(/was redundant before/);
    expect(connect?.message).toMatch(/every pipeline it carries .*services\.kafka/);
    expect(connect?.fix).toMatch(/same group id/);
  });

  it('offers more Airflow 2 schedulers as a one-click replica count', () => {
    const [scheduler] = findings('airflow-scheduler-cut-to-one');
    expect(scheduler?.fix).toMatch(/^set deploy\.replicas: 2 \(Airflow 2\.0\+ runs several active schedulers/);
    expect(scheduler?.message).toMatch(/services\.postgres, services\.redis/);
  });

  it('lists a lone scheduler in the inventory, and only the host for a project on one host', () => {
    const k8s = scan(fileSetFromRecord({ 'jobs.yaml': readFileSync(join(FIXTURES, '..', 'kubernetes', 'cron-runner-deployment-new', 'head', 'jobs.yaml'), 'utf8') }));
    expect(k8s.spofs.map((s) => [s.component.id, s.component.rule, s.severity])).toEqual([['Deployment/billing/nightly-jobs', 'image-cron', 'high']]);
    const oneHost = scan(side('airflow-scheduler-one-host-clean', 'head'));
    expect(oneHost.spofs.map((s) => s.component.rule)).toEqual(['single-host']);
  });
});
