import type { PageContext } from './context.js';
import { html, type Html, type Part } from './html.js';
import { CSRF_FIELD, dashboardPaths } from './paths.js';
import { STYLESHEET_PATH } from './static.js';

export type Section = 'overview' | 'changes' | 'teams' | 'inventory' | 'trends' | 'risks' | 'none';

const NAV: { section: Section; label: string; href: string }[] = [
  { section: 'overview', label: 'Overview', href: dashboardPaths.overview },
  { section: 'changes', label: 'Flagged changes', href: dashboardPaths.changes },
  { section: 'teams', label: 'Teams', href: dashboardPaths.teams },
  { section: 'inventory', label: 'Inventory', href: dashboardPaths.inventory },
  { section: 'trends', label: 'Trends', href: dashboardPaths.trends },
  { section: 'risks', label: 'Risk register', href: dashboardPaths.risks },
];

function problemNotice(problems: readonly string[]): Html | '' {
  if (problems.length === 0) return '';
  return html`<div class="notice" role="alert"><p>Some filters were ignored:</p><ul>${problems.map((p) => html`<li>${p}</li>`)}</ul></div>`;
}

/**
 * The page shell: skip link, banner with the navigation and who is signed in, one `main`. No
 * inline script or style anywhere, so the CSP can allow only 'self'.
 */
export function layout(ctx: PageContext, title: string, section: Section, body: Part): string {
  const viewer = ctx.viewer;
  const nav: Html | '' = viewer
    ? html`<nav aria-label="Dashboard"><ul>${NAV.map(
        (n) => html`<li><a href="${n.href}"${n.section === section ? html` aria-current="page"` : ''}>${n.label}</a></li>`,
      )}</ul></nav>`
    : '';
  const who: Html | '' = viewer
    ? html`<form class="signout" method="post" action="${dashboardPaths.signOut}">
<span>Signed in as <strong>${viewer.login}</strong></span>
<input type="hidden" name="${CSRF_FIELD}" value="${ctx.csrfToken ?? ''}">
<button type="submit">Sign out</button>
</form>`
    : '';
  return `<!doctype html>\n${html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · spof-review</title>
<link rel="stylesheet" href="${STYLESHEET_PATH}">
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="banner">
<p class="brand"><a href="${dashboardPaths.overview}">spof-review</a></p>
${nav}
${who}
</header>
<main id="main">
<h1>${title}</h1>
${problemNotice(ctx.problems ?? [])}
${body}
</main>
</body>
</html>`.value}\n`;
}
