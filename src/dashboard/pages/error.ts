import type { PageContext } from './context.js';
import { html } from './html.js';
import { layout } from './layout.js';
import { dashboardPaths } from './paths.js';

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Sign-in needed',
  403: 'Not allowed',
  404: 'Not found',
  500: 'Something went wrong',
  503: 'Unavailable',
};

/**
 * An error page. A change out of the viewer's scope gets the same 404 as one that does not exist,
 * so the page tells nothing about repositories the viewer cannot see.
 */
export function renderError(status: number, message: string, ctx: PageContext): string {
  const title = TITLES[status] ?? `Error ${status}`;
  const body = html`<p>${message}</p>
<p><a href="${ctx.viewer ? dashboardPaths.overview : dashboardPaths.signIn}">${ctx.viewer ? 'Back to the overview' : 'Sign in'}</a></p>`;
  return layout(ctx, title, 'none', body);
}
