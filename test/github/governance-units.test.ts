import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/github/governance/command.js';
import { outcomesOf } from '../../src/github/governance/outcomes.js';
import type { StoredFinding } from '../../src/store/types.js';
import { finding, sampleReview } from '../store/fixtures.js';

describe('the /spof-review accept command', () => {
  it('opens a line of its own; the reason is the rest of the line and the lines after', () => {
    expect(parseCommand('/spof-review accept the standby returns in INFRA-42')).toEqual({ verb: 'accept', reason: 'the standby returns in INFRA-42' });
    expect(parseCommand('LGTM.\n\n  /SPOF-Review Accept\r\nsingle AZ is fine for the beta\r\nuntil March')).toEqual({ verb: 'accept', reason: 'single AZ is fine for the beta\nuntil March' });
    expect(parseCommand('/spof-review accept')).toEqual({ verb: 'accept', reason: null });
    expect(parseCommand('/spof-review accept   \n')).toEqual({ verb: 'accept', reason: null });
  });

  it('is not a command inside a sentence, a code block or with another verb', () => {
    expect(parseCommand('please /spof-review accept this')).toBeUndefined();
    expect(parseCommand('```\n/spof-review accept quoted\n```')).toBeUndefined();
    expect(parseCommand('~~~\n/spof-review accept quoted\n~~~\n')).toBeUndefined();
    expect(parseCommand('/spof-review acceptance is great')).toBeUndefined();
    expect(parseCommand('/spof-review revoke')).toBeUndefined();
    expect(parseCommand('')).toBeUndefined();
  });
});

describe('finding outcomes of a closed pull request', () => {
  const stored = (fingerprint: string, kind: StoredFinding['kind'] = 'new-spof'): StoredFinding => ({
    reviewId: 1, fingerprint, kind, severity: 'high', rule: 'r', componentId: `c-${fingerprint}`, stack: '.', file: 'main.tf', line: 1, title: `t-${fingerprint}`,
  });
  const pull = { headSha: 'a'.repeat(40), mergeSha: 'm'.repeat(40), closedAt: new Date('2026-12-01T00:00:00Z') };
  const latest = sampleReview([
    finding({ fingerprint: 'open' }),
    finding({ fingerprint: 'ignored', suppressed: 'config ignore: dev databases are disposable' }),
    finding({ fingerprint: 'resolved', kind: 'resolved-spof' }),
  ]);
  const seen = [stored('open'), stored('fixed'), stored('ignored'), stored('gone-resolved', 'resolved-spof'), stored('fixed')];

  it('merged: open ones merged with risk (accepted or not), earlier ones fixed before merge, suppressed and resolved ones left out', () => {
    const rows = outcomesOf(latest, seen, new Set(['open']), { ...pull, merged: true });
    expect(rows.map((r) => [r.fingerprint, r.outcome, r.accepted, r.mergeSha])).toEqual([
      ['open', 'merged-with-risk', true, 'm'.repeat(40)],
      ['fixed', 'fixed-before-merge', false, 'm'.repeat(40)],
    ]);
    expect(rows[1]).toMatchObject({ componentId: 'c-fixed', title: 't-fixed', severity: 'high', headSha: pull.headSha, closedAt: pull.closedAt });
  });

  it('closed unmerged: every finding it carried is abandoned, with no merge commit', () => {
    const rows = outcomesOf(latest, seen, new Set(), { ...pull, merged: false });
    expect(rows.map((r) => [r.fingerprint, r.outcome, r.mergeSha])).toEqual([['open', 'abandoned', null], ['fixed', 'abandoned', null]]);
  });
});
