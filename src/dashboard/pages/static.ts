import { DASHBOARD_CSS } from './static/dashboard-css.js';
import { dashboardPaths } from './paths.js';

export const STYLESHEET_PATH = `${dashboardPaths.static}/dashboard.css`;

/**
 * The files served under `/dashboard/static/`, by name. Kept in code (not copied beside `dist/`)
 * so the built app and the tests serve the same bytes.
 */
export const staticAssets: ReadonlyMap<string, { contentType: string; body: string }> = new Map([
  ['dashboard.css', { contentType: 'text/css; charset=utf-8', body: DASHBOARD_CSS }],
]);
