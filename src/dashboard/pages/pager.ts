import type { PageContext } from './context.js';
import { html, type Html } from './html.js';

/** The query without paging (cursor, limit) or format: what "Download CSV" and the page links build on. */
export function filterParams(url: URL, keep: readonly string[] = []): URLSearchParams {
  const out = new URLSearchParams();
  for (const [k, v] of url.searchParams) {
    if ((['cursor', 'format', 'limit'].includes(k) && !keep.includes(k)) || v.trim() === '') continue;
    out.append(k, v);
  }
  return out;
}

/** "First page" (once past it) and "Next page" links of a keyset-paged list at `path`; the limit asked for is kept. */
export function pager(ctx: PageContext, path: string, nextCursor: string | undefined): Html {
  const params = filterParams(ctx.url, ['limit']);
  const qs = params.toString();
  const next = new URLSearchParams(params);
  if (nextCursor) next.set('cursor', nextCursor);
  return html`<nav class="pager" aria-label="Pages">
${ctx.url.searchParams.has('cursor') ? html`<a href="${path}${qs ? `?${qs}` : ''}">First page</a>` : ''}
${nextCursor ? html`<a href="${path}?${next.toString()}" rel="next">Next page</a>` : ''}
</nav>`;
}
