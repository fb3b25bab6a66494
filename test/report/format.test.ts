import { describe, expect, it } from 'vitest';
import { atOrAbove, compareFindings, failing, fixSentence, formatValue, listIds, plural, splitMessage, truncate, dependsSentence, dependsUnsaid } from '../../src/report/format.js';
import { finding, review } from './sample.js';

describe('format helpers', () => {
  it('orders and thresholds severities', () => {
    expect(atOrAbove('critical', 'high')).toBe(true);
    expect(atOrAbove('high', 'high')).toBe(true);
    expect(atOrAbove('medium', 'high')).toBe(false);
    expect(atOrAbove('critical', 'never')).toBe(false);
    expect(atOrAbove('low', 'low')).toBe(true);
    const r = review([finding({ severity: 'medium' }), finding({ kind: 'resolved-spof', severity: 'critical' }), finding({ severity: 'high', suppressed: 'x' })]);
    expect(failing(r, 'high')).toEqual([]);
    expect(failing(r, 'medium')).toHaveLength(1);
    const sorted = [finding({ severity: 'low' }), finding({ kind: 'resolved-spof', severity: 'critical' }), finding({ severity: 'critical' })].sort(compareFindings);
    expect(sorted.map((f) => [f.kind, f.severity])).toEqual([
      ['new-spof', 'critical'],
      ['new-spof', 'low'],
      ['resolved-spof', 'critical'],
    ]);
  });

  it('plural, truncate, listIds', () => {
    expect(plural(1, 'file')).toBe('1 file');
    expect(plural(0, 'file')).toBe('0 files');
    expect(plural(2, 'entry', 'entries')).toBe('2 entries');
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
    expect(listIds(['a'])).toBe('a');
    expect(listIds(['a', 'b', 'c'])).toBe('a, b and c');
    expect(listIds(['a', 'b', 'c', 'd'], 2)).toBe('a, b and 2 more');
  });

  it('shows evidence values whole, cutting only absurd sizes and saying how long they were', () => {
    const arn = 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/payments-public/50dc6c495c0c9188';
    expect(formatValue(arn)).toBe(JSON.stringify(arn));
    const subnets = ['subnet-0a1b2c3d4e5f60001', 'subnet-0a1b2c3d4e5f60002', 'subnet-0a1b2c3d4e5f60003'];
    expect(formatValue(subnets)).toBe(JSON.stringify(subnets));
    const huge = 'x'.repeat(500);
    expect(formatValue(huge)).toMatch(/… \(502 characters in all\)$/);
    expect(formatValue(undefined)).toBe('(unset)');
  });

  it('splits the engine message into what fails and the fix', () => {
    expect(splitMessage('If x fails, y stops; fix: set multi_az = true (adds a standby)')).toEqual({
      what: 'If x fails, y stops.',
      fix: 'Set multi_az = true (adds a standby).',
    });
    expect(splitMessage('aws_db.x lost its standby.')).toEqual({ what: 'aws_db.x lost its standby.' });
    expect(splitMessage('x fails; fix: aws_x.y needs 2 replicas')).toEqual({ what: 'X fails.', fix: 'aws_x.y needs 2 replicas.' });
    const f = finding({ message: 'If db fails, all fails; fix: set multi_az = true' });
    expect(fixSentence(f)).toBe('Set multi_az = true: see the suggested edit at infra/database.tf:18.');
    expect(fixSentence({ ...f, suggestion: undefined })).toBe('Set multi_az = true.');
    // Shown right below, or not at all (a comment sitting on the suggestion's own line): never "see ... at" that line.
    expect(fixSentence(f, 'here')).toBe('Set multi_az = true, as suggested below.');
    expect(fixSentence(f, 'none')).toBe('Set multi_az = true.');
  });

  it('says the dependents once: not again when the what-fails sentence names them all', () => {
    const named = finding({
      message: 'If db fails, writes fail, taking down a, b and entry point lb; fix: set multi_az = true',
      blastRadius: { before: 0, after: 3, dependents: ['a', 'b', 'lb'], entryPoints: ['lb'] },
    });
    expect(dependsUnsaid(named)).toBeUndefined();
    expect(dependsUnsaid({ ...named, kind: 'blast-radius-grown' })).toBe('Blast radius 0 -> 3.');
    const partly = { ...named, message: 'If db fails, writes fail, taking down a; fix: x' };
    expect(dependsUnsaid(partly)).toBe('If it fails, 2 components (a and b) and 1 entry point (lb) fail with it.');
    const alone = finding({ message: 'If db fails, the data it holds (nothing in this repository references it) is lost; fix: x', blastRadius: { before: 0, after: 0, dependents: [], entryPoints: [] } });
    expect(dependsUnsaid(alone)).toBeUndefined();
  });

  it('does not count entry points twice among dependents', () => {
    const f = finding({ blastRadius: { before: 0, after: 3, dependents: ['a', 'b', 'lb'], entryPoints: ['lb'] } });
    expect(dependsSentence(f)).toBe('If it fails, 2 components (a and b) and 1 entry point (lb) fail with it.');
    expect(dependsSentence({ ...f, kind: 'blast-radius-grown' })).toContain('(blast radius 0 -> 3)');
  });
});
