import { describe, expect, it } from 'vitest';
import { renderSarif, toSarif } from '../../src/report/sarif.js';
import { finding, review, sampleReview } from './sample.js';
import { validate } from './sarif-schema.js';

const opts = { version: '1.2.3' };

describe('renderSarif', () => {
  const log = JSON.parse(renderSarif(sampleReview(), opts)) as any;

  it('is valid against the SARIF 2.1.0 schema', () => {
    const ok = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the schema check has teeth', () => {
    const bad = structuredClone(log);
    bad.runs[0].results[0].level = 'critical';
    expect(validate(bad)).toBe(false);
    const noDriver = structuredClone(log);
    delete noDriver.runs[0].tool.driver.name;
    expect(validate(noDriver)).toBe(false);
  });

  it('is valid with no findings and with odd paths', () => {
    const empty = toSarif(review([], { diagnostics: [] }), opts);
    expect(validate(empty)).toBe(true);
    const odd = toSarif(review([finding({ location: { file: 'dir with space/a:b#c.tf', startLine: 0, endLine: 0 } })]), opts);
    expect(validate(odd), JSON.stringify(validate.errors)).toBe(true);
    const loc = (odd as any).runs[0].results[0].locations[0].physicalLocation;
    expect(loc.artifactLocation.uri).toBe('dir%20with%20space/a%3Ab%23c.tf');
    expect(loc.region).toEqual({ startLine: 1, endLine: 1 });
  });

  it('has what GitHub code scanning requires', () => {
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const driver = log.runs[0].tool.driver;
    expect(driver.name).toBe('spof-review');
    expect(driver.semanticVersion).toBe('1.2.3');
    expect(driver.informationUri).toMatch(/^https:\/\//);
    for (const rule of driver.rules) {
      expect(rule.id).toMatch(/^[a-z-]+\/[a-z0-9-]+$/);
      expect(rule.name).toMatch(/^[A-Za-z0-9]+$/);
      expect(rule.shortDescription.text).toBeTruthy();
      expect(rule.fullDescription.text).toBeTruthy();
      expect(rule.help.text).toBeTruthy();
      expect(['error', 'warning', 'note']).toContain(rule.defaultConfiguration.level);
      expect(rule.properties.tags).toContain('security');
      expect(Number(rule.properties['security-severity'])).toBeGreaterThan(0);
      expect(Number(rule.properties['security-severity'])).toBeLessThanOrEqual(10);
    }
    for (const r of log.runs[0].results) {
      expect(driver.rules[r.ruleIndex].id).toBe(r.ruleId);
      expect(r.message.text).toBeTruthy();
      const pl = r.locations[0].physicalLocation;
      expect(pl.artifactLocation.uriBaseId).toBe('%SRCROOT%');
      expect(pl.artifactLocation.uri).not.toMatch(/^\//);
      expect(pl.region.startLine).toBeGreaterThanOrEqual(1);
      expect(pl.region.endLine).toBeGreaterThanOrEqual(pl.region.startLine);
      expect(Object.values(r.partialFingerprints)).toHaveLength(1);
    }
  });

  it('maps severities to levels and leaves resolved SPOFs out', () => {
    const results = log.runs[0].results;
    expect(results.map((r: any) => [r.ruleId, r.level])).toEqual([
      ['new-spof/aws-rds-instance', 'error'],
      ['redundancy-reduced/aws-nat-gateway', 'warning'],
    ]);
    expect(results[0].partialFingerprints).toEqual({ 'spofReviewFingerprint/v1': 'fp-db-main' });
    expect(results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('infra/database.tf');
    expect(results[0].locations[0].physicalLocation.region).toEqual({ startLine: 12, endLine: 30 });
    expect(results[0].message.text).toContain('aws_db_instance.main no longer has a standby');
    expect(JSON.stringify(log)).not.toContain('fp-cache');
    const low = toSarif(review([finding({ severity: 'low' })]), opts) as any;
    expect(low.runs[0].results[0].level).toBe('note');
    expect(low.runs[0].tool.driver.rules[0].properties['security-severity']).toBe('2.5');
  });

  it('rates a rule by its most severe result and shares it between results', () => {
    const r = review([finding({ severity: 'high', fingerprint: 'a' }), finding({ severity: 'critical', fingerprint: 'b', location: { file: 'z.tf', startLine: 1, endLine: 2 } })]);
    const out = toSarif(r, opts) as any;
    expect(out.runs[0].tool.driver.rules).toHaveLength(1);
    expect(out.runs[0].tool.driver.rules[0].properties['security-severity']).toBe('9.5');
    expect(out.runs[0].results.map((x: any) => x.ruleIndex)).toEqual([0, 0]);
  });

  it('reports diagnostics as tool notifications', () => {
    const n = log.runs[0].invocations[0].toolExecutionNotifications;
    expect(n[0].level).toBe('error');
    expect(n[0].message.text).toBe('Invalid block definition');
  });
});
