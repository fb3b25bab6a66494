import type { ChangeDetail, FindingView, TimelineEvent } from '../../store/dashboard/types.js';
import type { PageContext } from './context.js';
import { checkRunUrl, lineUrl, pullUrl } from './github-links.js';
import { graphSection } from './graph-section.js';
import { html, type Html } from './html.js';
import { layout } from './layout.js';
import { STATUS_LABEL, acceptanceText, severityBadge, severityCounts, statusBadge, time } from './parts.js';

function list(xs: readonly string[]): string {
  return xs.length === 0 ? 'none' : xs.join(', ');
}

function findingBlock(ctx: PageContext, d: ChangeDetail, f: FindingView, i: number): Html {
  const c = d.change;
  const where = lineUrl(ctx.githubUrl, c.owner, c.repo, c.headSha, f.file, f.line);
  return html`<article class="finding" aria-labelledby="f${i}">
<h3 id="f${i}">${severityBadge(f.severity)} ${f.title}</h3>
<dl class="grid2">
<div><dt>State</dt><dd>${statusBadge(f.state)}</dd></div>
<div><dt>Kind and rule</dt><dd>${f.kind} · ${f.rule}</dd></div>
<div><dt>Component</dt><dd>${f.componentId} <span class="muted">(stack ${f.stack})</span></dd></div>
<div><dt>Where</dt><dd><a href="${where}">${f.file}${f.line > 0 ? `:${f.line}` : ''}</a></dd></div>
<div><dt>Owners (CODEOWNERS)</dt><dd>${list(f.teams)}</dd></div>
</dl>
${
  f.body
    ? html`<details><summary>What the PR was told</summary><pre>${f.body}</pre></details>`
    : html`<p class="muted">The text the PR got is not stored for this review.</p>`
}
</article>`;
}

function fingerprints(fps: readonly string[]): string {
  return fps.map((f) => f.slice(0, 12)).join(', ');
}

function timelineItem(e: TimelineEvent): Html {
  switch (e.type) {
    case 'reviewed':
      return html`<li>${time(e.at)} — reviewed <code>${e.headSha.slice(0, 12)}</code> (${e.conclusion})${
        e.appeared.length > 0 ? html`; ${e.appeared.length} finding${e.appeared.length === 1 ? '' : 's'} appeared` : ''
      }${e.resolved.length > 0 ? html`; ${e.resolved.length} resolved` : ''}</li>`;
    case 'accepted':
    case 'refused':
    case 'revoked': {
      const what = e.type === 'accepted' ? 'accepted by' : e.type === 'refused' ? 'acceptance refused, asked by' : 'acceptance revoked by';
      return html`<li>${time(e.at)} — ${what} @${e.actor}${e.reason ? html`: “${e.reason}”` : ''}${
        e.expiresAt ? html` (until ${time(e.expiresAt)})` : ''
      }${e.fingerprints.length > 0 ? html` <span class="muted">[${fingerprints(e.fingerprints)}]</span>` : ''}</li>`;
    }
    case 'closed':
      return html`<li>${time(e.at)} — closed: ${STATUS_LABEL[e.outcome]}${e.mergeSha ? html` (merge <code>${e.mergeSha.slice(0, 12)}</code>)` : ''}</li>`;
  }
}

/** One PR: its findings with the text it got, what happened to it, and the affected graph. */
export function renderChange(d: ChangeDetail, ctx: PageContext): string {
  const c = d.change;
  const pr = pullUrl(ctx.githubUrl, c.owner, c.repo, c.prNumber);
  const body = html`
<dl class="grid2">
<div><dt>Status</dt><dd>${statusBadge(c.status)}${acceptanceText(c)}</dd></div>
<div><dt>Findings</dt><dd>${severityCounts(c.counts)}</dd></div>
<div><dt>On GitHub</dt><dd><a href="${pr}">Pull request #${c.prNumber}</a>${
    c.checkRunId !== null ? html` · <a href="${checkRunUrl(ctx.githubUrl, c.owner, c.repo, c.checkRunId)}">Check run</a>` : ''
  }</dd></div>
<div><dt>Head</dt><dd><code>${c.headSha.slice(0, 12)}</code></dd></div>
<div><dt>First flagged</dt><dd>${time(c.firstFlaggedAt)}</dd></div>
<div><dt>Last reviewed</dt><dd>${time(c.lastReviewedAt)}</dd></div>
${c.closedAt ? html`<div><dt>Closed</dt><dd>${time(c.closedAt)}</dd></div>` : ''}
<div><dt>Teams</dt><dd>${list(c.teams)}</dd></div>
</dl>
<section aria-labelledby="findings-h">
<h2 id="findings-h">Findings (${d.findings.length})</h2>
${d.findings.length === 0 ? html`<p class="empty">No findings stored.</p>` : d.findings.map((f, i) => findingBlock(ctx, d, f, i))}
</section>
<section aria-labelledby="timeline-h">
<h2 id="timeline-h">Timeline</h2>
${d.timeline.length === 0 ? html`<p class="empty">Nothing recorded.</p>` : html`<ol class="timeline">${d.timeline.map(timelineItem)}</ol>`}
</section>
<section aria-labelledby="graph-h">
<h2 id="graph-h">Affected part of the graph</h2>
${graphSection(d.graph, {
  id: 'graph',
  caption: 'Components affected and what they need',
  title: 'Affected part of the dependency graph',
  missing: 'No graph is stored for this review (it is drawn only when the affected part is small).',
})}
</section>`;
  return layout(ctx, `${c.owner}/${c.repo}#${c.prNumber}`, 'changes', body);
}
