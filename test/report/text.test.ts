import { describe, expect, it } from 'vitest';
import { renderInventoryText, renderText } from '../../src/report/text.js';
import { finding, review, sampleInventory, sampleReview } from './sample.js';

describe('renderText', () => {
  const out = renderText(sampleReview());

  it('tags severity, title and file:line per finding', () => {
    expect(out).toContain('[CRITICAL] New single point of failure: aws_db_instance.main');
    expect(out).toContain('infra/database.tf:12');
    expect(out).toContain('[MEDIUM] Redundancy reduced: aws_nat_gateway.this');
    expect(out).toContain('infra/network.tf:40');
    expect(out).toContain('[RESOLVED] Resolved: aws_elasticache_replication_group.cache');
  });

  it('says what fails, what depends on it and how to fix it', () => {
    expect(out).toContain('What fails: aws_db_instance.main no longer has a standby');
    expect(out).toMatch(/Depends on it: If it fails, 2 components \(aws_ecs_service\.api and aws_lb_target_group\.api\) and 1 entry point \(aws_lb\.public\) fail with it/);
    // The suggestion is printed under the finding, with its file and line: the fix points down to it.
    expect(out).toContain('Fix: Apply the suggestion below, or accept the risk.');
    expect(out).toContain('Suggestion for infra/database.tf:18:');
    expect(out).not.toContain('suggested edit at');
    expect(out).toContain('Fix: Restore the previous value of count');
  });

  it('names the dependents once: no depends-on line when what fails already named them', () => {
    const named = finding({
      message: 'If aws_db_instance.main fails, writes fail, taking down aws_ecs_service.api, aws_lb_target_group.api and entry point aws_lb.public; fix: set multi_az = true',
    });
    const text = renderText(review([named]));
    expect(text).not.toContain('Depends on it:');
    for (const id of ['aws_ecs_service.api', 'aws_lb_target_group.api', 'aws_lb.public']) expect(text.split(id).length - 1, id).toBe(1);
    expect(text).toContain('Fix: Set multi_az = true, as suggested below.');
  });

  it('shows evidence before -> after, blast radius, recovery and the suggestion', () => {
    expect(out).toContain('infra/database.tf:18  multi_az: true -> false');
    expect(out).toContain('Blast radius: 0 -> 3 (2 dependents, 1 entry point)');
    expect(out).toContain('Recovery: RTO 1-2 min -> hours, RPO 0 -> up to 24h');
    expect(out).toContain('    multi_az = true');
    expect(out).toContain('Redundancy: 2 instances, 2 zones -> 1 instance, 1 zone');
  });

  it('lists diagnostics and a summary line', () => {
    expect(out).toContain('error   infra/broken.tf:3  Invalid block definition');
    expect(out).toMatch(/spof-review: 1 new SPOF, 1 redundancy reduced, 1 resolved — failure/);
  });

  it('orders open findings by severity and puts resolved ones last', () => {
    const crit = out.indexOf('[CRITICAL]');
    const med = out.indexOf('[MEDIUM]');
    const res = out.indexOf('[RESOLVED]');
    expect(crit).toBeLessThan(med);
    expect(med).toBeLessThan(res);
  });

  it('has no ANSI codes unless asked', () => {
    expect(out).not.toContain('\u001b[');
    expect(renderText(sampleReview(), { color: true })).toContain('\u001b[');
  });

  it('says so when there is nothing', () => {
    const empty = renderText(review([], { diagnostics: [] }));
    expect(empty).toContain('No single point of failure introduced or changed.');
    expect(empty).toContain('no findings — success');
  });

  it('does not let repository content drive the terminal', () => {
    const r = review([finding({ title: 'evil \u001b]0;pwned\u0007 \u001b[2J', message: 'x\u009b31m' })]);
    const text = renderText(r);
    expect(text).not.toMatch(/[\u001b\u0007\u009b]/);
    expect(text).toContain('evil \uFFFD]0;pwned\uFFFD \uFFFD[2J');
  });

  it('drops suppressed findings', () => {
    const r = review([finding({ suppressed: 'inline ignore' })]);
    expect(renderText(r)).not.toContain('[CRITICAL]');
  });

  it('says nothing depends on a lone component, and shows unset evidence values', () => {
    const f = finding({
      blastRadius: { before: 0, after: 0, dependents: [], entryPoints: [] },
      evidence: [{ file: 'a.tf', line: 2, attribute: 'replicas', before: undefined, after: 1 }],
      suggestion: undefined,
    });
    const text = renderText(review([f]));
    expect(text).toContain('Nothing in this repository depends on it.');
    expect(text).toContain('replicas: (unset) -> 1');
    expect(text).toContain('Fix: Give aws_db_instance.main redundancy');
  });
});

describe('renderInventoryText', () => {
  it('lists SPOFs with file:line and blast radius', () => {
    const out = renderInventoryText(sampleInventory());
    expect(out).toContain('[CRITICAL] aws_db_instance.main (aws_db_instance, instance SPOF)');
    expect(out).toContain('db.tf:3');
    expect(out).toContain('1 dependent (aws_ecs_service.api), 1 entry point (aws_lb.public)');
    expect(out).toContain('bad.tf:2  Unclosed brace');
    expect(out).toContain('1 SPOF (4 files, 4 components)');
  });
});
