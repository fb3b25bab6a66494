/**
 * The dashboard's pages: pure functions from query results and a `PageContext` to an HTML
 * document. The app (authentication, routes) calls them; they do no I/O.
 */
export type { PageContext } from './context.js';
export { renderOverview } from './overview.js';
export { renderChanges } from './changes.js';
export { renderChange } from './change.js';
export { renderTeams } from './teams.js';
export { renderInventory } from './inventory.js';
export { renderTrends } from './trends.js';
export { renderRiskRegister } from './risk-register.js';
export { renderSignIn, type SignInOptions } from './sign-in.js';
export { renderError } from './error.js';
export { dashboardPaths, changePath, CSRF_FIELD } from './paths.js';
export { staticAssets, STYLESHEET_PATH } from './static.js';
export { escapeHtml } from './html.js';
export { checkRunUrl, lineUrl, pullUrl } from './github-links.js';
