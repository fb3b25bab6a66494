import type { PageContext } from './context.js';
import { html } from './html.js';
import { layout } from './layout.js';

export interface SignInOptions {
  /** Where the "Sign in with GitHub" link starts the OAuth flow (the app builds it with its state). */
  startUrl: string;
  /** Why the user is here again (the session expired, GitHub refused), shown as is, escaped. */
  message?: string;
}

export function renderSignIn(options: SignInOptions, ctx: PageContext): string {
  const body = html`<div class="signin">
${options.message ? html`<p class="notice" role="alert">${options.message}</p>` : ''}
<p>The dashboard shows the flagged changes, accepted risks and default-branch SPOFs of the
repositories you can see on GitHub through this app's installations, and nothing else.</p>
<p><a class="button" href="${options.startUrl}">Sign in with GitHub</a></p>
</div>`;
  return layout(ctx, 'Sign in', 'none', body);
}
