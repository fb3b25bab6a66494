import { describe, expect, it } from 'vitest';
import { mdCode, mdEscape, renderInventoryMarkdown, renderMarkdown } from '../../src/report/markdown.js';
import { finding, review, sampleInventory, sampleReview } from './sample.js';

describe('renderMarkdown', () => {
  const out = renderMarkdown(sampleReview());

  it('has a heading, counts and a findings table of open findings', () => {
    expect(out).toMatch(/^## SPOF review: ❌ failure\n/);
    // Zero counts say nothing.
    expect(out).toContain('**1 new SPOF** · 1 redundancy reduced · 1 resolved —');
    expect(out).not.toContain('0 blast radius grown');
    expect(out).toContain('| Severity | Finding | Component | Location | Blast radius |');
    expect(out).toContain('| 🔴 critical | New single point of failure: aws\\_db\\_instance.main | `aws_db_instance.main` | `infra/database.tf:12` | 0 → 3 |');
  });

  it('has one collapsible section per open finding with the three sentences', () => {
    expect(out.match(/<details><summary>🔴 <b>CRITICAL<\/b>/g)).toHaveLength(1);
    expect(out).toContain('**What fails:**');
    expect(out).toContain('**Depends on it:** If it fails, 2 components');
    expect(out).toContain('**Fix:** Apply the suggestion below, or accept the risk.');
    expect(out).not.toContain('see the suggested edit');
    expect(out).toContain('| `infra/database.tf:18` | `multi_az` | `true` | `false` |');
    expect(out).toContain('```hcl\n  multi_az = true\n```');
    expect(out).toContain('- Recovery: RTO 1-2 min → hours, RPO 0 → up to 24h');
  });

  it('collapses resolved SPOFs and diagnostics', () => {
    expect(out).toContain('<details><summary>✅ Resolved: 1 single point of failure</summary>');
    expect(out).toContain('<details><summary>⚠️ 1 diagnostic</summary>');
    expect(out).toContain('| error | `infra/broken.tf:3` | Invalid block definition |');
  });

  it('links locations when given a link function', () => {
    const linked = renderMarkdown(sampleReview(), { link: (f, l) => `https://example.test/blob/sha/${f}#L${l}` });
    expect(linked).toContain('[`infra/database.tf:12`](https://example.test/blob/sha/infra/database.tf#L12)');
  });

  it('escapes hostile text: no HTML, no broken tables, no broken code spans', () => {
    const f = finding({
      title: 'x <img src=x onerror=alert(1)> | y',
      message: '**bold** <script>',
      component: { id: 'a|b`c', type: 't', format: 'terraform', stack: '.' },
    });
    const md = renderMarkdown(review([f]));
    expect(md).not.toContain('<img');
    expect(md).not.toContain('<script>');
    expect(md).toContain('x &lt;img src=x onerror=alert(1)&gt; \\| y');
    expect(md).toContain('``a\\|b`c``');
    expect(mdEscape('a*b_c')).toBe('a\\*b\\_c');
    expect(mdCode('`x`')).toBe('`` `x` ``');
  });

  it('stays under maxLength and says what it left out', () => {
    const many = review(Array.from({ length: 40 }, (_, i) => finding({ fingerprint: `f${i}`, component: { id: `c${i}`, type: 't', format: 'terraform', stack: '.' } })));
    const md = renderMarkdown(many, { maxLength: 8000 });
    expect(md.length).toBeLessThan(9000);
    expect(md).toMatch(/_\d+ more findings? not shown here/);
  });

  it('says so when nothing changed', () => {
    expect(renderMarkdown(review([], { diagnostics: [] }))).toContain('No single point of failure introduced or changed');
  });
});

describe('renderInventoryMarkdown', () => {
  it('tables the SPOFs', () => {
    const md = renderInventoryMarkdown(sampleInventory());
    expect(md).toContain('1 single point of failure in 4 components (4 files).');
    expect(md).toContain('| 🔴 critical | `aws_db_instance.main` | `aws_db_instance` | instance | `db.tf:3` | 1 | 1 |');
  });
});
